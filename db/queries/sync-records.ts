import type { Db } from '../open';
import { cached } from './statement-cache';

/**
 * Rows as they travel between stations (column names as in the schema), read by kind in batches and written by
 * the merge. Table and column names come from the fixed lists below, never from input.
 */
export const COLUMNS = {
  check_ins: ['id', 'list_id', 'registration_id', 'type', 'undoes_id', 'method', 'override', 'override_reason', 'scanned_at', 'uploaded_at', 'station_id'],
  refused_scans: ['id', 'list_id', 'registration_id', 'raw_code', 'raw_truncated', 'reason', 'method', 'scanned_at', 'station_id'],
  assignment_moves: ['id', 'registration_id', 'from_list_id', 'to_list_id', 'moved_at', 'station_id'],
  stations: ['id', 'name', 'created_at'],
  days: ['id', 'date', 'label'],
  check_in_lists: [
    'id', 'kind', 'format', 'name', 'day_id', 'starts_at', 'ends_at', 'location', 'capacity', 'host', 'description', 'admission',
    'allow_reentry', 'position', 'created_at', 'entry_exit', 'admit_from', 'admit_until',
  ],
  event: ['id', 'name', 'place', 'starts_on', 'ends_on', 'timezone', 'organiser', 'description', 'is_demo', 'created_at', 'code_pattern', 'front_desk_pin'],
  registrations: [
    'id', 'source_id', 'code', 'first_name', 'last_name', 'email', 'organisation', 'town', 'federal_state', 'sector', 'role', 'notes',
    'status', 'registered_on_site', 'days', 'extra', 'created_at', 'updated_at',
  ],
} as const;
export type SyncTable = keyof typeof COLUMNS;
export type Row = Record<string, string | number | null>;

/** Rows of `table` by id, in no particular order. */
export function rowsById(db: Db, table: SyncTable, ids: string[]): Map<string, Row> {
  const out = new Map<string, Row>();
  if (ids.length === 0) return out;
  const rows = cached(db, `SELECT ${COLUMNS[table].join(', ')} FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Row[];
  for (const r of rows) out.set(r.id as string, r);
  return out;
}

export function assignmentsByKey(db: Db, keys: string[]): Map<string, { origin: string; created_at: string }> {
  const out = new Map<string, { origin: string; created_at: string }>();
  const get = cached(db, 'SELECT origin, created_at FROM assignments WHERE registration_id = ? AND list_id = ?');
  for (const k of keys) {
    const [registrationId, listId] = k.split('|');
    const row = get.get(registrationId, listId) as { origin: string; created_at: string } | undefined;
    if (row) out.set(k, row);
  }
  return out;
}

export interface LocalFieldRow {
  registration_id: string;
  field: string;
  changed_at: string;
  station_id: string | null;
  /** Taken back (a tombstone), and what the person's list says (migration 010); absent from older stations. */
  reverted?: number;
  list_value?: string | null;
  list_seen_at?: string | null;
}

export function localFieldsByRegistration(db: Db, ids: string[]): Map<string, LocalFieldRow[]> {
  const out = new Map<string, LocalFieldRow[]>();
  if (ids.length === 0) return out;
  const rows = cached(
    db,
    `SELECT registration_id, field, changed_at, station_id, reverted, list_value, list_seen_at FROM registration_local_fields
     WHERE registration_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as LocalFieldRow[];
  for (const r of rows) {
    const list = out.get(r.registration_id) ?? [];
    list.push(r);
    out.set(r.registration_id, list);
  }
  return out;
}

const placeholders = (cols: readonly string[]) => cols.map((c) => `@${c}`).join(', ');

/** Inserts an append-only record unless a record with its id is there; true when it was new. */
export function insertIfNew(db: Db, table: 'check_ins' | 'refused_scans' | 'assignment_moves' | 'stations' | 'days', row: Row): boolean {
  const cols = COLUMNS[table];
  return cached(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders(cols)}) ON CONFLICT (id) DO NOTHING`).run(row).changes === 1;
}

/** Creates or replaces a whole row (lists, days, the event): the merge decided the incoming version wins. */
export function upsertRow(db: Db, table: 'check_in_lists' | 'days' | 'event', row: Row): void {
  const cols = COLUMNS[table];
  const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  cached(db, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders(cols)}) ON CONFLICT (id) DO UPDATE SET ${updates}`).run(row);
}

