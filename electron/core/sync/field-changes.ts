import type { ExistingRegistration, SyncedRegistration } from '../../../db/queries/sync';
import type { ChangeField, PersonField } from './fields';
import type { ColumnPlan, Incoming } from './incoming';
import { lettersLost } from './lost-letters';
import type { FieldChange } from './plan';
import type { ListRef } from './values';

type Scalar = Exclude<PersonField, 'days' | 'status' | 'code'>;
const SCALARS: readonly Scalar[] = ['firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector', 'role', 'notes'];
const NAME_FIELDS = new Set(['firstName', 'lastName', 'fullName']);

/** A person as a row of their list has them now, and what that changes. */
export interface FieldComparison {
  /** The person with every change written that was not corrected in the app (searchText left empty). */
  merged: SyncedRegistration;
  fields: FieldChange[];
  /** Sessions and walks to assign and to take away (only the list's own assignments, never local ones). */
  assign: string[];
  unassign: string[];
  /** Fields kept as corrected in the app, with what the list says about them (JSON, see migration 010). */
  listValues: [string, string][];
  /** Text fields the row has with letters turned into "?" (see lettersLost): the stored value is kept. */
  lost: { field: ChangeField; file: string; stored: string }[];
}

export interface PersonNow {
  /** Sessions and walks the person has, and whether each came from a list or was set in the app. */
  assigned: Map<string, 'registration' | 'local'>;
  /** Fields corrected in the app: the list's value is shown as a change but not written. */
  local: Set<string> | undefined;
}

/**
 * Field by field: what a row of the person's list changes. Only mapped columns say anything (a list without a
 * town column leaves the town alone); the name counts as mapped when any name column is; extra fields follow the
 * list's extra columns (an empty cell or a column gone removes the field); fields corrected in the app keep their
 * value (keptLocal).
 */
export function compareWithRow(
  reg: ExistingRegistration, inc: Incoming, ctx: { sourceId: string; hash: number; cols: ColumnPlan; listById: Map<string, ListRef> }, now: PersonNow,
): FieldComparison {
  const merged: SyncedRegistration = {
    id: reg.id, sourceId: inc.sourceId ?? reg.sourceId, syncSourceId: ctx.sourceId, code: reg.code, firstName: reg.firstName,
    lastName: reg.lastName, email: reg.email, organisation: reg.organisation, town: reg.town, federalState: reg.federalState,
    sector: reg.sector, role: reg.role, notes: reg.notes, status: reg.status, days: reg.days, extra: reg.extra, searchText: '',
    syncHash: String(ctx.hash),
  };
  const fields: FieldChange[] = [];
  const lost: FieldComparison['lost'] = [];
  const set = (field: ChangeField, before: string | null, after: string | null, write: () => void) => {
    if (before === after) return;
    if (field !== 'code' && field !== 'status' && field !== 'days' && lettersLost(before, after)) {
      lost.push({ field, file: after!, stored: before! });
      return;
    }
    const keptLocal = now.local?.has(field.startsWith('extra:') ? 'extra' : field) === true;
    fields.push({ field, before, after, keptLocal });
    if (!keptLocal) write();
  };
  const mapped = ctx.cols.mapped;
  const names = [...NAME_FIELDS].some((f) => mapped.has(f as never));
  for (const f of SCALARS) {
    if (NAME_FIELDS.has(f) ? !names : !mapped.has(f)) continue;
    set(f, reg[f], inc[f], () => (merged[f] = inc[f] as never));
  }
  if (inc.code !== null) set('code', reg.code, inc.code, () => (merged.code = inc.code!));
  set('status', reg.status, inc.status, () => (merged.status = inc.status));
  if (mapped.has('days')) {
    set('days', (JSON.parse(reg.days) as string[]).join(', ') || null, inc.days.join(', ') || null, () => (merged.days = JSON.stringify(inc.days)));
  }
  const extra = JSON.parse(reg.extra) as Record<string, string>;
  for (const [k, v] of Object.entries(inc.extra)) set(`extra:${k}`, extra[k] ?? null, v, () => (extra[k] = v));
  // The extra fields are the list's extra columns as the row has them now: a cell emptied in the list empties the
  // field (a dietary wish taken back), and a column gone from the list (renamed in the export: its values come
  // under the new name; left out) or now given a meaning or ignored takes its field along (extraColumnGone says
  // so), or the person would show a stale value beside the new one, and exports would carry both.
  for (const k of Object.keys(extra)) {
    if (!(k in inc.extra)) set(`extra:${k}`, extra[k]!, null, () => delete extra[k]);
  }
  merged.extra = JSON.stringify(extra);
  return { merged, fields, ...assignmentChanges(inc, ctx, now, fields), listValues: listValuesOf(inc, ctx.cols, now.local), lost };
}

/**
 * What the list says about each field corrected in the app, where it says anything (a mapped column; the status
 * always), so the correction can be shown beside it and taken back. Sessions and walks as sorted list ids.
 */
function listValuesOf(inc: Incoming, cols: ColumnPlan, local: Set<string> | undefined): [string, string][] {
  if (!local) return [];
  const names = [...NAME_FIELDS].some((f) => cols.mapped.has(f as never));
  const out: [string, string][] = [];
  for (const field of local) {
    if (field === 'status') out.push([field, JSON.stringify(inc.status)]);
    else if (field === 'sessions' || field === 'walks') {
      if (cols.mapped.has(field)) out.push([field, JSON.stringify([...new Set(field === 'sessions' ? inc.sessionIds : inc.walkIds)].sort())]);
    } else if ((SCALARS as readonly string[]).includes(field) && (NAME_FIELDS.has(field) ? names : cols.mapped.has(field as Scalar))) {
      out.push([field, JSON.stringify(inc[field as Scalar])]);
    }
  }
  return out;
}

/** Sessions and walks of a mapped column: added as the list says, the list's own taken away, local ones kept. */
function assignmentChanges(
  inc: Incoming, ctx: { cols: ColumnPlan; listById: Map<string, ListRef> }, now: PersonNow, fields: FieldChange[],
): { assign: string[]; unassign: string[] } {
  const assign: string[] = [];
  const unassign: string[] = [];
  const names = (ids: string[]) => ids.map((id) => ctx.listById.get(id)?.name ?? id).sort().join(', ') || null;
  for (const kind of ['sessions', 'walks'] as const) {
    if (!ctx.cols.mapped.has(kind)) continue;
    const listKind = kind === 'sessions' ? 'session' : 'walk';
    const wanted = new Set(kind === 'sessions' ? inc.sessionIds : inc.walkIds);
    const ofKind = [...now.assigned].filter(([id]) => ctx.listById.get(id)?.kind === listKind);
    const add = [...wanted].filter((id) => !now.assigned.has(id));
    const remove = ofKind.filter(([id, origin]) => origin === 'registration' && !wanted.has(id)).map(([id]) => id);
    if (add.length === 0 && remove.length === 0) continue;
    const before = ofKind.map(([id]) => id);
    const after = [...before.filter((id) => !remove.includes(id)), ...add];
    const keptLocal = now.local?.has(kind) === true;
    // Kept as corrected in the app, the change is only shown: "in der Liste" is what the list says, not the mix.
    fields.push({ field: kind, before: names(before), after: names(keptLocal ? [...wanted] : after), keptLocal });
    if (keptLocal) continue;
    assign.push(...add);
    unassign.push(...remove);
  }
  return { assign, unassign };
}
