import { PackedRegistrations } from './packed-rows';
import type { PlanOps, SyncPlan } from './plan';
import { LIST_WARNING_CODES, NOTE_CODES, ProblemList, type SyncProblem } from './problems';

/**
 * What of a dry run a periodic check of a URL list leaves to an organiser. Adding and updating people is what a
 * repeated fetch is for; it is applied on its own, so that a late registration reaches the desk while a
 * cancellation waits for approval (fields corrected in the app stay as corrected, as in every sync). Held back:
 * - the whole list, for an error in a row, or a warning about the list as a whole that the list's last applied
 *   sync did not have (half of the people gone, people of another list, a column gone, lost leading zeros …);
 * - the people it would cancel;
 * - a new or changed row with a warning of its own that the last applied sync did not have (the same kind, column
 *   and text: "keine" for an e-mail address, a walk the event does not have), and always one about who the row is
 *   (maybe someone already there, registered twice, a ticket passed on). A warning on a row that has not changed
 *   since the last sync was there when the row was applied, and holds nothing.
 */
export interface HeldBack {
  all: boolean;
  /** People of the event whose changes wait. */
  people: Set<string>;
  /** Lines of new rows that wait. */
  lines: Set<number>;
  /** Lines of the rows of the people that wait (their warnings are not the applied part's). */
  peopleLines: Set<number>;
}

/**
 * What a warning is about (a column's name, another list, the cell's text), so that the same warning is known again
 * at the next sync, and another of the same kind is not.
 */
function warningKey(p: SyncProblem): string {
  const about = Object.entries(p.params ?? {}).filter(([k, v]) => typeof v === 'string' && k !== 'lines').sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([p.code, p.column, about]);
}

const isListWarning = (p: SyncProblem) => p.severity === 'warning' && !NOTE_CODES.has(p.code) && (LIST_WARNING_CODES.has(p.code) || p.line === null);

/**
 * Warnings about who a row is: maybe someone already there (registered on site, in another list, entered by hand),
 * registered twice, a ticket passed on. Each is about that person: an organiser looks, every time.
 */
const WHO_CODES: ReadonlySet<string> = new Set(['maybeWalkIn', 'maybeInOtherList', 'maybeEnteredByHand', 'twiceInList', 'alreadyInList', 'personReplaced', 'chosenSamePerson']);

/** Warnings that, once applied, hold no other row: the same text in the same column is the same case again. */
const isKnowable = (p: SyncProblem) => p.severity === 'warning' && !NOTE_CODES.has(p.code) && !WHO_CODES.has(p.code);

/** The warnings an applied sync had (its run's problems), as `heldBack` compares them: an organiser saw them then. */
export function seenWarningsOf(problems: readonly SyncProblem[]): Set<string> {
  return new Set(problems.filter(isKnowable).map(warningKey));
}

/** Examples of row warnings a run keeps, one per kind and text (see seenWarningsOf). */
const MAX_KINDS = 1000;

/**
 * The problems a run keeps: the first `max`, errors first, and every warning about the whole list and one of each
 * other kind of warning besides, which the next periodic check compares with (see seenWarningsOf).
 */
export function problemsToKeep(problems: ProblemList, max: number): SyncProblem[] {
  const first = problems.sorted().slice(0, max);
  const keys = new Set(first.filter(isKnowable).map(warningKey));
  const more: SyncProblem[] = [];
  for (const p of [...problems.items.filter(isListWarning), ...problems.rowWarnings]) {
    if (!isKnowable(p) || more.length >= MAX_KINDS) continue;
    const key = warningKey(p);
    if (keys.has(key)) continue;
    keys.add(key);
    more.push(p);
  }
  return [...first, ...more];
}

export function heldBack(plan: SyncPlan, seenBefore: ReadonlySet<string>): HeldBack {
  const { problems } = plan;
  const held: HeldBack = { all: plan.blocked || problems.errors > 0, people: new Set(), lines: new Set(), peopleLines: new Set() };
  for (const c of plan.changes) if (c.kind === 'cancelled') held.people.add(c.registrationId);
  // Rows compared in full: changed ones, and those read anew with nothing to change (a walk-in taken over, a cell
  // that no longer says anything the app knows).
  const byLine = new Map<number, string>();
  for (const r of plan.ops.rehash) if (r.line !== undefined) byLine.set(r.line, r.id);
  for (const c of plan.changes) if (c.line !== null) byLine.set(c.line, c.registrationId);
  const inserted = new Set(plan.ops.insertLines);
  for (const p of problems.rowWarnings) {
    // A walk-in the list takes over is matched by name and e-mail address (see WalkIns): taken, so that the code in
    // their confirmation e-mail works at the desk.
    if (p.code === 'walkInTaken' || (!WHO_CODES.has(p.code) && seenBefore.has(warningKey(p)))) continue;
    if (inserted.has(p.line)) held.lines.add(p.line);
    else if (byLine.has(p.line)) held.people.add(byLine.get(p.line)!);
  }
  for (const [line, id] of byLine) if (held.people.has(id)) held.peopleLines.add(line);
  // Warnings about the list as a whole are few; more of one kind than are kept one by one, and they are not known.
  const kept = new Map<string, number>();
  for (const p of problems.items) kept.set(p.code, (kept.get(p.code) ?? 0) + 1);
  for (const [code, n] of problems.counts) if (LIST_WARNING_CODES.has(code) && n > (kept.get(code) ?? 0)) held.all = true;
  for (const p of problems.items) {
    if (isListWarning(p) && (p.code === 'mostGone' || !seenBefore.has(warningKey(p)))) held.all = true;
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
  // The part's problems, kept with its run: not those of rows left out (the next check would take them as seen).
  const problems = new ProblemList();
  for (const p of new Set([...plan.problems.items, ...plan.problems.rowWarnings])) {
    if (p.line === null || (!held.lines.has(p.line) && !held.peopleLines.has(p.line))) problems.add(p);
  }
  return {
    ...plan, changes, ops: part, addedCancelled, problems,
    counts: {
      ...plan.counts, added, updated: changes.filter((c) => c.kind === 'updated').length, cancelled: 0,
      keptLocal: changes.filter((c) => c.kind === 'keptLocal' || c.fields.some((f) => f.keptLocal)).length,
    },
  };
}

function countCancelled(rows: PackedRegistrations): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows.get(i).status === 'cancelled') n++;
  return n;
}
