import { getList } from '../../../db/queries/lists';
import { insertMove, removeAssignment } from '../../../db/queries/programme';
import { getRegistration, insertAssignment, isAssigned } from '../../../db/queries/registrations';
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
 * Someone joins a walk or session they had not chosen: they are added to it (a local change, recorded as a move
 * from nowhere) and checked in under the list's usual rules — capacity and time window still apply.
 */
export function joinOnTheSpot(event: OpenEvent, ports: Ports, listId: string, registrationId: string): ScanResult {
  return event.db.transaction((): ScanResult => {
    requireWalkOrSession(event, listId);
    if (!getRegistration(event.db, registrationId)) throw new AppError('not_found', { entity: 'registration', id: registrationId });
    if (!isAssigned(event.db, registrationId, listId)) {
      const at = ports.clock.now().toISOString();
      insertAssignment(event.db, { registrationId, listId, origin: 'local', createdAt: at });
      insertMove(event.db, { id: ports.ids.next(), registrationId, fromListId: null, toListId: listId, movedAt: at, stationId: event.station.id });
    }
    return admitRegistration(event, ports, { listId, registrationId, method: 'search', override: false });
  }).immediate();
}
