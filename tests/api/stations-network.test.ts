// Several real station servers as separate processes on loopback, each with its own event file: pair, check in on
// all, cut the hub, keep checking in, bring it back, and all files converge to the same records; duplicate and
// reordered deliveries over HTTPS; unpaired, wrong-certificate and revoked stations refused.
import { mkdirSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventFile } from '../../db/open';
import { getHubLink } from '../../db/queries/hub-link';
import { fetchHubCertificate, HubClient } from '../../electron/core/stations/client';
import { PROTOCOL_VERSION, pushResponse } from '../../electron/core/stations/protocol';
import { readRecords } from '../../electron/core/stations/records';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import {
  checkInSet, einlass, pairingFrom, peek, startServe, waitUntil, type ServeProcess,
} from '../helpers/station-processes';

const SLOW = 180_000;

interface Status {
  role: string | null;
  link: { connected: boolean; pending: number; revoked: boolean; lastError: string | null } | null;
}

describe('stations over the network (separate processes)', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  const files = { hub: '', a: '', b: '' };
  let hub: ServeProcess;
  let a: ServeProcess;
  let b: ServeProcess;
  let hubArgs: string[];
  let next = 1;
  const scanAt = (p: ServeProcess, code: string) => p.call<{ status: string }>('checkin.scan', { listId: made.day1, code, method: 'camera' });
  const fresh = () => made.codes[next++]!;

  beforeAll(async () => {
    dir = tempDir('einlass-stations-');
    for (const d of ['hub', 'a', 'b']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.a = join(dir.dir, 'a', 'fachtag.einlass');
    files.b = join(dir.dir, 'b', 'fachtag.einlass');
    made = makeEventFile(files.hub, 300);
    hubArgs = ['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation'];
    hub = await startServe(hubArgs);
    const first = pairingFrom(hub.output());
    const pairA = await einlass(['pair', '--event', files.a, '--hub', first.address, '--code', first.code, '--name', 'Einlass 2']);
    expect(pairA.stderr).toBe('');
    expect(pairA.code).toBe(0);
    expect(pairA.stdout).toContain('Gekoppelt: Station „Einlass 2“');
    const second = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    expect((await einlass(['pair', '--event', files.b, '--hub', second.addresses[0]!, '--code', second.typed, '--name', 'Einlass 3'])).code).toBe(0);
    // The used code does not pair a third station.
    const reuse = await einlass(['pair', '--event', join(dir.dir, 'c.einlass'), '--hub', first.address, '--code', first.code, '--name', 'Einlass 4']);
    expect(reuse.code).toBe(1);
    expect(reuse.stderr).toContain('schon eine andere Station gekoppelt');
    a = await startServe(['--event', files.a]);
    b = await startServe(['--event', files.b]);
  }, SLOW);

  afterAll(async () => {
    await Promise.all([hub?.stop(), a?.stop(), b?.stop()]);
    dir?.cleanup();
  });

  it('pairs, checks in on all, survives the hub going away, and converges when it is back', async () => {
    // The new stations hold a full copy at once: people and lists.
    expect(peek(files.a, 'SELECT count(*) AS n FROM registrations')).toEqual([{ n: 300 }]);
    for (const p of [a, b]) await waitUntil('connected', async () => (await p.call<Status>('stations.status')).link?.connected);
    for (const p of [hub, a, b]) for (let i = 0; i < 3; i++) expect((await scanAt(p, fresh())).status).toBe('admitted');
    await waitUntil('all files hold the 9 check-ins', () => [files.hub, files.a, files.b].every((f) => checkInSet(f).length === 9), 30_000);

    await hub.stop();
    await waitUntil('a sees the hub gone', async () => (await a.call<Status>('stations.status')).link?.connected === false);
    // Work goes on at the stations: new people, a walk-in, and the same person admitted at both.
    for (const p of [a, b]) for (let i = 0; i < 4; i++) expect((await scanAt(p, fresh())).status).toBe('admitted');
    const both = fresh();
    expect((await scanAt(a, both)).status).toBe('admitted');
    expect((await scanAt(b, both)).status).toBe('admitted');
    await a.call('registrations.walkIn', { firstName: 'Nora', lastName: 'Nachgemeldet', listId: made.day1 });
    const offline = await a.call<Status>('stations.status');
    expect(offline.link).toMatchObject({ connected: false, pending: 7 });
    expect(checkInSet(files.a).length).toBe(15);

    hub = await startServe(hubArgs.filter((x) => x !== '--network'));
    for (const p of [a, b]) await waitUntil('caught up', async () => (await p.call<Status>('stations.status')).link?.pending === 0, 30_000);
    await waitUntil('all files converge', () => {
      const sets = [files.hub, files.a, files.b].map(checkInSet);
      return sets[0]!.length === 20 && sets.every((s) => JSON.stringify(s) === JSON.stringify(sets[0]));
    }, 30_000);
    expect(peek(files.b, "SELECT count(*) AS n FROM registrations WHERE last_name = 'Nachgemeldet'")).toEqual([{ n: 1 }]);
    // Every record exactly once, both admissions of the same person kept and shown as a conflict.
    expect(peek(files.hub, 'SELECT count(DISTINCT id) AS d, count(*) AS n FROM check_ins')).toEqual([{ d: 20, n: 20 }]);
    const conflicts = await hub.call<{ doubleAdmissions: { firstStation: string; secondStation: string }[] }>('stations.conflicts');
    expect(conflicts.doubleAdmissions).toHaveLength(1);
    expect([conflicts.doubleAdmissions[0]!.firstStation, conflicts.doubleAdmissions[0]!.secondStation].sort()).toEqual(['Einlass 2', 'Einlass 3']);
    const stations = await hub.call<{ stations: { name: string; recordsReceived: number; lastContactAt: string | null }[] }>('stations.list');
    expect(stations.stations.find((s) => s.name === 'Einlass 2')).toMatchObject({ recordsReceived: expect.any(Number) });
    expect(stations.stations.find((s) => s.name === 'Einlass 2')!.recordsReceived).toBeGreaterThanOrEqual(10);
  }, SLOW);

  it('stores duplicate and reordered deliveries once, and refuses unpaired, mismatched and revoked stations', async () => {
    const link = (() => {
      const db = openEventFile(files.a);
      try {
        const l = getHubLink(db)!;
        const mine = db.prepare('SELECT id FROM check_ins WHERE station_id = (SELECT id FROM stations WHERE is_local = 1)').all() as { id: string }[];
        return { ...l, records: readRecords(db, mine.map((r) => ({ kind: 'check_in', key: r.id }))) };
      } finally {
        db.close();
      }
    })();
    expect(link.records.length).toBe(9);
    const before = checkInSet(files.hub);
    const client = new HubClient({ addresses: link.addresses, certPem: link.certPem, fingerprint: link.fingerprint, token: link.token });
    try {
      const body = (records: unknown[]) => ({ v: PROTOCOL_VERSION, sentAt: Date.now(), clockOffsetMs: 0, records });
      const reversed = await client.post('/hub/v1/push', body([...link.records].reverse()), pushResponse, 30_000);
      const twice = await client.post('/hub/v1/push', body([...link.records, ...link.records]), pushResponse, 30_000);
      expect(reversed).toMatchObject({ added: 0, duplicates: 9, parked: 0 });
      expect(twice).toMatchObject({ added: 0, duplicates: 18, parked: 0 });
    } finally {
      client.close();
    }
    expect(checkInSet(files.hub)).toEqual(before);

    // Without a token, or with a made-up one: refused.
    const cert = await fetchHubCertificate(link.addresses[0]!);
    expect(cert.fingerprint).toBe(link.fingerprint);
    for (const token of [null, 'ausgedacht']) {
      const stranger = new HubClient({ ...link, token });
      await expect(stranger.post('/hub/v1/pull', { v: PROTOCOL_VERSION, since: 0, limit: 10, waitMs: 0, sentAt: 0, clockOffsetMs: null }, pushResponse, 10_000))
        .rejects.toMatchObject({ reason: 'unauthorized' });
      stranger.close();
    }
    // A server with another certificate (or a hub pinned wrongly) is refused before anything is sent.
    const wrongPin = new HubClient({ ...link, fingerprint: '0'.repeat(64) });
    await expect(wrongPin.post('/hub/v1/pull', {}, pushResponse, 10_000)).rejects.toMatchObject({ reason: 'fingerprint' });
    wrongPin.close();
    // Browsers have no business at the hub's endpoints.
    const fromBrowser = await new Promise<number>((resolve) => {
      const [host, port] = link.addresses[0]!.split(':');
      https.request({ host, port, path: '/hub/v1/pull', method: 'POST', rejectUnauthorized: false, headers: { Origin: 'https://evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).end('{}');
    });
    expect(fromBrowser).toBe(405);

    // The organiser removes station B: refused at once, its records made from now on stay with it.
    const list = await hub.call<{ stations: { id: string; name: string }[] }>('stations.list');
    await hub.call('stations.revoke', { stationId: list.stations.find((s) => s.name === 'Einlass 3')!.id });
    const code = made.codes[290]!;
    expect((await scanAt(b, code)).status).toBe('admitted');
    await waitUntil('b is told it was removed', async () => (await b.call<Status>('stations.status')).link?.revoked, 30_000);
    expect((await b.call<Status>('stations.status')).link).toMatchObject({ connected: false, revoked: true, pending: 1 });
    expect(peek(files.hub, 'SELECT count(*) AS n FROM check_ins c JOIN registrations r ON r.id = c.registration_id WHERE r.code = ?', code)).toEqual([{ n: 0 }]);
    // Station A goes on as before.
    expect((await scanAt(a, made.codes[291]!)).status).toBe('admitted');
    await waitUntil('a still syncs', () => peek<{ n: number }>(files.hub, 'SELECT count(*) AS n FROM check_ins')[0]!.n === 21, 30_000);
    // Tokens and codes never reach the output of any process.
    for (const p of [hub, a, b]) {
      expect(p.output()).not.toContain(link.token);
    }
  }, SLOW);
});
