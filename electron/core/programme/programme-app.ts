import { attendanceMatrix } from '../../../db/queries/attendance';
import { getList, insertList, listDays, listListsWithCounts } from '../../../db/queries/lists';
import { checkInCount, dayIdOf, deleteUnusedList, nextListPosition, roster, updateList } from '../../../db/queries/programme';
import type { CheckInList } from '../../contract/entities';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { joinOnTheSpot, moveBetweenLists } from './moves';

function listWithCounts(ctx: AppContext, id: string): CheckInList {
  const list = listListsWithCounts(ctx.requireEvent().db).find((l) => l.id === id);
  if (!list) throw new AppError('not_found', { entity: 'list', id });
  return list;
}

export const programmeHandlers: Handlers<
  'programme.days' | 'programme.saveItem' | 'programme.deleteItem' | 'programme.roster' | 'programme.join' | 'programme.move' | 'attendance.matrix'
> = {
  'programme.days': (ctx) => ({ days: listDays(ctx.requireEvent().db) }),
  'programme.saveItem': (ctx, input) => {
    const { db } = ctx.requireEvent();
    const { id: givenId, day, ...fields } = input;
    const dayId = day ? dayIdOf(db, day) : null;
    if (day && !dayId) throw new AppError('not_found', { entity: 'day', id: day });
    const item = {
      ...fields, dayId, format: fields.format ?? null, startsAt: fields.startsAt ?? null, endsAt: fields.endsAt ?? null,
      location: fields.location || null, capacity: fields.capacity ?? null, host: fields.host || null,
      description: fields.description || null, admitFrom: fields.admitFrom ?? null, admitUntil: fields.admitUntil ?? null,
    };
    const id = givenId ?? ctx.ids.next();
    db.transaction(() => {
      if (givenId) {
        const existing = getList(db, givenId);
        if (!existing || existing.kind === 'entrance') throw new AppError('not_found', { entity: 'list', id: givenId });
        updateList(db, { id, ...item });
      } else {
        insertList(db, { id, ...item, position: nextListPosition(db), createdAt: ctx.clock.now().toISOString() });
      }
    }).immediate();
    ctx.push.publish({ type: 'programme.changed' });
    return listWithCounts(ctx, id);
  },
  'programme.deleteItem': (ctx, input) => {
    const { db } = ctx.requireEvent();
    db.transaction(() => {
      const list = getList(db, input.id);
      if (!list || list.kind === 'entrance') throw new AppError('not_found', { entity: 'list', id: input.id });
      // Attendance is never thrown away: a list that was used keeps existing.
      if (checkInCount(db, input.id) > 0) throw new AppError('list_in_use', { name: list.name });
      deleteUnusedList(db, input.id);
    }).immediate();
    ctx.push.publish({ type: 'programme.changed' });
    return {};
  },
  'programme.roster': (ctx, input) => {
    const list = listWithCounts(ctx, input.listId);
    return { list, people: roster(ctx.requireEvent().db, list.id, list.entryExit) };
  },
  'programme.join': (ctx, input) => {
    const result = joinOnTheSpot(ctx.requireEvent(), ctx, input.listId, input.registrationId);
    ctx.push.publish({ type: 'checkin.recorded', listId: input.listId, registrationId: input.registrationId, status: result.status });
    return result;
  },
  'programme.move': (ctx, input) => {
    moveBetweenLists(ctx.requireEvent(), ctx, input);
    ctx.push.publish({ type: 'programme.changed' });
    return {};
  },
  'attendance.matrix': (ctx, input) => attendanceMatrix(ctx.requireEvent().db, input),
};
