import { PackedRegistrations } from './packed-rows';
import type { PlanOps, SyncPlan } from './plan';
import { LIST_WARNING_CODES, NOTE_CODES, type ProblemList, type SyncProblem } from './problems';

/**
 * What of a dry run a periodic check of a URL list leaves to an organiser. Adding and updating people is what a
 * repeated fetch is for; it is applied on its own, so that a late registration reaches the desk while a
 * cancellation waits for approval. Held back:
 * - the whole list, for an error in a row, or a warning about the list as a whole that the list's last applied
 *   sync did not have (half of the people gone, people of another list, a column gone, lost leading zeros …);
 * - the people it would cancel, and those whose corrections made in the app the list now says otherwise about;
 * - a new or changed row with a warning of its own (not an e-mail address, maybe someone already registered on
 *   site, a ticket passed on …). A warning on a row that has not changed since the last sync was there when the
 *   row was applied, and holds nothing.
 */
export interface HeldBack {
  all: boolean;
  /** People of the event whose changes wait. */
  people: Set<string>;
  /** Lines of new rows that wait. */
  lines: Set<number>;
}

/**
 * What a warning about the whole list is about (a column's name, another list, an example), so that the same
 * warning is known again at the next sync, and another of the same kind is not.
 */
function listWarningKey(p: SyncProblem): string {
  const about = Object.entries(p.params ?? {}).filter(([k, v]) => typeof v === 'string' && k !== 'lines').sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([p.code, p.column, about]);
}

const isListWarning = (p: SyncProblem) => p.severity === 'warning' && !NOTE_CODES.has(p.code) && (LIST_WARNING_CODES.has(p.code) || p.line === null);

/** The warnings about the whole list an applied sync had (its run's problems), as `heldBack` compares them. */
export function listWarningsOf(problems: readonly SyncProblem[]): Set<string> {
  return new Set(problems.filter(isListWarning).map(listWarningKey));
}

/**
 * The problems a run keeps: every warning about the whole list (the next periodic check compares with them, see
 * listWarningsOf), and of the others the first `max`, errors first.
 */
export function problemsToKeep(problems: ProblemList, max: number): SyncProblem[] {
  const all = problems.sorted();
  return [...all.filter(isListWarning), ...all.filter((p) => !isListWarning(p)).slice(0, max)];
}

export function heldBack(plan: SyncPlan, seenBefore: ReadonlySet<string>): HeldBack {
  const { problems } = plan;
  const held: HeldBack = { all: plan.blocked || problems.errors > 0, people: new Set(), lines: new Set() };
  for (const c of plan.changes) {
    if (c.kind === 'cancelled' || c.kind === 'keptLocal' || c.fields.some((f) => f.keptLocal)) held.people.add(c.registrationId);
  }
  // Rows compared in full: changed ones, and those read anew with nothing to change (a walk-in taken over, a cell
  // that no longer says anything the app knows).
  const byLine = new Map<number, string>();
  for (const r of plan.ops.rehash) if (r.line !== undefined) byLine.set(r.line, r.id);
  for (const c of plan.changes) if (c.line !== null) byLine.set(c.line, c.registrationId);
  const inserted = new Set(plan.ops.insertLines);
  for (const line of problems.rowWarningLines) {
    if (inserted.has(line)) held.lines.add(line);
    else if (byLine.has(line)) held.people.add(byLine.get(line)!);
  }
  // Warnings about the list as a whole are few; more of one kind than are kept one by one, and they are not known.
  const kept = new Map<string, number>();
  for (const p of problems.items) kept.set(p.code, (kept.get(p.code) ?? 0) + 1);
  for (const [code, n] of problems.counts) if (LIST_WARNING_CODES.has(code) && n > (kept.get(code) ?? 0)) held.all = true;
  for (const p of problems.items) {
    if (isListWarning(p) && (p.code === 'mostGone' || !seenBefore.has(listWarningKey(p)))) held.all = true;
  }
  return held;
}

/** Whether anything of the plan waits for an organiser. */
export function holdsAnything(held: HeldBack): boolean {
  return held.all || held.people.size > 0 || held.lines.size > 0;
}

/**
 * The plan without what is held back (see HeldBack; not for `all`): null when nothing else is left to write.
 * Nothing is written about the people left out, so the next dry run of the list finds them again.
 */
export function withoutHeldBack(plan: SyncPlan, held: HeldBack): SyncPlan | null {
  const { ops } = plan;
  const changes = plan.changes.filter((c) => !held.people.has(c.registrationId));
  // New people left out, by the ids the plan gave them (their walks and sessions go with them).
  const dropped = new Set<string>();
  let inserts = ops.inserts;
  let insertLines = ops.insertLines;
  if (held.lines.size > 0) {
    const kept = new PackedRegistrations();
    insertLines = [];
    for (let i = 0; i < ops.inserts.length; i++) {
      const row = ops.inserts.get(i);
      if (held.lines.has(ops.insertLines[i]!)) dropped.add(row.id);
      else {
        kept.push(row);
        insertLines.push(ops.insertLines[i]!);
      }
    }
    inserts = kept;
  }
  const added = inserts.length;
  if (added + changes.length === 0) return null;
  const free = ([id]: readonly [string, ...unknown[]]) => !held.people.has(id) && !dropped.has(id);
  const part: PlanOps = {
    inserts,
    insertLines,
    updates: ops.updates.filter((u) => !held.people.has(u.row.id)),
    rehash: ops.rehash.filter((r) => !held.people.has(r.id)),
    cancels: [],
    assign: ops.assign.filter(free),
    unassign: ops.unassign.filter(free),
    listValues: ops.listValues.filter(free),
  };
  const addedCancelled = plan.addedCancelled === 0 ? 0 : countCancelled(inserts);
  return {
    ...plan, changes, ops: part, addedCancelled,
    counts: { ...plan.counts, added, updated: changes.length, cancelled: 0, keptLocal: 0 },
  };
}

function countCancelled(rows: PackedRegistrations): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows.get(i).status === 'cancelled') n++;
  return n;
}
