// A list much larger than the pieces a CSV is decoded and parsed in (32 KB): quoted line breaks, CRLF and multi-byte
// characters that fall across the border of two pieces must come out exactly as in the file, in every encoding.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamTable, readTable, collectTable } from '../../electron/core/tabular/read-table';
import { HEADERS, registrationRow, writeRegistrationOds, writeRegistrationXlsx } from '../bench/import-data';
import { mulberry32 } from '../helpers/qr-image';

const WORDS = ['Weißenfels', 'Jürgen', 'Öztürk', 'Yılmaz', 'Straße 5', 'a;b', 'Zeile 1\r\nZeile 2', 'sagt "ja"', '', '   ', 'Ü\nÄ', 'x'.repeat(300)];

function sheet(rows: number, seed: number, wide: boolean): string[][] {
  const r = mulberry32(seed);
  const out: string[][] = [['ID', 'Name', 'Ort', 'Anmerkung']];
  for (let i = 1; i <= rows; i++) {
    out.push([String(i), WORDS[Math.floor(r() * WORDS.length)]!, WORDS[Math.floor(r() * WORDS.length)]!, wide && i % 97 === 0 ? 'ä€😀'.repeat(50) : WORDS[Math.floor(r() * WORDS.length)]!]);
  }
  return out;
}

const csvText = (cells: string[][]) => `${cells.map((row) => row.map((c) => (/[";\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')}\r\n`;

/** The line each row starts on, counting the line breaks inside quoted cells. */
function lines(cells: string[][]): number[] {
  const out: number[] = [];
  let line = 1;
  for (const row of cells) {
    out.push(line);
    line += 1 + row.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  }
  return out.slice(1);
}

function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252'): Uint8Array {
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'windows-1252') return Buffer.from(text, 'latin1');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

describe('a CSV read in pieces', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'] as const) {
    it(`gives every cell and line exactly (${encoding}, several pieces)`, async () => {
      const wide = encoding !== 'windows-1252';
      const cells = sheet(9000, 7, wide).map((row) => (wide ? row : row.map((c) => c.replace(/ı/g, 'i'))));
      const bytes = encode(csvText(cells), encoding);
      expect(bytes.length).toBeGreaterThan(20 * 32 * 1024); // many pieces
      const t = await readTable(bytes, 'liste.csv');
      expect(t.encoding).toBe(encoding);
      expect(t.headers).toEqual(cells[0]);
      expect(t.rows.map((row) => row.cells)).toEqual(cells.slice(1));
      expect(t.rows.map((row) => row.line)).toEqual(lines(cells));
      expect(t.problems).toEqual([]);
    });
  }

  it('row breaks of Windows, Unix and the Mac mixed row by row over many pieces: every cell and line exactly', async () => {
    const cells = sheet(9000, 13, true).map((row) => row.map((c) => c.replace(/\r\n/g, '\n')));
    const r = mulberry32(5);
    const breaks = ['\r\n', '\n', '\r'];
    const quote = (c: string) => (/[";\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const text = cells.map((row) => row.map(quote).join(';') + breaks[Math.floor(r() * 3)]).join('');
    const t = await readTable(Buffer.from(text), 'liste.csv');
    expect(t.rows.map((row) => row.cells)).toEqual(cells.slice(1));
    expect(t.rows.map((row) => row.line)).toEqual(lines(cells));
    expect(t.problems).toEqual([]);
  });

  it('hands the rows out in slices, reports progress up to 1, and stops when cancelled', async () => {
    const bytes = encode(csvText(sheet(6000, 11, true)), 'utf-8');
    const shares: number[] = [];
    const stream = await streamTable(bytes, 'liste.csv', {}, { onProgress: (s) => shares.push(s) });
    let slices = 0;
    for await (const slice of stream.slices) if (slice.length > 0) slices++;
    expect(slices).toBeGreaterThan(2);
    expect(shares.at(-1)).toBe(1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));

    const controller = new AbortController();
    const cancelled = await streamTable(bytes, 'liste.csv', {}, { signal: controller.signal });
    controller.abort();
    await expect(collectTable(cancelled)).rejects.toMatchObject({ code: 'aborted' });
  });

  it('an unclosed quote near the end is reported on the row it starts', async () => {
    const cells = sheet(3000, 5, false);
    const text = `${csvText(cells)}3001;"Offen;Ort;x\r\n`;
    const t = await readTable(encode(text, 'utf-8'), 'liste.csv');
    expect(t.problems).toEqual([expect.objectContaining({ code: 'unclosedQuote', line: lines([...cells, ['3001']]).at(-1) })]);
  });
});

describe('a workbook read as a stream', () => {
  it.each([['xlsx', writeRegistrationXlsx], ['ods', writeRegistrationOds]] as const)('hands out every row of a sheet larger than one slice, in order, with its sheet row number (%s)', async (format, write) => {
    const dir = mkdtempSync(join(tmpdir(), 'einlass-xlsx-stream-'));
    try {
      const file = join(dir, `liste.${format}`);
      await write(file, 4500);
      const stream = await streamTable(readFileSync(file), `liste.${format}`);
      expect(stream.table).toMatchObject({ format, sheet: 'Anmeldungen', headers: HEADERS, rows: [] });
      const sizes: number[] = [];
      const rows: { line: number; cells: string[] }[] = [];
      for await (const slice of stream.slices) {
        sizes.push(slice.length);
        rows.push(...slice);
      }
      expect(sizes.length).toBeGreaterThan(1);
      expect(rows).toHaveLength(4500);
      for (const i of [1, 2, 1999, 2000, 2001, 4500]) {
        expect(rows[i - 1]).toEqual({ line: i + 1, cells: registrationRow(i) });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a CSV with a quote that never closes', () => {
  it('in a large file: the rows before it are read, the quote and the overlong cell are reported where it opens', async () => {
    // 3 MB after the open quote, across about a hundred pieces.
    const head = 'ID;Name;Ort\r\n1;Anna;Zeitz\r\n2;"Bernd;Halle\r\n';
    const rest = Array.from({ length: 100_000 }, (_, i) => `${i + 3};Person ${i};Weißenfels`).join('\r\n');
    const t = await readTable(Buffer.from(head + rest, 'utf8'), 'liste.csv');
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1]!.line).toBe(3);
    expect(t.problems).toEqual([
      expect.objectContaining({ code: 'unclosedQuote', line: 3 }),
      expect.objectContaining({ code: 'cellTooLong', line: 3, column: 'Name' }),
    ]);
  });
});
