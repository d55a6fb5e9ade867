import { getList } from '../../../db/queries/lists';
import {
  assignmentsOfKind, EDITABLE_FIELDS, localFieldsOf, markLocalField, removeAssignment, setRegistrationField, setSearchText,
  type EditableField,
} from '../../../db/queries/local-fields';
import { getRegistration, insertAssignment } from '../../../db/queries/registrations';
import type { OpenEvent } from '../app-context';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { searchTextOf } from '../text/fold';

export interface RegistrationEdit {
  id: string;
  fields: Partial<Record<EditableField, string | null>>;
  walks?: string[];
  sessions?: string[];
}

/**
 * A correction made in the app: the changed fields are written and marked as local, so later syncs keep them
 * (and the UI marks them "lokal geändert"). A walk or session change replaces that kind's assignments with
 * locally made ones. Check-ins are not touched.
 */
export function editRegistration(event: OpenEvent, ports: Ports, edit: RegistrationEdit): { changed: string[] } {
  const { db, station } = event;
  return db.transaction(() => {
    const reg = getRegistration(db, edit.id);
    if (!reg) throw new AppError('not_found', { entity: 'registration', id: edit.id });
    const at = ports.clock.now().toISOString();
    const changed: string[] = [];
    for (const field of EDITABLE_FIELDS) {
      const raw = edit.fields[field];
      if (raw === undefined) continue;
      const value = field === 'firstName' || field === 'lastName' || field === 'status' ? (raw ?? '') : raw || null;
      if ((reg[field] ?? null) === value) continue;
      setRegistrationField(db, reg.id, field, value, at);
      (reg as Record<string, unknown>)[field] = value;
      changed.push(field);
    }
    if (edit.walks && replaceAssignments(event, reg.id, 'walk', edit.walks, at)) changed.push('walks');
    if (edit.sessions && replaceAssignments(event, reg.id, 'session', edit.sessions, at)) changed.push('sessions');
    for (const field of changed) markLocalField(db, { registrationId: reg.id, field, changedAt: at, stationId: station.id });
    if (changed.some((f) => f === 'firstName' || f === 'lastName' || f === 'organisation' || f === 'town')) {
      setSearchText(db, reg.id, searchTextOf([reg.firstName, reg.lastName, reg.organisation, reg.town, reg.code]));
    }
    return { changed };
  }).immediate();
}

function replaceAssignments(event: OpenEvent, registrationId: string, kind: 'walk' | 'session', wanted: string[], at: string): boolean {
  const { db } = event;
  for (const listId of wanted) {
    if (getList(db, listId)?.kind !== kind) throw new AppError('not_found', { entity: 'list', id: listId });
  }
  const current = assignmentsOfKind(db, registrationId, kind);
  const want = new Set(wanted);
  let changed = false;
  for (const a of current) {
    if (want.has(a.listId)) continue;
    removeAssignment(db, registrationId, a.listId);
    changed = true;
  }
  const have = new Set(current.map((a) => a.listId));
  for (const listId of want) {
    if (have.has(listId)) continue;
    insertAssignment(db, { registrationId, listId, origin: 'local', createdAt: at });
    changed = true;
  }
  if (changed) db.prepare('UPDATE registrations SET updated_at = ? WHERE id = ?').run(at, registrationId);
  return changed;
}

export { localFieldsOf };
