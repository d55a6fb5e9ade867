import { localFieldsOf } from '../../../db/queries/local-fields';
import { getRegistration } from '../../../db/queries/registrations';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { editRegistration } from './registration-edit';

export const registrationEditHandlers: Handlers<'registrations.update' | 'registrations.localFields'> = {
  'registrations.update': (ctx, input) => {
    const event = ctx.requireEvent();
    const { changed } = editRegistration(event, ctx, { id: input.id, fields: input.fields, walks: input.walks, sessions: input.sessions });
    if (changed.length > 0) ctx.push.publish({ type: 'sync.changed' });
    return { id: input.id, changed, localFields: localFieldsOf(event.db, input.id) };
  },
  'registrations.localFields': (ctx, input) => {
    const { db } = ctx.requireEvent();
    if (!getRegistration(db, input.id)) throw new AppError('not_found', { entity: 'registration', id: input.id });
    return { fields: localFieldsOf(db, input.id) };
  },
};
