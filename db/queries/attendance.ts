import type { Db } from '../open';
import { byGermanName } from './name-order';

export interface MatrixFilter {
  day?: string;
  sector?: string;
  organisation?: string;
  limit: number;
  offset: number;
}

type Cell = 'present' | 'absent' | 'none';

/**
 * People × programme items. A cell is "present" with an effective entry; "absent" when the person was expected
 * there (entrance list of a day they registered for, or a walk/session they were assigned to) but has none;
 * "none" otherwise — plenary sessions open to all are not counted as missed, since nobody scans them there. The
 * cancelled are expected nowhere: not in a list's count of assigned people, not as missing in their row.
 */
export function attendanceMatrix(db: Db, f: MatrixFilter) {
  const lists = db
    .prepare(
      `SELECT l.id, l.name, l.kind, d.date AS day, l.admission,
         (SELECT count(DISTINCT c.registration_id) FROM check_ins c WHERE c.list_id = l.id AND c.type = 'entry'
            AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)) AS present,
         (SELECT count(*) FROM assignments a JOIN registrations r ON r.id = a.registration_id
            WHERE a.list_id = l.id AND r.status = 'registered') AS assigned
       FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id
       WHERE @day IS NULL OR d.date = @day
       ORDER BY d.date IS NULL, d.date, l.kind <> 'entrance', l.starts_at, l.position, l.name`,
    )
    .all({ day: f.day ?? null }) as { id: string; name: string; kind: 'entrance' | 'session' | 'walk'; day: string | null; admission: string; present: number; assigned: number }[];

  const where = `(r.status = 'registered' OR EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id))
    AND (@sector IS NULL OR r.sector = @sector)
    AND (@organisation IS NULL OR r.organisation LIKE '%' || @organisation || '%')`;
  const params = { sector: f.sector ?? null, organisation: f.organisation?.trim() || null };
  const total = (db.prepare(`SELECT count(*) AS n FROM registrations r WHERE ${where}`).get(params) as { n: number }).n;
  const people = db
    .prepare(
      `SELECT r.id, trim(r.first_name || ' ' || r.last_name) AS name, r.organisation, r.sector, r.days, r.status
       FROM registrations r WHERE ${where}
       ORDER BY ${byGermanName('r.')} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: f.limit, offset: f.offset }) as { id: string; name: string; organisation: string | null; sector: string | null; days: string; status: string }[];

  const ids = people.map((p) => p.id);
  const pairs = (sql: string) => {
    const set = new Set<string>();
    if (ids.length === 0) return set;
    const rows = db.prepare(sql.replace('@ids', ids.map(() => '?').join(','))).all(...ids) as { r: string; l: string }[];
    for (const row of rows) set.add(`${row.r}|${row.l}`);
    return set;
  };
  const present = pairs(
    `SELECT DISTINCT c.registration_id AS r, c.list_id AS l FROM check_ins c WHERE c.registration_id IN (@ids)
       AND c.type = 'entry' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)`,
  );
  const assigned = pairs('SELECT registration_id AS r, list_id AS l FROM assignments WHERE registration_id IN (@ids)');

  const rows = people.map((p) => {
    const days = JSON.parse(p.days) as string[];
    const cells: Cell[] = lists.map((l) => {
      const key = `${p.id}|${l.id}`;
      if (present.has(key)) return 'present';
      // Someone cancelled (shown for the check-ins they have) is expected nowhere.
      const expected = p.status === 'registered' && (l.kind === 'entrance' ? days.length === 0 || (l.day !== null && days.includes(l.day)) : assigned.has(key));
      return expected ? 'absent' : 'none';
    });
    return { id: p.id, name: p.name, organisation: p.organisation, sector: p.sector, cells };
  });
  const sectors = (db.prepare("SELECT DISTINCT sector FROM registrations WHERE sector IS NOT NULL AND sector <> '' ORDER BY sector").all() as { sector: string }[]).map((s) => s.sector);
  return { lists: lists.map(({ admission: _a, ...l }) => l), rows, total, sectors };
}
