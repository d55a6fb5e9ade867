import type { PersonFields } from './registrations';
import type { Db } from '../open';

/** Everything a report may show about one registration. */
export interface ReportPerson extends PersonFields {
  id: string;
  code: string;
  registeredOnSite: boolean;
  days: string[];
  extra: Record<string, string>;
  /** The name of the registration list the person came from (a removed list's too); null for walk-ins and people entered by hand. */
  sourceList: string | null;
}

type PersonRow = Omit<ReportPerson, 'registeredOnSite' | 'days' | 'extra'> & { registeredOnSite: number; days: string; extra: string };

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const personColumns = `id, code, first_name AS firstName, last_name AS lastName, email, organisation, town,
  federal_state AS federalState, sector, role, notes, status, registered_on_site AS registeredOnSite, days, extra,
  (SELECT label FROM sync_sources s WHERE s.id = registrations.sync_source_id) AS sourceList`;

const toPerson = (r: PersonRow): ReportPerson => ({
  ...r,
  registeredOnSite: r.registeredOnSite === 1,
  days: parseJson<string[]>(r.days, []),
  extra: parseJson<Record<string, string>>(r.extra, {}),
});

const german = new Intl.Collator('de', { sensitivity: 'base' });

/**
 * All registrations in the order reports list people: by last name, then first name, as a German reader sorts
 * (Çelik with C, Öztürk with O) — SQLite's NOCASE would put every non-ASCII initial at the end.
 */
export function reportPeople(db: Db, registrationId?: string): ReportPerson[] {
  const rows = db.prepare(`SELECT ${personColumns} FROM registrations WHERE @id IS NULL OR id = @id`).all({ id: registrationId ?? null }) as PersonRow[];
  return rows
    .map(toPerson)
    .sort((a, b) => german.compare(a.lastName, b.lastName) || german.compare(a.firstName, b.firstName) || (a.id < b.id ? -1 : 1));
}

export interface ReportList {
  id: string;
  kind: 'entrance' | 'session' | 'walk';
  name: string;
  day: string | null;
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  capacity: number | null;
  host: string | null;
  admission: 'all' | 'assigned';
}

/** Check-in lists in programme order: by day, entrance first, then by start time. */
export function reportLists(db: Db): ReportList[] {
  return db
    .prepare(
      `SELECT l.id, l.kind, l.name, d.date AS day, l.starts_at AS startsAt, l.ends_at AS endsAt, l.location,
              l.capacity, l.host, l.admission
       FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id
       ORDER BY d.date IS NULL, d.date, l.kind <> 'entrance', l.starts_at, l.position, l.name`,
    )
    .all() as ReportList[];
}

/**
 * First effective entry per person and list: an entry counts unless an undo record points at it. Served by
 * check_ins_by_undoes for the NOT EXISTS.
 */
export function firstEntries(db: Db, registrationId?: string): { registrationId: string; listId: string; first: string }[] {
  return db
    .prepare(
      `SELECT c.registration_id AS registrationId, c.list_id AS listId, min(c.scanned_at) AS first
       FROM check_ins c
       WHERE c.type = 'entry' AND (@id IS NULL OR c.registration_id = @id)
         AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)
       GROUP BY c.registration_id, c.list_id`,
    )
    .all({ id: registrationId ?? null }) as { registrationId: string; listId: string; first: string }[];
}

/** Every effective entry on an entrance list (one row each), for arrivals over the day. */
export function entranceEntryTimes(db: Db): { listId: string; scannedAt: string }[] {
  return db
    .prepare(
      `SELECT c.list_id AS listId, c.scanned_at AS scannedAt FROM check_ins c JOIN check_in_lists l ON l.id = c.list_id
       WHERE l.kind = 'entrance' AND c.type = 'entry' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)
       ORDER BY c.scanned_at`,
    )
    .all() as { listId: string; scannedAt: string }[];
}

export function assignmentPairs(db: Db): { registrationId: string; listId: string }[] {
  return db.prepare('SELECT registration_id AS registrationId, list_id AS listId FROM assignments').all() as {
    registrationId: string;
    listId: string;
  }[];
}

/** How many registration lists the people came from (removed ones too). */
export function registrationListCount(db: Db): number {
  return db.prepare('SELECT count(DISTINCT sync_source_id) FROM registrations WHERE sync_source_id IS NOT NULL').pluck().get() as number;
}

/**
 * Each extra field's registration lists ("kfb23_orders.csv, report.csv"), where the people came from more than one
 * list: „Order date“ of one list beside „Order Date“ of another are told apart in the export dialog. Empty otherwise.
 */
export function extraFieldLists(db: Db): Map<string, string> {
  if (registrationListCount(db) < 2) return new Map();
  const rows = db.prepare(
    `SELECT j.key AS k, group_concat(DISTINCT s.label) AS labels FROM registrations r JOIN sync_sources s ON s.id = r.sync_source_id, json_each(r.extra) j
     WHERE json_valid(r.extra) GROUP BY j.key`,
  ).all() as { k: string; labels: string }[];
  return new Map(rows.map((r) => [r.k, r.labels.split(',').sort().join(', ')]));
}

/** Names of the extra registration fields (JSON column `extra`), for pickable export columns; "Feld 2" before "Feld 10". */
export function extraFieldNames(db: Db): string[] {
  const names = (db.prepare("SELECT DISTINCT j.key AS k FROM registrations r, json_each(r.extra) j WHERE json_valid(r.extra)").all() as { k: string }[]).map((r) => r.k);
  return names.sort(new Intl.Collator('de', { numeric: true }).compare);
}

export interface LogRow {
  id: string;
  scannedAt: string;
  uploadedAt: string | null;
  type: 'entry' | 'exit' | 'undo' | 'refused';
  reason: string | null;
  listName: string | null;
  firstName: string | null;
  lastName: string | null;
  organisation: string | null;
  code: string | null;
  method: string;
  override: number;
  overrideReason: string | null;
  undone: number;
  undoesId: string | null;
  stationName: string;
}

/** The whole check-in log, records and refused scans together, in scan order; iterated, never loaded whole. */
export function iterateLog(db: Db): IterableIterator<LogRow> {
  return db
    .prepare(
      `SELECT c.id, c.scanned_at AS scannedAt, c.uploaded_at AS uploadedAt, c.type, NULL AS reason, l.name AS listName,
              r.first_name AS firstName, r.last_name AS lastName, r.organisation, r.code, c.method, c.override,
              c.override_reason AS overrideReason,
              EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id) AS undone, c.undoes_id AS undoesId,
              s.name AS stationName
       FROM check_ins c JOIN check_in_lists l ON l.id = c.list_id JOIN stations s ON s.id = c.station_id
         JOIN registrations r ON r.id = c.registration_id
       UNION ALL
       SELECT f.id, f.scanned_at, NULL, 'refused', f.reason, l.name, r.first_name, r.last_name, r.organisation,
              f.raw_code, f.method, 0, NULL, 0, NULL, s.name
       FROM refused_scans f LEFT JOIN check_in_lists l ON l.id = f.list_id JOIN stations s ON s.id = f.station_id
         LEFT JOIN registrations r ON r.id = f.registration_id
       ORDER BY 2, 1`,
    )
    .iterate() as IterableIterator<LogRow>;
}

export function logSize(db: Db): number {
  return (db.prepare('SELECT (SELECT count(*) FROM check_ins) + (SELECT count(*) FROM refused_scans) AS n').get() as { n: number }).n;
}
