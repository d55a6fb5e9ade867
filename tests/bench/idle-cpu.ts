// Idle CPU: what the front desk costs while the camera sees nothing, against the same browser on a view without
// the camera. Process trees from /proc, so Linux only.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { blankFrame, createY4mWriter } from '../helpers/qr-image';
import {
  benchTempDir, fmt, launchBenchBrowser, openDemoFrontDesk, printTable, round, sleep, startBenchStation,
  type BenchOutcome,
} from './common';
import { clockTicks, hasArg, startCpuWindow, type CpuUsage } from './proc-cpu';

const SIZE = { width: 1280, height: 720 };
const FPS = 10;
const VIDEO_SECONDS = 3;
/** Distinct noise patterns, so consecutive frames differ like a real sensor's. */
const NOISE_FRAMES = 5;
const WINDOW_MS = 10_000;
const SETTLE_MS = 2_000;

function writeEmptyVideo(file: string): void {
  const frames = Array.from({ length: NOISE_FRAMES }, (_, i) =>
    blankFrame(SIZE.width, SIZE.height, 190, { noise: 6, gradient: 30, seed: 100 + i }),
  );
  const writer = createY4mWriter(file, { ...SIZE, fps: FPS });
  try {
    for (let i = 0; i < VIDEO_SECONDS * FPS; i++) writer.writeFrame(frames[i % NOISE_FRAMES]!);
  } finally {
    writer.close();
  }
}

interface Window {
  chromium: CpuUsage;
  station: CpuUsage;
  /** Everything else on the machine in the same window (% of one core): other work skews the figures. */
  otherProcessesPercent: number;
}

async function measureWindow(browserArg: string, stationArg: string): Promise<Window> {
  const end = startCpuWindow({ chromium: hasArg(browserArg), station: hasArg(stationArg) });
  await sleep(WINDOW_MS);
  const { trees, otherProcessesPercent } = end();
  return { ...trees, otherProcessesPercent };
}

const pct = (u: CpuUsage) => round(u.percentOfOneCore, 1);

export async function runIdleCpu(): Promise<BenchOutcome> {
  const tmp = benchTempDir('idle');
  try {
    // A name unique to this run: the argument naming it identifies this Chromium's processes.
    const video = join(tmp.dir, 'empty-desk.y4m');
    writeEmptyVideo(video);
    const station = await startBenchStation(join(tmp.dir, 'data'));
    try {
      const browser = await launchBenchBrowser(video);
      try {
        const { page } = browser;
        await openDemoFrontDesk(page, station.station);
        await sleep(SETTLE_MS);
        const frontDesk = await measureWindow(browser.videoArg, station.dataDir);
        const scanning = (await page.locator('video[data-testid="camera-preview"]').count()) === 1;

        await page.getByText('Teilnehmende', { exact: true }).click();
        await page.locator('video[data-testid="camera-preview"]').waitFor({ state: 'detached', timeout: 10_000 });
        await sleep(SETTLE_MS);
        const people = await measureWindow(browser.videoArg, station.dataDir);
        const chromiumVersion = browser.browser.version();
        await browser.close();

        const diff = round(frontDesk.chromium.percentOfOneCore - people.chromium.percentOfOneCore, 1);
        printTable(
          `Idle CPU over ${WINDOW_MS / 1000} s, % of one core (camera: ${SIZE.width}x${SIZE.height} @ ${FPS} fps, nothing in view)`,
          ['view', 'Chromium (all processes)', 'processes', 'station server', 'rest of machine'],
          [
            ['front desk (camera + scanner)', fmt(pct(frontDesk.chromium)), frontDesk.chromium.processes, fmt(pct(frontDesk.station)), fmt(frontDesk.otherProcessesPercent)],
            ['Teilnehmende (no camera)', fmt(pct(people.chromium)), people.chromium.processes, fmt(pct(people.station)), fmt(people.otherProcessesPercent)],
            ['difference: scanner + camera', fmt(diff), '', '', ''],
          ],
        );

        const result = {
          bench: 'idle-cpu',
          at: new Date().toISOString(),
          chromium: chromiumVersion,
          method: [
            `Fake camera: ${VIDEO_SECONDS} s of textured empty frames (blankFrame, noise ±6, ${NOISE_FRAMES} patterns), ${SIZE.width}x${SIZE.height} at ${FPS} fps, looped.`,
            `CPU time = utime+stime+cutime+cstime from /proc/<pid>/stat (${clockTicks()} ticks/s), summed over the process tree, difference over a ${WINDOW_MS / 1000} s window after ${SETTLE_MS / 1000} s to settle; % of one core.`,
            'Chromium: the browser process found by its unique --use-file-for-fake-video-capture argument, and all its descendants (zygotes, renderers, GPU and utility processes; not the crashpad handlers, which detach to init and sleep). Station: npx, tsx and node found by the --data-dir argument, and descendants.',
            'Baseline: the same browser and page on the "Teilnehmende" view, where the front desk (camera and scanner) is unmounted.',
            'otherProcessesPercent: busy time of the whole machine (/proc/stat) in the same window minus Chromium and station, i.e. load that was not ours and may have skewed the figures.',
          ],
          cores: cpus().length,
          frontDesk: { ...frontDesk, cameraPreviewPresent: scanning },
          people,
          scannerAndCameraPercent: diff,
        };
        const summary = {
          frontDeskChromiumPercent: pct(frontDesk.chromium),
          peopleViewChromiumPercent: pct(people.chromium),
          scannerAndCameraPercent: diff,
          stationPercent: { frontDesk: pct(frontDesk.station), people: pct(people.station) },
          otherProcessesPercent: { frontDesk: frontDesk.otherProcessesPercent, people: people.otherProcessesPercent },
        };
        return { result, summary };
      } finally {
        await browser.close();
      }
    } finally {
      await station.stop();
    }
  } finally {
    await tmp.remove();
  }
}
