import type { Db } from '../../../db/open';
import type { PlanOps } from './plan';
import type { ProblemSink } from './incoming';

/**
 * Walks and sessions with a number of places that the list, once applied, books beyond it — more than before: said
 * on the dry run (`overCapacity`), as a warning. Only registered people count (cancelled ones hold no place); not
 * an error, since walks are often booked beyond their places on purpose (some never come), and at the walk the
 * places are counted against who is there.
 */
export function warnOverCapacity(db: Db, ops: PlanOps, addedCancelled: number, problems: ProblemSink): void {
  const lists = db.prepare(
    "SELECT id, name, capacity FROM check_in_lists WHERE kind IN ('walk', 'session') AND capacity IS NOT NULL ORDER BY position, name",
  ).all() as { id: string; name: string; capacity: number }[];
  if (lists.length === 0) return;
  const members = new Map(lists.map((l) => [l.id, new Set<string>()]));
  const registered = new Map<string, boolean>();
  const rows = db.prepare(
    `SELECT a.list_id AS listId, a.registration_id AS registrationId, r.status = 'registered' AS registered
     FROM assignments a JOIN registrations r ON r.id = a.registration_id
     WHERE a.list_id IN (SELECT id FROM check_in_lists WHERE kind IN ('walk', 'session') AND capacity IS NOT NULL)`,
  ).all() as { listId: string; registrationId: string; registered: number }[];
  for (const r of rows) {
    members.get(r.listId)!.add(r.registrationId);
    registered.set(r.registrationId, r.registered === 1);
  }
  const count = () => new Map([...members].map(([id, people]) => [id, [...people].filter((p) => registered.get(p) === true).length]));
  const before = count();
  // What the list changes: its status for people already here, then the new people (those booked on such a list).
  for (const u of ops.updates) if (u.fields.includes('status') && registered.has(u.row.id)) registered.set(u.row.id, u.row.status === 'registered');
  for (const id of ops.cancels) if (registered.has(id)) registered.set(id, false);
  const booked = ops.assign.filter(([, listId]) => members.has(listId));
  const newPeople = new Set(booked.map(([id]) => id).filter((id) => !registered.has(id)));
  // Nobody added as cancelled (nearly always): every new person holds a place, and no planned row is unpacked.
  if (addedCancelled === 0) for (const id of newPeople) registered.set(id, true);
  for (let i = 0; addedCancelled > 0 && i < ops.inserts.length && newPeople.size > 0; i++) {
    const row = ops.inserts.get(i);
    if (newPeople.delete(row.id)) registered.set(row.id, row.status === 'registered');
  }
  for (const [id, listId] of ops.unassign) members.get(listId)?.delete(id);
  for (const [id, listId] of booked) members.get(listId)!.add(id);
  const after = count();
  for (const l of lists) {
    const now = after.get(l.id)!;
    const was = before.get(l.id)!;
    if (now > l.capacity && now > was) {
      problems.add({ code: 'overCapacity', severity: 'warning', line: null, column: null, params: { list: l.name, booked: now, capacity: l.capacity, before: was } });
    }
  }
}
