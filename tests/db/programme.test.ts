import { describe, expect, it } from 'vitest';
import { attendanceMatrix } from '../../db/queries/attendance';
import { insertList } from '../../db/queries/lists';
import { localFieldsOf } from '../../db/queries/local-fields';
import { roster } from '../../db/queries/programme';
import { insertAssignment } from '../../db/queries/registrations';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { scan } from '../../electron/core/checkin/scan';
import { undoCheckIn } from '../../electron/core/checkin/undo';
import { joinOnTheSpot, joinOutlook, moveBetweenLists } from '../../electron/core/programme/moves';
import { smallEvent } from '../helpers/event-fixture';

function event() {
  const f = smallEvent();
  insertList(f.db, { id: 'walk-2', kind: 'walk', name: 'Stadtrundgang Schloss', admission: 'assigned', capacity: 10, position: 6, createdAt: '2023-10-18T06:00:00.000Z' });
  return f;
}

describe('moves and rosters', () => {
  it('moves a person between walks, keeps the move with time and station, marks the new assignment local', () => {
    const { db, event: ev, ports, station } = event();
    moveBetweenLists(ev, ports, { registrationId: 'reg-1', fromListId: 'walk-1', toListId: 'walk-2' });
    expect(db.prepare("SELECT list_id AS l, origin FROM assignments WHERE registration_id = 'reg-1'").all()).toEqual([{ l: 'walk-2', origin: 'local' }]);
    const move = db.prepare('SELECT from_list_id AS f, to_list_id AS t, station_id AS s, moved_at AS at FROM assignment_moves').get();
    expect(move).toEqual({ f: 'walk-1', t: 'walk-2', s: station.id, at: expect.stringMatching(/^2023-10-18T07:3/) });
    expect(scan(ev, ports, { listId: 'walk-1', code: 'AAAA-1111', method: 'camera' })).toMatchObject({ reason: 'not_on_list' });
    expect(scan(ev, ports, { listId: 'walk-2', code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    expect(() => moveBetweenLists(ev, ports, { registrationId: 'reg-2', fromListId: 'walk-1', toListId: 'walk-2' })).toThrow();
  });

  it('roster: assigned people, presence, joiners marked local, undo removes presence', () => {
    const { db, event: ev, ports } = event();
    insertAssignment(db, { registrationId: 'reg-3', listId: 'walk-1', origin: 'registration', createdAt: '2023-10-18T06:00:00.000Z' });
    expect(roster(db, 'walk-1', false).map((p) => [p.lastName, p.present, p.origin])).toEqual([
      ['Müller', false, 'registration'], ['Storniert', false, 'registration'],
    ]);
    const r = admitRegistration(ev, ports, { listId: 'walk-1', registrationId: 'reg-1', method: 'manual', override: false });
    const joined = joinOnTheSpot(ev, ports, 'walk-1', 'reg-2');
    expect(joined.status).toBe('admitted');
    const list = roster(db, 'walk-1', false);
    expect(list.map((p) => [p.lastName, p.present, p.origin, p.joinedOnSite])).toEqual([
      ['Müller', true, 'registration', false], ['Schäfer', true, 'local', true], ['Storniert', false, 'registration', false],
    ]);
    if (r.status !== 'admitted') throw new Error('expected admitted');
    expect(list[0]!.checkInId).toBe(r.checkIn.id);
    undoCheckIn(ev, ports, r.checkIn.id, 'roster');
    expect(roster(db, 'walk-1', false)[0]!.present).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM assignment_moves WHERE from_list_id IS NULL AND to_list_id = 'walk-1'").get()).toEqual({ n: 1 });
    // Moved to the other walk: local too, but no one who joined on the spot ("umgebucht").
    moveBetweenLists(ev, ports, { registrationId: 'reg-2', fromListId: 'walk-1', toListId: 'walk-2' });
    expect(roster(db, 'walk-2', false).map((p) => [p.lastName, p.origin, p.joinedOnSite, p.movedHere])).toEqual([['Schäfer', 'local', false, true]]);
    // A walk set in the app (no move from another): local, neither joined nor moved ("in der App eingetragen").
    insertAssignment(db, { registrationId: 'reg-1', listId: 'walk-2', origin: 'local', createdAt: '2023-10-18T06:00:00.000Z' });
    expect(roster(db, 'walk-2', false).find((p) => p.lastName === 'Müller')).toMatchObject({ origin: 'local', joinedOnSite: false, movedHere: false });
  });

  it('someone joining a walk who is booked on another at the same time is moved from it once admitted', () => {
    const { db, event: ev, ports, entrance1 } = event();
    const day = db.prepare("SELECT id FROM days WHERE date = '2023-10-18'").pluck().get() as string;
    db.prepare("UPDATE check_in_lists SET day_id = ?, starts_at = '14:00', ends_at = '16:00' WHERE id IN ('walk-1', 'walk-2')").run(day);
    // Said on the search hits before the tap: Müller would be moved from walk-1; Schäfer (on no walk) just joins; at
    // walk-1 Müller is booked there; at the entrance nothing is said.
    expect([...joinOutlook(ev, 'walk-2', ['reg-1', 'reg-2'])]).toEqual([
      ['reg-1', { here: false, sameTime: 'Stadtrundgang Altstadt' }], ['reg-2', { here: false, sameTime: null }],
    ]);
    expect(joinOutlook(ev, 'walk-1', ['reg-1']).get('reg-1')).toEqual({ here: true, sameTime: null });
    expect(joinOutlook(ev, entrance1, ['reg-1']).size).toBe(0);
    // Müller (reg-1) is booked on walk-1 and comes to walk-2: moved, said with the walk's name.
    expect(joinOnTheSpot(ev, ports, 'walk-2', 'reg-1')).toMatchObject({ status: 'admitted', movedFrom: 'Stadtrundgang Altstadt' });
    expect(db.prepare("SELECT list_id FROM assignments WHERE registration_id = 'reg-1'").pluck().all()).toEqual(['walk-2']);
    expect(db.prepare("SELECT from_list_id AS f, to_list_id AS t FROM assignment_moves WHERE registration_id = 'reg-1'").all()).toEqual([{ f: 'walk-1', t: 'walk-2' }]);
    expect(roster(db, 'walk-1', false)).toEqual([]);
    expect(roster(db, 'walk-2', false).map((p) => [p.lastName, p.present, p.joinedOnSite])).toEqual([['Müller', true, false]]);
    // At another time, or already at the other walk, nothing is moved.
    insertAssignment(db, { registrationId: 'reg-2', listId: 'walk-1', origin: 'registration', createdAt: '2023-10-18T06:00:00.000Z' });
    admitRegistration(ev, ports, { listId: 'walk-1', registrationId: 'reg-2', method: 'manual', override: false });
    // Already at walk-1: not said to be moved from it.
    expect(joinOutlook(ev, 'walk-2', ['reg-2']).get('reg-2')).toEqual({ here: false, sameTime: null });
    const joined = joinOnTheSpot(ev, ports, 'walk-2', 'reg-2');
    expect(joined.status).toBe('admitted');
    expect(joined).not.toHaveProperty('movedFrom');
    expect(db.prepare("SELECT list_id FROM assignments WHERE registration_id = 'reg-2' ORDER BY list_id").pluck().all()).toEqual(['walk-1', 'walk-2']);
  });

  it('undoing the check-in of someone who joined on the spot from their own walk at the same time takes the move back', () => {
    const { db, event: ev, ports } = event();
    const day = db.prepare("SELECT id FROM days WHERE date = '2023-10-18'").pluck().get() as string;
    db.prepare("UPDATE check_in_lists SET day_id = ?, starts_at = '14:00', ends_at = '16:00' WHERE id IN ('walk-1', 'walk-2')").run(day);
    const assigned = (id: string) => db.prepare('SELECT list_id FROM assignments WHERE registration_id = ? ORDER BY list_id').pluck().all(id);
    const moved = (id: string) => db.prepare('SELECT from_list_id AS f, to_list_id AS t FROM assignment_moves WHERE registration_id = ? ORDER BY moved_at, rowid').all(id);
    // Müller, booked on walk-1, picked by mistake at walk-2: undone, he is back on walk-1 and gone from walk-2.
    const joined = joinOnTheSpot(ev, ports, 'walk-2', 'reg-1');
    expect(joined.status).toBe('admitted');
    expect(localFieldsOf(db, 'reg-1').map((m) => m.field)).toEqual(['walks']);
    // The roster knows, for the question before the undo, where he came from.
    expect(roster(db, 'walk-2', false).map((p) => [p.lastName, p.present, p.movedFrom])).toEqual([['Müller', true, 'Stadtrundgang Altstadt']]);
    undoCheckIn(ev, ports, joined.status === 'admitted' ? joined.checkIn.id : '', 'roster');
    expect(assigned('reg-1')).toEqual(['walk-1']);
    expect(moved('reg-1')).toEqual([{ f: 'walk-1', t: 'walk-2' }, { f: 'walk-2', t: 'walk-1' }]);
    expect(roster(db, 'walk-2', false)).toEqual([]);
    expect(roster(db, 'walk-1', false).map((p) => [p.lastName, p.present])).toEqual([['Müller', false]]);
    // Someone of no walk who joined: undone, still on the roster, unticked (a tick taken back by mistake).
    const other = joinOnTheSpot(ev, ports, 'walk-2', 'reg-2');
    expect(roster(db, 'walk-2', false).map((p) => [p.lastName, p.movedFrom])).toEqual([['Schäfer', null]]);
    undoCheckIn(ev, ports, other.status === 'admitted' ? other.checkIn.id : '', 'roster');
    expect(assigned('reg-2')).toEqual(['walk-2']);
    expect(roster(db, 'walk-2', false).map((p) => [p.lastName, p.present])).toEqual([['Schäfer', false]]);
    // A check-in undone after the person was moved here by the guide ("Umbuchen") leaves the move alone.
    moveBetweenLists(ev, ports, { registrationId: 'reg-1', fromListId: 'walk-1', toListId: 'walk-2' });
    const admitted = admitRegistration(ev, ports, { listId: 'walk-2', registrationId: 'reg-1', method: 'manual', override: false });
    undoCheckIn(ev, ports, admitted.status === 'admitted' ? admitted.checkIn.id : '', 'roster');
    expect(assigned('reg-1')).toEqual(['walk-2']);
  });

  it('attendance matrix: present, absent where expected, none elsewhere; filters by sector', () => {
    const { db, event: ev, ports, entrance1 } = event();
    db.prepare("UPDATE registrations SET sector = 'Verwaltung' WHERE id = 'reg-1'").run();
    scan(ev, ports, { listId: entrance1, code: 'AAAA-1111', method: 'camera' });
    const m = attendanceMatrix(db, { limit: 50, offset: 0 });
    expect(m.lists.map((l) => l.name)).toEqual(['Einlass Tag 1', 'Einlass Tag 2', 'Stadtrundgang Altstadt', 'Stadtrundgang Schloss']);
    const muller = m.rows.find((r) => r.id === 'reg-1')!;
    expect(muller.cells).toEqual(['present', 'absent', 'absent', 'none']);
    expect(m.rows.map((r) => r.id)).toEqual(['reg-1', 'reg-2']);
    expect(m.lists[0]!.present).toBe(1);
    expect(attendanceMatrix(db, { sector: 'Verwaltung', limit: 50, offset: 0 }).rows.map((r) => r.id)).toEqual(['reg-1']);
    expect(attendanceMatrix(db, { day: '2023-10-19', limit: 50, offset: 0 }).lists.map((l) => l.name)).toEqual(['Einlass Tag 2']);
    expect(m.sectors).toEqual(['Verwaltung']);
  });

  it('attendance matrix: the cancelled count for no list, and are missing nowhere', () => {
    const { db, event: ev, ports, entrance1 } = event();
    insertAssignment(db, { registrationId: 'reg-3', listId: 'walk-1', origin: 'registration', createdAt: '2023-10-18T06:00:00.000Z' });
    // Klaus is cancelled, let in by exception on day 1: his row is shown for that entry.
    admitRegistration(ev, ports, { listId: entrance1, registrationId: 'reg-3', method: 'search', override: true });
    const m = attendanceMatrix(db, { limit: 50, offset: 0 });
    expect(m.lists.find((l) => l.id === 'walk-1')).toMatchObject({ assigned: 1 });
    expect(m.rows.find((r) => r.id === 'reg-3')!.cells).toEqual(['present', 'none', 'none', 'none']);
  });
});
