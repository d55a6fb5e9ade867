import { recordsOfRegistration } from '../../../db/queries/check-ins';
import { assignmentsOf, formerCodesOf, getRegistration, listRegistrations, sourceOf } from '../../../db/queries/registrations';
import { compactQuery } from '../../../db/queries/compact-code';
import { possibleTwinsOf } from '../../../db/queries/person-conflicts';
import { searchRegistrations } from '../../../db/queries/search';
import { emailQuery } from '../../contract/email-query';
import { AppError } from '../errors';
import { joinOutlook } from '../programme/moves';
import type { Handlers } from '../handler';
import { queryTerms } from '../text/fold';
import { registerWalkIn } from './walk-in';

export const registrationHandlers: Handlers<'registrations.list' | 'registrations.get' | 'registrations.search' | 'registrations.walkIn'> = {
  'registrations.list': (ctx, input) => {
    const email = emailQuery(input.query ?? '');
    return listRegistrations(ctx.requireEvent().db, {
      ...(email === null ? { folded: queryTerms(input.query ?? ''), compact: compactQuery(input.query ?? '') } : { folded: [], email }),
      show: input.show,
      syncSourceId: input.syncSourceId,
      limit: input.limit,
      offset: input.offset,
    });
  },
  'registrations.get': (ctx, input) => {
    const { db } = ctx.requireEvent();
    const reg = getRegistration(db, input.id);
    if (!reg) throw new AppError('not_found', { entity: 'registration', id: input.id });
    return {
      ...reg, assignments: assignmentsOf(db, reg.id), checkIns: recordsOfRegistration(db, reg.id), source: sourceOf(db, reg.id),
      formerCodes: formerCodesOf(db, reg.id),
      possibleTwins: possibleTwinsOf(db, reg.id).map((t) => ({
        id: t.id, code: t.code, firstName: t.firstName, lastName: t.lastName, organisation: t.organisation, walkIn: t.walkIn,
        checkIns: recordsOfRegistration(db, t.id).filter((c) => c.type === 'entry').length,
      })),
    };
  },
  'registrations.search': (ctx, input) => {
    const event = ctx.requireEvent();
    const hits = searchRegistrations(event.db, queryTerms(input.query), input.query, input.listId ?? null, input.limit);
    if (!input.listId) return { hits };
    const outlook = joinOutlook(event, input.listId, hits.map((h) => h.id));
    return { hits: outlook.size === 0 ? hits : hits.map((h) => ({ ...h, booking: outlook.get(h.id) })) };
  },
  'registrations.walkIn': (ctx, input) => {
    const result = registerWalkIn(ctx.requireEvent(), ctx, input);
    if (result.result && input.listId) {
      ctx.push.publish({ type: 'checkin.recorded', listId: input.listId, registrationId: result.registration.id, status: result.result.status });
    }
    return result;
  },
};
