// Benchmarks: `npm run bench` (all) or `npx tsx tests/bench/run.ts --only NAME`.
// Each bench prints a table and writes bench-results/<name>.json; bench-results/summary.json collects the
// headline figures. No timed assertions: the figures are for reading and comparing, not for failing a build.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, platform } from 'node:os';
import { join } from 'node:path';
import { RESULTS_DIR, ensureRendererBuilt, runAllCleanups, writeResult, type BenchOutcome } from './common';
import { benchDecodeHard } from './decode-hard';
import { benchDryRunSearch } from './dry-run-search';
import { runDecodeFrame } from './decode-frame';
import { benchExport } from './export';
import { benchImport } from './import';
import { runIdleCpu } from './idle-cpu';
import { runScanLatency } from './scan-latency';
import { benchSearch } from './search';
import { benchSearchScreen } from './search-screen';
import { benchStations } from './stations';

interface Bench {
  run: () => Promise<BenchOutcome>;
  needsBrowser: boolean;
  about: string;
}

const BENCHES: Record<string, Bench> = {
  'scan-latency': { run: runScanLatency, needsBrowser: true, about: 'QR code in view -> result on screen, 640x480 and 1280x720' },
  'idle-cpu': { run: runIdleCpu, needsBrowser: true, about: 'CPU of Chromium and station with the camera seeing nothing' },
  'decode-frame': { run: runDecodeFrame, needsBrowser: false, about: 'decodeFrame() in Node, with and without a code' },
  'decode-hard': { run: benchDecodeHard, needsBrowser: false, about: 'hard images: decodeFrame vs plain zxing QRCodeReader' },
  search: { run: benchSearch, needsBrowser: false, about: 'front-desk search on 100 000 registrations' },
  'search-screen': { run: benchSearchScreen, needsBrowser: true, about: 'front-desk search in Chromium: key typed -> hits painted, 100 000 registrations' },
  import: { run: async () => { const result = await benchImport(); return { result, summary: (result as { goals?: unknown }).goals ?? null }; }, needsBrowser: false, about: 'registration list import: 100 000 rows CSV/XLSX, re-syncs, sqlite3 .import floor' },
  'dry-run-search': { run: benchDryRunSearch, needsBrowser: false, about: 'search in a dry run of 100 000 new people, keystroke by keystroke' },
  stations: { run: benchStations, needsBrowser: false, about: 'five stations x 2000 offline check-ins: catch-up after the hub returns; steady-state delay' },
  export: { run: benchExport, needsBrowser: false, about: 'exports of 10 000 people / 100 000 check-ins, 500 certificates' },
};

function usage(): string {
  return [
    'usage: npx tsx tests/bench/run.ts [--only NAME]',
    '',
    ...Object.entries(BENCHES).map(([name, b]) => `  ${name.padEnd(14)} ${b.about}`),
  ].join('\n');
}

function parseArgs(argv: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(usage());
      process.exit(0);
    } else if (arg === '--only') {
      const name = argv[++i];
      if (!name) throw new Error(`--only needs a bench name\n\n${usage()}`);
      names.push(name);
    } else if (arg.startsWith('--only=')) {
      names.push(arg.slice('--only='.length));
    } else {
      throw new Error(`unknown argument ${arg}\n\n${usage()}`);
    }
  }
  for (const name of names) if (!BENCHES[name]) throw new Error(`unknown bench "${name}"\n\n${usage()}`);
  return names.length > 0 ? names : Object.keys(BENCHES);
}

async function main(): Promise<number> {
  const selected = parseArgs(process.argv.slice(2));
  if (platform() !== 'linux') console.warn('warning: idle-cpu reads /proc and needs Linux');

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up ...`);
    void runAllCleanups().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = Date.now();
  if (selected.some((name) => BENCHES[name]!.needsBrowser)) ensureRendererBuilt();

  // The summary is updated, not replaced: entries of benches not run now (--only, or written by other tools)
  // stay, each with its own timestamp.
  const summaryFile = join(RESULTS_DIR, 'summary.json');
  let previous: Record<string, unknown> = {};
  try {
    if (existsSync(summaryFile)) {
      previous = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { benches?: Record<string, unknown> }).benches ?? {};
    }
  } catch {
    console.warn(`${summaryFile} is not valid JSON: starting a new one`);
  }
  const benches: Record<string, unknown> = { ...previous };
  let failed = 0;

  for (const name of selected) {
    console.log(`\n=== ${name} ===`);
    const t = Date.now();
    const loadBefore = loadavg()[0]!;
    try {
      const outcome = await BENCHES[name]!.run();
      const file = writeResult(name, outcome.result);
      const seconds = Math.round((Date.now() - t) / 100) / 10;
      benches[name] = {
        at: new Date().toISOString(), seconds, file, loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
        ...(outcome.summary as object),
      };
      console.log(`  -> ${file} (${seconds} s)`);
    } catch (err) {
      failed++;
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`  ${name} failed: ${message}`);
      benches[name] = { at: new Date().toISOString(), error: err instanceof Error ? err.message : String(err) };
    } finally {
      await runAllCleanups(); // Anything a failed bench left behind.
    }
  }

  const summary = {
    at: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    ran: selected,
    host: { platform: platform(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, node: process.version },
    benches,
  };
  console.log(`\n  -> ${writeResult('summary', summary)} (all: ${summary.seconds} s)`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await runAllCleanups();
    process.exit(2);
  },
);
