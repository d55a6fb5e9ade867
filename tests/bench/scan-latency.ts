// Scan latency: from the video frame in which a QR code first appears to the result on screen, measured in
// Chromium with a fake camera against a real station server, at 640x480 and 1280x720.
import { join } from 'node:path';
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { blankFrame, createY4mWriter, qrMatrix, renderQrGray } from '../helpers/qr-image';
import {
  benchTempDir, fmt, launchBenchBrowser, openDemoFrontDesk, printTable, round, roundStats, sleep, startBenchStation,
  stats, type BenchOutcome,
} from './common';
import {
  LATENCY_PROBE, MARKER_SIZE, MARKER_THRESHOLD, PROBE_READOUT, type ProbeAppearance, type ProbeResult,
  type ProbeState,
} from './latency-probe';
import { hasArg, startCpuWindow, type CpuWindow } from './proc-cpu';

const FPS = 10;
interface Size {
  width: number;
  height: number;
}

/**
 * A video of `cycles` × [emptyS empty, codeS with the code of registration i], looped by Chromium until
 * 3 × cycles appearances were seen. With 1 s gaps the scanner stays at its active pace (a queue at the door);
 * with 4 s gaps it has dropped to its idle pace when each code appears (the first person after a quiet spell).
 */
interface Scenario {
  label: string;
  size: Size;
  cycles: number;
  emptyS: number;
  codeS: number;
}

const SCENARIOS: Scenario[] = [
  { label: 'queue', size: { width: 640, height: 480 }, cycles: 10, emptyS: 1, codeS: 1 },
  { label: 'queue', size: { width: 1280, height: 720 }, cycles: 10, emptyS: 1, codeS: 1 },
  { label: 'after idle', size: { width: 1280, height: 720 }, cycles: 4, emptyS: 4, codeS: 1 },
];
const MAX_RUN_MS = 110_000;

interface Pair {
  appearanceAt: number;
  resultAt: number | null;
  latencyMs: number | null;
  name: string | null;
  status: string | null;
  /** From the camera's capture time of the first frame with the code (if Chromium reports one). */
  fromCaptureMs: number | null;
}

/** Ten registered (not cancelled) people of the deterministic demo event, in video order. */
function pickCodes(count: number): { code: string; name: string }[] {
  return buildDemoEvent()
    .registrations.filter((r) => r.status === 'registered')
    .slice(0, count)
    .map((r) => ({ code: r.code, name: `${r.firstName} ${r.lastName}` }));
}

/**
 * K cycles of [1 s empty desk, 1 s QR code of person i]; every frame with a code has a black MARKER x MARKER
 * square in its top-left corner, the empty frames are the plain textured background there.
 */
function writeLatencyVideo(file: string, size: Size, codes: string[], sc: Scenario): void {
  const { width, height } = size;
  const moduleSize = Math.floor(height / 60); // as tests/e2e/support/videos.ts
  const empty = blankFrame(width, height, 190, { noise: 6, seed: 7 });
  const writer = createY4mWriter(file, { width, height, fps: FPS });
  try {
    for (const code of codes) {
      const box = Math.ceil((qrMatrix(code).size + 8) * moduleSize); // with the 4-module quiet zone each side
      if (Math.floor((width - box) / 2) < 2 * MARKER_SIZE || Math.floor((height - box) / 2) < 2 * MARKER_SIZE) {
        throw new Error(`QR code (${box}px) would overlap the marker corner at ${width}x${height}`);
      }
      const frame = renderQrGray(code, { width, height, moduleSize, base: empty });
      for (let y = 0; y < MARKER_SIZE; y++) frame.fill(0, y * width, y * width + MARKER_SIZE);
      for (let i = 0; i < sc.emptyS * FPS; i++) writer.writeFrame(empty);
      for (let i = 0; i < sc.codeS * FPS; i++) writer.writeFrame(frame);
    }
  } finally {
    writer.close();
  }
}

/** Each appearance with the first result after it and before the next appearance (or the end of the run). */
function pairUp(appearances: ProbeAppearance[], results: ProbeResult[], endAt: number): Pair[] {
  return appearances.map((a, i) => {
    const until = appearances[i + 1]?.at ?? endAt;
    const r = results.find((x) => x.at >= a.at && x.at < until) ?? null;
    return {
      appearanceAt: round(a.at, 2),
      resultAt: r ? round(r.at, 2) : null,
      latencyMs: r ? round(r.at - a.at, 2) : null,
      name: r?.name ?? null,
      status: r?.status ?? null,
      fromCaptureMs: r && a.captureTime !== null ? round(r.at - a.captureTime, 2) : null,
    };
  });
}