export function renameStationRow(db: Db, id: string, name: string): void {
  cached(db, 'UPDATE stations SET name = ? WHERE id = ?').run(name, id);
}

/** A programme item deleted elsewhere: its assignments and moves go with it, as when it is deleted here. */
export function deleteList(db: Db, id: string): void {
  cached(db, 'DELETE FROM assignments WHERE list_id = ?').run(id);
  cached(db, 'DELETE FROM assignment_moves WHERE from_list_id = ? OR to_list_id = ?').run(id, id);
  cached(db, 'DELETE FROM check_in_lists WHERE id = ?').run(id);
}

export function deleteDay(db: Db, id: string): void {
  cached(db, 'DELETE FROM days WHERE id = ?').run(id);
}

export function upsertAssignment(db: Db, a: { registrationId: string; listId: string; origin: string; createdAt: string }): void {
  cached(
    db,
    `INSERT INTO assignments (registration_id, list_id, origin, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (registration_id, list_id) DO UPDATE SET origin = excluded.origin`,
  ).run(a.registrationId, a.listId, a.origin, a.createdAt);
}

export function deleteAssignment(db: Db, registrationId: string, listId: string): void {
  cached(db, 'DELETE FROM assignments WHERE registration_id = ? AND list_id = ?').run(registrationId, listId);
}

export function insertRegistrationRow(db: Db, row: Row, searchText: string): void {
  const cols = COLUMNS.registrations;
  cached(db, `INSERT INTO registrations (${cols.join(', ')}, search_text) VALUES (${placeholders(cols)}, @search_text)`).run({
    ...row, search_text: searchText,
  });
}

/** Writes the given columns of one registration (names from COLUMNS.registrations, checked here). */
export function updateRegistrationColumns(db: Db, id: string, values: Row, searchText: string, updatedAt: string): void {
  const allowed = new Set<string>(COLUMNS.registrations);
  const cols = Object.keys(values).filter((c) => allowed.has(c) && c !== 'id');
  const sets = [...cols.map((c) => `${c} = @${c}`), 'search_text = @search_text', 'updated_at = max(updated_at, @updated_at)'];
  cached(db, `UPDATE registrations SET ${sets.join(', ')} WHERE id = @id`).run({ ...values, id, search_text: searchText, updated_at: updatedAt });
}

/**
 * A correction from another station: the mark (or its taking back) with the newer changed_at wins; what the list
 * says is taken when it was seen later than the one here.
 */
export function mergeLocalField(db: Db, f: LocalFieldRow): void {
  cached(
    db,
    `INSERT INTO registration_local_fields (registration_id, field, changed_at, station_id, reverted, list_value, list_seen_at)
     VALUES (@registration_id, @field, @changed_at, @station_id, @reverted, @list_value, @list_seen_at)
     ON CONFLICT (registration_id, field) DO UPDATE SET
       changed_at = CASE WHEN excluded.changed_at > changed_at THEN excluded.changed_at ELSE changed_at END,
       station_id = CASE WHEN excluded.changed_at > changed_at THEN excluded.station_id ELSE station_id END,
       reverted = CASE WHEN excluded.changed_at > changed_at THEN excluded.reverted ELSE reverted END,
       list_value = CASE WHEN ifnull(excluded.list_seen_at, '') > ifnull(list_seen_at, '') THEN excluded.list_value ELSE list_value END,
       list_seen_at = CASE WHEN ifnull(excluded.list_seen_at, '') > ifnull(list_seen_at, '') THEN excluded.list_seen_at ELSE list_seen_at END
     WHERE excluded.changed_at > changed_at OR ifnull(excluded.list_seen_at, '') > ifnull(list_seen_at, '')`,
  ).run({
    registration_id: f.registration_id, field: f.field, changed_at: f.changed_at, station_id: f.station_id,
    reverted: f.reverted ?? 0, list_value: f.list_value ?? null, list_seen_at: f.list_seen_at ?? null,
  });
}
