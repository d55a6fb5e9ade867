import { recentCheckIns } from '../../../db/queries/check-ins';
import { getEventSettings } from '../../../db/queries/event';
import { sourceOf } from '../../../db/queries/registrations';
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

/**
 * A refusal as cancelled of someone who is only missing from the last version of their list (an export glitch, a
 * person left out by a filter) or whose list was removed says so: the guest who never cancelled is not told they did.
 */
function withCancellationReason(ctx: AppContext, result: ScanResult): ScanResult {
  if (result.status !== 'refused' || result.reason !== 'cancelled' || !result.registration) return result;
  const source = sourceOf(ctx.requireEvent().db, result.registration.id);
  if (!source || !(source.gone || source.removed)) return result;
  return { ...result, cancelledBy: { why: source.removed ? 'listRemoved' : 'goneFromList', source: source.label, at: source.syncedAt } };
}

function announce(ctx: AppContext, listId: string, result: Pick<ScanResult, 'status' | 'registration'>): void {
  ctx.push.publish({ type: 'checkin.recorded', listId, registrationId: result.registration?.id ?? null, status: result.status });
}

export const checkinHandlers: Handlers<'lists.list' | 'checkin.scan' | 'checkin.admit' | 'checkin.undo' | 'checkin.recent'> = {
  'lists.list': (ctx) => ({ lists: listListsWithCounts(ctx.requireEvent().db) }),
  'checkin.scan': (ctx, input) => {
    const event = ctx.requireEvent();
    const result = withCancellationReason(ctx, withWaitingCancellation(ctx, scan(event, ctx, input, getEventSettings(event.db).codePattern)));
    announce(ctx, input.listId, result);
    return result;
  },
  'checkin.admit': (ctx, input) => {
    const result = withCancellationReason(ctx, withWaitingCancellation(ctx, admitRegistration(ctx.requireEvent(), ctx, input)));
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
