import { describe, expect, it } from 'vitest';
import { scan } from '../../electron/core/checkin/scan';
import { eraseRegistrations } from '../../db/queries/erasure';
import { smallEvent } from '../helpers/event-fixture';

const setCode = (db: ReturnType<typeof smallEvent>['db'], id: string, code: string) =>
  db.prepare('UPDATE registrations SET code = ? WHERE id = ?').run(code, id);

describe('a code a person had before', () => {
  it('still admits them when the list changed it after the confirmation e-mail was sent', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    setCode(db, 'reg-1', 'AAAA-NEU1');
    expect(db.prepare('SELECT code, registration_id AS id FROM former_codes').all()).toEqual([{ code: 'AAAA-1111', id: 'reg-1' }]);
    // Read from the e-mail's QR code, in any case: admitted as the person, once, and said to be an old code (a ticket
    // re-issued may have been passed on: the desk looks at the name); the new code is no old one.
    const old = scan(event, ports, { listId: entrance1, code: 'aaaa-1111', method: 'camera' });
    expect(old).toMatchObject({ status: 'admitted', registration: { id: 'reg-1' }, formerCode: { replacedAt: expect.any(String) } });
    const now = scan(event, ports, { listId: entrance1, code: 'AAAA-NEU1', method: 'camera' });
    expect(now).toMatchObject({ status: 'already_checked_in', registration: { id: 'reg-1' } });
    expect(now).not.toHaveProperty('formerCode');
    expect(scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' })).toMatchObject({ status: 'already_checked_in', formerCode: {} });
    // Changed again: both earlier codes work; back to the first, it is a code of now again, not a former one.
    setCode(db, 'reg-1', 'AAAA-DREI');
    expect(db.prepare('SELECT code FROM former_codes ORDER BY code').pluck().all()).toEqual(['AAAA-1111', 'AAAA-NEU1']);
    setCode(db, 'reg-1', 'AAAA-1111');
    expect(db.prepare('SELECT code FROM former_codes ORDER BY code').pluck().all()).toEqual(['AAAA-DREI', 'AAAA-NEU1']);
    // A cancelled person's former code is refused as cancelled, not as unknown.
    setCode(db, 'reg-3', 'CCCC-NEU3');
    expect(scan(event, ports, { listId: entrance1, code: 'CCCC-3333', method: 'camera' })).toMatchObject({ status: 'refused', reason: 'cancelled', registration: { id: 'reg-3' } });
    // Unchanged codes (a sync writing the same value) record nothing.
    db.prepare("UPDATE registrations SET code = code, first_name = 'Heike' WHERE id = 'reg-2'").run();
    expect(db.prepare("SELECT count(*) FROM former_codes WHERE registration_id = 'reg-2'").pluck().get()).toBe(0);
  });

  it('belongs to whoever has it now: a code given to someone else admits them, not its former holder', () => {
    const { db, event, ports, entrance1 } = smallEvent();
    setCode(db, 'reg-1', 'AAAA-NEU1');
    setCode(db, 'reg-2', 'AAAA-1111');
    expect(scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' })).toMatchObject({ status: 'admitted', registration: { id: 'reg-2' } });
    // Someone's former code that someone else had before too: the last to have it.
    setCode(db, 'reg-2', 'BBBB-NEU2');
    expect(db.prepare("SELECT registration_id FROM former_codes WHERE code = 'AAAA-1111'").pluck().get()).toBe('reg-2');
  });

  it("a walk-in's desk code, replaced when the list took them in, is their badge: it admits without a word", () => {
    const { db, event, ports, entrance1 } = smallEvent();
    db.prepare("UPDATE registrations SET registered_on_site = 1 WHERE id = 'reg-1'").run();
    setCode(db, 'reg-1', 'LIST-0001');
    const badge = scan(event, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' });
    expect(badge).toMatchObject({ status: 'admitted', registration: { id: 'reg-1' } });
    expect(badge).not.toHaveProperty('formerCode');
  });

  it('goes with the person when their data are erased', () => {
    const { db } = smallEvent();
    setCode(db, 'reg-1', 'AAAA-NEU1');
    db.transaction(() => eraseRegistrations(db, ['reg-1'], '2023-10-20T08:00:00.000Z'))();
    expect(db.prepare('SELECT count(*) FROM former_codes').pluck().get()).toBe(0);
  });
});
