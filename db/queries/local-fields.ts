import type { Db } from '../open';

/** Fields of a person corrected in the app; a sync leaves them as they are. */

export function markLocalField(db: Db, f: { registrationId: string; field: string; changedAt: string; stationId: string }): void {
  db.prepare(
    `INSERT INTO registration_local_fields (registration_id, field, changed_at, station_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (registration_id, field) DO UPDATE SET changed_at = excluded.changed_at, station_id = excluded.station_id`,
  ).run(f.registrationId, f.field, f.changedAt, f.stationId);
}

export function localFieldsOf(db: Db, registrationId: string): { field: string; changedAt: string; stationName: string | null }[] {
  return db.prepare(
    `SELECT f.field, f.changed_at AS changedAt, s.name AS stationName
     FROM registration_local_fields f LEFT JOIN stations s ON s.id = f.station_id
     WHERE f.registration_id = ? ORDER BY f.field`,
  ).all(registrationId) as { field: string; changedAt: string; stationName: string | null }[];
}

const EDITABLE_COLUMNS = {
  firstName: 'first_name', lastName: 'last_name', email: 'email', organisation: 'organisation', town: 'town',
  federalState: 'federal_state', sector: 'sector', role: 'role', notes: 'notes', status: 'status',
} as const;
export type EditableField = keyof typeof EDITABLE_COLUMNS;
export const EDITABLE_FIELDS = Object.keys(EDITABLE_COLUMNS) as EditableField[];

/** One field of a person; the column name comes from the fixed table above, never from input. */
export function setRegistrationField(db: Db, id: string, field: EditableField, value: string | null, at: string): void {
  const info = db.prepare(`UPDATE registrations SET ${EDITABLE_COLUMNS[field]} = ?, updated_at = ? WHERE id = ?`).run(value, at, id);
  if (info.changes !== 1) throw new Error(`registration ${id} not found`);
}

export function setSearchText(db: Db, id: string, searchText: string): void {
  db.prepare('UPDATE registrations SET search_text = ? WHERE id = ?').run(searchText, id);
}

export function assignmentsOfKind(db: Db, registrationId: string, kind: 'session' | 'walk'): { listId: string; origin: string }[] {
  return db.prepare(
    `SELECT a.list_id AS listId, a.origin FROM assignments a JOIN check_in_lists l ON l.id = a.list_id
     WHERE a.registration_id = ? AND l.kind = ?`,
  ).all(registrationId, kind) as { listId: string; origin: string }[];
}

export function removeAssignment(db: Db, registrationId: string, listId: string): void {
  db.prepare('DELETE FROM assignments WHERE registration_id = ? AND list_id = ?').run(registrationId, listId);
}
