// The hub comes back at another address (a new network address on the second day, another port): the station is
// told the new one, which is only taken when exactly the paired hub answers there, and then catches up. Real
// processes on loopback, as in stations-network.test.ts.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import { checkInSet, einlass, pairingFrom, peek, serveGroup, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;

interface Status {
  link: { connected: boolean; pending: number; hubAddress: string | null } | null;
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('a station told its hub moved', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  const files = { hub: '', a: '', other: '' };
  const { start, stopAll } = serveGroup();
  let hub: ServeProcess;
  let a: ServeProcess;
  let firstPort = 0;

  const addresses = () => JSON.parse(peek<{ addresses: string }>(files.a, 'SELECT addresses FROM hub_link')[0]!.addresses) as string[];
  const refusal = (address: string) => a.call('stations.setHubAddress', { address }).then(() => 'accepted', (err: Error) => err.message);

  beforeAll(async () => {
    dir = tempDir('einlass-hub-address-');
    for (const d of ['hub', 'a', 'other']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.a = join(dir.dir, 'a', 'fachtag.einlass');
    files.other = join(dir.dir, 'other', 'anderes.einlass');
    made = makeEventFile(files.hub, 40);
    firstPort = await freePort();
    hub = await start(['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', String(firstPort), '--station', 'Hauptstation']);
    const code = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.a, '--hub', code.address, '--code', code.code, '--name', 'Einlass 2'])).code).toBe(0);
    a = await start(['--event', files.a]);
    await waitUntil('connected', async () => (await a.call<Status>('stations.status')).link?.connected);
  }, SLOW);

  afterAll(async () => {
    await stopAll();
    dir?.cleanup();
  });

  it('refuses an address where nobody or another hub answers, then takes the right one and catches up', async () => {
    await hub.stop();
    await waitUntil('a sees the hub gone', async () => (await a.call<Status>('stations.status')).link?.connected === false);
    expect((await a.call<{ status: string }>('checkin.scan', { listId: made.day1, code: made.codes[1], method: 'camera' })).status).toBe('admitted');
    const secondPort = await freePort();
    hub = await start(['--event', files.hub, '--hub-host', '127.0.0.1', '--hub-port', String(secondPort), '--station', 'Hauptstation']);
    const before = addresses();
    expect(before[0]).toBe(`127.0.0.1:${firstPort}`);

    // Nobody there; a typo; another event's hub with a certificate of its own: refused, nothing changed.
    expect(await refusal(`127.0.0.1:${firstPort}`)).toContain('stations.error.unreachable');
    expect(await refusal('192.168.1.20')).toContain('stations.error.address');
    makeEventFile(files.other, 3);
    const otherPort = await freePort();
    await start(['--event', files.other, '--network', '--hub-host', '127.0.0.1', '--hub-port', String(otherPort), '--station', 'Fremd']);
    expect(await refusal(`127.0.0.1:${otherPort}`)).toContain('stations.error.fingerprint');
    expect(addresses()).toEqual(before);
    expect((await a.call<Status>('stations.status')).link).toMatchObject({ connected: false, pending: 1 });

    // The hub's new address: taken, first in the list, and what waited is sent.
    expect(await refusal(`http://127.0.0.1:${secondPort}/`)).toBe('accepted');
    expect(addresses()[0]).toBe(`127.0.0.1:${secondPort}`);
    await waitUntil('caught up', async () => {
      const link = (await a.call<Status>('stations.status')).link;
      return link?.connected && link.pending === 0;
    }, 30_000);
    expect((await a.call<Status>('stations.status')).link?.hubAddress).toBe(`127.0.0.1:${secondPort}`);
    await waitUntil('the hub holds the check-in made while it was away', () => checkInSet(files.hub).length === 1, 30_000);
  }, SLOW);
});
