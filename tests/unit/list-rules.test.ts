import { describe, expect, it } from 'vitest';
import { insertList } from '../../db/queries/lists';
import { insertAssignment } from '../../db/queries/registrations';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { scan } from '../../electron/core/checkin/scan';
import { undoCheckIn } from '../../electron/core/checkin/undo';
import { AppError } from '../../electron/core/errors';
import { smallEvent, type Person } from '../helpers/event-fixture';

const people: Person[] = [1, 2, 3, 4].map((i) => ({ id: `reg-${i}`, code: `CODE-000${i}`, lastName: `Person ${i}` }));

function withList(extra: Partial<Parameters<typeof insertList>[1]>) {
  const f = smallEvent(people);
  const dayId = (f.db.prepare("SELECT id FROM days WHERE date = '2023-10-18'").get() as { id: string }).id;
  insertList(f.db, { id: 'l', kind: 'session', name: 'Workshop', dayId, position: 9, createdAt: '2023-10-18T06:00:00.000Z', ...extra });
  const go = (code: string, direction: 'entry' | 'exit' = 'entry') => scan(f.event, f.ports, { listId: 'l', code, method: 'camera', direction });
  return { ...f, go };
}

describe('list rules', () => {
  it('entry/exit lists know who is inside: exit needs an entry, re-entry after an exit is allowed', () => {
    const { go } = withList({ entryExit: true });
    expect(go('CODE-0001', 'exit')).toMatchObject({ status: 'refused', reason: 'not_inside' });
    expect(go('CODE-0001')).toMatchObject({ status: 'admitted', checkIn: { type: 'entry' } });
    expect(go('CODE-0001').status).toBe('already_checked_in');
    expect(go('CODE-0001', 'exit')).toMatchObject({ status: 'admitted', checkIn: { type: 'exit' } });
    expect(go('CODE-0001', 'exit')).toMatchObject({ status: 'refused', reason: 'not_inside' });
    expect(go('CODE-0001')).toMatchObject({ status: 'admitted', checkIn: { type: 'entry' } });
  });

  it('refuses exits on lists that record none', () => {
    const { go } = withList({});
    expect(() => go('CODE-0001', 'exit')).toThrow(AppError);
  });

  it('re-entry allowed: a second scan admits again', () => {
    const { go, db } = withList({ allowReentry: true });
    expect(go('CODE-0001').status).toBe('admitted');
    expect(go('CODE-0001').status).toBe('admitted');
    expect(db.prepare("SELECT count(*) AS n FROM check_ins WHERE list_id = 'l'").get()).toEqual({ n: 2 });
  });

  it('time window: too early before, too late after, on the list day in the event time zone', () => {
    // 2023-10-18T07:30Z is 09:30 in Berlin (CEST).
    const { go, clock } = withList({ admitFrom: '09:45', admitUntil: '10:15' });
    expect(go('CODE-0001')).toMatchObject({ status: 'refused', reason: 'too_early' });
    clock.advance(20 * 60_000);
    expect(go('CODE-0001').status).toBe('admitted');
    clock.advance(30 * 60_000);
    expect(go('CODE-0002')).toMatchObject({ status: 'refused', reason: 'too_late' });
    clock.advance(24 * 3600_000);
    expect(go('CODE-0003')).toMatchObject({ status: 'refused', reason: 'too_late' });
  });

  it('capacity: refuses when full, an override admits, someone returning keeps their place', () => {
    const { go, event, ports } = withList({ capacity: 2, entryExit: true });
    expect(go('CODE-0001').status).toBe('admitted');
    expect(go('CODE-0002').status).toBe('admitted');
    expect(go('CODE-0003')).toMatchObject({ status: 'refused', reason: 'full' });
    expect(admitRegistration(event, ports, { listId: 'l', registrationId: 'reg-3', method: 'manual', override: true })).toMatchObject({ status: 'admitted', checkIn: { override: true } });
    go('CODE-0001', 'exit');
    expect(go('CODE-0004')).toMatchObject({ status: 'refused', reason: 'full' });
    go('CODE-0002', 'exit');
    go('CODE-0003', 'exit');
    expect(go('CODE-0001').status).toBe('admitted');
    expect(go('CODE-0004').status).toBe('admitted');
  });

  it('an undone entry frees its place', () => {
    const { go, event, ports } = withList({ capacity: 1 });
    const first = go('CODE-0001');
    if (first.status !== 'admitted') throw new Error('expected admitted');
    expect(go('CODE-0002')).toMatchObject({ reason: 'full' });
    undoCheckIn(event, ports, first.checkIn.id, 'roster');
    expect(go('CODE-0002').status).toBe('admitted');
  });

  it('assigned-only lists refuse people not assigned; the roster scope may undo old records, the front desk not', () => {
    const { go, db, event, ports, clock } = withList({ admission: 'assigned' });
    insertAssignment(db, { registrationId: 'reg-1', listId: 'l', origin: 'registration', createdAt: '2023-10-18T06:00:00.000Z' });
    expect(go('CODE-0002')).toMatchObject({ reason: 'not_on_list' });
    const r = go('CODE-0001');
    if (r.status !== 'admitted') throw new Error('expected admitted');
    clock.advance(3600_000);
    expect(() => undoCheckIn(event, ports, r.checkIn.id)).toThrow(AppError);
    expect(undoCheckIn(event, ports, r.checkIn.id, 'roster').undo.type).toBe('undo');
  });
});
