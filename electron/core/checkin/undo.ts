import { getCheckIn, insertCheckIn, isUndone, stationOfCheckIn } from '../../../db/queries/check-ins';
import type { CheckInRecord } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { takeBackJoin } from '../programme/moves';

/** How long after a check-in the station that made it may undo it. */
export const UNDO_WINDOW_MS = 15 * 60 * 1000;

/**
 * Undoes a mistaken check-in made at this station in the last 15 minutes. Nothing is deleted: the undo is a
 * record of its own that points at the one it cancels. A join on the spot at a walk or session goes with its
 * check-in (takeBackJoin).
 */
export function undoCheckIn(
  event: OpenEvent, ports: Ports, checkInId: string, scope: 'frontDesk' | 'roster' = 'frontDesk',
): { undone: CheckInRecord; undo: CheckInRecord } {
  return event.db.transaction(() => {
    const record = getCheckIn(event.db, checkInId);
    if (!record) throw new AppError('not_found', { entity: 'checkIn', id: checkInId });
    const now = ports.clock.now();
    const refuse = (reason: string) => new AppError('undo_not_allowed', { reason });
    if (record.type === 'undo') throw refuse('is_undo');
    if (isUndone(event.db, record.id)) throw refuse('already_undone');
    if (stationOfCheckIn(event.db, record.id) !== event.station.id) throw refuse('other_station');
    if (scope === 'frontDesk' && now.getTime() - new Date(record.scannedAt).getTime() > UNDO_WINDOW_MS) throw refuse('too_old');
    const id = ports.ids.next();
    const at = now.toISOString();
    insertCheckIn(event.db, {
      id, listId: record.listId, registrationId: record.registrationId, type: 'undo', undoesId: record.id,
      method: 'manual', scannedAt: at, uploadedAt: at, stationId: event.station.id,
    });
    takeBackJoin(event, ports, record);
    return { undone: record, undo: getCheckIn(event.db, id)! };
  }).immediate();
}
