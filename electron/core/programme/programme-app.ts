import { attendanceMatrix } from '../../../db/queries/attendance';
import { getList, insertList, listDays, listListsWithCounts } from '../../../db/queries/lists';
import { checkInCount, dayIdOf, deleteUnusedList, nextListPosition, roster, updateList } from '../../../db/queries/programme';
import type { CheckInList } from '../../contract/entities';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { keepExport } from '../reports/export-store';
import { fileNamePart } from '../reports/file-names';
import { joinOnTheSpot, moveBetweenLists } from './moves';
import { applyProgramme, readProgramme } from './programme-import';
import { rosterPdf } from './roster-pdf';
import { syncServiceOf } from '../sync/sync-service';
import { readTableForSync } from '../sync/table-errors';

function listWithCounts(ctx: AppContext, id: string): CheckInList {
  const list = listListsWithCounts(ctx.requireEvent().db).find((l) => l.id === id);
  if (!list) throw new AppError('not_found', { entity: 'list', id });
  return list;
}

export const programmeHandlers: Handlers<
  'programme.days' | 'programme.saveItem' | 'programme.deleteItem' | 'programme.roster' | 'programme.join' | 'programme.move' | 'programme.rosterPdf' | 'programme.import' | 'attendance.matrix'
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
  'programme.rosterPdf': async (ctx, input) => {
    const { db } = ctx.requireEvent();
    const list = getList(db, input.listId);
    if (!list || list.kind === 'entrance') throw new AppError('not_found', { entity: 'list', id: input.listId });
    const { bytes, rows } = await rosterPdf(db, list, ctx.clock.now());
    return { ...keepExport(ctx, { bytes, fileName: `Teilnahmeliste-${fileNamePart(list.name)}.pdf`, mimeType: 'application/pdf' }), rows };
  },
  'programme.import': async (ctx, input) => {
    const { db } = ctx.requireEvent();
    const uploads = syncServiceOf(ctx).uploads;
    const { upload, bytes } = uploads.read(input.uploadId);
    const table = await readTableForSync(bytes, upload.fileName, {}, {}).catch((err: unknown) => {
      // An unreadable file is of no further use, and it may hold personal data.
      uploads.drop(input.uploadId);
      throw err;
    });
    const { items, problems } = readProgramme(table, listDays(db).map((d) => d.date));
    const planned = applyProgramme(db, ctx, items, input.apply);
    if (input.apply) {
      uploads.drop(input.uploadId);
      ctx.push.publish({ type: 'programme.changed' });
    }
    return {
      items: planned.map(({ item, action }) => ({
        line: item.line, name: item.name, kind: item.kind, day: item.day, startsAt: item.startsAt, endsAt: item.endsAt,
        location: item.location, capacity: item.capacity, host: item.host, action,
      })),
      problems, lineKind: table.lineKind, applied: input.apply,
    };
  },
  'attendance.matrix': (ctx, input) => attendanceMatrix(ctx.requireEvent().db, input),
};
