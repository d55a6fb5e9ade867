// kill -9 in the middle of a sync: the hub while a station pushes to it, a station while it pulls from the hub.
// Nothing either side had acknowledged is lost, and afterwards every record exists exactly once everywhere.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxCount, outboxPage } from '../../db/queries/sync-state';
import { AppContext } from '../../electron/core/app-context';
import { scan } from '../../electron/core/checkin/scan';
import { LinkSession } from '../../electron/core/stations/link';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import { checkInSet, einlass, pairingFrom, peek, sleep, startServe, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;
const PEOPLE = 3000;

const count = (file: string) => peek<{ n: number }>(file, 'SELECT count(*) AS n FROM check_ins')[0]!.n;

describe('a kill -9 during a sync loses nothing acknowledged', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  const files = { hub: '', a: '', b: '' };
  let hub: ServeProcess | null = null;
  let b: ServeProcess | null = null;
  let hubArgs: string[];

  beforeAll(async () => {
    dir = tempDir('einlass-crash-');
    for (const d of ['hub', 'a', 'b']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.a = join(dir.dir, 'a', 'fachtag.einlass');
    files.b = join(dir.dir, 'b', 'fachtag.einlass');
    made = makeEventFile(files.hub, PEOPLE);
    hubArgs = ['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0'];
    hub = await startServe(hubArgs);
    const first = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.a, '--hub', first.address, '--code', first.code, '--name', 'Einlass 2'])).code).toBe(0);
    const second = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    expect((await einlass(['pair', '--event', files.b, '--hub', second.addresses[0]!, '--code', second.typed, '--name', 'Einlass 3'])).code).toBe(0);
  }, SLOW);

  afterAll(async () => {
    await Promise.all([hub?.stop(), b?.stop()]);
    dir?.cleanup();
  });

  it('the hub killed while a station pushes: what it confirmed is there, the rest arrives after its restart', async () => {
    // Station A checks in everybody while it has no connection (one transaction: fast, and as the scans would be).
    const ctx = new AppContext({ dataDir: join(dir.dir, 'a') });
    const event = ctx.openFile(files.a);
    event.db.transaction(() => {
      for (const code of made.codes) expect(scan(event, ctx, { listId: made.day1, code, method: 'scanner' }).status).toBe('admitted');
    })();
    expect(outboxCount(event.db)).toBe(PEOPLE);
    const session = new LinkSession(event.db, ctx);
    try {
      // The outcome is taken at once, so the failure the kill causes is not an unhandled rejection meanwhile.
      const pushing = session.pushAll().then(() => null, (err: unknown) => err);
      // Killed right after the hub has confirmed a first page, while the next one is on its way.
      await waitUntil('a first page confirmed by the hub', () => outboxCount(event.db) < PEOPLE, 30_000, 2);
      await hub!.kill();
      const landed = count(files.hub);
      expect(await pushing).toMatchObject({ reason: expect.stringMatching(/unreachable|timeout/) });
      const atHub = new Set(peek<{ id: string }>(files.hub, 'SELECT id FROM check_ins').map((r) => r.id));
      expect(landed).toBeLessThan(PEOPLE);
      expect(atHub.size).toBeLessThan(PEOPLE);
      // Everything the station no longer holds as unconfirmed is at the hub.
      const waiting = new Set(outboxPage(event.db, PEOPLE).map((e) => e.key));
      const confirmed = (event.db.prepare('SELECT id FROM check_ins').all() as { id: string }[]).filter((r) => !waiting.has(r.id));
      expect(confirmed.length).toBeGreaterThan(0);
      expect(waiting.size).toBeGreaterThan(0);
      for (const r of confirmed) expect(atHub.has(r.id)).toBe(true);

      hub = await startServe(hubArgs.filter((x) => x !== '--network'));
      await session.pushAll();
      expect(outboxCount(event.db)).toBe(0);
    } finally {
      session.close();
      ctx.close();
    }
    expect(peek(files.hub, 'SELECT count(*) AS n, count(DISTINCT id) AS d FROM check_ins')).toEqual([{ n: PEOPLE, d: PEOPLE }]);
    expect(peek(files.hub, 'SELECT count(*) AS n FROM sync_parked')).toEqual([{ n: 0 }]);
    expect(checkInSet(files.hub)).toEqual(checkInSet(files.a));
  }, SLOW);

  it('a station killed while it pulls: it continues where its last committed page ended', async () => {
    expect(count(files.b)).toBe(0);
    b = await startServe(['--event', files.b]);
    const landed = await waitUntil('the first page at station B', () => count(files.b) > 0 && count(files.b), 30_000, 2);
    await b.kill();
    const afterKill = count(files.b);
    expect(landed).toBeLessThan(PEOPLE);
    expect(afterKill).toBeLessThan(PEOPLE);
    // What B has is a consistent prefix: its cursor stands where its records end.
    const seq = peek<{ seq: number }>(files.b, 'SELECT pulled_seq AS seq FROM hub_link')[0]!.seq;
    expect(seq).toBeGreaterThan(0);
    await sleep(100);
    b = await startServe(['--event', files.b]);
    await waitUntil('station B complete', () => count(files.b) === PEOPLE, 60_000);
    expect(peek(files.b, 'SELECT count(*) AS n, count(DISTINCT id) AS d FROM check_ins')).toEqual([{ n: PEOPLE, d: PEOPLE }]);
    expect(checkInSet(files.b)).toEqual(checkInSet(files.hub));
  }, SLOW);
});
