import { recentCheckIns } from '../../../db/queries/check-ins';
import { getEventSettings } from '../../../db/queries/event';
import { listListsWithCounts } from '../../../db/queries/lists';
import type { ScanResult } from '../../contract/entities';
import type { AppContext } from '../app-context';
import type { Handlers } from '../handler';
import { cancellationWaiting } from '../sync/sync-service';
import { admitRegistration } from './admit';
import { scan } from './scan';
import { undoCheckIn } from './undo';

/**
 * An admission of someone a fetched list has as cancelled, not yet approved, says so: where the list is fetched,
 * and at a station from what its hub last said waits there (savedCancellation).
 */
function withWaitingCancellation(ctx: AppContext, result: ScanResult): ScanResult {
  if (result.status !== 'admitted' || result.checkIn.type !== 'entry') return result;
  const waiting = cancellationWaiting(ctx, result.registration.id);
  return waiting ? { ...result, cancellationWaiting: waiting } : result;
}

function announce(ctx: AppContext, listId: string, result: Pick<ScanResult, 'status' | 'registration'>): void {
  ctx.push.publish({ type: 'checkin.recorded', listId, registrationId: result.registration?.id ?? null, status: result.status });
}

export const checkinHandlers: Handlers<'lists.list' | 'checkin.scan' | 'checkin.admit' | 'checkin.undo' | 'checkin.recent'> = {
  'lists.list': (ctx) => ({ lists: listListsWithCounts(ctx.requireEvent().db) }),
  'checkin.scan': (ctx, input) => {
    const event = ctx.requireEvent();
    const result = withWaitingCancellation(ctx, scan(event, ctx, input, getEventSettings(event.db).codePattern));
    announce(ctx, input.listId, result);
    return result;
  },
  'checkin.admit': (ctx, input) => {
    const result = withWaitingCancellation(ctx, admitRegistration(ctx.requireEvent(), ctx, input));
    announce(ctx, input.listId, result);
    return result;
  },
  'checkin.undo': (ctx, input) => {
    const result = undoCheckIn(ctx.requireEvent(), ctx, input.checkInId, input.scope);
    ctx.push.publish({ type: 'checkin.recorded', listId: result.undo.listId, registrationId: result.undo.registrationId, status: 'undone' });
    return result;
  },
  'checkin.recent': (ctx, input) => {
    const event = ctx.requireEvent();
    return { records: recentCheckIns(event.db, input.listId, input.limit, event.station.id) };
  },
};
