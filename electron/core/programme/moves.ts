import { effectiveRecords } from '../../../db/queries/check-ins';
import { getList, type ListInfo } from '../../../db/queries/lists';
import { insertMove, removeAssignment } from '../../../db/queries/programme';
import { assignmentsOf, getRegistration, insertAssignment, isAssigned } from '../../../db/queries/registrations';
import type { ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { admitRegistration } from '../checkin/admit';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { localFieldsOf } from '../../../db/queries/local-fields';
import { listAssignments, markAssignmentsMoved, revertLocalField } from '../sync/registration-edit';

function requireWalkOrSession(event: OpenEvent, listId: string): ListInfo & { kind: 'walk' | 'session' } {
  const list = getList(event.db, listId);
  if (!list || list.kind === 'entrance') throw new AppError('not_found', { entity: 'list', id: listId });
  return list as ListInfo & { kind: 'walk' | 'session' };
}

/**
 * Moves a person from one walk or session to another: the assignment changes (marked as a local change, so a
 * later registration sync does not undo it) and the move is kept with time and station.
 */
export function moveBetweenLists(event: OpenEvent, ports: Ports, m: { registrationId: string; fromListId: string; toListId: string }): void {
  event.db.transaction(() => {
    const from = requireWalkOrSession(event, m.fromListId);
    requireWalkOrSession(event, m.toListId);
    if (!getRegistration(event.db, m.registrationId)) throw new AppError('not_found', { entity: 'registration', id: m.registrationId });
    if (m.fromListId === m.toListId) return;
    const before = listAssignments(event.db, m.registrationId, from.kind);
    if (!removeAssignment(event.db, m.registrationId, m.fromListId)) throw new AppError('not_found', { entity: 'assignment', id: m.fromListId });
    const at = ports.clock.now().toISOString();
    if (!isAssigned(event.db, m.registrationId, m.toListId)) {
      insertAssignment(event.db, { registrationId: m.registrationId, listId: m.toListId, origin: 'local', createdAt: at });
    }
    insertMove(event.db, { id: ports.ids.next(), registrationId: m.registrationId, fromListId: m.fromListId, toListId: m.toListId, movedAt: at, stationId: event.station.id });
    markAssignmentsMoved(event, m.registrationId, from.kind, before, at);
  }).immediate();
}

/**
 * Someone joins a walk or session they had not chosen: they are added to it (a local change) and checked in under
 * the list's usual rules — capacity and time window still apply. Booked on another walk (or session) at the same
 * time and not there, they are moved from it once admitted: they came here, so that walk's guide no longer waits for
 * them, and they are not a no-show there (a walkthrough found a person counted on both walks). Otherwise the move is
 * recorded as one from nowhere.
 */
export function joinOnTheSpot(event: OpenEvent, ports: Ports, listId: string, registrationId: string): ScanResult {
  return event.db.transaction((): ScanResult => {
    const target = requireWalkOrSession(event, listId);
    if (!getRegistration(event.db, registrationId)) throw new AppError('not_found', { entity: 'registration', id: registrationId });
    if (isAssigned(event.db, registrationId, listId)) return admitRegistration(event, ports, { listId, registrationId, method: 'search', override: false });
    const before = listAssignments(event.db, registrationId, target.kind);
    insertAssignment(event.db, { registrationId, listId, origin: 'local', createdAt: ports.clock.now().toISOString() });
    const result = admitRegistration(event, ports, { listId, registrationId, method: 'search', override: false });
    // Admitted, the move has the check-in's time: that is how undoing the check-in finds the join (takeBackJoin).
    const at = result.status === 'admitted' ? result.checkIn.scannedAt : ports.clock.now().toISOString();
    const parallel = result.status === 'admitted' ? bookedAtTheSameTime(event, registrationId, target) : null;
    if (parallel) removeAssignment(event.db, registrationId, parallel.id);
    insertMove(event.db, { id: ports.ids.next(), registrationId, fromListId: parallel?.id ?? null, toListId: listId, movedAt: at, stationId: event.station.id });
    if (parallel) markAssignmentsMoved(event, registrationId, target.kind, before, at);
    return parallel && result.status === 'admitted' ? { ...result, movedFrom: parallel.name } : result;
  }).immediate();
}

/**
 * What joining `listId` would mean for each of these people, said on the hits of the roster's "Person hinzufügen"
 * before the guide taps (a walkthrough's guide learnt only from the result that the person was moved from another
 * walk): booked here already, or the walk at the same time they would be moved from. Empty for an entrance list.
 */
export function joinOutlook(event: OpenEvent, listId: string, registrationIds: string[]): Map<string, { here: boolean; sameTime: string | null }> {
  const out = new Map<string, { here: boolean; sameTime: string | null }>();
  const target = getList(event.db, listId);
  if (!target || target.kind === 'entrance') return out;
  for (const id of registrationIds) {
    const here = isAssigned(event.db, id, listId);
    out.set(id, { here, sameTime: here ? null : bookedAtTheSameTime(event, id, target)?.name ?? null });
  }
  return out;
}

/** The one walk (or session, for a session) at the same time as `target` the person is booked on and not at. */
function bookedAtTheSameTime(event: OpenEvent, registrationId: string, target: ListInfo): ListInfo | null {
  if (!target.day || !target.startsAt || !target.endsAt) return null;
  const parallel = assignmentsOf(event.db, registrationId)
    .filter((a) => a.listId !== target.id && a.kind === target.kind && a.day === target.day)
    .map((a) => getList(event.db, a.listId)!)
    .filter((l) => l.startsAt !== null && l.endsAt !== null && l.startsAt < target.endsAt! && target.startsAt! < l.endsAt
      && effectiveRecords(event.db, l.id, registrationId).length === 0);
  return parallel.length === 1 ? parallel[0]! : null;
}

/**
 * An undone check-in at a walk or session that someone had joined on the spot from the one at the same time they were
 * booked on (joinOnTheSpot: the move made with it, at this station at the check-in's time) takes the move back with
 * it: the guide picked the wrong person, or the person went back to their own walk. They leave the roster, and are
 * booked again on the walk they were moved from — or, where the join was the only change made here to their walks,
 * on the walks their list has now (a sync since may have booked them elsewhere); the move back is recorded like any
 * other. Not when they have another entry there, or have been moved since.
 */
export function takeBackJoin(event: OpenEvent, ports: Ports, undone: { listId: string; registrationId: string; scannedAt: string }): void {
  const { db } = event;
  const list = getList(db, undone.listId);
  if (!list || list.kind === 'entrance') return;
  const move = db.prepare(
    `SELECT id, from_list_id AS fromListId, to_list_id AS toListId, moved_at AS movedAt, station_id AS stationId FROM assignment_moves
     WHERE registration_id = ? AND (to_list_id = ? OR from_list_id = ?) ORDER BY moved_at DESC, id DESC LIMIT 1`,
  ).get(undone.registrationId, undone.listId, undone.listId) as { fromListId: string | null; toListId: string | null; movedAt: string; stationId: string } | undefined;
  if (!move || move.toListId !== undone.listId || move.movedAt !== undone.scannedAt || move.stationId !== event.station.id) return;
  // Joined from no other walk: they stay on the roster, unticked (a tick taken back by mistake is given again with a tap).
  if (move.fromListId === null) return;
  if (effectiveRecords(db, undone.listId, undone.registrationId).length > 0) return;
  const here = assignmentsOf(db, undone.registrationId).find((a) => a.listId === undone.listId);
  if (!here?.local) return;
  const at = ports.clock.now().toISOString();
  const field = list.kind === 'walk' ? 'walks' : 'sessions';
  const mark = localFieldsOf(db, undone.registrationId).find((m) => m.field === field);
  const moves = db.prepare('SELECT count(*) FROM assignment_moves WHERE registration_id = ?').pluck().get(undone.registrationId) as number;
  // The join was the only change made here to the person's walks: they get the walks their list has now (a sync
  // since may have booked them on another than the one they were moved from), and are no longer a correction.
  if (mark?.listValue != null && mark.changedAt === move.movedAt && moves === 1) {
    const listed = (JSON.parse(mark.listValue) as string[]).filter((id) => getList(db, id)?.kind === list.kind);
    revertLocalField(event, ports, { id: undone.registrationId, field });
    const to = listed.includes(move.fromListId) ? move.fromListId : listed.length === 1 ? listed[0]! : null;
    insertMove(db, { id: ports.ids.next(), registrationId: undone.registrationId, fromListId: undone.listId, toListId: to, movedAt: at, stationId: event.station.id });
    return;
  }
  const before = listAssignments(db, undone.registrationId, list.kind);
  removeAssignment(db, undone.registrationId, undone.listId);
  const back = getList(db, move.fromListId) !== null ? move.fromListId : null;
  if (back && !isAssigned(db, undone.registrationId, back)) insertAssignment(db, { registrationId: undone.registrationId, listId: back, origin: 'local', createdAt: at });
  insertMove(db, { id: ports.ids.next(), registrationId: undone.registrationId, fromListId: undone.listId, toListId: back, movedAt: at, stationId: event.station.id });
  markAssignmentsMoved(event, undone.registrationId, list.kind, before, at);
}
