import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR, fonts as sharedFonts } from './fonts';

// Not named `require`: see fonts.ts.
const nodeRequire = createRequire(import.meta.url);
/** pdfkit takes 25 MB once loaded: loaded with the first PDF, not whenever the station starts. */
let pdfkit: typeof PDFKitDocument | null = null;

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  title: string;
  author?: string | null;
  subject?: string;
  /** Page margins in points (1 cm ≈ 28.35 pt); A4 portrait unless `landscape`. */
  margins?: { top: number; bottom: number; left: number; right: number };
  landscape?: boolean;
  /** Fixed creation date, so the same input yields the same file (tests, reproducible exports). */
  createdAt?: Date;
}

export const CM = 28.3465;

/**
 * A4 document in German with the embedded Unicode fonts registered as "Regular" and "Bold". Pages are buffered so
 * that page numbers ("Seite 1 von 3") can be written once the page count is known.
 */
export function createPdf(options: PdfOptions): Pdf {
  const fonts = sharedFonts();
  const PDFDocument = (pdfkit ??= nodeRequire('pdfkit') as typeof PDFKitDocument);
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margins: options.margins ?? { top: 2 * CM, bottom: 2 * CM, left: 2.2 * CM, right: 2.2 * CM },
    // Without this pdfkit would start with Helvetica, a font without ı and not embedded.
    // pdfkit takes a parsed font as well as a path; its type definitions only name the path.
    font: fonts.regular as unknown as string,
    bufferPages: true,
    lang: 'de-DE',
    displayTitle: true,
    // pdfkit writes every key it is given; an undefined one breaks it.
    info: Object.fromEntries(
      Object.entries({
        Title: options.title, Author: options.author ?? undefined, Subject: options.subject, Creator: 'Einlass', Producer: 'Einlass',
        CreationDate: options.createdAt,
      }).filter(([, v]) => v !== undefined),
    ),
  });
  doc.registerFont(FONT_REGULAR, fonts.regular as unknown as string);
  doc.registerFont(FONT_BOLD, fonts.bold as unknown as string);
  doc.font(FONT_REGULAR);
  return doc;
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Room left on the current page below the cursor, in points. */
export function spaceLeft(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (spaceLeft(doc) < height) doc.addPage();
}

export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}
