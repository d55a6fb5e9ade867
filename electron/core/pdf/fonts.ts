import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { AppError } from '../errors';

/**
 * The fonts every PDF of the app embeds: DejaVu Sans, shipped as an npm package (dejavu-fonts-ttf), so a PDF
 * looks the same on every machine and never depends on fonts installed on the system. DejaVu covers Latin,
 * Greek and Cyrillic in full: umlauts, ß, Turkish ı and ş, Polish ł, accents, typographic quotes and dashes.
 * pdfkit embeds only the glyphs a document uses (a subset).
 */
export const FONT_REGULAR = 'Regular';
export const FONT_BOLD = 'Bold';

// Not named `require`: electron-vite's ESM shim declares a `require` at the top of the main bundle, and a second
// declaration of it there is a syntax error that stops the desktop app before it starts.
const nodeRequire = createRequire(import.meta.url);

function fontFile(name: string): string {
  let file: string;
  try {
    file = nodeRequire.resolve(`dejavu-fonts-ttf/ttf/${name}`);
  } catch {
    throw new AppError('internal', { reason: 'pdf_font_missing', font: name });
  }
  if (!existsSync(file)) throw new AppError('internal', { reason: 'pdf_font_missing', font: name });
  return file;
}

let cached: { regular: Font; bold: Font } | null = null;

function parse(name: string): Font {
  // fontkit (17 MB once loaded) only with the first PDF, as pdfkit itself (document.ts).
  const { create } = nodeRequire('fontkit') as typeof import('fontkit');
  const font = create(readFileSync(fontFile(name)));
  if (!('layout' in font)) throw new AppError('internal', { reason: 'pdf_font_missing', font: name });
  return font;
}

/**
 * The fonts, read and parsed once and shared by every document: parsing per document made a ZIP of 500
 * certificates take 25 ms per page instead of 3. Each document still embeds its own subset.
 */
export function fonts(): { regular: Font; bold: Font } {
  cached ??= { regular: parse('DejaVuSans.ttf'), bold: parse('DejaVuSans-Bold.ttf') };
  return cached;
}
