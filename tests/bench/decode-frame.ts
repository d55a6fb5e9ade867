// decodeFrame in Node, for reference: the pure decoder the scanner worker runs, without browser, canvas or worker.
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { decodeFrame, decodeFrameDetailed } from '../../electron/core/qr/decode-frame';
import { blankFrame, grayToRgba, renderQrGray } from '../helpers/qr-image';
import { fmt, printTable, roundStats, stats, type BenchOutcome } from './common';

const WARMUP = 5;
const RUNS = 30;

const SIZES = [
  { width: 640, height: 480, note: '' },
  { width: 1280, height: 720, note: '' },
  // What the scanner worker actually gets from a 1280x720 camera (scaled to at most 960 px wide).
  { width: 960, height: 540, note: 'as the worker sees 1280x720' },
];

function timeDecode(rgba: Uint8ClampedArray, width: number, height: number): number[] {
  for (let i = 0; i < WARMUP; i++) decodeFrame(rgba, width, height);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    decodeFrame(rgba, width, height);
    ms.push(performance.now() - t);
  }
  return ms;
}

export async function runDecodeFrame(): Promise<BenchOutcome> {
  const code = buildDemoEvent().registrations.find((r) => r.status === 'registered')!.code;
  const rows = [];
  for (const { width, height, note } of SIZES) {
    // The same frames as the e2e camera videos: textured background, code centred, modules height/60 px.
    const empty = blankFrame(width, height, 190, { noise: 6, seed: 7 });
    const withCode = renderQrGray(code, { width, height, moduleSize: Math.floor(height / 60), base: empty });
    for (const [kind, gray] of [['with code', withCode], ['no code', empty]] as const) {
      const rgba = grayToRgba(gray, width, height);
      const report = decodeFrameDetailed(rgba, width, height);
      const ms = stats(timeDecode(rgba, width, height))!;
      rows.push({
        resolution: `${width}x${height}`, note, frame: kind, decoded: report.text, attemptsTried: report.tried,
        ms: roundStats(ms, 2)!,
      });
    }
  }

  printTable(
    `decodeFrame in Node ${process.version}: ms per frame (${RUNS} runs after ${WARMUP} warm-ups, default 60 ms budget)`,
    ['resolution', 'frame', 'median', 'p95', 'min', 'max', 'result', 'attempts tried'],
    rows.map((r) => [
      `${r.resolution}${r.note ? ` (${r.note})` : ''}`, r.frame, fmt(r.ms.median, 2), fmt(r.ms.p95, 2), fmt(r.ms.min, 2),
      fmt(r.ms.max, 2), r.decoded ?? '–', r.attemptsTried.join(', '),
    ]),
  );
  const bad = rows.filter((r) => (r.frame === 'with code') !== (r.decoded === code));
  if (bad.length > 0) console.log(`  note: unexpected decode result for ${bad.map((r) => `${r.resolution} ${r.frame}`).join(', ')}`);

  const result = {
    bench: 'decode-frame',
    at: new Date().toISOString(),
    node: process.version,
    method: `decodeFrame() from electron/core/qr/decode-frame.ts on RGBA frames from tests/helpers/qr-image.ts (blankFrame 190 ±6 noise; renderQrGray of ${code} centred, module size height/60); ${WARMUP} warm-up calls, then ${RUNS} timed calls with performance.now(). "attemptsTried" is from one extra decodeFrameDetailed() call.`,
    code,
    rows,
  };
  const summary = Object.fromEntries(
    rows.map((r) => [`${r.resolution} ${r.frame}`, { medianMs: r.ms.median, p95Ms: r.ms.p95 }]),
  );
  return { result, summary: { ...summary, unit: 'ms per frame', node: process.version, runs: RUNS } };
}
