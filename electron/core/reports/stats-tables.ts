import { presentRegistered } from '../../contract/report-methods';
import type { Column, ReportTable, Translate } from './columns';
import { sessionsTable } from './sessions-table';
import { share, type StatsData, type StatsGroup } from './stats';
import { germanDate, spreadsheetDay } from './time';

/** A row of the long-format statistics: one figure set per category of one dimension. */
export interface StatsRow {
  section: string;
  category: string | Date;
  registered: number | null;
  present: number;
  shareOfPresent: number | null;
  rate: number | null;
}

export function groupLabel(dimension: 'sector' | 'federalState' | 'organisationType', key: string | null, t: Translate): string {
  if (key === null) return t('reports.value.notStated');
  return dimension === 'organisationType' ? t(`reports.orgType.${key}`) : key;
}

function groupRows(section: string, groups: StatsGroup[], dimension: 'sector' | 'federalState' | 'organisationType', totalPresent: number, t: Translate): StatsRow[] {
  return groups.map((g) => ({
    section, category: groupLabel(dimension, g.key, t), registered: g.registered, present: g.present,
    shareOfPresent: share(g.present, totalPresent), rate: share(g.present, g.registered),
  }));
}

/** Every figure of the statistics as rows of one table: what a CSV of the statistics holds. */
export function statsRows(stats: StatsData, t: Translate): StatsRow[] {
  const total = stats.totals.present;
  const overview = t('reports.section.overview');
  const rows: StatsRow[] = [
    { section: overview, category: t('reports.figure.registered'), registered: stats.totals.registered, present: presentRegistered(stats.totals), shareOfPresent: null, rate: share(presentRegistered(stats.totals), stats.totals.registered) },
    { section: overview, category: t('reports.figure.absent'), registered: null, present: stats.totals.absent, shareOfPresent: null, rate: share(stats.totals.absent, stats.totals.registered) },
    { section: overview, category: t('reports.figure.cancelled'), registered: null, present: stats.totals.cancelled, shareOfPresent: null, rate: null },
    { section: overview, category: t('reports.figure.onSite'), registered: null, present: stats.totals.onSite, shareOfPresent: share(stats.totals.onSite, total), rate: null },
  ];
  // Let in although cancelled: present, not among the registered above.
  if ((stats.totals.presentCancelled ?? 0) > 0) {
    rows.splice(2, 0, { section: overview, category: t('reports.figure.presentCancelled'), registered: null, present: stats.totals.presentCancelled!, shareOfPresent: share(stats.totals.presentCancelled!, total), rate: null });
  }
  for (const d of stats.byDay) {
    rows.push({ section: t('reports.section.byDay'), category: spreadsheetDay(d.date), registered: d.registered, present: d.present, shareOfPresent: null, rate: share(d.present, d.registered) });
  }
  rows.push(...groupRows(t('reports.section.bySector'), stats.bySector, 'sector', total, t));
  rows.push(...groupRows(t('reports.section.byFederalState'), stats.byFederalState, 'federalState', total, t));
  rows.push(...groupRows(t('reports.section.byOrganisationType'), stats.byOrganisationType, 'organisationType', total, t));
  for (const l of stats.lists.filter((x) => x.kind !== 'entrance')) {
    rows.push({ section: t('reports.section.lists'), category: l.name, registered: l.registered, present: l.present, shareOfPresent: null, rate: l.registered === null || l.presentRegistered === null ? null : share(l.presentRegistered, l.registered) });
  }
  for (const day of stats.arrivals) {
    const section = t('reports.section.arrivalsOn', { date: germanDate(day.date, 'UTC') });
    for (const s of day.slots) rows.push({ section, category: s.time, registered: null, present: s.count, shareOfPresent: null, rate: null });
  }
  return rows;
}

function statsColumns(t: Translate): Column<StatsRow>[] {
  const c = (id: string, kind: Column<StatsRow>['kind'], value: (r: StatsRow) => string | number | Date | null): Column<StatsRow> => ({
    id, header: t(`reports.column.${id}`), kind, group: 'record', personal: false, defaultOn: true, value,
  });
  return [
    c('section', 'text', (r) => r.section),
    // Categories are text except the days of "by day", which are real dates.
    c('category', 'text', (r) => r.category),
    c('registered', 'number', (r) => r.registered),
    c('present', 'number', (r) => r.present),
    c('shareOfPresent', 'percent', (r) => r.shareOfPresent),
    c('attendanceRate', 'percent', (r) => r.rate),
  ];
}

/** The statistics as one table (CSV) … */
export function statsTable(stats: StatsData, t: Translate): ReportTable<StatsRow> {
  return { sheet: t('reports.sheet.stats'), columns: statsColumns(t), rows: statsRows(stats, t) };
}

/**
 * … or as sheets of their own (XLSX): overview and dimensions, programme items (left out where the workbook has
 * the programme report already), arrivals.
 */
export function statsTables(stats: StatsData, t: Translate, withProgramme = true): ReportTable[] {
  const rows = statsRows(stats, t);
  const isArrival = (r: StatsRow) => stats.arrivals.some((d) => r.section === t('reports.section.arrivalsOn', { date: germanDate(d.date, 'UTC') }));
  const figures = rows.filter((r) => !isArrival(r));
  const arrivalRows = stats.arrivals.flatMap((d) => d.slots.map((s) => ({ day: spreadsheetDay(d.date), time: s.time, count: s.count })));
  type ArrivalRow = (typeof arrivalRows)[number];
  const arrivalColumns: Column<ArrivalRow>[] = [
    { id: 'day', header: t('reports.column.day'), kind: 'date', group: 'record', personal: false, defaultOn: true, value: (r) => r.day },
    { id: 'slot', header: t('reports.column.slot'), kind: 'text', group: 'record', personal: false, defaultOn: true, value: (r) => r.time },
    { id: 'arrivals', header: t('reports.column.arrivals'), kind: 'number', group: 'record', personal: false, defaultOn: true, value: (r) => r.count },
  ];
  return [
    { sheet: t('reports.sheet.stats'), columns: statsColumns(t), rows: figures } as ReportTable,
    ...(withProgramme ? [sessionsTable(stats, t) as ReportTable] : []),
    { sheet: t('reports.sheet.arrivals'), columns: arrivalColumns, rows: arrivalRows } as ReportTable,
  ];
}
