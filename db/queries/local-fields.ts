import type { Db } from '../open';

/** Fields of a person corrected in the app; a sync leaves them as they are. */

/**
 * Marks a field as corrected in the app. `listValue` (JSON, see migration 010) is what the field was before the
 * correction, for a person of a registration list: their list's value. A field already marked keeps the list's
 * value it has; one taken back before is marked anew with this one.
 */
export function markLocalField(
  db: Db, f: { registrationId: string; field: string; changedAt: string; stationId: string; listValue: string | null },
): void {
  db.prepare(
    `INSERT INTO registration_local_fields (registration_id, field, changed_at, station_id, list_value, list_seen_at)
     VALUES (@registrationId, @field, @changedAt, @stationId, @listValue, CASE WHEN @listValue IS NULL THEN NULL ELSE @changedAt END)
     ON CONFLICT (registration_id, field) DO UPDATE SET changed_at = excluded.changed_at, station_id = excluded.station_id,
       list_value = CASE WHEN reverted = 1 OR list_value IS NULL THEN excluded.list_value ELSE list_value END,
       list_seen_at = CASE WHEN reverted = 1 OR list_value IS NULL THEN excluded.list_seen_at ELSE list_seen_at END,
       reverted = 0`,
  ).run(f);
}

/** A correction taken back: kept as a tombstone (migration 010) so that no station brings it back. */
export function unmarkLocalField(db: Db, f: { registrationId: string; field: string; changedAt: string; stationId: string }): boolean {
  return db.prepare(
    `UPDATE registration_local_fields SET reverted = 1, changed_at = ?, station_id = ?
     WHERE registration_id = ? AND field = ? AND reverted = 0`,
  ).run(f.changedAt, f.stationId, f.registrationId, f.field).changes === 1;
}

/** What the person's list says about a field kept as corrected (JSON, see migration 010), seen at a sync. */
export function setLocalFieldListValue(db: Db, registrationId: string, field: string, listValue: string, seenAt: string): void {
  db.prepare(
    `UPDATE registration_local_fields SET list_value = ?, list_seen_at = ?
     WHERE registration_id = ? AND field = ? AND reverted = 0 AND list_value IS NOT ?`,
  ).run(listValue, seenAt, registrationId, field, listValue);
}

export interface LocalFieldMark {
  field: string;
  changedAt: string;
  stationName: string | null;
  /** JSON (see migration 010); null when not known (a walk-in, or marked before the list's value was kept). */
  listValue: string | null;
}

export function localFieldsOf(db: Db, registrationId: string): LocalFieldMark[] {
  return db.prepare(
    `SELECT f.field, f.changed_at AS changedAt, s.name AS stationName, f.list_value AS listValue
     FROM registration_local_fields f LEFT JOIN stations s ON s.id = f.station_id
     WHERE f.registration_id = ? AND f.reverted = 0 ORDER BY f.field`,
  ).all(registrationId) as LocalFieldMark[];
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
