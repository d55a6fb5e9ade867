import { getList } from '../../../db/queries/lists';
import {
  assignmentsOfKind, EDITABLE_FIELDS, localFieldsOf, markLocalField, removeAssignment, setRegistrationField, setSearchText,
  unmarkLocalField, type EditableField,
} from '../../../db/queries/local-fields';
import { getRegistration, insertAssignment } from '../../../db/queries/registrations';
import { getSyncState } from '../../../db/queries/sync-state';
import type { Db } from '../../../db/open';
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

type Kind = 'walk' | 'session';
const KIND_OF = { walks: 'walk', sessions: 'session' } as const;
const SEARCHED: readonly string[] = ['firstName', 'lastName', 'organisation', 'town'];

/**
 * A correction made in the app: the changed fields are written and marked as local, so later syncs keep them
 * (and the UI marks them "lokal geändert"). A walk or session change replaces that kind's assignments with
 * locally made ones. Check-ins are not touched.
 *
 * The mark keeps what the field was before, for a person of a registration list: their list's value, offered back
 * on the person page. A correction back to exactly that value takes the mark away again (later syncs update the
 * field as before).
 */
export function editRegistration(event: OpenEvent, ports: Ports, edit: RegistrationEdit): { changed: string[] } {
  const { db } = event;
  return db.transaction(() => {
    const reg = getRegistration(db, edit.id);
    if (!reg) throw new AppError('not_found', { entity: 'registration', id: edit.id });
    const fromList = listFields(db, reg.id);
    const marks = new Map(localFieldsOf(db, reg.id).map((m) => [m.field, m.listValue]));
    const at = ports.clock.now().toISOString();
    const changed: { field: string; before: string }[] = [];
    for (const field of EDITABLE_FIELDS) {
      const raw = edit.fields[field];
      if (raw === undefined) continue;
      const value = field === 'firstName' || field === 'lastName' || field === 'status' ? (raw ?? '') : raw || null;
      if ((reg[field] ?? null) === value) continue;
      changed.push({ field, before: JSON.stringify(reg[field] ?? null) });
      setRegistrationField(db, reg.id, field, value, at);
      (reg as Record<string, unknown>)[field] = value;
    }
    for (const kind of ['walks', 'sessions'] as const) {
      const wanted = edit[kind];
      if (!wanted) continue;
      const before = listAssignments(db, reg.id, KIND_OF[kind]);
      if (replaceAssignments(event, reg.id, KIND_OF[kind], wanted, at)) changed.push({ field: kind, before });
    }
    for (const { field, before } of changed) {
      const now = field === 'walks' || field === 'sessions' ? listAssignments(db, reg.id, KIND_OF[field], true) : JSON.stringify(reg[field as EditableField] ?? null);
      markChange(event, { registrationId: reg.id, field, before, now, at }, marks, fromList);
    }
    if (changed.some((c) => SEARCHED.includes(c.field))) updateSearchText(db, reg);
    return { changed: changed.map((c) => c.field) };
  }).immediate();
}

/**
 * A field changed in the app, marked as a correction with what it was before (`before`, JSON) as its list's value;
 * back to what the list says, no longer a correction (walks and sessions the list's own again, so that the next
 * sync may take them away).
 */
function markChange(
  event: OpenEvent, c: { registrationId: string; field: string; before: string; now: string; at: string },
  marks: Map<string, string | null>, fromList: (field: string) => boolean,
): void {
  const mark = { registrationId: c.registrationId, field: c.field, changedAt: c.at, stationId: event.station.id };
  if (marks.get(c.field) === c.now) {
    unmarkLocalField(event.db, mark);
    if (c.field === 'walks' || c.field === 'sessions') replaceAssignments(event, c.registrationId, KIND_OF[c.field], JSON.parse(c.now) as string[], c.at, 'registration');
  } else markLocalField(event.db, { ...mark, listValue: fromList(c.field) && !marks.has(c.field) ? c.before : null });
}

/**
 * Walks or sessions changed by a move at a walk or session (moved to another, joined on the spot from the one at
 * the same time, such a join taken back): marked as a correction as if changed on the person page, so that the
 * next sync of the registration list does not book the person on the walk they left again. `before`: the list's
 * own assignments of that kind before the move (listAssignments).
 */
export function markAssignmentsMoved(event: OpenEvent, registrationId: string, kind: Kind, before: string, at: string): void {
  const field = kind === 'walk' ? 'walks' : 'sessions';
  const now = listAssignments(event.db, registrationId, kind, true);
  const marks = new Map(localFieldsOf(event.db, registrationId).map((m) => [m.field, m.listValue]));
  markChange(event, { registrationId, field, before, now, at }, marks, listFields(event.db, registrationId));
}

