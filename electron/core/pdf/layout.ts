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

/** Words of a text as pdfkit may break its lines: at spaces and after hyphens („Neu-Augustusburg“). */
const words = (text: string) => text.split(/\s+|(?<=-)/).filter(Boolean);

/**
 * The widest word of each text, padded: in a column narrower than that, pdfkit breaks the word inside („Angemeld|et“).
 * A word that the line could go on after is measured with its space, as pdfkit measures it.
 */
function widestWords(doc: Pdf, texts: string[], font: string, size: number, pad: number): number[] {
  doc.font(font).fontSize(size);
  return texts.map((text) => {
    const all = words(text);
    return Math.max(0, ...all.map((w, i) => doc.widthOfString(i < all.length - 1 && !w.endsWith('-') ? `${w} ` : w))) + 2 * pad;
  });
}

/**
 * Column widths from their shares of `width`, each at least `minimums`: what a too narrow column needs is taken from
 * the others in proportion to the room they have beyond their own minimum. Undefined when the minimums do not fit.
 */
export function fittedWidths(shares: number[], minimums: number[], width: number): number[] | undefined {
  if (minimums.reduce((s, m) => s + m, 0) > width) return undefined;
  const total = shares.reduce((s, w) => s + w, 0);
  const wanted = shares.map((w) => (w / total) * width);
  const deficit = wanted.reduce((s, w, i) => s + Math.max(0, minimums[i]! - w), 0);
  const room = wanted.map((w, i) => Math.max(0, w - minimums[i]!));
  const totalRoom = room.reduce((s, r) => s + r, 0);
  return wanted.map((w, i) => (w < minimums[i]! ? minimums[i]! : w - (totalRoom > 0 ? (deficit * room[i]!) / totalRoom : 0)));
}

/**
 * A simple table that breaks across pages and repeats its header on each, with zebra rows; cells wrap. Also meant
 * for printable rosters (walks, sessions): pass a larger `fontSize` and `minRowHeight` for tick-boxes.
 *
 * Headers break only between words: a column is widened to its header's longest word („Angemeldet“, „erschienen“),
 * and when the page is too narrow for all of them, the headers are set smaller.
 */
export function table(
  doc: Pdf,
  columns: TableColumn[],
  rows: string[][],
  options: { fontSize?: number; headerFontSize?: number; minRowHeight?: number; padding?: number } = {},
): void {
  const size = options.fontSize ?? 9.5;
  const headerFont = options.headerFontSize ?? size;
  const pad = options.padding ?? 4;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const shares = columns.map((c) => c.width);
  const total = shares.reduce((sum, w) => sum + w, 0);
  // What a column's cells need is kept up to its share: no cell breaks inside a word that did not before.
  const cellNeeds = columns.map((_, i) => Math.min(
    Math.max(0, ...widestWords(doc, rows.map((r) => r[i] ?? ''), FONT_REGULAR, size, pad)),
    (shares[i]! / total) * width,
  ));
  const fitted = (headerSize: number, keepCells: boolean) => {
    const headers = widestWords(doc, columns.map((c) => c.header), FONT_BOLD, headerSize, pad);
    return fittedWidths(shares, headers.map((h, i) => (keepCells ? Math.max(h, cellNeeds[i]!) : h)), width);
  };
  // Rather smaller headers than a cell broken inside a word; rather that than a header broken inside a word.
  const sizes = [headerFont, headerFont - 0.5, headerFont - 1, headerFont - 1.5, headerFont - 2].filter((s) => s >= 7);
  const tries = [true, false].flatMap((keepCells) => sizes.map((s) => ({ headerSize: s, widths: () => fitted(s, keepCells) })));
  let headerSize = headerFont;
  let widths: number[] | undefined;
  for (const attempt of tries) {
    widths = attempt.widths();
    if (widths) {
      headerSize = attempt.headerSize;
      break;
    }
  }
  // Still too narrow at the smallest headers: the shares as given, and pdfkit breaks what does not fit.
  widths ??= shares.map((w) => (w / total) * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));

  const rowHeight = (cells: string[], font: string, fontSize = size) => {
    doc.font(font).fontSize(fontSize);
    const h = Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * pad })));
    return Math.max(h + 2 * pad, options.minRowHeight ?? 0);
  };
  const drawRow = (cells: string[], font: string, fill: string | null, fontSize = size) => {
    const h = rowHeight(cells, font, fontSize);
    const y = doc.y;
    if (fill) doc.rect(left, y, contentWidth(doc), h).fill(fill);
    doc.font(font).fontSize(fontSize).fillColor(COLORS.text);
    cells.forEach((cell, i) => {
      doc.text(cell, xs[i]! + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
    });
    doc.moveTo(left, y + h).lineTo(left + contentWidth(doc), y + h).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.x = left;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  const drawHeader = () => drawRow(header, FONT_BOLD, COLORS.accentLight, headerSize);

  ensureSpace(doc, rowHeight(header, FONT_BOLD, headerSize) + rowHeight(rows[0] ?? header, FONT_REGULAR));
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
