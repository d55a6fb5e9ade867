import { recordsOfRegistration } from '../../../db/queries/check-ins';
import { assignmentsOf, getRegistration, listRegistrations } from '../../../db/queries/registrations';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { queryTerms } from '../text/fold';

export const registrationHandlers: Handlers<'registrations.list' | 'registrations.get'> = {
  'registrations.list': (ctx, input) =>
    listRegistrations(ctx.requireEvent().db, {
      folded: queryTerms(input.query ?? ''),
      limit: input.limit,
      offset: input.offset,
    }),
  'registrations.get': (ctx, input) => {
    const { db } = ctx.requireEvent();
    const reg = getRegistration(db, input.id);
    if (!reg) throw new AppError('not_found', { entity: 'registration', id: input.id });
    return { ...reg, assignments: assignmentsOf(db, reg.id), checkIns: recordsOfRegistration(db, reg.id) };
  },
};
