import { effectiveRecords } from '../../../db/queries/check-ins';
import { getList, type ListInfo } from '../../../db/queries/lists';
import { insertMove, removeAssignment } from '../../../db/queries/programme';
import { assignmentsOf, getRegistration, insertAssignment, isAssigned } from '../../../db/queries/registrations';
import type { ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { admitRegistration } from '../checkin/admit';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';

function requireWalkOrSession(event: OpenEvent, listId: string) {
  const list = getList(event.db, listId);
  if (!list || list.kind === 'entrance') throw new AppError('not_found', { entity: 'list', id: listId });
  return list;
}

/**
 * Moves a person from one walk or session to another: the assignment changes (marked as a local change, so a
 * later registration sync does not undo it) and the move is kept with time and station.
 */
export function moveBetweenLists(event: OpenEvent, ports: Ports, m: { registrationId: string; fromListId: string; toListId: string }): void {
  event.db.transaction(() => {
    requireWalkOrSession(event, m.fromListId);
    requireWalkOrSession(event, m.toListId);
    if (!getRegistration(event.db, m.registrationId)) throw new AppError('not_found', { entity: 'registration', id: m.registrationId });
    if (m.fromListId === m.toListId) return;
    if (!removeAssignment(event.db, m.registrationId, m.fromListId)) throw new AppError('not_found', { entity: 'assignment', id: m.fromListId });
    const at = ports.clock.now().toISOString();
    if (!isAssigned(event.db, m.registrationId, m.toListId)) {
      insertAssignment(event.db, { registrationId: m.registrationId, listId: m.toListId, origin: 'local', createdAt: at });
    }
    insertMove(event.db, { id: ports.ids.next(), registrationId: m.registrationId, fromListId: m.fromListId, toListId: m.toListId, movedAt: at, stationId: event.station.id });
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
    const at = ports.clock.now().toISOString();
    insertAssignment(event.db, { registrationId, listId, origin: 'local', createdAt: at });
    const result = admitRegistration(event, ports, { listId, registrationId, method: 'search', override: false });
    const parallel = result.status === 'admitted' ? bookedAtTheSameTime(event, registrationId, target) : null;
    if (parallel) removeAssignment(event.db, registrationId, parallel.id);
    insertMove(event.db, { id: ports.ids.next(), registrationId, fromListId: parallel?.id ?? null, toListId: listId, movedAt: at, stationId: event.station.id });
    return parallel && result.status === 'admitted' ? { ...result, movedFrom: parallel.name } : result;
  }).immediate();
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
