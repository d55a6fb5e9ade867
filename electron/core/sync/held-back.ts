import type { PlanOps, SyncPlan } from './plan';

/**
 * The part of a dry run a periodic check of a URL list applies on its own when the list also cancels people or
 * changes fields corrected in the app: everyone new, and everyone else whose row changed. The people it would
 * cancel, and those whose corrections the list now says otherwise about, are left out: they wait for an organiser
 * (a later dry run of the same list finds them again, as nothing about them is written). A late registration
 * reaches the desk while a cancellation waits for approval. Null when nothing is held back or nothing else is left.
 */
export function withoutHeldBack(plan: SyncPlan): SyncPlan | null {
  const held = new Set(plan.changes.filter((c) => c.kind === 'cancelled' || c.kind === 'keptLocal' || c.fields.some((f) => f.keptLocal)).map((c) => c.registrationId));
  if (held.size === 0) return null;
  const changes = plan.changes.filter((c) => !held.has(c.registrationId));
  if (plan.counts.added + changes.length === 0) return null;
  const { ops } = plan;
  const free = ([id]: readonly [string, ...unknown[]]) => !held.has(id);
  const part: PlanOps = {
    inserts: ops.inserts,
    insertLines: ops.insertLines,
    updates: ops.updates.filter((u) => !held.has(u.row.id)),
    rehash: ops.rehash.filter((r) => !held.has(r.id)),
    cancels: [],
    assign: ops.assign.filter(free),
    unassign: ops.unassign.filter(free),
    listValues: ops.listValues.filter(free),
  };
  return { ...plan, changes, ops: part, counts: { ...plan.counts, updated: changes.length, cancelled: 0, keptLocal: 0 } };
}
