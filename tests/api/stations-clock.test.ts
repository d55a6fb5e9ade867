// A station whose laptop clock is an hour wrong (EINLASS_CLOCK_OFFSET_MS, the documented testing aid): both ends
// warn, its records are in the hub's time so the order of entries and exits holds, and a later edit elsewhere
// still wins over its earlier one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../electron/core/app-context';
import { editRegistration } from '../../electron/core/sync/registration-edit';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import { einlass, pairingFrom, peek, startServe, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;
const HOUR = 3600_000;
const WRONG = { EINLASS_CLOCK_OFFSET_MS: String(HOUR) };

interface Status {
  link: { connected: boolean; clockOffsetMs: number; clockWarning: boolean; pending: number } | null;
}

describe('a station with its clock set an hour wrong', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  const files = { hub: '', a: '', s: '' };
  let hub: ServeProcess;
  let a: ServeProcess;
  let s: ServeProcess;
  const idOf = (code: string) => peek<{ id: string }>(files.hub, 'SELECT id FROM registrations WHERE code = ?', code)[0]!.id;
  const records = (file: string, code: string) =>
    peek<{ type: string; scanned_at: string; station: string }>(
      file,
      `SELECT c.type, c.scanned_at, s.name AS station FROM check_ins c JOIN registrations r ON r.id = c.registration_id
       JOIN stations s ON s.id = c.station_id WHERE r.code = ? ORDER BY c.scanned_at`,
      code,
    );

  beforeAll(async () => {
    dir = tempDir('einlass-clock-');
    for (const d of ['hub', 'a', 's']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.a = join(dir.dir, 'a', 'fachtag.einlass');
    files.s = join(dir.dir, 's', 'fachtag.einlass');
    made = makeEventFile(files.hub, 50, { entryExit: true });
    hub = await startServe(['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0']);
    const first = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.a, '--hub', first.address, '--code', first.code, '--name', 'Einlass 2'])).code).toBe(0);
    const second = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    const pairS = await einlass(['pair', '--event', files.s, '--hub', second.addresses[0]!, '--code', second.typed, '--name', 'Einlass Uhr falsch'], WRONG);
    expect(pairS.code).toBe(0);
    a = await startServe(['--event', files.a]);
    s = await startServe(['--event', files.s], WRONG);
    for (const p of [a, s]) await waitUntil('connected', async () => (await p.call<Status>('stations.status')).link?.connected);
  }, SLOW);

  afterAll(async () => {
    await Promise.all([hub?.stop(), a?.stop(), s?.stop()]);
    dir?.cleanup();
  });

  it('warns at the station and at the hub', async () => {
    const own = (await s.call<Status>('stations.status')).link!;
    expect(own.clockWarning).toBe(true);
    expect(Math.abs(own.clockOffsetMs + HOUR)).toBeLessThan(5000);
    expect((await a.call<Status>('stations.status')).link!.clockWarning).toBe(false);
    const list = await hub.call<{ stations: { name: string; clockWarning: boolean; clockOffsetMs: number | null }[] }>('stations.list');
    const wrong = list.stations.find((x) => x.name === 'Einlass Uhr falsch')!;
    expect(wrong.clockWarning).toBe(true);
    expect(Math.abs(wrong.clockOffsetMs! + HOUR)).toBeLessThan(5000);
    expect(list.stations.find((x) => x.name === 'Einlass 2')!.clockWarning).toBe(false);
  }, SLOW);

  it('records its scans in the hub time, so entry, exit and re-entry stay in the order they happened', async () => {
    const code = made.codes[0]!;
    const scanAt = (p: ServeProcess, direction: 'entry' | 'exit') =>
      p.call<{ status: string }>('checkin.scan', { listId: made.day1, code, method: 'scanner', direction });
    expect((await scanAt(a, 'entry')).status).toBe('admitted');
    await waitUntil('the entry at S', () => records(files.s, code).length === 1);
    const before = Date.now();
    expect((await scanAt(s, 'exit')).status).toBe('admitted');
    const exit = records(files.s, code).find((r) => r.type === 'exit')!;
    // Stamped in the hub's time, not an hour ahead.
    expect(Math.abs(Date.parse(exit.scanned_at) - before)).toBeLessThan(30_000);
    await waitUntil('the exit at A', () => records(files.a, code).length === 2);
    expect((await scanAt(a, 'entry')).status).toBe('admitted');
    await waitUntil('all three at the hub', () => records(files.hub, code).length === 3);
    expect(records(files.hub, code).map((r) => `${r.type}@${r.station}`)).toEqual(['entry@Einlass 2', 'exit@Einlass Uhr falsch', 'entry@Einlass 2']);
    // So the hub knows the person is inside now.
    const again = await hub.call<{ status: string }>('checkin.scan', { listId: made.day1, code, method: 'scanner' });
    expect(again.status).toBe('already_checked_in');
  }, SLOW);

  it('loses to a change made later elsewhere, although its own clock says its change is an hour younger', async () => {
    const person = idOf(made.codes[1]!);
    await a.stop();
    await s.call('registrations.update', { id: person, fields: { notes: 'von der Station mit falscher Uhr' } });
    await waitUntil('the note at the hub', () => peek<{ notes: string | null }>(files.hub, 'SELECT notes FROM registrations WHERE id = ?', person)[0]!.notes);
    // Station A, cut off meanwhile and with a correct clock, changes the same field afterwards.
    const ctx = new AppContext({ dataDir: join(dir.dir, 'a') });
    editRegistration(ctx.openFile(files.a), ctx, { id: person, fields: { notes: 'von Einlass 2, später' } });
    ctx.close();
    a = await startServe(['--event', files.a]);
    const note = (file: string) => peek<{ notes: string }>(file, 'SELECT notes FROM registrations WHERE id = ?', person)[0]!.notes;
    await waitUntil('all agree', () => [files.hub, files.a, files.s].every((f) => note(f) === 'von Einlass 2, später'), 30_000);
    const conflicts = await hub.call<{ fieldConflicts: { field: string; winnerStation: string; loserStation: string; reason: string }[] }>('stations.conflicts');
    expect(conflicts.fieldConflicts).toEqual([
      expect.objectContaining({ field: 'notes', winnerStation: 'Einlass 2', loserStation: 'Einlass Uhr falsch', reason: 'later' }),
    ]);
  }, SLOW);
});
