import { beforeAll, describe, expect, it } from 'vitest';
import { createPdf, pdfBytes } from '../../electron/core/pdf/document';
import { fittedWidths, table, type TableColumn } from '../../electron/core/pdf/layout';
import { pdfText, requirePoppler } from '../helpers/pdf-tools';

beforeAll(() => requirePoppler());

/** The table drawn alone on a page, and its text as a viewer reads it: the words of each line. */
async function tableWords(columns: TableColumn[], rows: string[][], options: Parameters<typeof table>[3] = {}): Promise<string[]> {
  const doc = createPdf({ title: 'Tabelle', createdAt: new Date('2023-10-20T08:00:00Z') });
  table(doc, columns, rows, options);
  return pdfText(await pdfBytes(doc)).split(/\s+/).filter(Boolean);
}

/** The statistics PDF's programme table with the shares it had when „Angemeld|et“ broke (QA14 C3). */
const PROGRAMME: TableColumn[] = [
  { header: 'Programmpunkt', width: 31 },
  { header: 'Tag', width: 9 },
  { header: 'Plätze', width: 9, align: 'right' },
  { header: 'Angemeldet', width: 14, align: 'right' },
  { header: 'Anwesend', width: 13, align: 'right' },
  { header: 'Nicht erschienen', width: 12, align: 'right' },
  { header: 'Ohne Anmeldung dabei', width: 12, align: 'right' },
];
const ROWS = [
  ['Stadtrundgang: Altstadt und Schloss Neu-Augustusburg', '18.10. 16:00', '25', '35', '1', '34', '0'],
  ['Fachforum 2: Strukturwandel und Energiewende – Konflikte um Fläche, Arbeit und Zukunft', '18.10. 13:30', '45', '41', '0', '41', '0'],
];
const headerWords = (columns: TableColumn[]) => columns.flatMap((c) => c.header.split(' '));

describe('PDF tables', () => {
  it('break headers only between words: each column is at least as wide as its header\'s longest word', async () => {
    const words = await tableWords(PROGRAMME, ROWS);
    for (const w of headerWords(PROGRAMME)) expect(words).toContain(w);
    // The cells too: the day and time are not split inside („18.1|0.“).
    expect(words).toEqual(expect.arrayContaining(['18.10.', '16:00', 'Strukturwandel', 'Energiewende']));
    expect(words).not.toContain('Angemeld');
  });

  it('sets the headers smaller when the page is too narrow for their words at the body\'s size, and still whole', async () => {
    const many: TableColumn[] = ['Anwesenheitsquote', 'Organisationsart', 'Vorortanmeldung', 'Nichterschienene', 'Kapazitätsauslastung']
      .map((header) => ({ header, width: 1 }));
    const words = await tableWords(many, [many.map(() => '1')]);
    for (const w of headerWords(many)) expect(words).toContain(w);
  });

  it('widens a column to its minimum with the room the others have beyond theirs', () => {
    // 15 points more for the second, taken 40 : 15 from the first and the third.
    const widths = fittedWidths([50, 25, 25], [10, 40, 10], 100)!;
    [50 - 15 * (40 / 55), 40, 25 - 15 * (15 / 55)].forEach((w, i) => expect(widths[i]).toBeCloseTo(w));
    expect(fittedWidths([1, 1], [30, 30], 100)).toEqual([50, 50]);
    expect(fittedWidths([1, 1], [60, 50], 100)).toBeUndefined();
  });
});
