import { contentWidth, ensureSpace, type Pdf } from './document';
import { FONT_BOLD, FONT_REGULAR } from './fonts';

/** Colours of all documents: dark text, one accent, greys for rules and zebra rows. */
export const COLORS = {
  text: '#1f2430',
  muted: '#5c6370',
  accent: '#3b4cca',
  accentLight: '#c5cbf5',
  rule: '#c9ccd3',
  zebra: '#f2f3f6',
} as const;

export function heading(doc: Pdf, text: string, size = 18): void {
  ensureSpace(doc, size * 3);
  doc.font(FONT_BOLD).fontSize(size).fillColor(COLORS.text).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc.font(FONT_REGULAR);
}

export function paragraph(doc: Pdf, text: string, options: { size?: number; color?: string; bold?: boolean } = {}): void {
  doc
    .font(options.bold ? FONT_BOLD : FONT_REGULAR)
    .fontSize(options.size ?? 11)
    .fillColor(options.color ?? COLORS.text)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.font(FONT_REGULAR).fillColor(COLORS.text);
}

export interface TableColumn {
  header: string;
  /** Share of the content width (all shares are scaled to fill it). */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * A simple table that breaks across pages and repeats its header on each, with zebra rows; cells wrap. Also meant
 * for printable rosters (walks, sessions): pass a larger `fontSize` and `minRowHeight` for tick-boxes.
 */
export function table(
  doc: Pdf,
  columns: TableColumn[],
  rows: string[][],
  options: { fontSize?: number; minRowHeight?: number; padding?: number } = {},
): void {
  const size = options.fontSize ?? 9.5;
  const pad = options.padding ?? 4;
  const left = doc.page.margins.left;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * contentWidth(doc));
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    const h = Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * pad })));
    return Math.max(h + 2 * pad, options.minRowHeight ?? 0);
  };
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (fill) doc.rect(left, y, contentWidth(doc), h).fill(fill);
    doc.font(font).fontSize(size).fillColor(COLORS.text);
    cells.forEach((cell, i) => {
      doc.text(cell, xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
    });
    doc.moveTo(left, y + h).lineTo(left + contentWidth(doc), y + h).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.x = left;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  const drawHeader = () => drawRow(header, FONT_BOLD, COLORS.accentLight);

  ensureSpace(doc, rowHeight(header, FONT_BOLD) + rowHeight(rows[0] ?? header, FONT_REGULAR));
  drawHeader();
  rows.forEach((cells, i) => {
    const h = rowHeight(cells, FONT_REGULAR);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawHeader();
    }
    drawRow(cells, FONT_REGULAR, i % 2 === 1 ? COLORS.zebra : null);
  });
  doc.font(FONT_REGULAR).moveDown(0.5);
}

/**
 * Writes a footer on every buffered page: `left` text and "Seite n von m" on the right (from `pageLabel`).
 * Call once, after the last page is complete.
 */
export function footers(doc: Pdf, left: string, pageLabel: (page: number, total: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 14;
    const x = doc.page.margins.left;
    const width = contentWidth(doc);
    doc.font(FONT_REGULAR).fontSize(8).fillColor(COLORS.muted);
    doc.text(left, x, y, { width: width * 0.75, lineBreak: false, ellipsis: true });
    doc.text(pageLabel(i - range.start + 1, range.count), x, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor(COLORS.text);
}
