import { PackedRegistrations } from './packed-rows';
import type { PlanOps, SyncPlan } from './plan';
import type { SyncProblem } from './problems';

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

/** How a list without ids is read, and lines under the list that are no one's: said on every dry run, nothing to review. */
const NOTES = new Set<string>(['keyByEmailAndName', 'keyByName', 'footerRow']);

/** Warnings about the list as a whole (a line, where given, is an example or a line that is nobody's row). */
const WHOLE_LIST = new Set<string>([
  'mostGone', 'peopleOfOtherList', 'mappedColumnGone', 'lostZeros', 'zerosBack', 'renumbered', 'noNameColumn',
  'mixedEncoding', 'duplicateHeader', 'rowsAboveHeader', 'repeatedHeader', 'emptyHeader', 'unclosedQuote', 'strayQuote',
]);

/** A warning about the whole list, as the last applied sync of the list may have had it already. */
function listWarningKey(p: SyncProblem): string {
  const other = p.params?.sourceId ?? p.params?.source ?? '';
  return `${p.code}\u0001${p.column ?? ''}\u0001${other}`;
}

/** The warnings about the whole list an applied sync had (its run's problems), as `heldBack` compares them. */
export function listWarningsOf(problems: readonly SyncProblem[]): Set<string> {
  return new Set(problems.filter((p) => p.severity === 'warning' && WHOLE_LIST.has(p.code)).map(listWarningKey));
}

export function heldBack(plan: SyncPlan, seenBefore: ReadonlySet<string>): HeldBack {
  const held: HeldBack = { all: plan.blocked, people: new Set(), lines: new Set() };
  for (const c of plan.changes) {
    if (c.kind === 'cancelled' || c.kind === 'keptLocal' || c.fields.some((f) => f.keptLocal)) held.people.add(c.registrationId);
  }
  const byLine = new Map<number, string>();
  for (const c of plan.changes) if (c.line !== null) byLine.set(c.line, c.registrationId);
  const inserted = new Set(plan.ops.insertLines);
  const { problems } = plan;
  // Only the first problems of each kind are kept one by one: more of a kind than that, and the rows are not known.
  const kept = new Map<string, number>();
  for (const p of problems.items) kept.set(p.code, (kept.get(p.code) ?? 0) + 1);
  for (const [code, n] of problems.counts) if (n > (kept.get(code) ?? 0) && !NOTES.has(code)) held.all = true;
  for (const p of problems.items) {
    if (p.severity === 'error') held.all = true;
    if (p.severity === 'error' || NOTES.has(p.code)) continue;
    if (p.code === 'mostGone' || ((WHOLE_LIST.has(p.code) || p.line === null) && !seenBefore.has(listWarningKey(p)))) held.all = true;
    else if (WHOLE_LIST.has(p.code) || p.line === null) continue;
    else if (inserted.has(p.line)) held.lines.add(p.line);
    else if (byLine.has(p.line)) held.people.add(byLine.get(p.line)!);
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
