import { contentWidth, ensureSpace, type Pdf } from './document';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { COLORS } from './layout';

/**
 * Charts drawn with plain PDF primitives: bars, axes, labels. Meant to be read at a glance on paper: few colours,
 * values written at the bars, labels never rotated.
 */
export interface Bar {
  label: string;
  value: number;
  /** Drawn as a light bar behind the value (e.g. registered or capacity). */
  reference?: number | null;
  /** Written after the value, e.g. "(45 %)". */
  note?: string;
}

const ROW = 17;

function chartTitle(doc: Pdf, title: string): void {
  doc.font(FONT_BOLD).fontSize(11).fillColor(COLORS.text).text(title, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** Horizontal bars, one per row, label on the left; with a legend when bars have references. */
export function horizontalBars(doc: Pdf, title: string, bars: Bar[], legend?: { value: string; reference: string }): void {
  ensureSpace(doc, 40 + Math.min(bars.length, 6) * ROW);
  chartTitle(doc, title);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const labelWidth = width * 0.36;
  const valueWidth = 78;
  const barX = left + labelWidth + 6;
  const barMax = width - labelWidth - 6 - valueWidth;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.reference ?? 0)));
  for (const bar of bars) {
    if (doc.y + ROW > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.font(FONT_REGULAR).fontSize(9).fillColor(COLORS.text);
    doc.text(bar.label, left, y + 3, { width: labelWidth, height: ROW, ellipsis: true, lineBreak: false });
    if (bar.reference) doc.rect(barX, y + 3, (bar.reference / max) * barMax, ROW - 6).fill(COLORS.accentLight);
    const w = (bar.value / max) * barMax;
    if (w > 0) doc.rect(barX, y + 3, Math.max(w, 1.5), ROW - 6).fill(COLORS.accent);
    const end = barX + Math.max(w, (bar.reference ?? 0) / max * barMax);
    doc.font(FONT_BOLD).fontSize(9).fillColor(COLORS.text);
    doc.text(`${bar.value}${bar.note ? ` ${bar.note}` : ''}`, end + 4, y + 3, { width: valueWidth + barMax - (end - barX), lineBreak: false });
    doc.x = left;
    doc.y = y + ROW;
  }
  if (legend) drawLegend(doc, legend);
  doc.font(FONT_REGULAR).moveDown(0.8);
}

function drawLegend(doc: Pdf, legend: { value: string; reference: string }): void {
  const left = doc.page.margins.left;
  const y = doc.y + 4;
  doc.rect(left, y + 1, 10, 8).fill(COLORS.accent);
  doc.font(FONT_REGULAR).fontSize(8.5).fillColor(COLORS.muted).text(legend.value, left + 14, y, { lineBreak: false });
  const x2 = left + 24 + doc.widthOfString(legend.value);
  doc.rect(x2, y + 1, 10, 8).fill(COLORS.accentLight);
  doc.fillColor(COLORS.muted).text(legend.reference, x2 + 14, y, { lineBreak: false });
  doc.x = left;
  doc.y = y + 14;
}

/** A "nice" axis maximum and step: 1, 2 or 5 times a power of ten, about five ticks. */
export function niceAxis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const roundStep = Math.max(1, step);
  return { top: Math.ceil(max / roundStep) * roundStep, step: roundStep };
}

/** Vertical columns over a time axis (e.g. arrivals per quarter hour), with a y axis and every n-th x label. */
export function columnChart(doc: Pdf, title: string, columns: { label: string; value: number }[], options: { height?: number; yLabel?: string } = {}): void {
  const height = options.height ?? 150;
  ensureSpace(doc, height + 60);
  chartTitle(doc, title);
  const left = doc.page.margins.left + 30;
  const width = contentWidth(doc) - 30;
  const top = doc.y + 6;
  const bottom = top + height;
  const { top: axisMax, step } = niceAxis(Math.max(0, ...columns.map((c) => c.value)));
  doc.font(FONT_REGULAR).fontSize(8).fillColor(COLORS.muted);
  for (let v = 0; v <= axisMax; v += step) {
    const y = bottom - (v / axisMax) * height;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    doc.text(String(v), left - 30, y - 4, { width: 26, align: 'right', lineBreak: false });
  }
  const slot = width / Math.max(1, columns.length);
  const barWidth = Math.max(1, slot * 0.72);
  const labelEvery = Math.max(1, Math.ceil(34 / slot));
  columns.forEach((c, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    const h = (c.value / axisMax) * height;
    if (h > 0) doc.rect(x, bottom - h, barWidth, h).fill(COLORS.accent);
    if (i % labelEvery === 0) {
      doc.font(FONT_REGULAR).fontSize(7.5).fillColor(COLORS.muted);
      doc.text(c.label, left + i * slot - 12 + slot / 2, bottom + 4, { width: 24 + slot, align: 'left', lineBreak: false });
    }
  });
  doc.moveTo(left, bottom).lineTo(left + width, bottom).lineWidth(0.8).strokeColor(COLORS.text).stroke();
  doc.x = doc.page.margins.left;
  doc.y = bottom + 18;
  if (options.yLabel) {
    doc.font(FONT_REGULAR).fontSize(8).fillColor(COLORS.muted).text(options.yLabel, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  }
  doc.fillColor(COLORS.text).moveDown(0.8);
}