async function measureAt(root: string, sc: Scenario) {
  const { size } = sc;
  const people = pickCodes(sc.cycles);
  const TARGET_APPEARANCES = 3 * sc.cycles;
  // After the last awaited appearance: time for its result, still before the next appearance.
  const TAIL_MS = (sc.emptyS + sc.codeS) * 1000 - 100;
  const label = `${size.width}x${size.height} ${sc.label}`;
  const video = join(root, `latency-${size.width}x${size.height}-${sc.emptyS}s.y4m`);
  const t0 = performance.now();
  writeLatencyVideo(video, size, people.map((p) => p.code), sc);
  console.log(`  ${label}: video written (${sc.cycles * (sc.emptyS + sc.codeS) * FPS} frames, ${round((performance.now() - t0) / 1000, 1)} s)`);

  const station = await startBenchStation(join(root, `data-${label}`));
  try {
    const browser = await launchBenchBrowser(video, LATENCY_PROBE);
    try {
      const { page } = browser;
      await openDemoFrontDesk(page, station.station);
      const endCpu = startCpuWindow({ chromium: hasArg(browser.videoArg), station: hasArg(station.dataDir) });
      const started = Date.now();
      let state = (await page.evaluate(PROBE_READOUT)) as ProbeState;
      while (state.appearances.length < TARGET_APPEARANCES) {
        if (Date.now() - started > MAX_RUN_MS) {
          throw new Error(
            `only ${state.appearances.length} code appearances in ${MAX_RUN_MS / 1000} s ` +
              `(video frames seen: ${state.frames}, requestVideoFrameCallback: ${state.hasVideoFrameCallback}, errors: ${state.errors.join('; ')})`,
          );
        }
        await sleep(500);
        state = (await page.evaluate(PROBE_READOUT)) as ProbeState;
      }
      await sleep(TAIL_MS);
      const endAt = (await page.evaluate('performance.now()')) as number;
      state = (await page.evaluate(PROBE_READOUT)) as ProbeState;
      const runSeconds = (Date.now() - started) / 1000;
      const cpu = endCpu();
      const browserVersion = browser.browser.version();
      await browser.close();
      return { ...analyse(label, size, state, endAt, runSeconds, browserVersion, people), cpuDuringRun: cpuFigures(cpu) };
    } finally {
      await browser.close();
    }
  } finally {
    await station.stop();
  }
}

function cpuFigures(cpu: CpuWindow<'chromium' | 'station'>) {
  return {
    unit: '% of one core, over the whole measuring run',
    chromium: round(cpu.trees.chromium.percentOfOneCore, 1),
    station: round(cpu.trees.station.percentOfOneCore, 1),
    otherProcesses: cpu.otherProcessesPercent,
  };
}

function analyse(
  label: string, size: Size, state: ProbeState, endAt: number, runSeconds: number, browserVersion: string,
  people: { code: string; name: string }[],
) {
  const target = 3 * people.length;
  // Only the appearances awaited; a later one that slipped in during the tail is the end boundary instead.
  const appearances = state.appearances.slice(0, target);
  const boundary = state.appearances[target]?.at ?? endAt;
  const pairs = pairUp(appearances, state.results, boundary);
  const hits = pairs.filter((p) => p.latencyMs !== null);
  const latency = stats(hits.map((p) => p.latencyMs!));
  const fromCapture = stats(hits.filter((p) => p.fromCaptureMs !== null).map((p) => p.fromCaptureMs!));
  const captureToFrame = stats(
    appearances.filter((a) => a.captureTime !== null).map((a) => a.at - a.captureTime!),
  );
  const known = new Set(people.map((p) => p.name));
  const statusCounts: Record<string, number> = {};
  for (const p of hits) statusCounts[p.status ?? '?'] = (statusCounts[p.status ?? '?'] ?? 0) + 1;
  const latencyByStatus = Object.fromEntries(
    Object.keys(statusCounts).map((st) => [st, roundStats(stats(hits.filter((p) => p.status === st).map((p) => p.latencyMs!)))]),
  );
  const pairedResults = new Set(hits.map((p) => p.resultAt));
  const firstAt = appearances[0]?.at ?? 0;
  const unpairedResults = state.results
    .filter((r) => r.at >= firstAt && r.at < boundary && !pairedResults.has(round(r.at, 2)))
    .map((r) => ({ at: round(r.at, 2), name: r.name, status: r.status }));
  return {
    resolution: label,
    videoFile: size,
    videoAsDelivered: state.videoSize,
    decodedAt: state.videoSize
      ? `${Math.round(state.videoSize[0] * Math.min(1, 960 / state.videoSize[0]))}x${Math.round(state.videoSize[1] * Math.min(1, 960 / state.videoSize[0]))} (scanner scales to max 960 px wide)`
      : null,
    chromium: browserVersion,
    runSeconds: round(runSeconds, 1),
    appearances: appearances.length,
    measured: hits.length,
    misses: pairs.length - hits.length,
    latencyMs: roundStats(latency),
    statusCounts,
    latencyByStatusMs: latencyByStatus,
    unexpectedNames: hits.filter((p) => !known.has(p.name!)).map((p) => p.name),
    unpairedResults,
    fromCaptureTimeMs: roundStats(fromCapture),
    captureToPresentedFrameMs: roundStats(captureToFrame),
    videoFrames: {
      sampled: state.frames,
      intervalMs: roundStats(stats(state.frameIntervals)),
      maxFramesSkippedBetweenCallbacks: state.skippedFrames,
      framesSkippedTotal: state.skippedTotal,
      markerSampleCostMs: roundStats(stats(state.sampleMs), 3),
    },
    probeErrors: state.errors,
    pairs,
  };
}

