import { countRegistrations, exportHistory, latestAnonymousStatistics, personalDataPurgedAt } from '../../../db/queries/report-settings';
import { extraFieldLists, extraFieldNames, registrationListCount, reportLists } from '../../../db/queries/reports';
import { getEvent } from '../../../db/queries/event';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import type { Handlers } from '../handler';
import { attendanceTable } from './attendance-table';
import { columnInfo, type Translate } from './columns';
import { dropExports, exportChunk, keepExport } from './export-store';
import { REPORT_FORMATS, runExport, type ExportRequest } from './export';
import { logTable } from './log-table';
import { memorySink } from './memory-sink';
import { organisationSummary, updateOrganisation } from './organisation';
import { checkPurgeGuard, deleteEventFiles, purgePersonalData } from './purge';
import { dropPendingSyncs } from '../sync/sync-service';
import { sessionsTable } from './sessions-table';
import { statsFor } from './stats-source';
import { exportTranslator } from './translator';

const EMPTY_STATS = {
  version: 1 as const, generatedAt: '', event: { name: '', place: null, startsOn: null, endsOn: null, timezone: 'Europe/Berlin', organiser: null },
  totals: { registrations: 0, registered: 0, cancelled: 0, onSite: 0, present: 0, absent: 0 },
  byDay: [], bySector: [], byFederalState: [], byOrganisationType: [], lists: [], arrivals: [],
};

/** The pickable columns of each table report (the rows are not read for this). */
function columnsOf(ctx: AppContext, t: Translate) {
  const { db } = ctx.requireEvent();
  const timezone = getEvent(db)?.timezone ?? 'Europe/Berlin';
  const lists = reportLists(db);
  return {
    attendance: attendanceTable({ eventName: '', timezone, lists, people: [] }, extraFieldNames(db), t, { several: registrationListCount(db) > 1, extraFrom: extraFieldLists(db) }).columns.map(columnInfo),
    sessions: sessionsTable(EMPTY_STATS, t).columns.map(columnInfo),
    log: logTable(db, timezone, t).columns.map(columnInfo),
  };
}

async function makeExport(ctx: AppContext, req: ExportRequest) {
  const event = ctx.requireEvent();
  const t = await exportTranslator();
  const sink = memorySink();
  const result = await runExport(event.db, req, { clock: ctx.clock, ids: ctx.ids, t, stationId: event.station.id }, sink.stream);
  const bytes = await sink.bytes;
  return { ...keepExport(ctx, { bytes, fileName: result.fileName, mimeType: result.mimeType }), rows: result.rows };
}

export const reportHandlers: Handlers<
  'reports.overview' | 'reports.stats' | 'reports.export' | 'reports.download' | 'reports.setOrganisation' | 'event.purge'
> = {
  'reports.overview': async (ctx) => {
    const { db } = ctx.requireEvent();
    return {
      people: countRegistrations(db),
      purgedAt: personalDataPurgedAt(db),
      hasKeptStatistics: latestAnonymousStatistics(db) !== null,
      exports: exportHistory(db),
      organisation: organisationSummary(db),
      formats: Object.fromEntries(Object.entries(REPORT_FORMATS).map(([k, v]) => [k, [...v]])),
      columns: columnsOf(ctx, await exportTranslator()),
    };
  },
  'reports.stats': (ctx) => {
    const { db } = ctx.requireEvent();
    if (personalDataPurgedAt(db) && !latestAnonymousStatistics(db)) return { stats: null };
    return { stats: statsFor(db, ctx.clock.now()) };
  },
  'reports.export': (ctx, input) => makeExport(ctx, input),
  'reports.download': (ctx, input) => exportChunk(ctx, input.exportId, input.offset),
  'reports.setOrganisation': (ctx, input) => {
    const { db } = ctx.requireEvent();
    updateOrganisation(db, input);
    return organisationSummary(db);
  },
  'event.purge': (ctx, input) => {
    const event = ctx.requireEvent();
    checkPurgeGuard(event.db, input);
    dropExports(ctx);
    dropPendingSyncs(ctx);
    const result = purgePersonalData(event.db, event.file, ctx, input.deleteFile ? false : input.keepStatistics);
    if (!input.deleteFile) {
      ctx.push.publish({ type: 'event.changed', event: ctx.summary() });
      return { ...result, fileDeleted: false };
    }
    const file = event.file;
    ctx.close();
    const { deleted } = deleteEventFiles(file);
    if (deleted.length === 0) throw new AppError('internal', { reason: 'file_not_deleted' });
    return { ...result, fileDeleted: true };
  },
};
