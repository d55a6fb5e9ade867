import type { Db } from '../../../db/open';
import { iterateLog, type LogRow } from '../../../db/queries/reports';
import type { Column, ReportTable, Translate } from './columns';
import { spreadsheetDate } from './time';

const KNOWN_REASONS = new Set([
  'invalid_code', 'unknown_code', 'cancelled', 'not_on_list', 'already_checked_in', 'too_early', 'too_late', 'full', 'not_inside',
]);
const KNOWN_METHODS = new Set(['camera', 'scanner', 'search', 'manual', 'import']);

/**
 * The full check-in log: every record (entries, exits, undos) and every refused scan, in scan order, with the
 * station and both the scan time and the time the record reached this file. Iterated from the database while the
 * file is written, so 100 000 records never sit in memory at once.
 */
export function logTable(db: Db, timezone: string, t: Translate): ReportTable<LogRow> {
  const c = (id: string, kind: Column<LogRow>['kind'], personal: boolean, value: (r: LogRow) => string | number | boolean | Date | null, defaultOn = true): Column<LogRow> => ({
    id, header: t(`reports.column.${id}`), kind, group: personal ? 'person' : 'record', personal, defaultOn, value,
  });
  const reason = (r: string | null) => (r === null ? null : KNOWN_REASONS.has(r) ? t(`reports.reason.${r}`) : r);
  const method = (m: string) => (KNOWN_METHODS.has(m) ? t(`reports.method.${m}`) : m);
  return {
    sheet: t('reports.sheet.log'),
    columns: [
      c('scannedAt', 'datetimeSeconds', false, (r) => spreadsheetDate(r.scannedAt, timezone)),
      c('uploadedAt', 'datetimeSeconds', false, (r) => (r.uploadedAt ? spreadsheetDate(r.uploadedAt, timezone) : null)),
      c('list', 'text', false, (r) => r.listName),
      c('recordType', 'text', false, (r) => t(`reports.recordType.${r.type}`)),
      c('reason', 'text', false, (r) => reason(r.reason)),
      c('lastName', 'text', true, (r) => r.lastName),
      c('firstName', 'text', true, (r) => r.firstName),
      c('organisation', 'text', true, (r) => r.organisation, false),
      c('code', 'text', true, (r) => r.code, false),
      c('method', 'text', false, (r) => method(r.method)),
      c('override', 'bool', false, (r) => r.override === 1),
      c('overrideReason', 'text', true, (r) => r.overrideReason, false),
      c('undone', 'bool', false, (r) => r.undone === 1),
      c('station', 'text', false, (r) => r.stationName),
      c('recordId', 'text', false, (r) => r.id, false),
      c('undoes', 'text', false, (r) => r.undoesId, false),
    ],
    rows: { [Symbol.iterator]: () => iterateLog(db) },
  };
}