/**
 * "Wert aus der Anmeldeliste übernehmen": a field corrected in the app gets its list's value back and is no longer
 * marked, so later syncs update it again. Walks and sessions become the list's (a move made at the desk is taken
 * back with them; the move itself stays in the history). Check-ins are not touched. Where the list's value is not
 * known (a walk-in), "Markierung aufheben" only takes the mark away: the value stays until a list says otherwise.
 */
export function revertLocalField(event: OpenEvent, ports: Ports, input: { id: string; field: string }): { changed: string[] } {
  const { db, station } = event;
  return db.transaction(() => {
    const reg = getRegistration(db, input.id);
    if (!reg) throw new AppError('not_found', { entity: 'registration', id: input.id });
    const mark = localFieldsOf(db, reg.id).find((m) => m.field === input.field);
    if (!mark) throw new AppError('not_found', { entity: 'localField', id: input.field });
    const at = ports.clock.now().toISOString();
    const field = input.field;
    let changed = false;
    if (mark.listValue === null) {
      // Nothing to go back to.
    } else if (field === 'walks' || field === 'sessions') {
      const wanted = (JSON.parse(mark.listValue) as string[]).filter((id) => getList(db, id)?.kind === KIND_OF[field]);
      changed = replaceAssignments(event, reg.id, KIND_OF[field], wanted, at, 'registration');
    } else if ((EDITABLE_FIELDS as readonly string[]).includes(field)) {
      const value = JSON.parse(mark.listValue) as string | null;
      const f = field as EditableField;
      const written = f === 'firstName' || f === 'lastName' || f === 'status' ? (value ?? '') : value;
      if ((reg[f] ?? null) !== written) {
        setRegistrationField(db, reg.id, f, written, at);
        (reg as Record<string, unknown>)[f] = written;
        changed = true;
      }
    }
    unmarkLocalField(db, { registrationId: reg.id, field, changedAt: at, stationId: station.id });
    if (changed && SEARCHED.includes(field)) updateSearchText(db, reg);
    return { changed: changed ? [field] : [] };
  }).immediate();
}

/**
 * The fields whose value before a correction is what the person's registration list says: none for a walk-in or
 * someone of no list, and of a list only the fields it has a column for (the status always: a list without one
 * has everyone registered).
 * A station does not know which list a person is of, only that they were not registered on site: there, every field.
 */
function listFields(db: Db, id: string): (field: string) => boolean {
  const row = db.prepare(
    `SELECT r.registered_on_site AS onSite, r.sync_source_id AS source, s.mapping
     FROM registrations r LEFT JOIN sync_sources s ON s.id = r.sync_source_id WHERE r.id = ?`,
  ).get(id) as { onSite: number; source: string | null; mapping: string | null };
  if (getSyncState(db).role === 'station') return () => row.onSite === 0;
  if (!row.source || !row.mapping) return () => false;
  const mapped = new Set(Object.values(JSON.parse(row.mapping) as Record<string, string>));
  if (mapped.has('fullName')) mapped.add('firstName').add('lastName');
  return (field) => field === 'status' || mapped.has(field);
}

/** The person's walks or sessions as a sorted JSON array of list ids: the list's own, or (`all`) every one. */
export function listAssignments(db: Db, registrationId: string, kind: Kind, all = false): string {
  return JSON.stringify(assignmentsOfKind(db, registrationId, kind).filter((a) => all || a.origin === 'registration').map((a) => a.listId).sort());
}

function updateSearchText(db: Db, reg: { id: string; firstName: string; lastName: string; organisation: string | null; town: string | null; code: string }): void {
  setSearchText(db, reg.id, searchTextOf([reg.firstName, reg.lastName, reg.organisation, reg.town, reg.code]));
}

function replaceAssignments(
  event: OpenEvent, registrationId: string, kind: Kind, wanted: string[], at: string, origin: 'registration' | 'local' = 'local',
): boolean {
  const { db } = event;
  for (const listId of wanted) {
    if (getList(db, listId)?.kind !== kind) throw new AppError('not_found', { entity: 'list', id: listId });
  }
  const current = assignmentsOfKind(db, registrationId, kind);
  const want = new Set(wanted);
  let changed = false;
  for (const a of current) {
    // Taken back to the list's: an assignment the list has stays, one made here goes (and comes again as the list's).
    if (want.has(a.listId) && (origin === 'local' || a.origin === origin)) continue;
    removeAssignment(db, registrationId, a.listId);
    changed = true;
  }
  const have = new Set(current.filter((a) => want.has(a.listId) && (origin === 'local' || a.origin === origin)).map((a) => a.listId));
  for (const listId of want) {
    if (have.has(listId)) continue;
    insertAssignment(db, { registrationId, listId, origin, createdAt: at });
    changed = true;
  }
  if (changed) db.prepare('UPDATE registrations SET updated_at = ? WHERE id = ?').run(at, registrationId);
  return changed;
}

export { localFieldsOf };
