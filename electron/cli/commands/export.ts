import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TFunction } from 'i18next';
import type { Db } from '../../../db/open';
import { extraFieldNames, registrationListCount, reportLists } from '../../../db/queries/reports';
import { getEvent } from '../../../db/queries/event';
import { AppContext } from '../../core/app-context';
import { attendanceTable } from '../../core/reports/attendance-table';
import type { Column } from '../../core/reports/columns';
import { REPORT_FORMATS, REPORT_KINDS, runExport, type ExportFormat, type ExportRequest, type ReportKind } from '../../core/reports/export';
import { logTable } from '../../core/reports/log-table';
import { exportTranslator } from '../../core/reports/translator';
import { CliError, required, type CliCommand } from '../cli-types';

type Pickable = 'attendance' | 'log';

function pickableColumns(db: Db, report: Pickable, t: (k: string, v?: Record<string, unknown>) => string): Column<unknown>[] {
  const tz = getEvent(db)?.timezone ?? 'Europe/Berlin';
  const table = report === 'attendance'
    ? attendanceTable({ eventName: '', timezone: tz, lists: reportLists(db), people: [] }, extraFieldNames(db), t, { several: registrationListCount(db) > 1 })
    : logTable(db, tz, t);
  return table.columns as Column<unknown>[];
}

function findPerson(db: Db, person: string, t: TFunction): string {
  const row = db.prepare('SELECT id FROM registrations WHERE id = ? OR code = ? COLLATE NOCASE').get(person, person.trim()) as { id: string } | undefined;
  if (!row) throw new CliError(t('reports.cli.personNotFound', { person }));
  return row.id;
}

function parseRequest(values: Record<string, string | boolean | undefined>, db: Db, t: TFunction): ExportRequest {
  const report = required(values, 'report', t) as ReportKind | 'all';
  if (report !== 'all' && !REPORT_KINDS.includes(report)) throw new CliError(t('reports.cli.badReport', { reports: [...REPORT_KINDS, 'all'].join(', ') }));
  const format = required(values, 'format', t) as ExportFormat;
  if (!REPORT_FORMATS[report].includes(format)) throw new CliError(t('reports.cli.badFormat', { report, formats: REPORT_FORMATS[report].join(', ') }));
  const delimiter = values.delimiter ?? ';';
  if (delimiter !== ';' && delimiter !== ',') throw new CliError(t('reports.cli.badDelimiter'));
  const req: ExportRequest = { report, format, delimiter };
  if (typeof values.columns === 'string') {
    if (report !== 'attendance' && report !== 'log') throw new CliError(t('reports.cli.columnsOnlyFor'));
    req.columns = { [report]: values.columns.split(',').map((c) => c.trim()).filter(Boolean) };
  }
  if (typeof values.person === 'string') req.registrationId = findPerson(db, values.person, t);
  return req;
}

/**
 * `export --event FILE --report R --format F --out PATH [--columns a,b] [--delimiter ,] [--person CODE]`, or
 * `--list-columns` to see the column ids. Writes next to --out first and renames, so a failed export never leaves
 * half a file under the name asked for.
 */
export const exportCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    report: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    columns: { type: 'string' },
    delimiter: { type: 'string' },
    person: { type: 'string' },
    'list-columns': { type: 'boolean', default: false },
  },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const ctx = new AppContext({ dataDir: dirname(file) });
    const event = ctx.openFile(file);
    try {
      const tr = await exportTranslator();
      if (values['list-columns']) {
        const report = required(values, 'report', t);
        if (report !== 'attendance' && report !== 'log') throw new CliError(t('reports.cli.columnsOnlyFor'));
        for (const c of pickableColumns(event.db, report, tr)) {
          console.log(`${c.defaultOn ? '*' : ' '} ${c.id.padEnd(48)} ${c.header}${c.personal ? ` (${t('reports.cli.personal')})` : ''}`);
        }
        return 0;
      }
      const req = parseRequest(values, event.db, t);
      const out = resolve(required(values, 'out', t));
      const part = `${out}.part`;
      const stream = createWriteStream(part);
      const closed = new Promise<void>((res, rej) => { stream.on('close', () => res()); stream.on('error', rej); });
      try {
        const result = await runExport(event.db, req, { clock: ctx.clock, ids: ctx.ids, t: tr, stationId: event.station.id }, stream);
        await closed;
        renameSync(part, out);
        console.log(t('reports.cli.written', { file: out, rows: result.rows, kb: Math.max(1, Math.round(statSync(out).size / 1024)) }));
        return 0;
      } catch (err) {
        stream.destroy();
        rmSync(part, { force: true });
        throw err;
      }
    } finally {
      ctx.close();
    }
  },
};
