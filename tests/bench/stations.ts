// Several stations, one event, as separate processes on loopback (`npx tsx tests/bench/stations.ts` on its own, or
// in `npm run bench`):
// 1. Catch-up: five stations make 2 000 check-ins each while the hub is down; the hub comes back; how long until
//    the hub and all five hold the same 10 000 check-ins.
// 2. Steady state: a check-in at one station until it is merged at another (median, p95), all connected.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkInSet, einlass, pairingFrom, peek, startServe, waitUntil, type ServeProcess } from '../helpers/station-processes';
import { makeEventFile } from '../helpers/stations-event';
import { benchTempDir, deferCleanup, fmt, printTable, round, roundStats, runAllCleanups, stats, writeResult, type BenchOutcome } from './common';

const STATIONS = 5;
const PER_STATION = 2000;
const STEADY_ROUNDS = 60;

interface Status {
  link: { connected: boolean; pending: number } | null;
}

/** This bench's own clean-up steps (also run on Ctrl-C through the shared cleanup). */
const mine: (() => Promise<void>)[] = [];

async function serve(args: string[]): Promise<ServeProcess> {
  const p = await startServe(args);
  mine.push(deferCleanup(() => p.stop()));
  return p;
}

const count = (file: string) => peek<{ n: number }>(file, 'SELECT count(*) AS n FROM check_ins')[0]!.n;

/** Check-ins through the station's own HTTP API, a few at a time, as front desks and scanners make them. */
async function checkInMany(p: ServeProcess, listId: string, codes: string[]): Promise<void> {
  const lanes = 4;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < codes.length; i += lanes) {
        const r = await p.call<{ status: string }>('checkin.scan', { listId, code: codes[i], method: 'scanner' });
        if (r.status !== 'admitted') throw new Error(`${codes[i]}: ${r.status}`);
      }
    }),
  );
}

/** The station server's push stream (server-sent events); resolves `next()` with the next check-in merged there. */
function mergedCheckIns(p: ServeProcess): { next: () => Promise<number>; close: () => void } {
  const controller = new AbortController();
  const waiting: ((t: number) => void)[] = [];
  void (async () => {
    const res = await fetch(`${p.url}/api/events`, { headers: { Authorization: `Bearer ${p.token}` }, signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('"checkin.recorded"') && block.includes('"synced"')) waiting.shift()?.(performance.now());
      }
    }
  })();
  return { next: () => new Promise((resolve) => waiting.push(resolve)), close: () => controller.abort() };
}

export async function benchStations(): Promise<BenchOutcome> {
  const tmp = benchTempDir('stations');
  mine.push(tmp.remove);
  const hubFile = join(tmp.dir, 'hub', 'fachtag.einlass');
  mkdirSync(join(tmp.dir, 'hub'));
  const made = makeEventFile(hubFile, STATIONS * PER_STATION + STEADY_ROUNDS + 10);
  const hubArgs = ['--event', hubFile, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0'];
  let hub = await serve(hubArgs);
  const first = pairingFrom(hub.output());
  const files: string[] = [];
  const codes = [first];
  for (let i = 1; i < STATIONS; i++) {
    const c = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    codes.push({ address: c.addresses[0]!, code: c.typed });
  }
  await Promise.all(codes.map(async (c, i) => {
    mkdirSync(join(tmp.dir, `s${i}`));
    files[i] = join(tmp.dir, `s${i}`, 'fachtag.einlass');
    const r = await einlass(['pair', '--event', files[i]!, '--hub', c.address, '--code', c.code, '--name', `Einlass ${i + 2}`], {}, 120_000);
    if (r.code !== 0) throw new Error(`pairing failed: ${r.stderr}`);
  }));
  const stations = await Promise.all(files.map((f) => serve(['--event', f])));
  for (const s of stations) await waitUntil('connected', async () => (await s.call<Status>('stations.status')).link?.connected, 60_000);

  // 1. Cut off: the hub is gone while every station checks in 2 000 people.
  await hub.stop();
  const offlineStart = performance.now();
  await Promise.all(stations.map((s, i) => checkInMany(s, made.day1, made.codes.slice(i * PER_STATION, (i + 1) * PER_STATION))));
  const offlineMs = performance.now() - offlineStart;
  for (const s of stations) {
    const st = await s.call<Status>('stations.status');
    if (st.link?.pending !== PER_STATION) throw new Error(`expected ${PER_STATION} waiting, got ${st.link?.pending}`);
  }
  const total = STATIONS * PER_STATION;
  const all = [hubFile, ...files];
  const restart = performance.now();
  hub = await serve(hubArgs.filter((a) => a !== '--network'));
  const back = performance.now();
  let hubComplete = 0;
  let firstArrival = 0;
  await waitUntil('all six hold every check-in', () => {
    const atHub = count(hubFile);
    if (!firstArrival && atHub > 0) firstArrival = performance.now();
    if (!hubComplete && atHub === total) hubComplete = performance.now();
    return all.every((f) => count(f) === total);
  }, 120_000, 10);
  const converged = performance.now();
  const reference = JSON.stringify(checkInSet(hubFile));
  const identical = all.every((f) => JSON.stringify(checkInSet(f)) === reference);

  // 2. Steady state: one check-in at a time, at station i, until it is merged at station i+1.
  const streams = stations.map(mergedCheckIns);
  await new Promise((r) => setTimeout(r, 500));
  const delays: number[] = [];
  for (let k = 0; k < STEADY_ROUNDS; k++) {
    const from = k % STATIONS;
    // Every other station merges the record once; waiting for all of them keeps rounds apart.
    const arrivals = streams.map((s, i) => (i === from ? null : s.next()));
    const t = performance.now();
    await stations[from]!.call('checkin.scan', { listId: made.day2, code: made.codes[k]!, method: 'scanner' });
    const times = await Promise.all(arrivals);
    delays.push(times[(from + 1) % STATIONS]! - t);
  }
  for (const s of streams) s.close();

  const result = {
    stations: STATIONS, checkInsPerStation: PER_STATION, total,
    offlineCheckInSeconds: round(offlineMs / 1000, 1),
    hubStartMs: round(back - restart, 0),
    catchUpMs: round(converged - back, 0),
    firstArrivalMs: round(firstArrival - back, 0),
    hubCompleteMs: round(hubComplete - back, 0),
    identical,
    steadyDelayMs: roundStats(stats(delays)),
  };
  printTable('Stations: catch-up after the hub was away', ['what', 'value'], [
    ['check-ins made while cut off', `${STATIONS} × ${PER_STATION} = ${total}`],
    ['hub back → first records at the hub (ms)', fmt(result.firstArrivalMs, 0)],
    ['hub back → hub holds all (ms)', fmt(result.hubCompleteMs, 0)],
    ['hub back → all six identical (ms)', fmt(result.catchUpMs, 0)],
    ['all six files identical', identical ? 'yes' : 'NO'],
  ]);
  const s = result.steadyDelayMs;
  printTable('Stations: check-in at one station → merged at another (ms)', ['n', 'median', 'p95', 'max'], [
    [s?.n ?? 0, fmt(s?.median), fmt(s?.p95), fmt(s?.max)],
  ]);
  for (const undo of mine.splice(0).reverse()) await undo();
  return {
    result,
    summary: { catchUpMs: result.catchUpMs, identical, steadyMedianMs: s?.median ?? null, steadyP95Ms: s?.p95 ?? null },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchStations().then(
    (o) => console.log(`\nwritten: ${writeResult('stations', o.result)}`),
    async (err: unknown) => {
      console.error(err);
      await runAllCleanups();
      process.exitCode = 1;
    },
  );
}
