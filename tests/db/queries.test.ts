import { describe, expect, it } from 'vitest';
import { attendanceMatrix } from '../../db/queries/attendance';
import { insertCheckIn } from '../../db/queries/check-ins';
import { insertList, listListsWithCounts } from '../../db/queries/lists';
import { roster } from '../../db/queries/programme';
import { assignmentsOf, findRegistrationIdByCode, insertAssignment, listRegistrations } from '../../db/queries/registrations';
import { openEventFile } from '../../db/open';
import { writeDemoEvent } from '../../electron/core/event/demo';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { queryTerms } from '../../electron/core/text/fold';
import { smallEvent } from '../helpers/event-fixture';

describe('queries', () => {
  it('finds a registration by code through the unique index, not a table scan', () => {
    const { db } = smallEvent();
    expect(findRegistrationIdByCode(db, 'BBBB-2222')).toBe('reg-2');
    expect(findRegistrationIdByCode(db, 'bbbb-2222')).toBeNull();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM registrations WHERE code = ?').all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_registrations_\d/);
  });

  it('looks up check-ins of a person on a list through an index', () => {
    const { db } = smallEvent();
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM check_ins WHERE list_id = ? AND registration_id = ? AND type <> 'undo'")
      .all('a', 'b') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX check_ins_by_list_registration/);
  });

  it('keeps check-ins append-only', () => {
    const { db, entrance1, station } = smallEvent();
    insertCheckIn(db, {
      id: 'c1', listId: entrance1, registrationId: 'reg-1', type: 'entry', method: 'camera',
      scannedAt: '2023-10-18T07:31:00.000Z', uploadedAt: '2023-10-18T07:31:00.000Z', stationId: station.id,
    });
    expect(() => db.prepare("UPDATE check_ins SET type = 'exit' WHERE id = 'c1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM check_ins WHERE id = 'c1'").run()).toThrow(/append-only/);
    expect(() =>
      insertCheckIn(db, {
        id: 'c2', listId: entrance1, registrationId: 'nobody', type: 'entry', method: 'camera',
        scannedAt: '2023-10-18T07:31:00.000Z', uploadedAt: '2023-10-18T07:31:00.000Z', stationId: station.id,
      }),
    ).toThrow(/FOREIGN KEY/);
  });

  it('counts checked-in and expected people per list; an undone entry does not count', () => {
    const { db, entrance1, station } = smallEvent();
    const at = '2023-10-18T07:31:00.000Z';
    insertCheckIn(db, { id: 'c1', listId: entrance1, registrationId: 'reg-1', type: 'entry', method: 'camera', scannedAt: at, uploadedAt: at, stationId: station.id });
    insertCheckIn(db, { id: 'c2', listId: entrance1, registrationId: 'reg-2', type: 'entry', method: 'camera', scannedAt: at, uploadedAt: at, stationId: station.id });
    insertCheckIn(db, { id: 'c3', listId: entrance1, registrationId: 'reg-2', type: 'undo', undoesId: 'c2', method: 'manual', scannedAt: at, uploadedAt: at, stationId: station.id });
    const lists = listListsWithCounts(db);
    expect(lists.map((l) => l.name)).toEqual(['Einlass Tag 1', 'Einlass Tag 2', 'Stadtrundgang Altstadt']);
    const day1 = lists.find((l) => l.id === entrance1)!;
    expect(day1).toMatchObject({ checkedIn: 1, expected: 2 });
    expect(lists.find((l) => l.id === 'walk-1')).toMatchObject({ checkedIn: 0, expected: 1 });
  });

  it('expects at a session open to all who signed up for it, as its roster does; everyone of the day at a plenary nobody signs up for', () => {
    const { db } = smallEvent();
    const at = '2023-10-18T07:00:00.000Z';
    const day1 = (db.prepare("SELECT id FROM days WHERE date = '2023-10-18'").get() as { id: string }).id;
    insertList(db, { id: 'ws-1', kind: 'session', name: 'Workshop', dayId: day1, admission: 'all', position: 6, createdAt: at });
    insertList(db, { id: 'plenum', kind: 'session', name: 'Plenum', dayId: day1, admission: 'all', position: 7, createdAt: at });
    insertAssignment(db, { registrationId: 'reg-2', listId: 'ws-1', origin: 'registration', createdAt: at });
    insertAssignment(db, { registrationId: 'reg-3', listId: 'ws-1', origin: 'registration', createdAt: at });
    const lists = listListsWithCounts(db);
    // reg-2 signed up; reg-3 did too, but is cancelled.
    expect(lists.find((l) => l.id === 'ws-1')).toMatchObject({ expected: 1 });
    expect(roster(db, 'ws-1', false).filter((p) => p.status === 'registered')).toHaveLength(1);
    expect(lists.find((l) => l.id === 'plenum')).toMatchObject({ expected: 2 });
  });

  it('orders people as a German reader looks for them: umlauts as their base letter, not after z', () => {
    const names = ['Krause', 'Köhler', 'Koch', 'Krüger', 'König', 'Kuhn', 'Özdemir', 'Otto', 'Zander', 'Straßer', 'Strauch', 'Ahrens'];
    // The first is reg-1, whom the fixture puts on walk-1.
    const id = (i: number) => (i === 0 ? 'reg-1' : `p${i}`);
    const { db } = smallEvent(names.map((lastName, i) => ({ id: id(i), code: `CODE-${1000 + i}`, firstName: 'Eva', lastName })));
    const expected = ['Ahrens', 'Koch', 'Köhler', 'König', 'Krause', 'Krüger', 'Kuhn', 'Otto', 'Özdemir', 'Straßer', 'Strauch', 'Zander'];
    // As the exports sort them.
    expect([...names].sort(new Intl.Collator('de').compare)).toEqual(expected);
    expect(listRegistrations(db, { folded: [], limit: 50, offset: 0 }).items.map((p) => p.lastName)).toEqual(expected);
    for (const i of names.keys()) if (i > 0) insertAssignment(db, { registrationId: id(i), listId: 'walk-1', origin: 'registration', createdAt: '2023-10-18T07:00:00.000Z' });
    expect(roster(db, 'walk-1', false).map((p) => p.lastName)).toEqual(expected);
    expect(attendanceMatrix(db, { limit: 50, offset: 0 }).rows.map((r) => r.name.replace('Eva ', ''))).toEqual(expected);
  });

  it('filters people with German folding: muller, mueller and Müller find Müller', () => {
    const { db } = smallEvent();
    for (const q of ['muller', 'mueller', 'Müller', 'MÜLLER', 'weissenfels', 'Weißenfels', 'jür mül']) {
      const r = listRegistrations(db, { folded: queryTerms(q), limit: 10, offset: 0 });
      expect(r.items.map((p) => p.id), q).toEqual(['reg-1']);
    }
    expect(listRegistrations(db, { folded: queryTerms('schafer'), limit: 10, offset: 0 }).items.map((p) => p.id)).toEqual(['reg-2']);
    expect(listRegistrations(db, { folded: queryTerms('100%_'), limit: 10, offset: 0 }).total).toBe(0);
    expect(listRegistrations(db, { folded: [], limit: 2, offset: 0 })).toMatchObject({ total: 3 });
  });
});

describe("a person's programme", () => {
  it('in the order of the event: by day, then time, each with its day and start time', () => {
    const db = openEventFile(':memory:');
    writeDemoEvent(db, { clock: fixedClock('2023-10-01T08:00:00.000Z', 1), ids: sequentialIds() }, 'Einlass 1');
    // Someone with programme items on both days, the day-2 one first by time of day.
    const row = db.prepare(
      `SELECT a.registration_id AS id FROM assignments a JOIN check_in_lists l ON l.id = a.list_id JOIN days d ON d.id = l.day_id
       GROUP BY a.registration_id HAVING count(DISTINCT d.date) = 2 AND min(CASE WHEN d.date = '2023-10-19' THEN l.starts_at END) < max(CASE WHEN d.date = '2023-10-18' THEN l.starts_at END)
       LIMIT 1`,
    ).get() as { id: string };
    const items = assignmentsOf(db, row.id);
    expect(items.map((i) => i.day)).toEqual([...items.map((i) => i.day)].sort());
    expect(items.every((i) => i.day !== null && /^\d{2}:\d{2}$/.test(i.startsAt ?? ''))).toBe(true);
    db.close();
  });
});
