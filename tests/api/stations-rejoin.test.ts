// A station the hub removed joins again from its own app with a new code from the hub: the same station and file,
// a new token, and what it recorded while it was removed reaches the hub. Real processes on loopback, as in
// stations-network.test.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import { checkInSet, einlass, pairingFrom, peek, serveGroup, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;

interface Status {
  link: { connected: boolean; pending: number; revoked: boolean } | null;
}

interface StationRow {
  id: string;
  name: string;
  revokedAt: string | null;
}

describe('a removed station joins again', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  const files = { hub: '', a: '', other: '' };
  const { start, stopAll } = serveGroup();
  let hub: ServeProcess;
  let a: ServeProcess;

  const status = async () => (await a.call<Status>('stations.status')).link;
  const rejoin = (input: { code: string; address?: string }) => a.call('stations.rejoin', input).then(() => 'accepted', (err: Error) => err.message);
  const token = () => peek<{ token: string }>(files.a, 'SELECT token FROM hub_link')[0]!.token;

  beforeAll(async () => {
    dir = tempDir('einlass-rejoin-');
    for (const d of ['hub', 'a', 'other']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.a = join(dir.dir, 'a', 'fachtag.einlass');
    files.other = join(dir.dir, 'other', 'anderes.einlass');
    made = makeEventFile(files.hub, 40);
    hub = await start(['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation']);
    const code = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.a, '--hub', code.address, '--code', code.code, '--name', 'Einlass 2'])).code).toBe(0);
    a = await start(['--event', files.a]);
    await waitUntil('connected', async () => (await status())?.connected);
  }, SLOW);

  afterAll(async () => {
    await stopAll();
    dir?.cleanup();
  });

  it('refuses used, foreign and wrong codes, then joins again with a new one and sends what waited', async () => {
    const stations = async () => (await hub.call<{ stations: StationRow[] }>('stations.list')).stations.filter((s) => s.name === 'Einlass 2');
    const [station] = await stations();
    await hub.call('stations.revoke', { stationId: station!.id });
    const removedWhile = made.codes[1]!;
    expect((await a.call<{ status: string }>('checkin.scan', { listId: made.day1, code: removedWhile, method: 'camera' })).status).toBe('admitted');
    await waitUntil('a is told it was removed', async () => (await status())?.revoked, 30_000);
    const oldToken = token();

    // The code it paired with first ended with the removal; a made-up code; another event's hub: refused, still removed.
    const first = pairingFrom(hub.output());
    expect(await rejoin({ code: first.code, address: first.address })).toContain('stations.error.code_invalid');
    // (A typed code is the one-time part, then the first 40 bits of the hub's certificate fingerprint.)
    expect(await rejoin({ code: `ABCD-EFGH${first.code.slice(9)}`, address: first.address })).toContain('stations.error.code_invalid');
    makeEventFile(files.other, 3);
    const other = await start(['--event', files.other, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Fremd']);
    const foreign = pairingFrom(other.output());
    expect(await rejoin({ code: foreign.code, address: foreign.address })).toContain('stations.error.other_event');
    expect(token()).toBe(oldToken);
    expect(await status()).toMatchObject({ revoked: true, connected: false, pending: 1 });
    expect(checkInSet(files.hub)).toEqual([]);

    // A new code made at the hub, typed at the station: the same station again, and the waiting check-in arrives.
    const fresh = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    expect(await rejoin({ code: fresh.typed.toLowerCase(), address: fresh.addresses[0] })).toBe('accepted');
    expect(token()).not.toBe(oldToken);
    await waitUntil('caught up', async () => {
      const link = await status();
      return link?.connected && !link.revoked && link.pending === 0;
    }, 30_000);
    await waitUntil('the hub holds the check-in made while removed', () => checkInSet(files.hub).length === 1, 30_000);
    expect(await stations()).toEqual([expect.objectContaining({ id: station!.id, revokedAt: null })]);
    // And it goes on as a station: the next check-in arrives too.
    expect((await a.call<{ status: string }>('checkin.scan', { listId: made.day1, code: made.codes[2], method: 'camera' })).status).toBe('admitted');
    await waitUntil('the next check-in arrives', () => checkInSet(files.hub).length === 2, 30_000);
  }, SLOW);
});
