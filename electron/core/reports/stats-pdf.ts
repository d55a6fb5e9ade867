import { columnChart, horizontalBars, type Bar } from '../pdf/charts';
import { contentWidth, createPdf, ensureSpace, pdfBytes, type Pdf } from '../pdf/document';
import { FONT_BOLD, FONT_REGULAR } from '../pdf/fonts';
import { COLORS, footers, heading, paragraph, table } from '../pdf/layout';
import { presentRegistered } from '../../contract/report-methods';
import type { Translate } from './columns';
import { listLabel } from './list-label';
import { share, type StatsData, type StatsGroup } from './stats';
import { groupLabel } from './stats-tables';
import { germanCount, germanDate, germanDateRange, germanDateTime, germanWeekdayDate } from './time';

export function percent(fraction: number | null): string {
  if (fraction === null) return '–';
  return `${(Math.round(fraction * 1000) / 10).toLocaleString('de-DE')} %`;
}

/** Key figures as tiles, three to a row, so that labels like "Anwesenheitsquote" fit without breaking. */
function tiles(doc: Pdf, items: { label: string; value: string; note?: string }[]): void {
  const left = doc.page.margins.left;
  const gap = 8;
  const perRow = 3;
  const w = (contentWidth(doc) - gap * (perRow - 1)) / perRow;
  // A note under a label ("davon 1 mit stornierter Anmeldung") makes every tile a line taller.
  const h = items.some((item) => item.note) ? 64 : 46;
  const top = doc.y;
  items.forEach((item, i) => {
    const x = left + (i % perRow) * (w + gap);
    const y = top + Math.floor(i / perRow) * (h + 8);
    doc.roundedRect(x, y, w, h, 4).lineWidth(0.8).strokeColor(COLORS.rule).stroke();
    doc.font(FONT_BOLD).fontSize(16).fillColor(COLORS.accent).text(item.value, x + 10, y + 6, { width: w - 20 });
    doc.font(FONT_REGULAR).fontSize(9).fillColor(COLORS.muted).text(item.label, x + 10, y + 29, { width: w - 20 });
    if (item.note) doc.font(FONT_REGULAR).fontSize(7.5).text(item.note, x + 10, y + 41, { width: w - 20 });
  });
  doc.x = left;
  doc.y = top + Math.ceil(items.length / perRow) * (h + 8) + 10;
  doc.fillColor(COLORS.text);
}

function groupBars(groups: StatsGroup[], dimension: 'sector' | 'federalState' | 'organisationType', total: number, t: Translate): Bar[] {
  return groups.map((g) => ({ label: groupLabel(dimension, g.key, t), value: g.present, reference: g.registered, note: `(${percent(share(g.present, total))})` }));
}

function overview(doc: Pdf, stats: StatsData, t: Translate): void {
  const e = stats.event;
  heading(doc, t('reports.pdf.statsTitle'), 20);
  paragraph(doc, e.name, { size: 13, bold: true });
  const where = [germanDateRange(e.startsOn, e.endsOn), e.place].filter(Boolean).join(' · ');
  if (where) paragraph(doc, where, { color: COLORS.muted });
  doc.moveDown(0.8);
  const tt = stats.totals;
  tiles(doc, [
    { label: t('reports.figure.registered'), value: germanCount(tt.registered) },
    {
      label: t('reports.figure.present'), value: germanCount(tt.present),
      note: (tt.presentCancelled ?? 0) > 0 ? t('reports.figure.presentCancelledNote', { count: tt.presentCancelled }) : undefined,
    },
    { label: t('reports.figure.rate'), value: percent(share(presentRegistered(tt), tt.registered)) },
    { label: t('reports.figure.absent'), value: germanCount(tt.absent) },
    { label: t('reports.figure.onSite'), value: germanCount(tt.onSite) },
    { label: t('reports.figure.cancelled'), value: germanCount(tt.cancelled) },
  ]);
  const legend = { value: t('reports.pdf.legendPresent'), reference: t('reports.pdf.legendRegistered') };
  if (stats.byDay.length > 0) {
    horizontalBars(doc, t('reports.section.byDay'), stats.byDay.map((d) => ({
      label: germanWeekdayDate(d.date), value: d.present, reference: d.registered, note: `(${percent(share(d.present, d.registered))})`,
    })), legend);
  }
  horizontalBars(doc, t('reports.section.bySector'), groupBars(stats.bySector, 'sector', tt.present, t), legend);
  horizontalBars(doc, t('reports.section.byOrganisationType'), groupBars(stats.byOrganisationType, 'organisationType', tt.present, t), legend);
  horizontalBars(doc, t('reports.section.byFederalState'), groupBars(stats.byFederalState, 'federalState', tt.present, t), legend);
  paragraph(doc, t('reports.pdf.shareNote'), { size: 8.5, color: COLORS.muted });
}

