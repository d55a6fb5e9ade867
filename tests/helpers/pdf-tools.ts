import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/**
 * pdftotext and pdftoppm (Debian/Ubuntu: poppler-utils) read the PDFs we write, the way a person's viewer would.
 * Missing tools fail the test with the command to install them, never silently skip it.
 */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdftoppm', 'pdffonts', 'pdfinfo']) {
    if (spawnSync(tool, ['-v']).error) {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils) to run the PDF tests`);
    }
  }
}

function withTempPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'einlass-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order (pages separated by form feeds). */
export function pdfText(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

export function pdfFonts(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
}

/** Renders the pages as PNG (at `dpi`) and says, per page, how much of it is ink (not white): 0..1. */
export function renderedInk(pdf: Buffer, dpi = 40): number[] {
  return withTempPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => {
      const png = PNG.sync.read(readFileSync(join(dir, f)));
      let ink = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 200 || png.data[i + 1]! < 200 || png.data[i + 2]! < 200) ink++;
      return ink / (png.width * png.height);
    });
  });
}

export function pdfPageCount(pdf: Buffer): number {
  return withTempPdf(pdf, (file) => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  });
}
