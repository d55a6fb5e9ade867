import type { Writable } from 'node:stream';
import type { Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import { extraFieldNames } from '../../../db/queries/reports';
import { getReportOrganisation, recordExport } from '../../../db/queries/report-settings';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { loadAttendance } from './attendance';
import { attendanceTable } from './attendance-table';
import { certificatePeople, certificatesPdf, certificatesZip, certificateFileName } from './certificates';
import { pickColumns, type ReportTable, type Translate } from './columns';
import { fileNamePart } from './file-names';
import { writeCsv, type CsvDelimiter } from './csv-writer';
import { logTable } from './log-table';
import { sessionsTable } from './sessions-table';
import { statsFor } from './stats-source';
import { statsPdf } from './stats-pdf';
import { statsTable, statsTables } from './stats-tables';

export const REPORT_KINDS = ['attendance', 'sessions', 'log', 'stats', 'certificates'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ExportFormat = 'xlsx' | 'csv' | 'pdf' | 'zip';

/** Which formats each report comes in; "all" is every table report in one workbook. */
export const REPORT_FORMATS: Record<ReportKind | 'all', readonly ExportFormat[]> = {
  attendance: ['xlsx', 'csv'],
  sessions: ['xlsx', 'csv'],
  log: ['xlsx', 'csv'],
  stats: ['pdf', 'xlsx', 'csv'],
  certificates: ['pdf', 'zip'],
  all: ['xlsx'],
};

export const MIME_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

export interface ExportRequest {
  report: ReportKind | 'all';
  format: ExportFormat;
  /** Picked column ids per report; a report not named gets its default columns. */
  columns?: Partial<Record<ReportKind, string[]>>;
  delimiter?: CsvDelimiter;
  /** Certificates for this person only. */
  registrationId?: string;
}

export interface ExportEnv extends Ports {
  t: Translate;
  stationId: string | null;
}

export interface ExportResult {
  fileName: string;
  mimeType: string;
  rows: number;
}

/** The tables of a table report (attendance, sessions, log, stats) with the picked columns. */
export function reportTables(db: Db, report: Exclude<ReportKind, 'certificates'>, req: ExportRequest, env: ExportEnv, forXlsx: boolean): ReportTable[] {
  const tz = getEvent(db)?.timezone ?? 'Europe/Berlin';
  const picked = (table: ReportTable, kind: ReportKind): ReportTable => ({ ...table, columns: pickColumns(table.columns, req.columns?.[kind]) });
  switch (report) {
    case 'attendance':
      return [picked(attendanceTable(loadAttendance(db), extraFieldNames(db), env.t) as ReportTable, 'attendance')];
    case 'sessions':
      return [picked(sessionsTable(statsFor(db, env.clock.now()), env.t) as ReportTable, 'sessions')];
    case 'log':
      return [picked(logTable(db, tz, env.t) as ReportTable, 'log')];
    case 'stats': {
      const stats = statsFor(db, env.clock.now());
      return forXlsx ? statsTables(stats, env.t, req.report !== 'all') : [statsTable(stats, env.t) as ReportTable];
    }
  }
}

export function exportFileName(db: Db, req: ExportRequest, env: ExportEnv): string {
  const date = env.clock.now().toISOString().slice(0, 10);
  return `${fileNamePart(getEvent(db)?.name ?? '') || 'Veranstaltung'}_${fileNamePart(env.t(`reports.file.${req.report}`))}_${date}.${req.format}`;
}

async function writeCertificates(db: Db, req: ExportRequest, env: ExportEnv, out: Writable): Promise<ExportResult> {
  const data = loadAttendance(db, req.registrationId);
  const people = certificatePeople(data);
  if (req.registrationId && data.people.length === 0) throw new AppError('not_found', { entity: 'registration', id: req.registrationId });
  if (people.length === 0) throw new AppError('bad_request', { reason: req.registrationId ? 'not_present' : 'nobody_present' });
  const e = getEvent(db);
  const ctx = {
    event: { name: e?.name ?? '', place: e?.place ?? null, startsOn: e?.startsOn ?? null, endsOn: e?.endsOn ?? null, timezone: data.timezone },
    organisation: getReportOrganisation(db),
    issuedOn: env.clock.now(),
    t: env.t,
  };
  const bytes = req.format === 'zip' ? await certificatesZip(people, data, ctx) : await certificatesPdf(people, data, ctx);
  out.end(bytes);
  const fileName = req.registrationId && req.format === 'pdf' ? certificateFileName(people[0]!, env.t) : exportFileName(db, req, env);
  return { fileName, mimeType: MIME_TYPES[req.format], rows: people.length };
}

async function writeTables(db: Db, req: ExportRequest, env: ExportEnv, out: Writable): Promise<number> {
  const kinds = req.report === 'all' ? (['attendance', 'sessions', 'log', 'stats'] as const) : [req.report as Exclude<ReportKind, 'certificates'>];
  if (req.format === 'pdf') {
    const bytes = await statsPdf(statsFor(db, env.clock.now()), env.t, env.clock.now());
    out.end(bytes);
    return 1;
  }
  const tables = kinds.flatMap((k) => reportTables(db, k, req, env, req.format === 'xlsx'));
  if (tables.some((tb) => tb.columns.length === 0)) throw new AppError('bad_request', { reason: 'no_columns' });
  // exceljs takes 28 MB once loaded: loaded with the first Excel export, not whenever the station starts.
  if (req.format === 'xlsx') return (await import('./xlsx-writer')).writeXlsx(tables, out, env.t, env.clock.now());
  const rows = await writeCsv(tables[0]!, out, req.delimiter ?? ';', env.t);
  out.end();
  return rows;
}

/**
 * Writes one export to `out` (a file for the command line, memory for a download) and records in the event file
 * that it was made — which the purge guard asks for. Nothing is recorded when writing fails.
 */
export async function runExport(db: Db, req: ExportRequest, env: ExportEnv, out: Writable): Promise<ExportResult> {
  if (!REPORT_FORMATS[req.report].includes(req.format)) throw new AppError('bad_request', { reason: 'format_not_available', report: req.report, format: req.format });
  let result: ExportResult;
  if (req.report === 'certificates') result = await writeCertificates(db, req, env, out);
  else {
    const rows = await writeTables(db, req, env, out);
    result = { fileName: exportFileName(db, req, env), mimeType: MIME_TYPES[req.format], rows };
  }
  recordExport(db, {
    id: env.ids.next(), report: req.report, format: req.format, rows: result.rows, createdAt: env.clock.now().toISOString(), stationId: env.stationId,
  });
  return result;
}
