// Front-desk search on screen: a key typed into the search box of the front desk → the hits for exactly the typed
// text painted, in Chromium, against a station with 100 000 registrations, the camera running with nothing in
// view (as at the door while someone types a name). Complements `search` (the same queries' cost in the core).
// Standalone: `npx tsx tests/bench/run.ts --only search-screen`.
import { join } from 'node:path';
import { startStation } from '../e2e/support/station';
import { writeCameraVideo } from '../e2e/support/videos';
import { mulberry32 } from '../helpers/qr-image';
import {
  benchTempDir, deferCleanup, ensureRendererBuilt, fmt, launchBenchBrowser, printTable, roundStats, sleep, stats, writeResult,
  type BenchOutcome,
} from './common';
import { buildSearchEvent } from './search';

/** Time from one key to the next, as a quick typist at the desk (about 8 keys a second). */
const KEY_PACE_MS = 120;
const NAMES = 24;

type Kind = '1 char' | '2 chars' | '3+ chars' | 'several words';
const kindOf = (q: string): Kind => (/\s/.test(q.trim()) ? 'several words' : q.trim().length <= 1 ? '1 char' : q.trim().length === 2 ? '2 chars' : '3+ chars');

/** In the page: when each key was typed, and when the hits for each text were on screen (the frame after). */
const PROBE = `
  window.__keys = [];
  window.__shown = [];
  window.__lastShown = null;
  // beforeinput, not keydown: a character not on the US layout (ä, ß) is typed as text without a keydown; for
  // a real key both come in the same task, microseconds apart.
  document.addEventListener('beforeinput', () => window.__keys.push(performance.now()), true);
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="search-results"]');
    const q = el ? el.getAttribute('data-query') : null;
    if (q === null) { window.__lastShown = null; return; }
    if (q === window.__lastShown) return;
    window.__lastShown = q;
    const at = performance.now();
    requestAnimationFrame(() => window.__shown.push({ query: q, at, painted: performance.now() }));
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
`;

interface Probe {
  __keys: number[];
  __shown: { query: string; at: number; painted: number }[];
}

export async function benchSearchScreen(): Promise<BenchOutcome> {
  ensureRendererBuilt();
  const tmp = benchTempDir('search-screen');
  const file = join(tmp.dir, 'grosskongress.einlass');
  const { people, buildMs } = buildSearchEvent(file);
  console.log(`  event with ${people.length.toLocaleString('en')} registrations built in ${fmt(buildMs / 1000, 1)} s`);
  const station = await startStation(['--data-dir', tmp.dir, '--event', file]);
  const stopStation = deferCleanup(() => station.stop());
  const video = writeCameraVideo(tmp.dir, 'empty-desk', [{ code: null, seconds: 3 }], { width: 1280, height: 720 });
  const { page, close } = await launchBenchBrowser(video, PROBE);
  try {
    await page.goto(station.openUrl);
    const input = page.getByTestId('search-input');
    await input.waitFor({ timeout: 30_000 });
    const rng = mulberry32(4711);
    const typed: string[] = [];
    for (let i = 0; i < NAMES; i++) {
      const p = people[Math.floor(rng() * people.length)]!;
      typed.push(i % 3 === 0 ? p.lastName.toLowerCase() : i % 3 === 1 ? `${p.firstName} ${p.lastName}`.toLowerCase() : p.lastName.slice(0, 4));
    }
    const samples: { query: string; kind: Kind; ms: number; hitsMs: number }[] = [];
    for (const name of typed) {
      await input.click();
      for (let i = 0; i < name.length; i++) {
        const query = name.slice(0, i + 1);
        await page.keyboard.type(name[i]!);
        if (query.trim() === '') continue;
        const m = await page.waitForFunction((q) => {
          const w = window as unknown as Probe;
          const key = w.__keys[w.__keys.length - 1]!;
          const shown = w.__shown.find((s) => s.query === q && s.at >= key);
          return shown ? { ms: shown.painted - key, hitsMs: shown.at - key } : null;
        }, query, { timeout: 10_000, polling: 'raf' }).then((h) => h.jsonValue());
        samples.push({ query, kind: kindOf(query), ms: m!.ms, hitsMs: m!.hitsMs });
        await sleep(Math.max(0, KEY_PACE_MS - m!.ms));
      }
      await page.keyboard.press('Escape');
    }
    const all = stats(samples.map((s) => s.ms));
    const byKind = (['1 char', '2 chars', '3+ chars', 'several words'] as Kind[]).map((k) => ({ kind: k, ...roundStats(stats(samples.filter((s) => s.kind === k).map((s) => s.ms))) }));
    printTable('Front-desk search on screen: key typed -> hits for that text painted (ms), 100 000 registrations',
      ['queries', 'n', 'median', 'p95', 'max'],
      [['all', all?.n ?? 0, fmt(all?.median), fmt(all?.p95), fmt(all?.max)],
        ...byKind.map((k) => [k.kind, k.n ?? 0, fmt(k.median), fmt(k.p95), fmt(k.max)])]);
    const result = {
      bench: 'search-screen', registrations: people.length, keyPaceMs: KEY_PACE_MS, all: roundStats(all), byKind,
      hitsInDomMs: roundStats(stats(samples.map((s) => s.hitsMs))),
      method: 'Keys typed by Playwright into the front-desk search box; times taken inside the page: beforeinput (capture) to the first animation frame after the result list shows data-query equal to the typed text. Camera on (1280x720, empty desk).',
    };
    writeResult('search-screen', result);
    return { result, summary: { medianMs: result.all?.median ?? null, p95Ms: result.all?.p95 ?? null, n: result.all?.n ?? 0 } };
  } finally {
    await close();
    await stopStation();
    await tmp.remove();
  }
}
