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
  position: number;
  createdAt: string;
}

export function insertDay(db: Db, day: { id: string; date: string; label: string }): void {
  db.prepare('INSERT INTO days (id, date, label) VALUES (@id, @date, @label)').run(day);
}

export function listDays(db: Db): { id: string; date: string; label: string }[] {
  return db.prepare('SELECT id, date, label FROM days ORDER BY date').all() as { id: string; date: string; label: string }[];
}

export function insertList(db: Db, l: NewList): void {
  db.prepare(
    `INSERT INTO check_in_lists (id, kind, format, name, day_id, starts_at, ends_at, location, capacity, host,
                                 description, admission, allow_reentry, position, created_at)
     VALUES (@id, @kind, @format, @name, @dayId, @startsAt, @endsAt, @location, @capacity, @host,
             @description, @admission, @allowReentry, @position, @createdAt)`,
  ).run({
    format: null, dayId: null, startsAt: null, endsAt: null, location: null, capacity: null, host: null,
    description: null, admission: 'all', ...l, allowReentry: l.allowReentry ? 1 : 0,
  });
}

const listColumns = `
  l.id, l.kind, l.format, l.name, d.date AS day, l.starts_at AS startsAt, l.ends_at AS endsAt, l.location,
  l.capacity, l.host, l.description, l.admission, l.allow_reentry AS allowReentry`;

type ListRow = Omit<CheckInList, 'allowReentry' | 'checkedIn' | 'expected'> & { allowReentry: number };

export type ListInfo = Omit<CheckInList, 'checkedIn' | 'expected'>;

export function getList(db: Db, id: string): ListInfo | null {
  const row = db
    .prepare(`SELECT ${listColumns} FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id WHERE l.id = ?`)
    .get(id) as ListRow | undefined;
  return row ? { ...row, allowReentry: row.allowReentry === 1 } : null;
}

/**
 * All lists with their live counters. "Checked in" counts people whose latest effective record is an entry;
 * "expected" is everyone registered (entrance lists, or lists open to all) or everyone assigned.
 */
export function listListsWithCounts(db: Db): CheckInList[] {
  const rows = db
    .prepare(
      `SELECT ${listColumns},
         (SELECT count(DISTINCT c.registration_id) FROM check_ins c
           WHERE c.list_id = l.id AND c.type = 'entry'
             AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)) AS checkedIn,
         CASE WHEN l.admission = 'assigned'
           THEN (SELECT count(*) FROM assignments a JOIN registrations r ON r.id = a.registration_id
                  WHERE a.list_id = l.id AND r.status = 'registered')
           ELSE (SELECT count(*) FROM registrations r WHERE r.status = 'registered'
                  AND (d.date IS NULL OR r.days = '[]' OR EXISTS (SELECT 1 FROM json_each(r.days) j WHERE j.value = d.date)))
         END AS expected
       FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id
       ORDER BY d.date IS NULL, d.date, l.kind <> 'entrance', l.starts_at, l.position, l.name`,
    )
    .all() as (ListRow & { checkedIn: number; expected: number })[];
  return rows.map((r) => ({ ...r, allowReentry: r.allowReentry === 1 }));
}
