// A cancellation that waits for approval at the hub (a periodic check of a URL list found it), with a station as a
// separate process on loopback: the station's desk warns about it as the hub's does — offline too, once it has
// heard of it — and stops warning when the hub no longer has it waiting.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile } from '../helpers/stations-event';
import { einlass, pairingFrom, peek, startServe, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;

let rows: string[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(['ID;Code;Vorname;Nachname;Status', ...rows].join('\n')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anmeldungen.csv`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a cancellation waiting for approval at the hub', () => {
  const dir = tempDir('einlass-waiting-');
  const running: ServeProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    dir.cleanup();
  });

  it('is said at a station\'s desk too, offline as well, until the hub no longer has it waiting', async () => {
    for (const d of ['hub', 'a']) mkdirSync(join(dir.dir, d));
    const hubFile = join(dir.dir, 'hub', 'fachtag.einlass');
    const stationFile = join(dir.dir, 'a', 'fachtag.einlass');
    const made = makeEventFile(hubFile, 3);
    rows = ['u-1;U-0001;Anna;Abgesagt;bezahlt', 'u-2;U-0002;Bernd;Bleibt;bezahlt'];
    expect((await einlass(['import', '--event', hubFile, '--source', url])).code).toBe(0);

    const hub = await startServe(['--event', hubFile, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation']);
    running.push(hub);
    // Checked every minute; the hub looks at its lists every 30 s. Anna cancels at the registration system.
    rows[0] = 'u-1;U-0001;Anna;Abgesagt;storniert';
    const { sources } = await hub.call<{ sources: { id: string }[] }>('sync.sources', {});
    await hub.call('sync.updateSource', { sourceId: sources[0]!.id, intervalMinutes: 1 });
    type Card = { check: { outcome: string; planId: string | null } | null };
    await waitUntil('the hub\'s check to hold the cancellation', async () =>
      (await hub.call<{ sources: Card[] }>('sync.sources', {})).sources[0]!.check?.outcome === 'pending', 60_000, 500);

    const code = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', stationFile, '--hub', code.address, '--code', code.code, '--name', 'Einlass 2'])).code).toBe(0);
    const station = await startServe(['--event', stationFile]);
    running.push(station);
    type Scan = { status: string; checkIn?: { id: string }; cancellationWaiting?: { source: string; at: string } };
    const scan = (c: string) => station.call<Scan>('checkin.scan', { listId: made.day1, code: c, method: 'camera' });
    // The station hears with its first exchange what waits at the hub, and keeps it in its file.
    await waitUntil('the station to know what waits at the hub', () =>
      peek<{ n: number }>(stationFile, 'SELECT count(*) AS n FROM hub_link WHERE waiting_cancellations LIKE ?', '%"list"%')[0]!.n === 1, 60_000, 200);
    // Later answers leave the list out (the station has it), and the station keeps it.
    const stored = () => peek<{ w: string | null; at: string }>(stationFile, 'SELECT waiting_cancellations AS w, last_sync_at AS at FROM hub_link')[0]!;
    const known = stored();
    await waitUntil('another exchange with the hub', () => stored().at !== known.at, 60_000, 200);
    expect(stored().w).toBe(known.w);
    // Let in (the list does not say it yet), with the hub's warning: not silently.
    const anna = await scan('U-0001');
    expect(anna).toMatchObject({ status: 'admitted', cancellationWaiting: { source: expect.stringContaining('anmeldungen') } });
    expect((await scan('U-0002')).cancellationWaiting).toBeUndefined();

    // The hub goes away: the station still knows what waits there (Anna's check-in taken back and scanned again).
    await hub.stop();
    await station.call('checkin.undo', { checkInId: anna.checkIn!.id });
    const offline = await scan('U-0001');
    expect(offline).toMatchObject({ status: 'admitted', cancellationWaiting: { source: expect.stringContaining('anmeldungen') } });

    // Back, on the same address; meanwhile the registration system took the cancellation back. The hub's next check
    // finds nothing waiting, and the station stops warning.
    rows[0] = 'u-1;U-0001;Anna;Abgesagt;bezahlt';
    const hubPort = new URL(`https://${code.address}`).port;
    const back = await startServe(['--event', hubFile, '--network', '--hub-host', '127.0.0.1', '--hub-port', hubPort, '--station', 'Hauptstation']);
    running.push(back);
    await waitUntil('the station to hear that nothing waits any more', () =>
      peek<{ n: number }>(stationFile, 'SELECT count(*) AS n FROM hub_link WHERE waiting_cancellations IS NULL')[0]!.n === 1, 90_000, 500);
    await station.call('checkin.undo', { checkInId: offline.checkIn!.id });
    const after = await scan('U-0001');
    expect(after.status).toBe('admitted');
    expect(after.cancellationWaiting).toBeUndefined();
  }, SLOW);
});
