import type { Column, ReportTable, Translate } from './columns';
import { share, type StatsData, type StatsList } from './stats';
import { spreadsheetDay } from './time';

type Row = StatsList;

/**
 * Per check-in list (entrances, sessions, walks): registered, present, no-shows, walk-ins, capacity used.
 * "Without sign-up" counts people present who were not expected there (no assignment, or not registered for that
 * day); "on-site registrations" counts people present who registered at the desk.
 */
export function sessionsTable(stats: StatsData, t: Translate): ReportTable<Row> {
  const c = (id: string, kind: Column<Row>['kind'], value: (r: Row) => string | number | Date | null): Column<Row> => ({
    id, header: t(`reports.column.${id}`), kind, group: 'programme', personal: false, defaultOn: true, value,
  });
  return {
    sheet: t('reports.sheet.sessions'),
    columns: [
      c('kind', 'text', (r) => t(`reports.kind.${r.kind}`)),
      c('item', 'text', (r) => r.name),
      c('day', 'date', (r) => (r.day ? spreadsheetDay(r.day) : null)),
      c('startsAt', 'text', (r) => r.startsAt),
      c('capacity', 'number', (r) => r.capacity),
      c('registered', 'number', (r) => r.registered),
      c('present', 'number', (r) => r.present),
      c('presentRegistered', 'number', (r) => r.presentRegistered),
      c('noShows', 'number', (r) => (r.registered === null || r.presentRegistered === null ? null : r.registered - r.presentRegistered)),
      c('walkIns', 'number', (r) => (r.presentRegistered === null ? null : r.present - r.presentRegistered)),
      c('onSiteRegistrations', 'number', (r) => r.onSite),
      c('utilisation', 'percent', (r) => share(r.present, r.capacity)),
      c('attendanceRate', 'percent', (r) => (r.registered === null || r.presentRegistered === null ? null : share(r.presentRegistered, r.registered))),
    ],
    rows: stats.lists,
  };
}
