import { termsOf } from './change-search';
import type { Db } from '../../../db/open';
import { checkedInOf } from '../../../db/queries/check-ins';
import { listRefs } from '../../../db/queries/lists';
import {
  assignedListsOf, runAddedCount, runAddedPage, runChangesPage, runChangeTotals, type StoredChangeKind, type StoredRunChange,
} from '../../../db/queries/sync-run-changes';
import { AppError } from '../errors';
import type { ChangeField } from './fields';
import type { FieldChange, PlannedChange } from './plan';

/** The kinds of a run's changes, in the order the history offers them. */
export const RUN_CHANGE_KINDS = ['updated', 'cancelled', 'restored', 'added', 'keptLocal'] as const;
export type RunChangeKind = (typeof RUN_CHANGE_KINDS)[number];

/**
 * What a run keeps of its plan's changes: the people it writes, each with their fields before and after, and the
 * people whose only differences were kept as corrected in the app (nothing written, but the history says what the
 * list said, and where it said something new). Someone registered again ("storniert → angemeldet") is told apart
 * from other updates. An unchanged list keeps nothing.
 */
export function storedChangesOf(changes: readonly PlannedChange[]): StoredRunChange[] {
  const out: StoredRunChange[] = [];
  for (const c of changes) {
    if (c.kind === 'added') continue;
    const kind: StoredChangeKind = c.kind === 'updated' && c.fields.some(isRestored) ? 'restored' : c.kind;
    out.push({ kind, registrationId: c.registrationId, line: c.line, fields: JSON.stringify(c.fields) });
  }
  return out;
}

export const isRestored = (f: FieldChange) => f.field === 'status' && f.before === 'cancelled' && f.after === 'registered' && !f.keptLocal;

export interface RunChange {
  kind: RunChangeKind;
  registrationId: string;
  line: number | null;
  name: string;
  code: string;
  fields: FieldChange[];
  checkedIn?: boolean;
}

export interface RunChangesView {
  /** False for a run applied before its changes were kept (their rows are not there to show). */
  kept: boolean;
  lineKind: 'line' | 'row' | 'entry';
  totals: Record<RunChangeKind, number>;
  /** The kind shown: the one asked for, else the first with anyone. */
  kind: RunChangeKind | null;
  total: number;
  items: RunChange[];
}

/** A page of what a run changed, of one kind, with each person's name and code as they are now. */
export function runChangesView(db: Db, runId: string, asked: RunChangeKind | undefined, offset: number, limit: number, query = ''): RunChangesView {
  // With a search: only the people it finds, their totals too ("Auch unter „Neu“: 2").
  const terms = termsOf(query);
  const run = db.prepare('SELECT source_id AS sourceId, finished_at AS finishedAt, counts FROM sync_runs WHERE id = ?').get(runId) as
    { sourceId: string; finishedAt: string; counts: string } | undefined;
  if (!run) throw new AppError('not_found', { entity: 'syncRun' });
  const counts = JSON.parse(run.counts) as { changesKept?: boolean; lineKind?: 'line' | 'row' | 'entry' };
  const lineKind = counts.lineKind ?? 'line';
  const totals: Record<RunChangeKind, number> = { ...runChangeTotals(db, runId, terms), added: runAddedCount(db, run, terms) };
  const kind = asked ?? RUN_CHANGE_KINDS.find((k) => totals[k] > 0) ?? null;
  const kept = counts.changesKept === true;
  if (!kind) return { kept, lineKind, totals, kind, total: 0, items: [] };
  const items = kind === 'added' ? addedPage(db, run, offset, limit, terms) : runChangesPage(db, runId, kind, offset, limit, terms).map((r): RunChange => ({
    kind: r.kind, registrationId: r.registrationId, line: r.line, name: r.name, code: r.code, fields: JSON.parse(r.fields) as FieldChange[],
  }));
  // Cancelled while inside: the desk refuses them since (as the dry run said of them).
  const inside = checkedInOf(db, items.flatMap((c) => (c.kind === 'cancelled' ? [c.registrationId] : [])));
  return { kept, lineKind, totals, kind, total: totals[kind], items: items.map((c) => (inside.has(c.registrationId) ? { ...c, checkedIn: true } : c)) };
}

/**
 * The people a run added, shown as the dry run showed them (organisation, town, days, sessions, walks), with
 * what they have now: what the run wrote was not kept, and most of it is what they still have.
 */
function addedPage(db: Db, run: { sourceId: string; finishedAt: string }, offset: number, limit: number, terms: readonly string[]): RunChange[] {
  const people = runAddedPage(db, run, offset, limit, terms);
  const lists = new Map(listRefs(db).map((l) => [l.id, l]));
  const assigned = assignedListsOf(db, people.map((p) => p.registrationId));
  return people.map((p): RunChange => {
    const fields: FieldChange[] = [];
    const show = (field: ChangeField, value: string | null) => {
      if (value) fields.push({ field, before: null, after: value, keptLocal: false });
    };
    // Added as cancelled (the list had them so): cancelled, and not written to since.
    if (p.status === 'cancelled' && p.untouched) show('status', 'cancelled');
    show('organisation', p.organisation);
    show('town', p.town);
    show('days', (JSON.parse(p.days) as string[]).join(', '));
    for (const [field, listKind] of [['sessions', 'session'], ['walks', 'walk']] as const) {
      show(field, assigned.get(p.registrationId)!.flatMap((id) => (lists.get(id)?.kind === listKind ? [lists.get(id)!.name] : [])).sort().join(', '));
    }
    return { kind: 'added', registrationId: p.registrationId, line: null, name: p.name, code: p.code, fields };
  });
}
