// Frame -> QR text. Pure module: no Node, DOM or Electron APIs, because the scanner Web Worker bundles it and
// Node tests/benchmarks run it on rendered images (see ARCHITECTURE.md, "Scanning").
import { buildAttempts, runAttempt, type Attempt, type AttemptName } from './attempts.js';
import { rgbaToLuminance, type GrayImage } from './luminance.js';

export { rgbaToLuminance };
export type { AttemptName };

export interface DecodeOptions {
  /** Time budget per frame in ms, default 60. The first attempt always runs; fallbacks only while budget is left. */
  budgetMs?: number;
  /**
   * For a live camera: the number of this frame in the stream. Each frame then runs the first attempt and ONE of
   * the fallbacks, taking turns, instead of all of them: a code held in view meets every fallback within a few
   * frames, and a camera with nothing in view costs a third as much.
   */
  liveFrame?: number;
}

/** What decodeFrameDetailed did, for benchmarks and diagnostics. */
export interface DecodeReport {
  text: string | null;
  /** The attempt that produced `text`, null if none did. */
  attempt: AttemptName | null;
  /** Attempts actually run, in order (skipped ones are not listed). */
  tried: AttemptName[];
  ms: number;
}

const DEFAULT_BUDGET_MS = 60;

const now: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? () => performance.now()
    : () => Date.now();

/**
 * Decodes one camera frame (RGBA, 4 bytes per pixel, e.g. ImageData.data) and returns the text of the first QR
 * code found, or null. Never throws: invalid sizes or buffers yield null as well, because a scanner loop must
 * keep running whatever a camera driver hands it.
 */
export function decodeFrame(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  options: DecodeOptions = {},
): string | null {
  return decodeFrameDetailed(rgba, width, height, options).text;
}

/** Same as decodeFrame, but also reports which attempts ran and how long the frame took. */
export function decodeFrameDetailed(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  options: DecodeOptions = {},
): DecodeReport {
  const start = now();
  const report: DecodeReport = { text: null, attempt: null, tried: [], ms: 0 };
  try {
    if (isValidFrame(rgba, width, height)) {
      const full: GrayImage = { data: rgbaToLuminance(rgba, width, height), width, height };
      runWithinBudget(pickAttempts(buildAttempts(full), options.liveFrame), start, normaliseBudget(options?.budgetMs), report);
    }
  } catch {
    // Only reachable through a bug here or in zxing; a crashed scanner is worse than a missed frame.
    report.text = null;
    report.attempt = null;
  }
  report.ms = now() - start;
  return report;
}

function isValidFrame(rgba: unknown, width: number, height: number): rgba is Uint8ClampedArray | Uint8Array {
  if (!(rgba instanceof Uint8ClampedArray || rgba instanceof Uint8Array)) return false;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height)) return false;
  if (width <= 0 || height <= 0) return false;
  // Exact length: a mismatch means the caller mixed up dimensions or pixel format, so any decode would be of
  // a garbled image.
  return rgba.length === width * height * 4;
}

function normaliseBudget(budgetMs: unknown): number {
  if (typeof budgetMs !== 'number' || Number.isNaN(budgetMs)) return DEFAULT_BUDGET_MS;
  return Math.max(0, budgetMs);
}

function pickAttempts(attempts: Attempt[], liveFrame: number | undefined): Attempt[] {
  if (liveFrame === undefined || !Number.isSafeInteger(liveFrame) || attempts.length <= 2) return attempts;
  const fallbacks = attempts.length - 1;
  return [attempts[0]!, attempts[1 + (((liveFrame % fallbacks) + fallbacks) % fallbacks)]!];
}

function runWithinBudget(attempts: Attempt[], start: number, budget: number, report: DecodeReport): void {
  // Worst observed cost per pixel so far. zxing's decode is synchronous and cannot be interrupted, so an
  // attempt that would clearly overrun the budget is skipped up front instead of noticed afterwards.
  let msPerPixel = 0;
  for (let i = 0; i < attempts.length; i++) {
    const attempt = attempts[i]!;
    if (i > 0 && now() - start + msPerPixel * attempt.pixels >= budget) return;
    const before = now();
    report.tried.push(attempt.name);
    const text = runAttempt(attempt);
    if (text !== null) {
      report.text = text;
      report.attempt = attempt.name;
      return;
    }
    msPerPixel = Math.max(msPerPixel, (now() - before) / attempt.pixels);
  }
}
