// The hub's laptop is gone for good: a station takes its place, the other stations join it with a new code, and
// what only the old hub and one station had (a check-in at the old hub that the new one never pulled) still
// arrives. Real processes on loopback, as in stations-network.test.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import { checkInSet, einlass, pairingFrom, peek, serveGroup, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;

interface Status {
  role: string | null;
  link: { connected: boolean; pending: number } | null;
}

describe('a station takes the place of a hub that is gone', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  const files = { hub: '', a: '', b: '' };
  const { start, stopAll } = serveGroup();
  let hub: ServeProcess;
  let a: ServeProcess;
  let b: ServeProcess;
  const aArgs = () => ['--event', files.a, '--hub-host', '127.0.0.1', '--hub-port', '0'];
  const scanAt = (p: ServeProcess, code: string) => p.call<{ status: string }>('checkin.scan', { listId: made.day1, code, method: 'camera' });
  const status = async (p: ServeProcess) => p.call<Status>('stations.status');

  beforeAll(async () => {
    dir = tempDir('einlass-takeover-');
    for (const d of ['hub', 'a', 'b']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.a = join(dir.dir, 'a', 'fachtag.einlass');
    files.b = join(dir.dir, 'b', 'fachtag.einlass');
    made = makeEventFile(files.hub, 40);
    hub = await start(['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation']);
    const first = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.a, '--hub', first.address, '--code', first.code, '--name', 'Einlass 2'])).code).toBe(0);
    const second = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    expect((await einlass(['pair', '--event', files.b, '--hub', second.addresses[0]!, '--code', second.typed, '--name', 'Einlass 3'])).code).toBe(0);
    a = await start(aArgs());
    b = await start(['--event', files.b]);
    for (const p of [a, b]) await waitUntil('connected', async () => (await status(p)).link?.connected);
  }, SLOW);

  afterAll(async () => {
    await stopAll();
    dir?.cleanup();
  });

  const walksOf = (file: string, person: string) =>
    peek<{ name: string }>(file, 'SELECT l.name FROM assignments a JOIN check_in_lists l ON l.id = a.list_id WHERE a.registration_id = ? ORDER BY l.name', person)
      .map((r) => r.name);

  it('takes over; the others join it and send what it lacks; work goes on everywhere', async () => {
    // Two walks; one person signed up for the first at the hub, which every station learns.
    const walk = async (name: string) => (await hub.call<{ id: string }>('programme.saveItem', { kind: 'walk', name, admission: 'assigned' })).id;
    const altstadt = await walk('Stadtrundgang Altstadt');
    const saale = await walk('Stadtrundgang Saale');
    const walker = peek<{ id: string }>(files.hub, 'SELECT id FROM registrations WHERE code = ?', made.codes[38]!)[0]!.id;
    await hub.call('registrations.update', { id: walker, walks: [altstadt] });
    await waitUntil('every file has the walker in the Altstadt walk',
      () => [files.hub, files.a, files.b].every((f) => walksOf(f, walker).join() === 'Stadtrundgang Altstadt'), 30_000);

    // The old hub has counted many more changes than the new one will number on taking over (one person's
    // organisation corrected 300 times): a station that kept pulling after the old hub's count would miss the new
    // hub's changes.
    const person = peek<{ id: string }>(files.hub, 'SELECT id FROM registrations WHERE code = ?', made.codes[39]!)[0]!.id;
    for (let i = 0; i < 300; i++) await hub.call('registrations.update', { id: person, fields: { organisation: `Stadt Weißenfels ${i}` } });
    for (const [p, i] of [[hub, 0], [a, 1], [b, 2]] as const) expect((await scanAt(p, made.codes[i]!)).status).toBe('admitted');
    await waitUntil('all hold 3 check-ins', () => [files.hub, files.a, files.b].every((f) => checkInSet(f).length === 3), 30_000);

    // A is switched off; meanwhile a check-in at the hub reaches B only, and so does a walk change (the walker's
    // Altstadt assignment deleted, a Saale one made). Then the hub's laptop is gone.
    await a.stop();
    expect((await scanAt(hub, made.codes[3]!)).status).toBe('admitted');
    await hub.call('programme.move', { registrationId: walker, fromListId: altstadt, toListId: saale });
    await waitUntil('b holds the hub\'s last check-in and walk change',
      () => checkInSet(files.b).length === 4 && walksOf(files.b, walker).join() === 'Stadtrundgang Saale', 30_000);
    await hub.stop();
    a = await start(aArgs());
    expect(checkInSet(files.a)).toHaveLength(3);
    // B works on without the hub.
    expect((await scanAt(b, made.codes[4]!)).status).toBe('admitted');
    await waitUntil('b sees the hub gone', async () => (await status(b)).link?.connected === false);

    // A takes the hub's place: network mode on, a code for the others. A hub file cannot take over again.
    const hubStatus = await a.call<{ networkOn: boolean; addresses: string[] }>('hub.takeOver');
    expect(hubStatus.networkOn).toBe(true);
    expect(await status(a)).toMatchObject({ role: 'hub', link: null });
    expect(peek(files.a, 'SELECT count(*) AS n FROM hub_link')).toEqual([{ n: 0 }]);
    expect(await a.call('hub.takeOver').then(() => 'accepted', (err: Error) => err.message)).toContain('stations.error.not_station_file');

    // B joins A with a new code (the same form as after a removal), and sends everything it has.
    const code = await a.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    await b.call('stations.rejoin', { code: code.typed, address: code.addresses[0] });
    await waitUntil('b caught up with a', async () => {
      const link = (await status(b)).link;
      return link?.connected && link.pending === 0;
    }, 30_000);
    await waitUntil('a holds all five check-ins, the old hub\'s last one too', () => checkInSet(files.a).length === 5, 30_000);
    expect(checkInSet(files.a)).toEqual(checkInSet(files.b));
    // The walk change the new hub never pulled arrives from B as well: the deleted assignment is deleted at the new
    // hub too, and does not come back to B from there.
    await waitUntil('a has the walker in the Saale walk only', () => walksOf(files.a, walker).join() === 'Stadtrundgang Saale', 30_000);
    expect(walksOf(files.b, walker)).toEqual(['Stadtrundgang Saale']);

    // Work goes on: a check-in at the new hub reaches B, one at B reaches the new hub.
    expect((await scanAt(a, made.codes[5]!)).status).toBe('admitted');
    expect((await scanAt(b, made.codes[6]!)).status).toBe('admitted');
    await waitUntil('both hold seven', () => checkInSet(files.a).length === 7 && checkInSet(files.b).length === 7, 30_000);
    expect(checkInSet(files.a)).toEqual(checkInSet(files.b));

    // The old hub's laptop runs again after all, and somebody admits a person there. It joins the new hub as a
    // station with a code from it: its check-in arrives, and it gets everything the new hub has.
    const old = await start(['--event', files.hub, '--hub-host', '127.0.0.1', '--hub-port', '0']);
    expect((await scanAt(old, made.codes[7]!)).status).toBe('admitted');
    const another = await a.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    await old.call('stations.rejoin', { code: another.typed, address: another.addresses[0] });
    await waitUntil('the old hub is a station of the new one, all sent', async () => {
      const s = await status(old);
      return s.role === 'station' && s.link?.connected && s.link.pending === 0;
    }, 30_000);
    await waitUntil('all three hold eight', () => [files.a, files.b, files.hub].every((f) => checkInSet(f).length === 8), 30_000);
    expect(checkInSet(files.hub)).toEqual(checkInSet(files.a));
    expect(checkInSet(files.b)).toEqual(checkInSet(files.a));
    for (const f of [files.a, files.b, files.hub]) expect(walksOf(f, walker)).toEqual(['Stadtrundgang Saale']);
  }, SLOW);
});
