import { getList } from '../../../db/queries/lists';
import { localFieldsOf } from '../../../db/queries/local-fields';
import { getRegistration } from '../../../db/queries/registrations';
import type { Db } from '../../../db/open';
import type { LocalField } from '../../contract/registration-edit-methods';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { editRegistration, listAssignments, revertLocalField } from './registration-edit';

/** The person's local corrections, each with what their list says, as the person page shows it. */
function localFieldsShown(db: Db, id: string): LocalField[] {
  const reg = getRegistration(db, id) as Record<string, unknown> | null;
  return localFieldsOf(db, id).map(({ listValue, ...f }) => {
    if (listValue === null || !reg) return { ...f, inList: false, listValue: null, sameAsList: false };
    const value = JSON.parse(listValue) as string | string[] | null;
    if (Array.isArray(value)) {
      const names = value.map((listId) => getList(db, listId)?.name ?? null).filter((n) => n !== null).sort().join(', ') || null;
      return { ...f, inList: true, listValue: names, sameAsList: listAssignments(db, id, f.field === 'walks' ? 'walk' : 'session', true) === listValue };
    }
    return { ...f, inList: true, listValue: value, sameAsList: ((reg[f.field] as string | null) || null) === (value || null) };
  });
}

export const registrationEditHandlers: Handlers<'registrations.update' | 'registrations.revertLocal' | 'registrations.localFields'> = {
  'registrations.update': (ctx, input) => {
    const event = ctx.requireEvent();
    const { changed } = editRegistration(event, ctx, { id: input.id, fields: input.fields, walks: input.walks, sessions: input.sessions });
    if (changed.length > 0) ctx.push.publish({ type: 'sync.changed' });
    return { id: input.id, changed, localFields: localFieldsShown(event.db, input.id) };
  },
  'registrations.revertLocal': (ctx, input) => {
    const event = ctx.requireEvent();
    const { changed } = revertLocalField(event, ctx, input);
    ctx.push.publish({ type: 'sync.changed' });
    return { id: input.id, changed, localFields: localFieldsShown(event.db, input.id) };
  },
  'registrations.localFields': (ctx, input) => {
    const { db } = ctx.requireEvent();
    if (!getRegistration(db, input.id)) throw new AppError('not_found', { entity: 'registration', id: input.id });
    return { fields: localFieldsShown(db, input.id) };
  },
};
