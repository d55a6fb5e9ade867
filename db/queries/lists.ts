import type { CheckInList, ListKind } from '../../electron/contract/entities';
import type { Db } from '../open';

export interface NewList {
  id: string;
  kind: ListKind;
  format?: string | null;
  name: string;
  dayId?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  location?: string | null;
  capacity?: number | null;
  host?: string | null;
  description?: string | null;
  admission?: 'all' | 'assigned';
  allowReentry?: boolean;
  entryExit?: boolean;
  admitFrom?: string | null;
  admitUntil?: string | null;
  position: number;
  createdAt: string;
}

export function insertDay(db: Db, day: { id: string; date: string; label: string }): void {
  db.prepare('INSERT INTO days (id, date, label) VALUES (@id, @date, @label)').run(day);
}

export function listDays(db: Db): { id: string; date: string; label: string }[] {
  return db.prepare('SELECT id, date, label FROM days ORDER BY date').all() as { id: string; date: string; label: string }[];
}

/** Every check-in list by id, kind and name: what a registration list's cells and columns are matched against. */
export function listRefs(db: Db): { id: string; kind: 'entrance' | 'session' | 'walk'; name: string }[] {
  return db.prepare('SELECT id, kind, name FROM check_in_lists').all() as { id: string; kind: 'entrance' | 'session' | 'walk'; name: string }[];
}

/** Sessions and walks with a day and a time from and to: whether two of them take place at the same time. */
export interface ListTime {
  id: string;
  name: string;
  day: string;
  startsAt: string;
  endsAt: string;
}

export function listTimes(db: Db): ListTime[] {
  return db.prepare(
    `SELECT l.id, l.name, d.date AS day, l.starts_at AS startsAt, l.ends_at AS endsAt
     FROM check_in_lists l JOIN days d ON d.id = l.day_id
     WHERE l.kind IN ('session', 'walk') AND l.starts_at IS NOT NULL AND l.ends_at IS NOT NULL`,
  ).all() as ListTime[];
}

export function insertList(db: Db, l: NewList): void {
  db.prepare(
    `INSERT INTO check_in_lists (id, kind, format, name, day_id, starts_at, ends_at, location, capacity, host,
                                 description, admission, allow_reentry, entry_exit, admit_from, admit_until, position,
                                 created_at)
     VALUES (@id, @kind, @format, @name, @dayId, @startsAt, @endsAt, @location, @capacity, @host,
             @description, @admission, @allowReentry, @entryExit, @admitFrom, @admitUntil, @position, @createdAt)`,
  ).run({
    format: null, dayId: null, startsAt: null, endsAt: null, location: null, capacity: null, host: null,
    description: null, admission: 'all', admitFrom: null, admitUntil: null, ...l,
    allowReentry: l.allowReentry ? 1 : 0, entryExit: l.entryExit ? 1 : 0,
  });
}

const listColumns = `
  l.id, l.kind, l.format, l.name, d.date AS day, l.starts_at AS startsAt, l.ends_at AS endsAt, l.location,
  l.capacity, l.host, l.description, l.admission, l.allow_reentry AS allowReentry, l.entry_exit AS entryExit,
  l.admit_from AS admitFrom, l.admit_until AS admitUntil`;

type ListRow = Omit<CheckInList, 'allowReentry' | 'entryExit' | 'checkedIn' | 'expected'> & { allowReentry: number; entryExit: number };
const toList = <T extends ListRow>(r: T) => ({ ...r, allowReentry: r.allowReentry === 1, entryExit: r.entryExit === 1 });

export type ListInfo = Omit<CheckInList, 'checkedIn' | 'expected'>;

/**
 * People present on list `l`: with an effective entry, and on entry/exit lists whose last effective record (by
 * scan time) is an entry. Used by the counters and by the capacity rule, so both always agree.
 */
const PRESENT_COUNT = `(SELECT count(*) FROM (
    SELECT c.registration_id,
           (SELECT c2.type FROM check_ins c2 WHERE c2.list_id = c.list_id AND c2.registration_id = c.registration_id
              AND c2.type <> 'undo' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c2.id)
            ORDER BY c2.scanned_at DESC, c2.id DESC LIMIT 1) AS last_type
    FROM check_ins c
    WHERE c.list_id = l.id AND c.type = 'entry' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)
    GROUP BY c.registration_id) p
  WHERE l.entry_exit = 0 OR p.last_type = 'entry')`;

export function presentCount(db: Db, listId: string): number {
  return (db.prepare(`SELECT ${PRESENT_COUNT} AS n FROM check_in_lists l WHERE l.id = ?`).get(listId) as { n: number }).n;
}

export function getList(db: Db, id: string): ListInfo | null {
  const row = db
    .prepare(`SELECT ${listColumns} FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id WHERE l.id = ?`)
    .get(id) as ListRow | undefined;
  return row ? toList(row) : null;
}

/**
 * All lists with their live counters. "Checked in" counts people with an effective entry (on entry/exit lists:
 * whose latest effective record is an entry, i.e. inside now); "expected" is everyone assigned (lists for the
 * assigned, and sessions or walks open to all that people signed up for, as the roster, the overview and the
 * statistics count them), else everyone registered for the day (entrances, plenary sessions nobody signs up for).
 */
export function listListsWithCounts(db: Db): CheckInList[] {
  const rows = db
    .prepare(
      `SELECT ${listColumns},
         ${PRESENT_COUNT} AS checkedIn,
         CASE WHEN l.admission = 'assigned'
                OR (l.kind <> 'entrance' AND EXISTS (SELECT 1 FROM assignments a WHERE a.list_id = l.id))
           THEN (SELECT count(*) FROM assignments a JOIN registrations r ON r.id = a.registration_id
                  WHERE a.list_id = l.id AND r.status = 'registered')
           ELSE (SELECT count(*) FROM registrations r WHERE r.status = 'registered'
                  AND (d.date IS NULL OR r.days = '[]' OR EXISTS (SELECT 1 FROM json_each(r.days) j WHERE j.value = d.date)))
         END AS expected
       FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id
       ORDER BY d.date IS NULL, d.date, l.kind <> 'entrance', l.starts_at, l.position, l.name`,
    )
    .all() as (ListRow & { checkedIn: number; expected: number })[];
  return rows.map(toList);
}
