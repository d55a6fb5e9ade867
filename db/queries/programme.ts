import type { RosterEntry } from '../../electron/contract/programme-methods';
import type { Db } from '../open';
import type { NewList } from './lists';
import { byGermanName } from './name-order';

export type ListUpdate = Omit<NewList, 'position' | 'createdAt'>;

export function updateList(db: Db, l: ListUpdate): void {
  const info = db
    .prepare(
      `UPDATE check_in_lists SET kind = @kind, format = @format, name = @name, day_id = @dayId, starts_at = @startsAt,
         ends_at = @endsAt, location = @location, capacity = @capacity, host = @host, description = @description,
         admission = @admission, allow_reentry = @allowReentry, entry_exit = @entryExit, admit_from = @admitFrom,
         admit_until = @admitUntil
       WHERE id = @id AND kind <> 'entrance'`,
    )
    .run({
      format: null, dayId: null, startsAt: null, endsAt: null, location: null, capacity: null, host: null,
      description: null, admission: 'all', admitFrom: null, admitUntil: null, ...l,
      allowReentry: l.allowReentry ? 1 : 0, entryExit: l.entryExit ? 1 : 0,
    });
  if (info.changes !== 1) throw new Error(`programme item ${l.id} not found`);
}

export function checkInCount(db: Db, listId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM check_ins WHERE list_id = ?').get(listId) as { n: number }).n
    + (db.prepare('SELECT count(*) AS n FROM refused_scans WHERE list_id = ?').get(listId) as { n: number }).n;
}

/** Deletes a programme item that has never been used for a check-in, with its assignments and moves. */
export function deleteUnusedList(db: Db, listId: string): void {
  db.prepare('DELETE FROM assignments WHERE list_id = ?').run(listId);
  db.prepare('DELETE FROM assignment_moves WHERE from_list_id = ? OR to_list_id = ?').run(listId, listId);
  const info = db.prepare("DELETE FROM check_in_lists WHERE id = ? AND kind <> 'entrance'").run(listId);
  if (info.changes !== 1) throw new Error(`programme item ${listId} not found`);
}

export function dayIdOf(db: Db, date: string): string | null {
  return (db.prepare('SELECT id FROM days WHERE date = ?').get(date) as { id: string } | undefined)?.id ?? null;
}

export function nextListPosition(db: Db): number {
  return (db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM check_in_lists').get() as { p: number }).p;
}

export function removeAssignment(db: Db, registrationId: string, listId: string): boolean {
  return db.prepare('DELETE FROM assignments WHERE registration_id = ? AND list_id = ?').run(registrationId, listId).changes === 1;
}

export function insertMove(
  db: Db, m: { id: string; registrationId: string; fromListId: string | null; toListId: string | null; movedAt: string; stationId: string },
): void {
  db.prepare(
    `INSERT INTO assignment_moves (id, registration_id, from_list_id, to_list_id, moved_at, station_id)
     VALUES (@id, @registrationId, @fromListId, @toListId, @movedAt, @stationId)`,
  ).run(m);
}

/**
 * Everyone on a list's roster: people assigned to it, and anyone with a check-in there although not assigned.
 * Presence follows the same rule as the counters: an effective entry, and on entry/exit lists the last effective
 * record is an entry.
 */
export function roster(db: Db, listId: string, entryExit: boolean): RosterEntry[] {
  const rows = db
    .prepare(
      `WITH eff AS (
         SELECT c.id, c.registration_id, c.type, c.scanned_at FROM check_ins c
         WHERE c.list_id = @listId AND c.type <> 'undo' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)),
       latest AS (
         SELECT registration_id, type, id, scanned_at,
                row_number() OVER (PARTITION BY registration_id ORDER BY scanned_at DESC, id DESC) AS rn FROM eff),
       first_entry AS (SELECT registration_id, min(scanned_at) AS at FROM eff WHERE type = 'entry' GROUP BY registration_id),
       people AS (
         SELECT registration_id, origin FROM assignments WHERE list_id = @listId
         UNION ALL
         SELECT DISTINCT registration_id, NULL FROM eff
         WHERE registration_id NOT IN (SELECT registration_id FROM assignments WHERE list_id = @listId))
       SELECT r.id, r.code, r.first_name AS firstName, r.last_name AS lastName, r.organisation, r.town, r.status,
              r.registered_on_site AS registeredOnSite, p.origin, l.type AS lastType, l.id AS lastId,
              l.scanned_at AS lastAt, f.at AS firstAt,
              EXISTS (SELECT 1 FROM assignment_moves m WHERE m.registration_id = r.id AND m.to_list_id = @listId AND m.from_list_id IS NULL) AS joinedOnSite,
              EXISTS (SELECT 1 FROM assignment_moves m WHERE m.registration_id = r.id AND m.to_list_id = @listId AND m.from_list_id IS NOT NULL) AS movedHere,
              (SELECT fl.name FROM assignment_moves m JOIN check_in_lists fl ON fl.id = m.from_list_id
               WHERE m.registration_id = r.id AND m.to_list_id = @listId AND m.moved_at = l.scanned_at LIMIT 1) AS movedFrom
       FROM people p JOIN registrations r ON r.id = p.registration_id
       LEFT JOIN latest l ON l.registration_id = r.id AND l.rn = 1
       LEFT JOIN first_entry f ON f.registration_id = r.id
       ORDER BY ${byGermanName('r.')}`,
    )
    .all({ listId }) as (Omit<RosterEntry, 'present' | 'checkInId' | 'presentSince' | 'registeredOnSite' | 'joinedOnSite' | 'movedHere' | 'movedFrom'> & {
    movedFrom: string | null;
    registeredOnSite: number; joinedOnSite: number; movedHere: number; lastType: string | null; lastId: string | null; lastAt: string | null; firstAt: string | null;
  })[];
  return rows.map(({ lastType, lastId, lastAt, firstAt, ...r }) => {
    const present = entryExit ? lastType === 'entry' : firstAt !== null;
    return {
      ...r,
      registeredOnSite: r.registeredOnSite === 1,
      joinedOnSite: r.joinedOnSite === 1,
      movedHere: r.movedHere === 1,
      movedFrom: present ? r.movedFrom : null,
      present,
      checkInId: present ? lastId : null,
      presentSince: present ? (entryExit ? lastAt : firstAt) : null,
    };
  });
}
