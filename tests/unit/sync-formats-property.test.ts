import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../electron/core/tabular/read-table';

// Cells as registration systems export them: umlauts, spaces at either end, line breaks, quotes, XML's special
// characters, digits with leading zeros, emoji.
const unit = fc.constantFrom('a', 'ä', 'ß', ' ', '"', '\n', 'x', '€', '&', '<', '>', "'", '0', '1', '.', '-', '😀');
const cell = fc.string({ unit, maxLength: 10 });
const table = fc.integer({ min: 1, max: 4 }).chain((width) => fc.tuple(
  fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'B', 'ö', '_', '1', '-'), minLength: 1, maxLength: 6 }).map((h) => `H${h}`), { minLength: width, maxLength: width }),
  // A row of empty cells is skipped by design: each row starts with a letter.
  fc.array(fc.array(cell, { minLength: width, maxLength: width }).map((r) => [`p${r[0]}`, ...r.slice(1)]), { minLength: 1, maxLength: 6 }),
));

async function xlsx(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Anmeldungen');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const json = (headers: string[], rows: string[][]) =>
  Buffer.from(JSON.stringify(rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])))));

/** Cells as read, padded to the header's width (a format may leave out empty cells at the end of a row). */
const cellsOf = (t: Awaited<ReturnType<typeof readTable>>) => t.rows.map((r) => t.headers.map((_, i) => r.cells[i] ?? ''));

/** Numbers as a registration system writes them into a workbook or a JSON answer: ids, postcodes, fees. */
const number = fc.oneof(fc.integer({ min: 0, max: 999_999_999_999 }), fc.integer({ min: -99_999, max: 99_999 }).map((n) => n / 100));

describe('the same list as CSV, as an Excel workbook and as JSON reads the same', () => {
  it('numbers in a workbook or a JSON answer read as the digits a person sees there', async () => {
    await fc.assert(fc.asyncProperty(fc.array(number, { minLength: 1, maxLength: 8 }), async (values) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Anmeldungen');
      ws.addRow(['Name', 'Wert']);
      for (const v of values) ws.addRow(['p', v]);
      const asXlsx = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'liste.xlsx');
      const asJson = await readTable(Buffer.from(JSON.stringify(values.map((v) => ({ Name: 'p', Wert: v })))), 'liste.json');
      // German Excel shows a fraction with a decimal comma (and writes it so into a CSV); JSON writes a point.
      expect(asXlsx.rows.map((r) => r.cells[1])).toEqual(values.map((v) => String(v).replace('.', ',')));
      expect(asJson.rows.map((r) => r.cells[1])).toEqual(values.map((v) => String(v)));
    }), { numRuns: Number(process.env.RUNS ?? 100) });
  }, 600_000);

  it('headers and every cell, whatever they hold', async () => {
    await fc.assert(fc.asyncProperty(table, async ([headers, rows]) => {
      const asXlsx = await readTable(await xlsx(headers, rows), 'liste.xlsx');
      expect(asXlsx.headers).toEqual(headers);
      // A cell of a workbook is read as Excel shows it, without spaces and line breaks at its ends.
      expect(cellsOf(asXlsx)).toEqual(rows.map((r) => r.map((c) => c.trim())));
      const asJson = await readTable(json(headers, rows), 'liste.json');
      expect(asJson.headers).toEqual(headers);
      expect(cellsOf(asJson)).toEqual(rows);
    }), { numRuns: Number(process.env.RUNS ?? 100) });
  }, 600_000);
});
