import { describe, expect, it } from 'vitest';
import { insertCheckIn } from '../../db/queries/check-ins';
import { scan } from '../../electron/core/checkin/scan';
import { AppError } from '../../electron/core/errors';
import { smallEvent } from '../helpers/event-fixture';

const counts = (db: import('../../db/open').Db) => ({
  checkIns: (db.prepare('SELECT count(*) AS n FROM check_ins').get() as { n: number }).n,
  refused: (db.prepare('SELECT count(*) AS n FROM refused_scans').get() as { n: number }).n,
});

describe('check-in rules', () => {
  it('admits a registered person once, then answers "already checked in" with time and station of the first entry', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    const first = scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' });
    expect(first.status).toBe('admitted');
    if (first.status !== 'admitted') return;
    expect(first.registration).toMatchObject({ firstName: 'Jürgen', lastName: 'Müller', organisation: 'Stadt Weißenfels' });
    expect(first.checkIn).toMatchObject({ type: 'entry', method: 'camera', stationName: 'Einlass 1', listName: 'Einlass Tag 1' });

    const second = scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'scanner' });
    expect(second.status).toBe('already_checked_in');
    if (second.status !== 'already_checked_in') return;
    expect(second.firstEntry.id).toBe(first.checkIn.id);
    expect(second.firstEntry.scannedAt).toBe(first.checkIn.scannedAt);
    expect(second.firstEntry.stationName).toBe('Einlass 1');

    expect(counts(db)).toEqual({ checkIns: 1, refused: 1 });
    const refused = db.prepare('SELECT reason, raw_code AS raw, method FROM refused_scans').get();
    expect(refused).toEqual({ reason: 'already_checked_in', raw: 'AAAA-1111', method: 'scanner' });
  });

  it('treats each list separately: admitted on day 1 is still admitted on day 2', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    const day2 = (db.prepare("SELECT id FROM check_in_lists WHERE name = 'Einlass Tag 2'").get() as { id: string }).id;
    expect(scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    expect(scan(event, ports, { listId: day2, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
  });

  it('admits again after an exit or an undo', () => {
    const { db, event, ports, entrance1, station } = smallEvent();
    const first = scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' });
    if (first.status !== 'admitted') throw new Error('expected admitted');
    const at = '2023-10-18T08:00:00.000Z';
    insertCheckIn(db, { id: 'x1', listId: entrance1, registrationId: 'reg-1', type: 'exit', method: 'manual', scannedAt: at, uploadedAt: at, stationId: station.id });
    expect(scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');

    const other = scan(event, ports, { listId: entrance1, code: 'BBBB-2222', method: 'camera' });
    if (other.status !== 'admitted') throw new Error('expected admitted');
    insertCheckIn(db, { id: 'u1', listId: entrance1, registrationId: 'reg-2', type: 'undo', undoesId: other.checkIn.id, method: 'manual', scannedAt: at, uploadedAt: at, stationId: station.id });
    expect(scan(event, ports, { listId: entrance1, code: 'BBBB-2222', method: 'camera' }).status).toBe('admitted');
  });

  it('refuses cancelled, unknown and invalid codes with their reason and logs each refusal', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    const cancelled = scan(event, ports, { listId: entrance1, code: 'CCCC-3333', method: 'camera' });
    expect(cancelled).toMatchObject({ status: 'refused', reason: 'cancelled', registration: { lastName: 'Storniert' } });
    expect(scan(event, ports, { listId: entrance1, code: 'ZZZZ-9999', method: 'camera' })).toMatchObject({
      status: 'refused', reason: 'unknown_code', code: 'ZZZZ-9999', registration: null,
    });
    const garbage = '\u0000\u0001binary\u0002';
    expect(scan(event, ports, { listId: entrance1, code: garbage, method: 'camera' })).toMatchObject({
      status: 'refused', reason: 'invalid_code',
    });
    expect(counts(db)).toEqual({ checkIns: 0, refused: 3 });
    const rows = db.prepare('SELECT reason, raw_code AS raw FROM refused_scans ORDER BY scanned_at').all();
    expect(rows).toEqual([
      { reason: 'cancelled', raw: 'CCCC-3333' },
      { reason: 'unknown_code', raw: 'ZZZZ-9999' },
      { reason: 'invalid_code', raw: garbage },
    ]);
  });

  it('a numeric code whose list lost its leading zeros in Excel ("70" for "0070") is found by the QR code with them', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    db.prepare("UPDATE registrations SET code = '70' WHERE code = 'AAAA-1111'").run();
    db.prepare("UPDATE registrations SET code = '0071' WHERE code = 'BBBB-2222'").run();
    expect(scan(event, ports, { listId: entrance1, code: '0070', method: 'camera' })).toMatchObject({ status: 'admitted', registration: { firstName: 'Jürgen', lastName: 'Müller' } });
    // A code kept with its zeros is found as it is; zeros are only ever taken off, never added.
    expect(scan(event, ports, { listId: entrance1, code: '0071', method: 'camera' })).toMatchObject({ status: 'admitted' });
    expect(scan(event, ports, { listId: entrance1, code: '71', method: 'camera' })).toMatchObject({ status: 'refused', registration: null });
    expect(scan(event, ports, { listId: entrance1, code: '0072', method: 'camera' })).toMatchObject({ status: 'refused', reason: 'unknown_code' });
  });

  it('keeps only the first 512 characters of a long refused payload and marks it truncated', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    const long = 'x'.repeat(10_000);
    expect(scan(event, ports, { listId: entrance1, code: long, method: 'camera' })).toMatchObject({ status: 'refused', reason: 'invalid_code' });
    const row = db.prepare('SELECT length(raw_code) AS len, raw_truncated AS cut FROM refused_scans').get();
    expect(row).toEqual({ len: 512, cut: 1 });
  });

  it('admits on a walk only people assigned to it', () => {
    const { event, ports } = smallEvent();
    expect(scan(event, ports, { listId: 'walk-1', code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    expect(scan(event, ports, { listId: 'walk-1', code: 'BBBB-2222', method: 'camera' })).toMatchObject({
      status: 'refused', reason: 'not_on_list',
    });
  });

  it('accepts the code inside a URL and lower-case typing of our own codes', () => {
    const { event, ports, entrance1 } = smallEvent();
    expect(scan(event, ports, { listId: entrance1, code: 'https://tickets.example.org/t?code=AAAA-1111', method: 'camera' }).status).toBe('admitted');
    expect(scan(event, ports, { listId: entrance1, code: ' bbbb-2222 ', method: 'manual' }).status).toBe('admitted');
  });

  it('fails with not_found for an unknown list and stores nothing', () => {
    const { db, event, ports } = smallEvent();
    expect(() => scan(event, ports, { listId: 'nope', code: 'AAAA-1111', method: 'camera' })).toThrow(AppError);
    expect(counts(db)).toEqual({ checkIns: 0, refused: 0 });
  });
});