function arrivals(doc: Pdf, stats: StatsData, t: Translate): void {
  if (stats.arrivals.length === 0) return;
  doc.moveDown(1);
  ensureSpace(doc, 260);
  heading(doc, t('reports.section.arrivals'));
  for (const day of stats.arrivals) {
    const total = day.slots.reduce((s, x) => s + x.count, 0);
    columnChart(doc, `${germanWeekdayDate(day.date)} – ${t('reports.pdf.arrivalsTotal', { count: total })}`,
      day.slots.map((s) => ({ label: s.time, value: s.count })), { yLabel: t('reports.pdf.arrivalsAxis') });
  }
}

function programme(doc: Pdf, stats: StatsData, t: Translate): void {
  const items = stats.lists.filter((l) => l.kind !== 'entrance');
  if (items.length === 0) return;
  doc.moveDown(1);
  ensureSpace(doc, 200);
  heading(doc, t('reports.section.lists'));
  horizontalBars(doc, t('reports.pdf.listsChart'), items.map((l) => ({
    label: l.name, value: l.present, reference: l.capacity ?? l.registered,
    note: l.capacity ? `/ ${l.capacity}` : l.registered !== null ? `/ ${l.registered}` : undefined,
  })), { value: t('reports.pdf.legendPresent'), reference: t('reports.pdf.legendCapacity') });
  // The figures as narrow as their headers' words allow („Angemeldet“, „erschienen“), the rest for the names.
  table(doc, [
    { header: t('reports.column.item'), width: 40 },
    { header: t('reports.column.day'), width: 10 },
    { header: t('reports.column.capacity'), width: 6, align: 'right' },
    { header: t('reports.column.registered'), width: 11, align: 'right' },
    { header: t('reports.column.present'), width: 11, align: 'right' },
    { header: t('reports.column.noShows'), width: 11, align: 'right' },
    { header: t('reports.column.walkIns'), width: 11, align: 'right' },
  ], items.map((l) => [
    listLabel(l, t),
    l.day ? `${germanDate(l.day, 'UTC').slice(0, 6)}${l.startsAt ? ` ${l.startsAt}` : ''}` : '',
    l.capacity === null ? '–' : germanCount(l.capacity),
    l.registered === null ? '–' : germanCount(l.registered),
    germanCount(l.present),
    l.registered === null || l.presentRegistered === null ? '–' : germanCount(l.registered - l.presentRegistered),
    l.presentRegistered === null ? '–' : germanCount(l.present - l.presentRegistered),
  ]), { headerFontSize: 8.5 });
}

/** The summary report for funders: key figures, attendance by day, sector, organisation type, state; charts. */
export async function statsPdf(stats: StatsData, t: Translate, createdAt: Date): Promise<Buffer> {
  const doc = createPdf({ title: `${t('reports.pdf.statsTitle')} – ${stats.event.name}`, author: stats.event.organiser, createdAt });
  overview(doc, stats, t);
  arrivals(doc, stats, t);
  programme(doc, stats, t);
  const made = t('reports.pdf.generated', { date: germanDateTime(stats.generatedAt, stats.event.timezone) });
  footers(doc, `${stats.event.name} · ${made}`, (page, total) => t('reports.pdf.page', { page, total }));
  return pdfBytes(doc);
}
