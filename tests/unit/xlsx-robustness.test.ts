import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTable, type Table } from '../../electron/core/tabular/read-table';
import { tableError } from '../helpers/table-error';

/**
 * Workbooks as Excel and Python's writers save them, cut down to the parts the reader uses, each with what an
 * adversarial tester found: numbers in date columns, escaped characters, rows of spaces, damaged shared strings.
 */

interface Parts {
  rows: string;
  strings?: string[] | string;
  /** Custom number formats, by cell style from 1 on (style 0 is General). */
  formats?: string[];
  date1904?: boolean;
}

function workbook({ rows, strings, formats = [], date1904 = false }: Parts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(`<workbook xmlns:r="r">${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
  };
  if (strings !== undefined) {
    const items = typeof strings === 'string' ? strings : strings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('');
    files['xl/sharedStrings.xml'] = strToU8(`<sst>${items}</sst>`);
  }
  if (formats.length > 0) {
    files['xl/styles.xml'] = strToU8(`<styleSheet><numFmts>${formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${f}"/>`).join('')}</numFmts>`
      + `<cellXfs><xf numFmtId="0"/>${formats.map((_, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`);
  }
  return zipSync(files);
}

/** A row of cells: text (inline), a number (`n:` with an optional style, `n1:` for style 1) or a shared string (`s:`). */
function row(r: number, ...cells: string[]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  return `<row r="${r}">${cells.map((c, i) => {
    const ref = `${col(i)}${r}`;
    const number = /^n(\d*):(.*)$/.exec(c);
    if (number) return `<c r="${ref}"${number[1] ? ` s="${number[1]}"` : ''}><v>${number[2]}</v></c>`;
    if (c.startsWith('s:')) return `<c r="${ref}" t="s"><v>${c.slice(2)}</v></c>`;
    return c === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${c}</t></is></c>`;
  }).join('')}</row>`;
}

/** `count` people from row `from` on: id, first and last name. */
const people = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i, `n:${i + 1}`, `Vorname${i + 1}`, `Nachname${i + 1}`)).join('');

const read = (parts: Parts) => readTable(workbook(parts), 'liste.xlsx');
const column = (t: Table, header: string) => t.rows.map((r) => r.cells[t.headers.indexOf(header)]);

describe('XLSX: a number in a date-formatted cell that no date can be', () => {
  it('a phone number typed into a dd.mm.yyyy column is read as the number, in the first rows, far below and in the header', async () => {
    const rows = row(1, 'ID', 'Vorname', 'Nachname', 'Telefon', 'n1:1711234567')
      + row(2, 'n:1', 'Anna', 'Schmidt', 'n1:1711234567')
      // A real date beside it stays a date; day 2958465 is 31.12.9999, Excel's last.
      + row(3, 'n:2', 'Bernd', 'Müller', 'n1:45366')
      + row(4, 'n:3', 'Clara', 'Wolf', 'n1:2958465')
      + row(5, 'n:4', 'Dieter', 'Kern', 'n1:2958466')
      + row(6, 'n:5', 'Emil', 'Sauer', 'n1:-1')
      + people(7, 44).replace(/<row r="50">.*?<\/row>/, row(50, 'n:50', 'Frida', 'Lang', 'n1:1711234567'));
    const t = await read({ rows, formats: ['dd.mm.yyyy'] });
    expect(t.headers).toEqual(['ID', 'Vorname', 'Nachname', 'Telefon', '1711234567']);
    expect(column(t, 'Telefon').slice(0, 5)).toEqual(['1711234567', '2024-03-15', '9999-12-31', '2958466', '-1']);
    expect(t.rows.find((r) => r.line === 50)!.cells).toEqual(['50', 'Frida', 'Lang', '1711234567', '']);
    expect(t.problems).toEqual([]);
  });

  it('in the 1904 date system the last date is 31.12.9999 too', async () => {
    const rows = row(1, 'ID', 'Datum') + row(2, 'n:1', 'n1:2957003') + row(3, 'n:2', 'n1:2957004');
    expect(column(await read({ rows, formats: ['dd.mm.yyyy'], date1904: true }), 'Datum')).toEqual(['9999-12-31', '2957004']);
  });
});

describe('XLSX: Excel\'s _xHHHH_ escapes', () => {
  it('are decoded in shared strings, rich-text runs, inline strings and saved formula text; _x005F_ keeps a literal "_x"', async () => {
    const strings = ['Vorname', 'Nachname', 'Hinweis', 'Anna', 'Groß_x000D_', 'Rollstuhl_x000D_ bitte Reihe 1', 'Text _x005F_x000D_ wörtlich', 'M_x00e4_rz _x00C4_', 'a_x12_b _xZZZZ_ x_y'];
    const items = `${strings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}`
      // Rich text: each run is decoded; the phonetic guide is left out.
      + '<si><r><t xml:space="preserve">Zeile 1_x000D_</t></r><r><rPr><b/></rPr><t>\nZeile 2</t></r><rPh><t>_x0041_</t></rPh></si>';
    const rows = row(1, 's:0', 's:1', 's:2')
      + row(2, 's:3', 's:4', 's:5')
      + row(3, 's:3', 's:6', 's:7')
      + row(4, 's:3', 's:8', 's:9')
      + row(5, 'Bernd', 'Tab_x0009_Text', '_x005f_x0041_')
      + '<row r="6"><c r="A6" t="inlineStr"><is><t>Clara</t></is></c><c r="B6" t="str"><f>B5</f><v>Wolf_x000D_</v></c></row>';
    const t = await read({ rows, strings: items });
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Anna', 'Groß', 'Rollstuhl\r bitte Reihe 1'],
      ['Anna', 'Text _x000D_ wörtlich', 'März Ä'],
      ['Anna', 'a_x12_b _xZZZZ_ x_y', 'Zeile 1\r\nZeile 2'],
      ['Bernd', 'Tab\tText', '_x0041_'],
      ['Clara', 'Wolf', ''],
    ]);
    expect(t.problems).toEqual([]);
  });
});

describe('XLSX: rows of only spaces', () => {
  it('are empty rows, as in a CSV: 25 rows with a space under 30 people are skipped without a word', async () => {
    const spaces = Array.from({ length: 25 }, (_, i) => row(32 + i, '', '', i % 2 === 0 ? 's:3' : ' \t')).join('');
    const t = await read({ rows: row(1, 's:0', 's:1', 's:2') + people(2, 30) + spaces, strings: ['ID', 'Vorname', 'Nachname', ' '] });
    expect(t.rows).toHaveLength(30);
    expect(t.rows.at(-1)).toEqual({ line: 31, cells: ['30', 'Vorname30', 'Nachname30'] });
    expect(t.problems).toEqual([]);
  });

  it('a row with a space beside a value is still read', async () => {
    const t = await read({ rows: row(1, 'ID', 'Name') + row(2, 'n:1', 'Anna') + row(3, ' ', 'Bernd') });
    expect(t.rows.map((r) => r.cells)).toEqual([['1', 'Anna'], ['', 'Bernd']]);
  });
});

describe('XLSX: damaged shared strings', () => {
  it('a shared-string index beyond the list refuses the file, naming the cell, in the first rows and far below', async () => {
    const strings = ['ID', 'Vorname', 'Nachname', 'Anna'];
    const early = await tableError(read({ rows: row(1, 's:0', 's:1', 's:2') + row(2, 'n:1', 's:3', 'Schmidt') + row(3, 'n:2', 's:999', 'Müller'), strings }));
    expect(early).toMatchObject({ code: 'xlsxCorrupt', params: { detail: 'Zelle B3: gemeinsamer Text 999 fehlt' } });
    const late = await tableError(read({ rows: row(1, 's:0', 's:1', 's:2') + people(2, 3000) + row(3002, 'n:3001', 'Clara', 's:4'), strings }));
    expect(late).toMatchObject({ code: 'xlsxCorrupt', params: { detail: 'Zelle C3002: gemeinsamer Text 4 fehlt' } });
    // A cell without its reference is named by its place.
    const unnamed = await tableError(read({ rows: row(1, 's:0', 's:1') + '<row><c><v>1</v></c><c t="s"><v>-1</v></c></row>', strings }));
    expect(unnamed.params.detail).toBe('Zelle B2: gemeinsamer Text -1 fehlt');
  });

  it('cells that refer to shared strings in a workbook without them refuse it as damaged, not as empty', async () => {
    const err = await tableError(read({ rows: row(1, 's:0', 's:1') + row(2, 's:2', 's:3') }));
    expect(err).toMatchObject({ code: 'xlsxCorrupt', params: { detail: 'Zelle A1: gemeinsamer Text 0 fehlt' } });
  });
});
