// Shared plumbing of the benchmarks: results on disk, tables on the console, cleanup that also runs on Ctrl-C,
// and the "station + Chromium with a fake camera + demo event on the front desk" setup the browser benches share.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launchWithCamera } from '../e2e/support/browser';
import { startStation, type RunningStation } from '../e2e/support/station';
import { findProcessRoots, findProcessTree } from './proc-cpu';

export const RESULTS_DIR = 'bench-results';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: every resource registers an undo step; finally-blocks run it, and so does Ctrl-C / SIGTERM.

const cleanups = new Set<() => Promise<void> | void>();

/** Registers `undo` and returns a function that runs it once (and unregisters it). */
export function deferCleanup(undo: () => Promise<void> | void): () => Promise<void> {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.delete(run);
    try {
      await undo();
    } catch (err) {
      console.error('cleanup failed:', err instanceof Error ? err.message : err);
    }
  };
  cleanups.add(run);
  return run;
}

export async function runAllCleanups(): Promise<void> {
  // Newest first, like nested finally-blocks.
  for (const run of [...cleanups].reverse()) await run();
}

// ---------------------------------------------------------------------------------------------------------------
// Resources.

export interface TempDir {
  dir: string;
  remove: () => Promise<void>;
}

export function benchTempDir(name: string): TempDir {
  const dir = mkdtempSync(join(tmpdir(), `einlass-bench-${name}-`));
  return { dir, remove: deferCleanup(() => rmSync(dir, { recursive: true, force: true })) };
}

export interface BenchStation {
  station: RunningStation;
  /** The exact --data-dir argument: identifies the station's processes (npx, tsx, node) in /proc. */
  dataDir: string;
  stop: () => Promise<void>;
}

/** A station server of its own on `dataDir` (created), stopped by the returned stop() or by the cleanup. */
export async function startBenchStation(dataDir: string): Promise<BenchStation> {
  mkdirSync(dataDir, { recursive: true });
  const station = await startStation(['--data-dir', dataDir]);
  const stop = deferCleanup(async () => {
    await Promise.race([station.stop(), sleep(5000)]);
    // SIGTERM reaches only npx, which exits without passing it on: tsx and the server (node) live on as orphans.
    // So the rest of the tree gets its own SIGTERM (to the topmost process; tsx relays it to node, and the
    // server closes the event file cleanly), and a SIGKILL if it is still there after 5 s.
    const isStation = (argv: string[]) => argv.includes(dataDir);
    signalAll(findProcessRoots(isStation), 'SIGTERM');
    for (let i = 0; i < 50 && findProcessTree(isStation).length > 0; i++) await sleep(100);
    const left = findProcessTree(isStation);
    if (left.length > 0) console.warn(`  station processes ${left.join(', ')} ignored SIGTERM: killing them`);
    signalAll(left, 'SIGKILL');
  });
  return { station, dataDir, stop };
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export interface BenchBrowser {
  browser: Browser;
  page: Page;
  /** The exact Chromium argument naming the fake video: identifies this browser's processes in /proc. */
  videoArg: string;
  close: () => Promise<void>;
}

/** Chromium with `video` as its webcam, one page at 1366x768 with `initScript` (if any) installed. */
export async function launchBenchBrowser(video: string, initScript?: string): Promise<BenchBrowser> {
  const browser = await launchWithCamera(video);
  const close = deferCleanup(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
  page.on('pageerror', (err) => console.error('  page error:', err.message));
  if (initScript) await page.addInitScript(initScript);
  return { browser, page, videoArg: `--use-file-for-fake-video-capture=${video}`, close };
}

/** Opens the app, creates the demo event through its start screen and waits for the camera on the front desk. */
export async function openDemoFrontDesk(page: Page, station: RunningStation): Promise<void> {
  await page.goto(station.openUrl);
  await page.getByRole('button', { name: 'Demo-Veranstaltung öffnen' }).click({ timeout: 30_000 });
  await page.locator('[data-testid="camera-state"][data-state="ready"]').waitFor({ timeout: 30_000 });
}

// ---------------------------------------------------------------------------------------------------------------
// The UI build the station serves.

export function ensureRendererBuilt(): void {
  if (existsSync('out/renderer/index.html')) return;
  console.log('out/renderer/index.html is missing: building the UI (npx electron-vite build) ...');
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}

// ---------------------------------------------------------------------------------------------------------------
// Figures.

export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Median (average of the middle two), p95 by nearest rank; null for no values. */
export function stats(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
  return { n: s.length, median, p95, min: s[0]!, max: s.at(-1)!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function roundStats(s: Stats | null, digits = 1): Stats | null {
  if (!s) return null;
  return {
    n: s.n, median: round(s.median, digits), p95: round(s.p95, digits), min: round(s.min, digits),
    max: round(s.max, digits), mean: round(s.mean, digits),
  };
}

export function fmt(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

/** Prints a plain-text table with right-aligned numbers (columns after the first). */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

export function writeResult(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** What every bench returns: the full record for its own JSON file and the headline figures for the summary. */
export interface BenchOutcome {
  result: unknown;
  summary: unknown;
}