export async function runScanLatency(): Promise<BenchOutcome> {
  const tmp = benchTempDir('scan');
  try {
    const runs = [];
    for (const sc of SCENARIOS) runs.push(await measureAt(tmp.dir, sc));

    printTable(
      'Scan latency: first video frame with a QR code -> result on screen (ms)',
      ['resolution', 'n', 'misses', 'median', 'p95', 'min', 'max', 'admitted: n, median', 'already: n, median', 'CPU % Chromium / other'],
      runs.map((r) => [
        `${r.resolution} (as ${r.videoAsDelivered?.join('x') ?? '?'})`, r.measured, r.misses, fmt(r.latencyMs?.median),
        fmt(r.latencyMs?.p95), fmt(r.latencyMs?.min), fmt(r.latencyMs?.max),
        `${r.statusCounts.admitted ?? 0}, ${fmt(r.latencyByStatusMs.admitted?.median)}`,
        `${r.statusCounts.already_checked_in ?? 0}, ${fmt(r.latencyByStatusMs.already_checked_in?.median)}`,
        `${fmt(r.cpuDuringRun.chromium, 0)} / ${fmt(r.cpuDuringRun.otherProcesses, 0)}`,
      ]),
    );
    for (const r of runs) {
      const notes = [
        `frames sampled ${r.videoFrames.sampled}, interval median ${fmt(r.videoFrames.intervalMs?.median)} ms`,
        `max ${r.videoFrames.maxFramesSkippedBetweenCallbacks} frame(s) presented without a callback`,
        `marker sampling ${fmt(r.videoFrames.markerSampleCostMs?.median, 1)} ms/frame`,
        `capture -> presented frame ${fmt(r.captureToPresentedFrameMs?.median)} ms`,
      ];
      if (r.unpairedResults.length > 0) notes.push(`${r.unpairedResults.length} result(s) not paired`);
      if (r.unexpectedNames.length > 0) notes.push(`unexpected names: ${r.unexpectedNames.join(', ')}`);
      if (r.probeErrors.length > 0) notes.push(`probe errors: ${r.probeErrors.join('; ')}`);
      console.log(`  ${r.resolution}: ${notes.join('; ')}`);
    }

    const result = {
      bench: 'scan-latency',
      at: new Date().toISOString(),
      method: [
        `Fake-camera Y4M at ${FPS} fps per scenario: ${SCENARIOS.map((sc) => `${sc.label} ${sc.size.width}x${sc.size.height}: ${sc.cycles} cycles of [${sc.emptyS} s empty, ${sc.codeS} s QR code of a different registered demo person]`).join('; ')}; looped by Chromium; each run waits for 3 loops of appearances, so later loops show "bereits eingecheckt".`,
        `Every frame with a code has a black ${MARKER_SIZE}x${MARKER_SIZE} square in its top-left corner (background ~190 elsewhere; the QR code with its quiet zone stays clear of it).`,
        `In the page, requestVideoFrameCallback on video[data-testid=camera-preview] draws that corner of every presented frame to a ${MARKER_SIZE}x${MARKER_SIZE} canvas and averages it (marker on below ${MARKER_THRESHOLD}); performance.now() at each empty->marker transition is the appearance time.`,
        'A MutationObserver on the document stamps performance.now() when [data-testid=scan-result] shows a new result (different name, or the panel reappeared) - right after the React commit, before the browser paints it.',
        'Each appearance is paired with the first result after it and before the next appearance; an appearance without one is a miss.',
        'The marker detection runs in the page on the main thread and adds its own small cost (see videoFrames.markerSampleCostMs); appearance times are quantised to presented frames (100 ms apart).',
        'fromCaptureTimeMs uses the frame metadata captureTime of the first frame with the code (when Chromium provides it): it adds the time from capture to presentation.',
        'cpuDuringRun: CPU of the Chromium and station process trees and of everything else on the machine over the run (/proc), to see whether other load skewed the figures.',
        'The scanner decodes at most one frame per 110 ms at up to 960 px wide while codes come and go, and after 3 s without a code one per 160 ms at up to 720 px (renderer/src/scanner/camera-scanner.ts); it ignores a code seen within 1.5 s.',
      ],
      scenarios: SCENARIOS,
      runs,
    };
    const summary = Object.fromEntries(
      runs.map((r) => [
        r.resolution,
        { n: r.measured, misses: r.misses, medianMs: r.latencyMs?.median ?? null, p95Ms: r.latencyMs?.p95 ?? null, minMs: r.latencyMs?.min ?? null, maxMs: r.latencyMs?.max ?? null },
      ]),
    );
    return { result, summary };
  } finally {
    await tmp.remove();
  }
}
