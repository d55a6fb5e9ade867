import { recentCheckIns } from '../../../db/queries/check-ins';
import { listListsWithCounts } from '../../../db/queries/lists';
import type { Handlers } from '../handler';
import { scan } from './scan';

export const checkinHandlers: Handlers<'lists.list' | 'checkin.scan' | 'checkin.recent'> = {
  'lists.list': (ctx) => ({ lists: listListsWithCounts(ctx.requireEvent().db) }),
  'checkin.scan': (ctx, input) => {
    const event = ctx.requireEvent();
    const result = scan(event, ctx, input);
    ctx.push.publish({
      type: 'checkin.recorded',
      listId: input.listId,
      registrationId: result.registration?.id ?? null,
      status: result.status,
    });
    return result;
  },
  'checkin.recent': (ctx, input) => ({ records: recentCheckIns(ctx.requireEvent().db, input.listId, input.limit) }),
};
