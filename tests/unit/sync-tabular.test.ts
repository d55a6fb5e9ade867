import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { decodeText } from '../../electron/core/tabular/decode-text';
import { readTable, streamTable, type Table } from '../../electron/core/tabular/read-table';
import { HEADER_SEARCH_ROWS, headerIndex } from '../../electron/core/tabular/headers';
import { generalNumber } from '../../electron/core/tabular/spreadsheet';
import { isDateFormat } from '../../electron/core/tabular/xlsx-parts';
import { ZipEntries } from '../../electron/core/tabular/zip-entries';
import { tableError } from '../helpers/table-error';

/** Signature of a file's header in a zip's central directory. */
const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/registrations/${name}`, import.meta.url));
const read = (name: string, options = {}) => readTable(fixture(name), name, options);
const column = (t: Table, header: string) => t.rows.map((r) => r.cells[t.headers.indexOf(header)]);

describe('readTable on real export layouts and encodings', () => {
  it('pretix order data: UTF-8 with BOM, comma, quoted quotes', async () => {
    const t = await read('pretix-orders-de.csv');
    expect(t).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', delimiter: ',', lineKind: 'line' });
    expect(t.headers[0]).toBe('Bestellnummer');
    expect(column(t, 'Firma')).toEqual(['Stadt Weißenfels', 'Landkreis Burgenlandkreis', 'Verein "Miteinander" e. V.']);
    expect(t.rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('pretix check-in list: a cell with a line break keeps the next row on its true line', async () => {
    const t = await read('pretix-checkin-en.csv');
    expect(t.encoding).toBe('utf-8');
    expect(column(t, 'Comment')[1]).toBe('Needs step-free access,\nplease reserve seat');
    expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('a form tool export in Windows-1252 with semicolons', async () => {
    const t = await read('formular-windows-1252.csv');
    expect(t).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(column(t, 'Vorname')).toEqual(['Jörg', 'Marie']);
    expect(column(t, 'Anmerkungen')[0]).toBe('vegetarisch – bitte „ohne Zwiebeln“');
  });

  it('Excel for Mac\'s "CSV": Mac OS Roman with the Mac\'s line breaks (CR), detected by its umlauts', async () => {
    const t = await read('excel-mac.csv');
    expect(t).toMatchObject({ encoding: 'macintosh', delimiter: ';' });
    expect(t.rows.map((r) => [r.line, r.cells[1], r.cells[2], r.cells[4]])).toEqual([
      [2, 'Jürgen', 'Müller', 'Straßenbauamt Weißenfels'], [3, 'Käthe', 'Groß', 'Ärztekammer'], [4, 'Renée', 'Öztürk', 'Büro für Übersetzung'],
    ]);
    expect(column(t, 'Anmerkungen')).toEqual(['Rollstuhl – bitte „Reihe 1“', '', '€ 20 bezahlt']);
    // Chosen by hand, the other way round.
    expect(column(await readTable(fixture('excel-mac.csv'), 'x.csv', { encoding: 'windows-1252' }), 'Vorname')[0]).toBe('JŸrgen');
    expect(column(await readTable(fixture('formular-windows-1252.csv'), 'x.csv', { encoding: 'macintosh' }), 'Vorname')[0]).toBe('Jˆrg');
  });

  it('Excel\'s "CSV (MS-DOS)": code page 850, detected by its umlauts, and chosen by hand', async () => {
    const t = await read('excel-dos.csv');
    expect(t).toMatchObject({ encoding: 'cp850', delimiter: ';' });
    expect(t.rows.map((r) => [r.line, r.cells[1], r.cells[2], r.cells[4], r.cells[6]])).toEqual([
      [2, 'Jürgen', 'Müller', 'Straßenbauamt Weißenfels', 'Rollstuhl, ½ Tag'], [3, 'Käthe', 'Groß', 'Ärztekammer', ''],
      [4, 'Renée', 'Öztürk', 'Büro für Übersetzung', 'nach § 3 befreit'],
    ]);
    expect(column(await readTable(fixture('excel-dos.csv'), 'x.csv', { encoding: 'windows-1252' }), 'Vorname')[0]).toBe('J\u0081rgen');
    expect(column(await readTable(fixture('formular-windows-1252.csv'), 'x.csv', { encoding: 'cp850' }), 'Vorname')[0]).toBe('J÷rg');
  });

  it('Windows-1252 quotation marks next to words („Gast“, ”) do not make a list DOS, nor do DOS letters make a Mac list DOS', async () => {
    const win = 'Nr;Name;Notiz\r\n1;Anna Schmidt;„Gast“ bitte\r\n2;Bernd Krause;„Rollstuhl” und „Begleitung”\r\n3;Jörg Weiß;Preis™\r\n';
    const t = await readTable(Buffer.from([...win].map((ch) => ({ '„': 0x84, '“': 0x93, '”': 0x94, '™': 0x99, 'ö': 0xf6, 'ß': 0xdf }[ch] ?? ch.charCodeAt(0)))), 'x.csv');
    expect(t.encoding).toBe('windows-1252');
    expect(column(t, 'Notiz')).toEqual(['„Gast“ bitte', '„Rollstuhl” und „Begleitung”', 'Preis™']);
    expect((await read('excel-mac.csv')).encoding).toBe('macintosh');
  });

  it('Windows-1252 punctuation that reads as letters on a Mac (…, €, „“, §, †) does not make a list Mac OS Roman', async () => {
    const text = 'Nr;Name;Notiz\r\n1;Anna Schmidt;„Gast“ … † 12.03.\r\n2;Bernd Müller;20 € gemäß § 3 – Šimon\r\n';
    const t = await readTable(Buffer.from([...text].map((ch) => ({ '„': 0x84, '“': 0x93, '…': 0x85, '†': 0x86, '€': 0x80, '–': 0x96, 'Š': 0x8a }[ch] ?? ch.charCodeAt(0)))), 'x.csv');
    expect(t.encoding).toBe('windows-1252');
    expect(column(t, 'Notiz')).toEqual(['„Gast“ … † 12.03.', '20 € gemäß § 3 – Šimon']);
  });

  it('Excel "Unicode text": UTF-16LE with BOM and tabs', async () => {
    const t = await read('formular-utf16.txt');
    expect(t).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(column(t, 'Ort')).toEqual(['Dessau-Roßlau', 'Merseburg']);
  });

  it('UTF-16 without BOM and big-endian are detected too', () => {
    const text = 'ID;Name\r\n1;Müller\r\n';
    expect(decodeText(Buffer.from(text, 'utf16le'))).toMatchObject({ encoding: 'utf-16le', text });
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ encoding: 'utf-16be', text });
  });

  it('XLSX: the sheet is chosen, dates read as dates, formulas never evaluated', async () => {
    // Without a choice, the first sheet that holds rows below its header.
    const t = await read('anmeldungen.xlsx');
    expect(t.sheets).toEqual(['Hinweise', 'Anmeldungen']);
    await expect(read('anmeldungen.xlsx', { sheet: 'Hinweise' })).rejects.toMatchObject({ code: 'headerOnly' });
    expect((await read('anmeldungen.xlsx', { sheet: 'Anmeldungen' })).rows).toEqual(t.rows);
    expect(t).toMatchObject({ format: 'xlsx', lineKind: 'row', sheet: 'Anmeldungen' });
    expect(t.rows[0]!.cells).toEqual(['301', 'Nina', 'Zimmermann', 'Stadt Naumburg', '2023-10-18', '2', 'Altstadt']);
    // A formula without a saved value stays as typed and is reported where it is.
    expect(t.rows[1]!.cells[3]).toBe('=CONCAT("Land","kreis")');
    expect(t.problems).toContainEqual(expect.objectContaining({ code: 'formulaWithoutValue', line: 3, column: 'Organisation' }));
    await expect(read('anmeldungen.xlsx', { sheet: 'Gibt es nicht' })).rejects.toMatchObject({ code: 'xlsxSheetNotFound' });
  });

  it('XLSX as Excel saves it: shared strings after the sheets, rich text, date and time formats, cached formula values', async () => {
    const t = await read('excel-layout.xlsx');
    expect(t).toMatchObject({ sheets: ['Deckblatt', 'Teilnehmende'], sheet: 'Teilnehmende' });
    expect(t.headers).toEqual(['Anmelde-ID', 'Vorname', 'Nachname', 'Organisation', 'Teilnahmetag', 'Beginn', 'Plätze', 'Bemerkung', 'Bestätigt', 'Betrag']);
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      // Runs of rich text joined; "&amp;" read as "&"; a time of day as Excel shows it; the 17 digits Excel saves for 2.3;
      // a truth value as German Excel shows it and writes it into a CSV.
      [2, '401', 'Grete', 'Müller-Lüdenscheidt', 'Stadt Weißenfels & Umland', '2023-10-18', '09:00', '2', 'Rollstuhl', 'WAHR', '2,3'],
      // The phonetic guide is not part of the name; a formula's saved text; a custom date format with a time.
      [3, '403', 'Hans', 'Yamada', 'Landkreis', '2023-10-19 12:00', '', '3', '', 'FALSCH', ''],
      // The formatted empty row 4 is skipped; a shared formula without a saved value keeps its text.
      [5, '405', 'Ida', 'Groß', '', '', '', '=G2+1', '', '', ''],
    ]);
    expect(t.problems).toEqual([
      expect.objectContaining({ code: 'cellError', line: 3, column: 'Bemerkung', severity: 'warning', params: { value: '#DIV/0!' } }),
      expect.objectContaining({ code: 'formulaWithoutValue', line: 5, column: 'Plätze', severity: 'warning' }),
    ]);
  });

  it('XLSX from LibreOffice Calc and from generators: prefixed elements, no cell references, inline strings, 1904 dates', async () => {
    const calc = await read('libreoffice-calc.xlsx');
    expect(calc.rows.map((r) => r.cells)).toEqual([
      ['601', 'Jörg', 'Weiß & Söhne', 'Stadt Zeitz', '2023-10-18', '08:30', '3'],
      ['602', 'Käthe', 'Groß', '', '2023-10-19', '', '1'],
    ]);
    const generated = await read('generator-layout.xlsx');
    expect(generated).toMatchObject({ sheets: ['Export'], headers: ['ID', 'Vorname', 'Nachname', 'Anmeldedatum', 'Workshops'] });
    expect(generated.rows.map((r) => [r.line, ...r.cells])).toEqual([
      // Serial 43391 counts from 1904-01-01 in this workbook: 2022-10-19, not 2018-10-18.
      [2, '501', 'Paula', 'Schmidt-Wolf', '2022-10-19', 'Workshop A; Workshop B'],
      [3, '502', 'Rolf', 'Zander', '2023-10-19', ''],
    ]);
  });

  it('XLSX from Python scripts (openpyxl, xlsxwriter): character references, rich text, and a formula saved without its value', async () => {
    const rows = (cells: string[]) => [
      ['1', 'Jürgen', 'Müller', 'j@example.org', 'Stadt Weißenfels & Co. <GmbH>', '2026-09-17', '09:30', '2', 'Zeile 1\nZeile 2', cells[0]],
      ['2', 'Zoë', 'O\'Brien "Zitat"', 'z@example.org', 'Leerzeichen', '2026-09-18 14:05', '14:00', '1,5', 'Emoji 😀 und \t Tab', cells[1]],
      ['3', 'Ærøskøbing', 'Łódź', '', '€ 100', '', '', '', ']]> <![CDATA[ x', ''],
    ];
    const written = await read('xlsxwriter.xlsx');
    expect(written.rows.map((r) => r.cells)).toEqual(rows(['4', '3']));
    expect(written.problems).toEqual([]);
    // openpyxl cannot compute a formula and saves it with an empty value: its text is kept and it is reported.
    const openpyxl = await read('openpyxl.xlsx');
    expect(openpyxl.sheets).toEqual(['Anmeldungen', 'Hinweise']);
    expect(openpyxl.rows.map((r) => r.cells)).toEqual(rows(['=H2*2', '=H3*2']));
    expect(openpyxl.problems).toEqual([
      { code: 'formulaWithoutValue', line: 2, column: 'Summe', severity: 'warning', params: { formula: 'H2*2' } },
      { code: 'formulaWithoutValue', line: 3, column: 'Summe', severity: 'warning', params: { formula: 'H3*2' } },
    ]);
  });

  it('a title and a date above the header (a list kept in Excel) are passed over, said, and the columns still recognised', async () => {
    for (const name of ['titelzeilen.xlsx', 'titelzeilen.csv']) {
      const t = await read(name);
      expect(t.headers, name).toEqual(['Nr.', 'Vorname', 'Nachname', 'E-Mail', 'Organisation']);
      expect(t.rows.map((r) => [r.line, ...r.cells]), name).toEqual([
        [5, '1', 'Jürgen', 'Müller', 'juergen@example.org', 'Stadt Weißenfels'],
        [6, '2', 'Anna', 'Schmidt', 'anna@example.org', 'Burgenlandkreis'],
      ]);
      expect(t.problems, name).toEqual([{ code: 'rowsAboveHeader', line: 1, column: null, severity: 'warning', params: { header: 4 } }]);
      expect(mergeMapping(t.headers, null), name).toMatchObject({ Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' });
    }
    // A title line without a single delimiter does not hide that the list is separated by commas.
    const typed = await readTable(Buffer.from('Teilnehmerliste\nNr.,Vorname,Nachname\n1,Jürgen,Müller\n'), 'liste.csv');
    expect(typed).toMatchObject({ delimiter: ',', headers: ['Nr.', 'Vorname', 'Nachname'], rows: [{ line: 3, cells: ['1', 'Jürgen', 'Müller'] }] });
  });

  it('a total and a date line under the list are rows like any other; an empty row saved as semicolons is none', async () => {
    for (const name of ['summenzeile.xlsx', 'summenzeile.csv']) {
      const t = await read(name);
      expect(t.headers, name).toEqual(['Nr.', 'Vorname', 'Nachname', 'E-Mail', 'Organisation']);
      expect(t.rows.map((r) => [r.line, ...r.cells.slice(0, 3)]), name).toEqual([
        [2, '11', 'Jürgen', 'Müller'], [3, '12', 'Anna', 'Schmidt'], [4, '13', 'Ömer', 'Yılmaz'], [6, 'Gesamt', '', '3'], [7, 'Stand: 01.11.2026', '', ''],
      ]);
      expect(t.problems, name).toEqual([]);
    }
    const spaced = await readTable(Buffer.from('Nr;Name\n1;Anna\n ; \n;\n2;Bea\n'), 'liste.csv');
    expect(spaced.rows).toEqual([{ line: 2, cells: ['1', 'Anna'] }, { line: 5, cells: ['2', 'Bea'] }]);
  });

  it("Excel's first line sep=; names the delimiter and is no row of the list", async () => {
    const semicolons = await readTable(Buffer.from('\uFEFFsep=;\r\nNr.;Vorname;Nachname\r\n1;Jürgen;Müller, Sohn\r\n'), 'liste.csv');
    expect(semicolons).toMatchObject({ delimiter: ';', headers: ['Nr.', 'Vorname', 'Nachname'], rows: [{ line: 3, cells: ['1', 'Jürgen', 'Müller, Sohn'] }], problems: [] });
    const oneColumn = await readTable(Buffer.from('sep=,\nName\nJürgen Müller\n'), 'liste.csv');
    expect(oneColumn).toMatchObject({ delimiter: ',', headers: ['Name'], rows: [{ line: 3, cells: ['Jürgen Müller'] }], problems: [] });
    // A title below it is still said, from its own line.
    const titled = await readTable(Buffer.from('sep=,\nTeilnehmerliste\nNr.,Vorname,Nachname\n1,Jürgen,Müller\n'), 'liste.csv');
    expect(titled.problems).toEqual([{ code: 'rowsAboveHeader', line: 2, column: null, severity: 'warning', params: { header: 3 } }]);
  });

  it('ODS as LibreOffice Calc saves it: the same rows as its .xlsx, dates and times, formulas by their values', async () => {
    const ods = await read('libreoffice-calc.ods');
    expect(ods).toMatchObject({ format: 'ods', sheets: ['Anmeldungen'], sheet: 'Anmeldungen', lineKind: 'row', problems: [] });
    expect(ods.headers).toEqual((await read('libreoffice-calc.xlsx')).headers);
    expect(ods.rows).toEqual((await read('libreoffice-calc.xlsx')).rows);
    // Line breaks (paragraphs), runs of spaces, tabs, emoji, markup characters: as in the workbook it was saved from.
    const special = await read('libreoffice-sonderzeichen.ods');
    expect(special.rows).toEqual((await read('xlsxwriter.xlsx')).rows);
    // Renamed, it is still known by its content.
    expect((await readTable(fixture('libreoffice-calc.ods'), 'anmeldungen.xlsx')).format).toBe('ods');
    // Read as what it holds, not as what its name says: a workbook renamed to .ods, an .ods whose type entry is not first.
    expect((await readTable(fixture('xlsxwriter.xlsx'), 'anmeldungen.ods')).format).toBe('xlsx');
    const unnamed = zipSync({ 'content.xml': strToU8('<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>'
      + '<table:table table:name="Liste"><table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell></table:table-row>'
      + '<table:table-row><table:table-cell office:value-type="string"><text:p>Anna</text:p></table:table-cell></table:table-row></table:table>'
      + '</office:spreadsheet></office:body></office:document-content>') });
    expect(await readTable(unnamed, 'liste.xlsx')).toMatchObject({ format: 'ods', headers: ['Name'], rows: [{ line: 2, cells: ['Anna'] }] });
  });

  it('amounts of money and percentages as the sheet shows them, with German separators (other numbers stay bare)', async () => {
    const t = await read('betraege.xlsx');
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['1', 'Anna', 'Schmidt', '1.234,50 €', '50%', '€ 12,00', '12,50%', '99,90 €'],
      ['2', 'Bernd', 'Müller', '-20,00 €', '100%', '€ 0,00', '33,33%', '-5,00 €'],
    ]);
    // LibreOffice saves the text it shows with the value: that text is taken.
    const cell = (type: string, value: string, text: string) => `<table:table-cell office:value-type="${type}" office:value="${value}"><text:p>${text}</text:p></table:table-cell>`;
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8('<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Liste">'
        + `<table:table-row>${cell('string', '', 'Name')}${cell('string', '', 'Beitrag')}${cell('string', '', 'Anteil')}${cell('string', '', 'Plätze')}</table:table-row>`
        + `<table:table-row>${cell('string', '', 'Anna')}${cell('currency', '12.5', '12,50 €')}${cell('percentage', '0.5', '50 %')}${cell('float', '2', '2,0')}</table:table-row>`
        + '</table:table></office:spreadsheet></office:body></office:document-content>'),
    });
    expect((await readTable(ods, 'x.ods')).rows[0]!.cells).toEqual(['Anna', '12,50 €', '50 %', '2']);
  });

  it('merged cells as a reader sees them: a value merged down several rows is in each of them, not across columns or into empty rows', async () => {
    const t = await read('zusammengefasst.xlsx');
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, '1', 'Anna', 'Schmidt', 'Landkreis Harz', 'Sachsen-Anhalt', '', ''],
      [3, '2', 'Bernd', 'Müller', 'Landkreis Harz', 'Sachsen-Anhalt', 'vegetarisch', ''],
      [4, '3', 'Clara', 'Fuchs', 'Landkreis Harz', 'Sachsen-Anhalt', '', ''],
      [5, '4', 'Dora', 'Klein', 'Stadt Halle (Saale)', 'Sachsen-Anhalt', '', ''],
    ]);
    // Said once per merged cell, at its first row, so the organiser can check it holds for each row (QA13 C6).
    expect(t.problems.filter((p) => p.code === 'mergedCells').sort((a, b) => a.column!.localeCompare(b.column!))).toEqual([
      { code: 'mergedCells', line: 2, column: 'Bundesland', severity: 'warning', params: { from: 2, to: 6, value: 'Sachsen-Anhalt' } },
      { code: 'mergedCells', line: 2, column: 'Organisation', severity: 'warning', params: { from: 2, to: 4, value: 'Landkreis Harz' } },
    ]);
    // The same in an .ods, where a merged cell says how many rows it spans and the cells under it are "covered".
    const cell = (v: string, extra = '') => `<table:table-cell office:value-type="string"${extra}><text:p>${v}</text:p></table:table-cell>`;
    const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
    const covered = '<table:covered-table-cell/>';
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8('<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Liste">'
        + row(cell('Vorname'), cell('Organisation'), cell('Hinweis'))
        + row(cell('Anna'), cell('Landkreis Harz', ' table:number-rows-spanned="2"'), cell('zwei Spalten', ' table:number-columns-spanned="2" table:number-rows-spanned="2"'), covered)
        + row(cell('Bernd'), covered, covered, covered)
        + row(cell('Clara'), cell('Stadt Zeitz'))
        + '</table:table></office:spreadsheet></office:body></office:document-content>'),
    });
    const fromOds = await readTable(ods, 'x.ods');
    expect(fromOds.rows.map((r) => r.cells)).toEqual([
      ['Anna', 'Landkreis Harz', 'zwei Spalten'], ['Bernd', 'Landkreis Harz', 'zwei Spalten'], ['Clara', 'Stadt Zeitz', ''],
    ]);
    expect(fromOds.problems.filter((p) => p.code === 'mergedCells').map((p) => [p.line, p.column, p.params?.value])).toEqual(
      expect.arrayContaining([[2, 'Organisation', 'Landkreis Harz'], [2, 'Hinweis', 'zwei Spalten']]));
  });

  it('ODS: a hidden helper sheet comes last, a comment is no part of its cell, merged cells, a #DIV/0! reported', async () => {
    const t = await read('libreoffice-extras.ods');
    expect(t).toMatchObject({ sheets: ['Auswahl', 'Anmeldungen'], sheet: 'Anmeldungen', headers: ['ID', 'Vorname', 'Nachname', 'Organisation', 'Bereich', 'Quote'] });
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, '701', 'Grete', 'Müller', 'Stadt Zeitz', 'Verwaltung', ''],
      [3, '702', 'Hans', 'Yamada', 'Verein Miteinander', 'Verein', '0,5'],
      // D3:D4 merged: row 4 shows the organisation of row 3, so it has it too.
      [4, '703', 'Ida', 'Groß', 'Verein Miteinander', 'Verwaltung', '0,5'],
      [5, '703', 'Ida', 'Groß', 'Landkreis', 'Verwaltung', '0,5'],
    ]);
    expect(t.problems).toEqual([
      { code: 'cellError', line: 2, column: 'Quote', severity: 'warning', params: { value: '#DIV/0!' } },
      { code: 'mergedCells', line: 3, column: 'Organisation', severity: 'warning', params: { from: 3, to: 4, value: 'Verein Miteinander' } },
    ]);
    expect((await read('libreoffice-extras.ods', { sheet: 'Auswahl' })).rows).toEqual([{ line: 2, cells: ['Verwaltung', 'V'] }]);
  });

  it('ODS: read once — a cover sheet passed over, the list taken, the sheets after it listed once its rows are read', async () => {
    const text = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
    const row = (...cells: string[]) => `<table:table-row>${cells.map(text).join('')}</table:table-row>`;
    const sheets = `<table:table table:name="Deckblatt">${row('Fachtagung 2026')}</table:table>`
      + `<table:table table:name="Anmeldungen">${row('Vorname', 'Nachname')}${row('Anna', 'Schmidt')}${row('Bernd', 'Müller')}`
      // Enough rows that the sheet after the list is in a later chunk of the file.
      + `${Array.from({ length: 3000 }, (_, i) => row(`Person ${i}`, 'Muster')).join('')}</table:table>`
      + `<table:table table:name="Hinweise">${row('Hinweis', 'Stand')}${row('Bitte prüfen', '01.11.')}</table:table>`;
    const content = (body: string) => '<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>'
      + `${body}</office:spreadsheet></office:body></office:document-content>`;
    const ods = (text: string) => zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(text) });
    const inflated = vi.spyOn(ZipEntries.prototype, 'chunks');
    try {
      const stream = await streamTable(ods(content(sheets)), 'x.ods');
      // Known when the stream opens: the sheets up to the one taken.
      expect(stream.table).toMatchObject({ sheet: 'Anmeldungen', headers: ['Vorname', 'Nachname'], sheets: ['Deckblatt', 'Anmeldungen'] });
      const rows = [];
      for await (const slice of stream.slices) rows.push(...slice.map((r) => r.cells));
      expect(rows.slice(0, 3)).toEqual([['Anna', 'Schmidt'], ['Bernd', 'Müller'], ['Person 0', 'Muster']]);
      expect(rows).toHaveLength(3002);
      expect(stream.table.sheets).toEqual(['Deckblatt', 'Anmeldungen', 'Hinweise']);
      expect(inflated.mock.calls.filter(([name]) => name === 'content.xml')).toHaveLength(1);
    } finally {
      inflated.mockRestore();
    }
    expect((await readTable(ods(content(sheets)), 'x.ods', { sheet: 'Hinweise' })).rows).toEqual([{ line: 2, cells: ['Bitte prüfen', '01.11.'] }]);
    const missing = await tableError(readTable(ods(content(sheets)), 'x.ods', { sheet: 'Teilnehmende' }));
    expect(missing).toMatchObject({ code: 'xlsxSheetNotFound', params: { sheet: 'Teilnehmende', sheets: 'Deckblatt, Anmeldungen, Hinweise' } });
    // Only a hidden sheet has a list: it is read on its own after the pass.
    const hidden = '<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x" xmlns:style="s"><office:automatic-styles>'
      + '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>'
      + `<office:body><office:spreadsheet><table:table table:name="Liste" table:style-name="ta2">${row('Vorname', 'Nachname')}${row('Anna', 'Schmidt')}</table:table>`
      + `<table:table table:name="Deckblatt">${row('Fachtagung 2026')}</table:table></office:spreadsheet></office:body></office:document-content>`;
    expect(await readTable(ods(hidden), 'x.ods')).toMatchObject({ sheet: 'Liste', sheets: ['Liste', 'Deckblatt'], rows: [{ line: 2, cells: ['Anna', 'Schmidt'] }] });
    // A file damaged after the list: found as the rest is read, so nothing of it is used.
    const cut = content(sheets).slice(0, content(sheets).indexOf('Bitte'));
    const stream = await streamTable(ods(cut), 'x.ods');
    expect(stream.table.sheet).toBe('Anmeldungen');
    expect((await tableError(readTable(ods(cut), 'x.ods'))).code).toBe('odsCorrupt');
  });

  it('ODS: one progress from 0 to 1 that never goes back', async () => {
    const text = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
    const rows = [`<table:table-row>${text('Name')}${text('Nr')}</table:table-row>`, ...Array.from({ length: 3000 }, (_, i) =>
      `<table:table-row>${text(`Person ${i + 1}`)}<table:table-cell office:value-type="float" office:value="${i + 1}"/></table:table-row>`)];
    const content = '<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>'
      + `<table:table table:name="Liste">${rows.join('')}</table:table></office:spreadsheet></office:body></office:document-content>`;
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(content) });
    const shares: number[] = [];
    const t = await readTable(ods, 'x.ods', {}, { onProgress: (share) => shares.push(share) });
    expect(t.rows).toHaveLength(3000);
    expect(shares.length).toBeGreaterThan(4);
    expect(shares).toEqual([...shares].sort((x, y) => x - y));
    expect(shares.at(-1)).toBe(1);
  });

  it('JSON: an API answer wrapped in "results", nested fields flattened, lists joined', async () => {
    const t = await read('api-registrations.json');
    expect(t).toMatchObject({ format: 'json', lineKind: 'entry' });
    expect(t.headers).toEqual(['id', 'code', 'first_name', 'last_name', 'email', 'organisation', 'town', 'status', 'sessions', 'answers.diet']);
    expect(column(t, 'sessions')).toEqual(['Workshop A: Migration und Teilhabe', '']);
    expect(column(t, 'answers.diet')).toEqual(['vegan', '']);
  });

  it('JSON: the answers to the order form as pretix and Eventbrite give them become one column per question', async () => {
    const pretix = [
      { id: 1, secret: 'a1', answers: [{ question: 12, question_identifier: 'rundgang', answer: 'Altstadt', options: [3] }, { question: 13, question_identifier: 'essen', answer: 'vegan' }] },
      { id: 2, secret: 'b2', answers: [{ question: 13, question_identifier: 'essen', answer: '' }] },
      { id: 3, secret: 'c3', answers: [] },
    ];
    const p = await readTable(Buffer.from(JSON.stringify({ count: 3, next: null, results: pretix })), 'orderpositions.json');
    expect(p.headers).toEqual(['id', 'secret', 'answers.rundgang', 'answers.essen', 'answers']);
    expect(column(p, 'answers.rundgang')).toEqual(['Altstadt', '', '']);
    expect(column(p, 'answers.essen')).toEqual(['vegan', '', '']);
    const eventbrite = [{ id: '9', answers: [{ question: 'Welchen Stadtrundgang möchten Sie machen?', question_id: '55', answer: 'Saale', type: 'multiple_choice' }] }];
    const e = await readTable(Buffer.from(JSON.stringify({ attendees: eventbrite })), 'attendees.json');
    expect(e.headers).toEqual(['id', 'answers.Welchen Stadtrundgang möchten Sie machen?']);
    expect(mergeMapping(e.headers, null)['answers.Welchen Stadtrundgang möchten Sie machen?']).toBe('walks');
    // Eventbrite's QR code is in a list of barcodes: a column per key of such plain objects, values joined.
    const barcodes = [{ id: '9', barcodes: [{ barcode: '1234567890', status: 'unused' }] }, { id: '10', barcodes: [{ barcode: 'A1', status: '' }, { barcode: 'B2' }] }];
    const b = await readTable(Buffer.from(JSON.stringify({ attendees: barcodes })), 'attendees.json');
    expect(b.headers).toEqual(['id', 'barcodes.barcode', 'barcodes.status']);
    expect(column(b, 'barcodes.barcode')).toEqual(['1234567890', 'A1; B2']);
    expect(mergeMapping(b.headers, null)['barcodes.barcode']).toBe('code');
    // Lists of objects within objects stay one cell of JSON.
    const other = await readTable(Buffer.from(JSON.stringify([{ id: 1, tickets: [{ type: { name: 'Tag 1' } }] }])), 'x.json');
    expect(column(other, 'tickets')).toEqual(['[{"type":{"name":"Tag 1"}}]']);
  });

  it('JSON: true and false are "ja" and "nein", in a field, a list and a list of objects; numbers stay as they are', async () => {
    const t = await readTable(Buffer.from(JSON.stringify([
      { id: 7, bezahlt: true, storniert: false, betrag: 12.5, flags: [true, false], barcodes: [{ barcode: 'A1', checked_in: false }] },
    ])), 'x.json');
    expect(t.rows[0]!.cells).toEqual(['7', 'ja', 'nein', '12.5', 'ja; nein', 'A1', 'nein']);
  });
});

describe('bad input gets a clear, specific answer', () => {
  it.each([
    ['empty.csv', 'emptyFile'],
    ['header-only.csv', 'headerOnly'],
    ['binary.csv', 'imageFile'],
    ['truncated.xlsx', 'xlsxCorrupt'],
    ['kennwort.xlsx', 'xlsxEncrypted'],
    ['alt.xls', 'unknownFormat'],
  ])('%s → %s', async (name, code) => {
    expect((await tableError(read(name))).code).toBe(code);
  });

  it('a PDF or an image is said as what it is, whatever its name; other binary data as no text', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
    expect(await tableError(readTable(pdf, 'anmeldungen.xlsx'))).toMatchObject({ code: 'pdfFile', params: { name: 'anmeldungen.xlsx' } });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect(await tableError(readTable(jpeg, 'liste.csv'))).toMatchObject({ code: 'imageFile', params: { name: 'liste.csv' } });
    const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) % 256));
    expect((await tableError(readTable(noise, 'liste.csv'))).code).toBe('binaryFile');
  });

  const workbook = (sheet: string) => zipSync({
    'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
  const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

  it('a zip that is no workbook, a sheet that breaks off, a cell beyond column XFD', async () => {
    const docx = zipSync({ 'word/document.xml': strToU8('<document/>') });
    expect((await tableError(readTable(docx, 'brief.xlsx'))).code).toBe('xlsxNoSheet');
    const cut = await tableError(readTable(workbook(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>').slice(0, 80)), 'x.xlsx'));
    expect(cut.code).toBe('xlsxCorrupt');
    expect(cut.params.detail).toBeTruthy();
    const wide = await tableError(readTable(workbook(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>')), 'x.xlsx'));
    expect(wide).toMatchObject({ code: 'xlsxCorrupt', params: { detail: expect.stringContaining('XFE1') } });
  });

  it('a sheet that inflates to more or fewer bytes than its archive states is refused (a zip bomb is not inflated to its end)', async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>';
    expect((await readTable(workbook(sheet(rows)), 'x.xlsx')).rows).toEqual([{ line: 2, cells: ['1'] }]);
    /** The workbook with the size the central directory states for the sheet changed by `delta` bytes. */
    const misstated = (delta: number) => {
      const zip = Buffer.from(workbook(sheet(rows)));
      for (let at = zip.indexOf(CENTRAL_HEADER); at >= 0; at = zip.indexOf(CENTRAL_HEADER, at + 4)) {
        const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
        if (name === 'xl/worksheets/sheet1.xml') zip.writeUInt32LE(zip.readUInt32LE(at + 24) + delta, at + 24);
      }
      return zip;
    };
    const more = await tableError(readTable(misstated(-20), 'x.xlsx'));
    expect(more).toMatchObject({ code: 'xlsxCorrupt', params: { detail: expect.stringContaining('inflates to more than') } });
    const fewer = await tableError(readTable(misstated(20), 'x.xlsx'));
    expect(fewer).toMatchObject({ code: 'xlsxCorrupt', params: { detail: expect.stringContaining('ends after') } });
  });

  it('the header is the first row that fills at least half of the widest row, or three cells; titles of one or two cells above it are passed over', () => {
    expect(headerIndex([5, 5, 5])).toBe(0);
    expect(headerIndex([1, 1, 5, 4])).toBe(2);
    expect(headerIndex([1, 0, 4, 4])).toBe(2);
    // Title and date in one row of a five-column list.
    expect(headerIndex([2, 5, 5])).toBe(1);
    expect(headerIndex([1, 2, 2])).toBe(1);
    // A header naming four columns of rows that fill ten stays the header.
    expect(headerIndex([4, 10, 10])).toBe(0);
    // A one-column list, and a list whose header would be further down than the rows looked at.
    expect(headerIndex([1, 1, 1])).toBe(0);
    expect(headerIndex([...Array<number>(HEADER_SEARCH_ROWS).fill(1), 5, 5])).toBe(0);
  });

  it('a page of notes above the header (24 lines of a workbook or a CSV) is passed over too', async () => {
    const notes = Array.from({ length: 24 }, (_, i) => `Hinweis ${i + 1}: bitte Namensschilder am Vortag drucken`);
    const csv = Buffer.from([...notes, 'ID;Vorname;Nachname;E-Mail', '1;Anna;Schmidt;anna@example.org'].join('\r\n'));
    const table = await readTable(csv, 'liste.csv');
    expect(table).toMatchObject({ headers: ['ID', 'Vorname', 'Nachname', 'E-Mail'], rows: [{ line: 26, cells: ['1', 'Anna', 'Schmidt', 'anna@example.org'] }] });
    expect(table.problems).toEqual([{ code: 'rowsAboveHeader', line: 1, column: null, severity: 'warning', params: { header: 25 } }]);
    const rows = notes.map((n, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${n}</t></is></c></row>`).join('');
    const cells = (r: number, values: string[]) => values.map((v, c) => `<c r="${'ABCD'[c]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('');
    const book = workbook(sheet(`${rows}<row r="25">${cells(25, ['ID', 'Vorname', 'Nachname', 'E-Mail'])}</row><row r="26">${cells(26, ['1', 'Anna', 'Schmidt', 'anna@example.org'])}</row>`));
    expect(await readTable(book, 'liste.xlsx')).toMatchObject({ headers: ['ID', 'Vorname', 'Nachname', 'E-Mail'], rows: [{ line: 26 }] });
  });

  it('a nameless column is said once a row has something in it; an empty one (a list starting in column B) is no problem', async () => {
    const fromB = workbook(sheet('<row r="2"><c r="B2" t="inlineStr"><is><t>Vorname</t></is></c><c r="C2" t="inlineStr"><is><t>Nachname</t></is></c></row>'
      + '<row r="3"><c r="B3" t="inlineStr"><is><t>Anna</t></is></c><c r="C3" t="inlineStr"><is><t>Schmidt</t></is></c></row>'));
    expect(await readTable(fromB, 'x.xlsx')).toMatchObject({
      headers: ['Spalte 1', 'Vorname', 'Nachname'], rows: [{ line: 3, cells: ['', 'Anna', 'Schmidt'] }], problems: [], blankColumns: new Set([0]),
    });
    expect(await readTable(Buffer.from(';Vorname;Nachname;\n;Anna;Schmidt;\n'), 'x.csv')).toMatchObject({ problems: [], blankColumns: new Set([0, 3]) });
    const filled = await readTable(Buffer.from('Nr;;Nachname\n1;;Müller\n2;x;Schmidt\n3;y;Wolf\n'), 'x.csv');
    expect(filled.problems).toEqual([{ code: 'emptyHeader', line: 1, column: 'Spalte 2', severity: 'warning', params: { index: 2 } }]);
    // Blank only while no row has anything there: one late row is enough.
    expect(filled.blankColumns).toEqual(new Set());
    const late = await readTable(Buffer.from(`;Nachname\n${';Müller\n'.repeat(3000)}x;Wolf\n`), 'x.csv');
    expect(late.blankColumns).toEqual(new Set());
    // A named column is never blank, however empty.
    expect((await readTable(Buffer.from('Nr;Bemerkung;Nachname\n1;;Müller\n'), 'x.csv')).blankColumns).toEqual(new Set());
    expect(filled.rows.map((r) => r.cells[1])).toEqual(['', 'x', 'y']);
  });

  it('a hidden helper sheet before the list (a lookup table Excel does not show) gives way to the visible sheet', async () => {
    const row = (r: number, a: string, b: string) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${a}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${b}</t></is></c></row>`;
    const book = (state: string, list = 'Liste', people = true) => zipSync({
      'xl/workbook.xml': strToU8(`<workbook xmlns:r="r"><sheets><sheet name="Auswahl" sheetId="1" ${state} r:id="rId1"/><sheet name="${list}" sheetId="2" r:id="rId2"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>'
        + '<Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet(row(1, 'Bereich', 'Kürzel') + row(2, 'Verwaltung', 'V'))),
      'xl/worksheets/sheet2.xml': strToU8(sheet(row(1, 'Vorname', 'Nachname') + (people ? row(2, 'Anna', 'Schmidt') : ''))),
    });
    for (const state of ['state="hidden"', 'state="veryHidden"']) {
      const t = await readTable(book(state), 'x.xlsx');
      expect(t, state).toMatchObject({ sheets: ['Auswahl', 'Liste'], sheet: 'Liste', headers: ['Vorname', 'Nachname'] });
      // Chosen by name, the hidden sheet is read.
      expect((await readTable(book(state), 'x.xlsx', { sheet: 'Auswahl' })).headers).toEqual(['Bereich', 'Kürzel']);
    }
    // Both visible: the first with a list is taken, unless another one is named for the people.
    expect((await readTable(book(''), 'x.xlsx')).sheet).toBe('Auswahl');
    expect((await readTable(book('', 'Anmeldungen'), 'x.xlsx')).sheet).toBe('Anmeldungen');
    expect((await readTable(book('', 'Anmeldungen', false), 'x.xlsx')).sheet).toBe('Auswahl');
  });

  it('ODS: repeated rows and cells as the format writes them, the million empty rows at the end not spelled out, a broken file refused', async () => {
    const ods = (rows: string) => zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(`<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x" xmlns:draw="d"><office:body><office:spreadsheet><table:table table:name="Liste">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`),
    });
    const cell = (v: string, extra = '') => `<table:table-cell office:value-type="string"${extra}><text:p>${v}</text:p></table:table-cell>`;
    const t = await readTable(ods(`<table:table-row>${cell('Vorname')}${cell('Nachname')}${cell('Tag', ' table:number-columns-repeated="2"')}</table:table-row>`
      + `<table:table-row table:number-rows-repeated="2">${cell('Anna')}${cell('Schmidt')}<table:table-cell table:number-columns-repeated="3"/></table:table-row>`
      // A drawing anchored to a cell sits inside it; its text is not the cell's.
      + '<table:table-row><table:table-cell office:value-type="string"><draw:custom-shape><text:p>Pfeil</text:p></draw:custom-shape><text:p>Carl</text:p></table:table-cell>'
      + `${cell('Ries')}</table:table-row>`
      + '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
      + `<table:table-row>${cell('Bo')}${cell('Lind')}<table:table-cell office:value-type="date" office:date-value="2026-09-17T14:05:00"/>`
      + '<table:table-cell office:value-type="time" office:time-value="PT09H30M15S"/><table:table-cell office:value-type="boolean" office:boolean-value="true"/></table:table-row>'), 'x.ods');
    expect(t.headers).toEqual(['Vorname', 'Nachname', 'Tag', 'Tag (2)']);
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, 'Anna', 'Schmidt', '', ''], [3, 'Anna', 'Schmidt', '', ''], [4, 'Carl', 'Ries', '', ''],
      [1048575, 'Bo', 'Lind', '2026-09-17 14:05', '09:30:15', 'WAHR'],
    ]);
    const broken = Buffer.from(ods(`<table:table-row>${cell('Vorname')}`));
    expect((await tableError(readTable(broken, 'x.ods'))).code).toBe('odsCorrupt');
    const empty = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') });
    expect((await tableError(readTable(empty, 'x.ods'))).code).toBe('odsNoSheet');
  });

  it('a number without a format of its own reads as German Excel shows it: decimal comma, 15 digits, whole numbers as they are', () => {
    expect([0.1 + 0.2, -2.5, 1234.5678, 1234567, 99_999_999_999, -0.01].map(generalNumber)).toEqual(['0,3', '-2,5', '1234,5678', '1234567', '99999999999', '-0,01']);
    // Beyond 2^53 the digits are no longer the ones typed (a 22-digit barcode made a number): as Excel shows it.
    expect([2 ** 53 - 1, 1234567890123456789001, -12345678901234567890].map(generalNumber)).toEqual(['9007199254740991', '1,23457E+21', '-1,23457E+19']);
  });

  it('a number shown with leading zeros (a postcode formatted 00000) is read as the sheet shows it, in .xlsx and .ods', async () => {
    const styles = '<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="00000"/><numFmt numFmtId="165" formatCode="000000;@"/></numFmts>'
      + '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="1"/></cellXfs></styleSheet>';
    const book = zipSync({
      'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/styles.xml': strToU8(styles),
      'xl/worksheets/sheet1.xml': strToU8(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>PLZ</t></is></c><c r="B1" t="inlineStr"><is><t>Nr.</t></is></c>'
        + '<c r="C1" t="inlineStr"><is><t>Plätze</t></is></c><c r="D1" t="inlineStr"><is><t>Anteil</t></is></c></row>'
        + '<row r="2"><c r="A2" s="1"><v>6667</v></c><c r="B2" s="2"><v>42</v></c><c r="C2" s="3"><v>7</v></c><c r="D2" s="1"><v>0.5</v></c></row>')),
    });
    // A fraction is no whole number: not padded, shown with a decimal comma as German Excel shows it.
    expect((await readTable(book, 'x.xlsx')).rows).toEqual([{ line: 2, cells: ['06667', '000042', '7', '0,5'] }]);
    const cell = (value: string, shown: string) => `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${shown}</text:p></table:table-cell>`;
    const ods = zipSync({ 'content.xml': strToU8('<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Liste">'
      + `<table:table-row>${['PLZ', 'Plätze', 'Anteil'].map((h) => `<table:table-cell office:value-type="string"><text:p>${h}</text:p></table:table-cell>`).join('')}</table:table-row>`
      + `<table:table-row>${cell('6667', '06667')}${cell('7', '7')}${cell('0.5', '0,5')}</table:table-row>`
      + '</table:table></office:spreadsheet></office:body></office:document-content>') });
    expect(await readTable(ods, 'x.ods')).toMatchObject({ headers: ['PLZ', 'Plätze', 'Anteil'], rows: [{ line: 2, cells: ['06667', '7', '0,5'] }] });
  });

  it('number formats that show dates and times, and those that do not', () => {
    for (const code of ['dd/mm/yyyy;@', 'DD.MM.YYYY', 'hh:mm', '[h]:mm:ss', '[$-407]d. mmmm yyyy', 'yyyy-mm-dd\\ hh:mm']) expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0 [$€-407]', '0 "Stück"', '0%', '@', '#,##0.00_);[Red](#,##0.00)']) expect(isDateFormat(code), code).toBe(false);
  });

  it('a workbook with a password is recognised whatever its name; the message says what to do', async () => {
    expect((await tableError(readTable(fixture('kennwort.xlsx'), 'Anmeldungen (Kopie).csv'))).code).toBe('xlsxEncrypted');
    expect((await tableError(readTable(fixture('alt.xls'), 'Anmeldungen.xlsx'))).params).toEqual({ name: 'Anmeldungen.xlsx' });
  });

  it('JSON that is not a list, or not JSON', async () => {
    // One entry, not a list (an API's address of a single registration): its first keys named.
    expect(await tableError(readTable(Buffer.from('{"a":1}'), 'x.json'))).toMatchObject({ code: 'jsonSingleEntry', params: { keys: '„a“' } });
    expect(await tableError(readTable(Buffer.from('{"id":7,"vorname":"Anna","nachname":"Schmidt","email":"a@example.org"}'), 'x.json')))
      .toMatchObject({ code: 'jsonSingleEntry', params: { keys: '„id“, „vorname“, „nachname“ …' } });
    expect(await tableError(readTable(Buffer.from('{}'), 'x.json'))).toMatchObject({ code: 'jsonNotArray', params: { context: 'empty' } });
    expect(await tableError(readTable(Buffer.from('"Anmeldungen"'), 'x.json'))).toMatchObject({ code: 'jsonNotArray', params: { context: 'value', value: '"Anmeldungen"' } });
    expect(await tableError(readTable(Buffer.from('null'), 'x.json'))).toMatchObject({ code: 'jsonNotArray', params: { context: 'value', value: 'null' } });
    expect((await tableError(readTable(Buffer.from('[{"a":1},'), 'x.json'))).code).toBe('jsonInvalid');
    // An empty list, bare or as an API's first page: nobody, not "only the header".
    expect((await tableError(readTable(Buffer.from('[]'), 'x.json'))).code).toBe('jsonEmptyList');
    expect((await tableError(readTable(Buffer.from('{"count":0,"next":null,"results":[]}'), 'x.json'))).code).toBe('jsonEmptyList');
    // The only list in the object, empty or of single values: said as what it is.
    expect((await tableError(readTable(Buffer.from('{"exportiert":"2023-10-10","teilnehmende":[]}'), 'x.json'))).code).toBe('jsonEmptyList');
    expect(await tableError(readTable(Buffer.from('{"namen":["Anna Schmidt"]}'), 'x.json'))).toMatchObject({ code: 'jsonNoObjects', params: { value: '"Anna Schmidt"' } });
  });

  it('JSON: an API’s error answered with status 200 is said with its message, never read as people', async () => {
    const message = async (json: string) => tableError(readTable(Buffer.from(json), 'x.json'));
    // pretix, Eventbrite (its "error" is a code, the description says it), a generic API, GraphQL, JSON:API.
    expect(await message('{"detail":"Invalid token."}')).toMatchObject({ code: 'jsonMessage', params: { message: 'Invalid token.' } });
    expect(await message('{"status_code":401,"error_description":"The OAuth token you provided was invalid.","error":"INVALID_AUTH"}'))
      .toMatchObject({ code: 'jsonMessage', params: { message: 'The OAuth token you provided was invalid.' } });
    expect(await message('{"error":{"code":403,"message":"Zugriff verweigert"}}')).toMatchObject({ code: 'jsonMessage', params: { message: 'Zugriff verweigert' } });
    expect(await message('{"errors":[{"message":"Not authorized","path":["attendees"]}],"data":null}')).toMatchObject({ code: 'jsonMessage', params: { message: 'Not authorized' } });
    expect(await message('{"errors":[{"status":"404","title":"Not Found","detail":"Event 12 not found"}]}')).toMatchObject({ code: 'jsonMessage', params: { message: 'Event 12 not found' } });
    expect((await message(`{"message":"${'x'.repeat(500)}"}`)).params.message).toHaveLength(200);
    // A list beside a "message" is read as the list; so is one registration's list of fields that has a "message" too.
    const table = await readTable(Buffer.from('{"message":"OK","results":[{"Vorname":"Anna","Nachname":"Schmidt"}]}'), 'x.json');
    expect(table.rows).toHaveLength(1);
    expect(await message('{"id":1,"vorname":"Anna","nachname":"Schmidt","email":"a@example.org","ort":"Halle","message":"komme später"}'))
      .toMatchObject({ code: 'jsonSingleEntry' });
  });

  it('JSON: an export wrapped in an object takes its only list, whatever its key, also one level down', async () => {
    const people = [{ ID: '2001', Vorname: 'Jürgen', Nachname: 'Öztürk' }, { ID: '2002', Vorname: 'Renée', Nachname: 'Hoffmann' }];
    const json = (data: unknown) => readTable(Buffer.from(JSON.stringify(data)), 'export.json');
    const wrapped = await json({ exportiert: '2023-10-10', anzahl: 2, tags: ['a', 'b'], teilnehmende: people });
    expect(wrapped.headers).toEqual(['ID', 'Vorname', 'Nachname']);
    expect(column(wrapped, 'Vorname')).toEqual(['Jürgen', 'Renée']);
    expect(column(await json({ data: { exportiert: '2023-10-10', teilnehmende: people } }), 'Nachname')).toEqual(['Öztürk', 'Hoffmann']);
    // Several lists: the one under a key APIs use for their entries, else none, and the message names them.
    expect(column(await json({ results: people, errors: [{ line: 3, message: 'x' }] }), 'ID')).toEqual(['2001', '2002']);
    expect(await tableError(json({ teilnehmende: people, warteliste: people }))).toMatchObject({
      code: 'jsonSeveralLists', params: { first: 'teilnehmende', second: 'warteliste' },
    });
    // One level down is looked at only where the top has no list.
    expect((await tableError(json({ a: people, b: people, c: { d: people } }))).params).toEqual({ first: 'a', second: 'b' });
    expect(await tableError(json({ tag1: { angemeldet: people }, tag2: { angemeldet: people } }))).toMatchObject({
      code: 'jsonSeveralLists', params: { first: 'tag1.angemeldet', second: 'tag2.angemeldet' },
    });
    expect(await tableError(json({ a: people, b: people, c: people }))).toMatchObject({
      code: 'jsonSeveralLists', params: { first: 'a', second: 'b', total: 3, context: 'more' },
    });
  });

  it('JSON: whole numbers of more than 15 digits (64-bit ids) are read as written, not rounded into each other', async () => {
    const json = (text: string, name = 'x.json') => readTable(Buffer.from(text), name);
    const t = await json('[{"id":12345678901234567890,"n":"A","p":1.5,"e":-9007199254740993,"s":"x 12345678901234567891 \\" 12345678901234567892","f":1234567890123456789.5}]');
    expect(t.rows[0]!.cells).toEqual(['12345678901234567890', 'A', '1.5', '-9007199254740993', 'x 12345678901234567891 " 12345678901234567892', String(1234567890123456789.5)]);
    const lines = await json('{"id":12345678901234567890}\n{"id":12345678901234567891}\n', 'x.jsonl');
    expect(lines.rows.map((r) => r.cells[0])).toEqual(['12345678901234567890', '12345678901234567891']);
    // A broken file still says where, in the text as written.
    expect(await tableError(json(`[{"id":12345678901234567890},\n {"a":1,}]`))).toMatchObject({ code: 'jsonInvalidAt', params: { line: 2, char: 9 } });
  });

  it('JSON entries that are no objects are said at their place; only such values, or only empty entries, are no list', async () => {
    const mixed = await readTable(Buffer.from('[1, {"ID":"1","Vorname":"Anna","Nachname":"Schmidt"}, "x", null, {"ID":null,"Vorname":""}, {"ID":"2","Vorname":"Bernd","Nachname":"Müller"}]'), 'x.json');
    // The empty entry (5) is skipped as an empty CSV row is; the others keep their place in the array.
    expect(mixed.rows).toEqual([{ line: 2, cells: ['1', 'Anna', 'Schmidt'] }, { line: 6, cells: ['2', 'Bernd', 'Müller'] }]);
    expect(mixed.problems.map((p) => [p.code, p.line, p.severity, p.params])).toEqual([
      ['jsonNotObject', 1, 'error', { value: '1' }], ['jsonNotObject', 3, 'error', { value: '"x"' }], ['jsonNotObject', 4, 'error', { value: 'null' }],
    ]);
    expect(await tableError(readTable(Buffer.from('["Anna Schmidt", "Bernd Müller"]'), 'x.json'))).toMatchObject({ code: 'jsonNoObjects', params: { value: '"Anna Schmidt"' } });
    expect(await tableError(readTable(Buffer.from('[{"ID":null,"Vorname":null},{},{"Nachname":" "}]'), 'x.json'))).toMatchObject({ code: 'jsonAllEmpty', params: { count: 3 } });
    // An array thousands of levels deep is named in short, not written out (which overflowed the stack).
    const deep = `[${'['.repeat(10_000)}${']'.repeat(10_000)}]`;
    expect(await tableError(readTable(Buffer.from(deep), 'x.json'))).toMatchObject({ code: 'jsonNoObjects', params: { value: '[…]' } });
  });

  it('mixed encodings: each line decoded on its own, the Windows-1252 lines reported', async () => {
    const t = await read('mixed-encoding.csv');
    expect(t.encoding).toBe('mixed');
    expect(t.rows.map((r) => r.cells.join(' '))).toEqual(['1 Jürgen Müller', '2 Käthe Groß']);
    expect(t.problems).toContainEqual(expect.objectContaining({ code: 'mixedEncoding', line: 3, severity: 'warning' }));
  });

  it('formulas in a CSV are text as typed', async () => {
    const t = await read('formulas.csv');
    expect(column(t, 'Organisation')).toEqual(['=HYPERLINK("http://example.org";"x")', '+49 345 000', '=1+1']);
  });

  it('duplicate header names are made unique and reported', async () => {
    const t = await read('duplicate-headers.csv');
    expect(t.headers).toEqual(['ID', 'Vorname', 'Nachname', 'E-Mail', 'E-Mail (2)']);
    expect(t.problems).toContainEqual(expect.objectContaining({ code: 'duplicateHeader', column: 'E-Mail', params: { renamed: 'E-Mail (2)' } }));
  });

  it('several names twice (pretix repeats the address for the invoice) are said in one note (QA16 L1)', async () => {
    const csv = 'Order code;Attendee name;Company;City;Country;Company;City;Country\nAB3XK;Ines Vogt;Stadt Zeitz;Zeitz;DE;Firma X;Halle;DE\n';
    const t = await readTable(Buffer.from(csv), 'orders.csv');
    expect(t.headers.slice(5)).toEqual(['Company (2)', 'City (2)', 'Country (2)']);
    expect(t.problems.filter((p) => p.code === 'duplicateHeader')).toEqual([expect.objectContaining({
      column: 'Company', params: { context: 'several', count: 3, names: '„Company“, „City“, „Country“', renamed: '„Company (2)“, „City (2)“, „Country (2)“' },
    })]);
  });

  it('2 MB in one cell: read, cut to the limit, reported as an error at its line and column', async () => {
    const csv = `ID;Vorname;Nachname;Anmerkungen\r\n1;Anna;Schmidt;${'x'.repeat(2 * 1024 * 1024)}\r\n2;Bernd;Becker;kurz\r\n`;
    const t = await readTable(Buffer.from(csv), 'big.csv');
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]!.cells[3]!.length).toBe(10_000);
    expect(t.rows[1]).toEqual({ line: 3, cells: ['2', 'Bernd', 'Becker', 'kurz'] });
    expect(t.problems).toContainEqual(expect.objectContaining({ code: 'cellTooLong', line: 2, column: 'Anmerkungen', severity: 'error' }));
  });

  it('a first row longer than the part read to find the delimiter, with commas in a note: still read with the header\'s ";"', async () => {
    const note = 'Rollstuhl, Begleitperson. '.repeat(320).trim();
    const answers = Array.from({ length: 8 }, (_, i) => `Antwort ${i}: ${'x'.repeat(9000)}`);
    const csv = `ID;Vorname;Nachname;Hinweise;${answers.map((_, i) => `Frage ${i}`).join(';')}\n1;Lea;Lang;${note};${answers.join(';')}\n2;Max;Mohr;;;;;;;;;\n`;
    for (const bytes of [Buffer.from(csv), Buffer.from(`\uFEFF${csv}`, 'utf16le')]) {
      const t = await readTable(bytes, 'lang.csv');
      expect(t.headers).toHaveLength(12);
      expect(t.rows).toHaveLength(2);
      expect(t.rows[0]!.cells[3]).toBe(note);
    }
  });

  it('a cancelled read stops with "aborted"', async () => {
    const controller = new AbortController();
    controller.abort();
    const csv = `ID;Name\r\n${Array.from({ length: 50_000 }, (_, i) => `${i};Person ${i}`).join('\r\n')}`;
    expect((await tableError(readTable(Buffer.from(csv), 'x.csv', {}, { signal: controller.signal }))).code).toBe('aborted');
  });
});

describe('lists as they go wrong in real life (found by trying to break the reader)', () => {
  const csv = (text: string, name = 'liste.csv') => readTable(Buffer.from(text, 'latin1'), name);
  const utf8csv = (text: string, name = 'liste.csv') => readTable(Buffer.from(text), name);

  it('line breaks mixed in one file (two exports pasted together, CRLF then LF, then CRLF again): every row read, on its line', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `${i + 1};Vor${i};Nach${i}`);
    const t = await utf8csv(`ID;Vorname;Nachname\r\n${rows.slice(0, 3).join('\r\n')}\r\n${rows.slice(3, 5).join('\n')}\n${rows[5]}\r\n`);
    expect(t.rows.map((r) => [r.line, r.cells[0], r.cells[2]])).toEqual([
      [2, '1', 'Nach0'], [3, '2', 'Nach1'], [4, '3', 'Nach2'], [5, '4', 'Nach3'], [6, '5', 'Nach4'], [7, '6', 'Nach5'],
    ]);
    expect(t.problems).toEqual([]);
    // A header with CRLF, the rows with LF only: before, one row (all the others glued to its last cell).
    expect((await utf8csv(`ID;Name\r\n1;Anna\n2;Bernd\n3;Clara\n`)).rows.map((r) => r.cells[1])).toEqual(['Anna', 'Bernd', 'Clara']);
    // Rows from a Mac (CR alone) pasted under rows from Windows, and the other way round; a CR alone in a quoted cell is a line break.
    const mac = await utf8csv('ID;Name\r\n1;Anna\r\n2;Bernd\r3;"Clara\rKlein"\r4;Dora\r\n5;Emil');
    expect(mac.rows.map((r) => [r.line, r.cells[1]])).toEqual([[2, 'Anna'], [3, 'Bernd'], [4, 'Clara\nKlein'], [6, 'Dora'], [7, 'Emil']]);
    expect((await utf8csv('ID;Name\r1;Anna\r2;Bernd\r\n3;Clara\n')).rows.map((r) => [r.line, r.cells[1]])).toEqual([[2, 'Anna'], [3, 'Bernd'], [4, 'Clara']]);
  });

  it('CRLF, LF and CR (the Mac\'s) chosen row by row, a quoted cell with CRLF or LF inside: the same cells and true line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('\r\n', '\n', '\r'), fc.string({ unit: fc.constantFrom('a', 'ä', ' ', 'x', '\r\n', '\n', ';'), minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 12 }),
        async (rows) => {
          const text = `ID;Name\r\n${rows.map(([br, name], i) => `${i + 1};"n${name}"${br}`).join('')}`;
          const t = await utf8csv(text);
          let line = 2;
          expect(t.rows.map((r) => [r.line, r.cells[1]])).toEqual(rows.map(([, name]) => {
            const at = line;
            line += 1 + (name.match(/\n/g)?.length ?? 0);
            return [at, `n${name}`];
          }));
        }),
      { numRuns: 100 },
    );
  });

  it('text after a quoted cell ("Müller" (Gast)) is an error at its line, naming the cell: the rows it would swallow are not lost silently', async () => {
    const t = await utf8csv('ID;Vorname;Nachname;Ort\r\n1;Anna;"Müller" (Gast);Leipzig\r\n2;Bernd;Becker;Halle\r\n3;Clara;Schulz;"Halle; Saale"\r\n');
    expect(t.problems).toContainEqual({ code: 'strayQuote', line: 2, column: null, severity: 'error', params: { text: expect.stringMatching(/^Müller" \(Gast\);Leipzig/) } });
    // A quote inside an unquoted cell is text, as before: no problem.
    const fine = await utf8csv('ID;Name\r\n1;Müller "Jupp" Jürgen\r\n2;Anna\r\n');
    expect(fine.problems).toEqual([]);
    expect(fine.rows.map((r) => r.cells[1])).toEqual(['Müller "Jupp" Jürgen', 'Anna']);
  });

  it('the header repeated in the middle (two exports pasted together) is skipped and said, in CSV and in Excel', async () => {
    const t = await utf8csv('ID;Vorname;Nachname;E-Mail\r\n1;Anna;Schmidt;a@example.org\r\nID;Vorname;Nachname;E-Mail\r\n2;Bernd;Becker;b@example.org\r\n');
    expect(t.rows.map((r) => r.cells[1])).toEqual(['Anna', 'Bernd']);
    expect(t.problems).toEqual([{ code: 'repeatedHeader', line: 3, column: null, severity: 'warning' }]);
    const cells = (r: number, values: string[]) => `<row r="${r}">${values.map((v, i) => `<c r="${'ABC'[i]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    const xlsx = zipSync({
      'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${cells(1, ['Nr', 'Vorname', 'Nachname'])}${cells(2, ['1', 'Anna', 'Schmidt'])}${cells(3, ['Nr', 'Vorname', 'Nachname'])}${cells(4, ['2', 'Bernd', 'Becker'])}</sheetData></worksheet>`),
    });
    const x = await readTable(xlsx, 'liste.xlsx');
    expect(x.rows.map((r) => r.cells[1])).toEqual(['Anna', 'Bernd']);
    expect(x.problems).toEqual([{ code: 'repeatedHeader', line: 3, column: null, severity: 'warning' }]);
    // Someone whose name happens to be a column's name is a person.
    expect((await utf8csv('ID;Vorname;Nachname\r\n1;Vorname;Schmidt\r\n')).rows).toHaveLength(1);
  });

  it('one byte that is no UTF-8 in a file written in UTF-8 (a minified JSON, an old Mac CSV) leaves every other character as written', async () => {
    const json = Buffer.concat([Buffer.from('[{"id":1,"name":"Jürgen Müller","ort":"Weißenfels 😀"},{"id":2,"name":"'), Buffer.from([0x47, 0x72, 0x6f, 0xdf]), Buffer.from('"}]')]);
    const j = await readTable(json, 'api.json');
    expect(j.rows.map((r) => r.cells[1])).toEqual(['Jürgen Müller', 'Groß']);
    expect(column(j, 'ort')).toEqual(['Weißenfels 😀', '']);
    expect(j).toMatchObject({ encoding: 'mixed', problems: [expect.objectContaining({ code: 'mixedEncoding', line: 1 })] });
    // Old Mac line breaks (CR only): the line with the Windows-1252 "ß" is named, the UTF-8 lines stay UTF-8.
    const mac = Buffer.concat([Buffer.from('ID;Name\r1;Zoë\r2;Gro'), Buffer.from([0xdf]), Buffer.from('\r3;Ömer\r')]);
    const m = await readTable(mac, 'liste.csv');
    expect(m.rows.map((r) => r.cells[1])).toEqual(['Zoë', 'Groß', 'Ömer']);
    expect(m.problems).toEqual([expect.objectContaining({ code: 'mixedEncoding', line: 3 })]);
    // In a line of Windows-1252 ("„Groß“"), "ß“" is valid UTF-8 for an N'Ko letter no list holds: read as Windows-1252.
    // A Chinese name in UTF-8 stays one.
    const quote = await readTable(Buffer.concat([Buffer.from('ID;Name\r\n1;Zoë 王芳\r\n2;'), Buffer.from([0x84, 0x47, 0x72, 0x6f, 0xdf, 0x93, 0x0d, 0x0a])]), 'x.csv');
    expect(quote.rows.map((r) => r.cells[1])).toEqual(['Zoë 王芳', '„Groß“']);
  });

  it('a CSV saved under .xlsx is read as what it is; a web page or an Excel 2003 XML file under .xls is refused saying so', async () => {
    expect((await utf8csv('ID;Vorname;Nachname\r\n1;Anna;Schmidt\r\n', 'export.xlsx')).rows).toHaveLength(1);
    const html = await tableError(utf8csv('<html><body><table><tr><td>ID</td><td>Name</td></tr><tr><td>1</td><td>Anna</td></tr></table></body></html>', 'export.xls'));
    expect(html).toMatchObject({ code: 'htmlFile', params: { name: 'export.xls' } });
    const xml = await tableError(utf8csv('<?xml version="1.0"?>\r\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>', 'export.xls'));
    expect(xml).toMatchObject({ code: 'xmlSpreadsheet', params: { name: 'export.xls' } });
    // LibreOffice's flat XML (.fods) has <table:table>, which is no web page.
    expect(await tableError(read('libreoffice-calc.fods'))).toMatchObject({ code: 'flatOpenDocument', params: { name: 'libreoffice-calc.fods' } });
  });

  it('a Numbers file, a Word or Writer document, a zip with the list inside: refused saying what they are, whatever the name', async () => {
    const numbers = zipSync({ 'Index/Document.iwa': new Uint8Array([1, 2, 3]), 'Metadata/Properties.plist': strToU8('<plist/>') });
    expect(await tableError(readTable(numbers, 'Teilnehmer.numbers'))).toMatchObject({ code: 'numbersFile', params: { name: 'Teilnehmer.numbers' } });
    expect((await tableError(readTable(numbers, 'Teilnehmer.xlsx'))).code).toBe('numbersFile');
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(await tableError(readTable(docx, 'Einladung.docx'))).toMatchObject({ code: 'documentFile', params: { name: 'Einladung.docx' } });
    const odt = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') });
    expect((await tableError(readTable(odt, 'Einladung.odt'))).code).toBe('documentFile');
    const packed = zipSync({ 'export/anmeldungen.csv': strToU8('ID;Name\r\n1;Anna\r\n') });
    expect(await tableError(readTable(packed, 'export.zip'))).toMatchObject({ code: 'zipArchive', params: { name: 'export.zip', inner: 'anmeldungen.csv', context: 'inner' } });
    expect(await tableError(readTable(zipSync({ 'bild.png': new Uint8Array([137, 80]) }), 'fotos.zip'))).toMatchObject({ code: 'zipArchive', params: { name: 'fotos.zip' } });
    // The name of the list inside as each packer writes it: Windows' "ZIP-komprimierter Ordner" in the OEM code page
    // (850 on a German Windows, no UTF-8 flag), macOS in UTF-8 without the flag, others in UTF-8 with it.
    const placeholder = zipSync({ 'Teilnehmende MXrz.csv': strToU8('ID;Name\r\n1;Anna\r\n') });
    const windows = Uint8Array.from(placeholder, (b, i) => (b === 0x58 && placeholder[i - 1] === 0x4d ? 0x84 : b));
    expect(await tableError(readTable(windows, 'Anmeldungen.zip'))).toMatchObject({ code: 'zipArchive', params: { inner: 'Teilnehmende März.csv' } });
    const flagged = zipSync({ 'Teilnehmende März.csv': strToU8('ID;Name\r\n1;Anna\r\n') });
    expect(await tableError(readTable(flagged, 'Anmeldungen.zip'))).toMatchObject({ code: 'zipArchive', params: { inner: 'Teilnehmende März.csv' } });
    const mac = Uint8Array.from(flagged);
    for (let at = 0; at + 4 <= mac.length; at++) {
      // Clear bit 11 of the flags in the local (PK 3 4, flags at 6) and central (PK 1 2, flags at 8) headers.
      if (mac[at] !== 0x50 || mac[at + 1] !== 0x4b) continue;
      if (mac[at + 2] === 3 && mac[at + 3] === 4) mac[at + 7]! &= ~0x08;
      if (mac[at + 2] === 1 && mac[at + 3] === 2) mac[at + 9]! &= ~0x08;
    }
    expect(mac).not.toEqual(flagged);
    expect(await tableError(readTable(mac, 'Anmeldungen.zip'))).toMatchObject({ code: 'zipArchive', params: { inner: 'Teilnehmende März.csv' } });
    // Workbooks and LibreOffice spreadsheets still read, whatever their name.
    expect((await readTable(fixture('libreoffice-calc.ods'), 'liste.zip')).rows.length).toBeGreaterThan(0);
    expect((await readTable(fixture('excel-layout.xlsx'), 'liste.numbers')).rows.length).toBeGreaterThan(0);
  });

  it('JSON Lines are entries; broken JSON says its line and character; a thousand levels deep is refused, not a crash', async () => {
    const lines = await utf8csv('{"id":1,"name":"Anna"}\n{"id":2,"name":"Bernd"}\n', 'export.jsonl');
    expect(lines.rows.map((r) => r.cells)).toEqual([['1', 'Anna'], ['2', 'Bernd']]);
    const broken = await tableError(utf8csv('[\n  {"id": 1},\n  {"id": 2} x\n]', 'x.json'));
    expect(broken).toMatchObject({ code: 'jsonInvalidAt', params: { line: 3, char: 13 } });
    const deep = `[{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]`;
    expect((await tableError(utf8csv(deep, 'x.json'))).code).toBe('jsonTooDeep');
  });

  it('Excel\'s text formula ="0012" (exports that keep leading zeros so) is the text in it', async () => {
    const t = await csv('ID;Name;PLZ;Notiz\r\n="0012";Anna;="06667";="sagt ""hallo"""\r\n');
    expect(t.rows[0]!.cells).toEqual(['0012', 'Anna', '06667', 'sagt "hallo"']);
  });
});

describe('CSV reading, property-based', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'ä', 'ß', ' ', ';', ',', '"', '\n', 'x', '€', '\t', '1') , maxLength: 12 });
  const quote = (v: string) => (/[";,\t\n\r]/.test(v) || v.trim() !== v ? `"${v.replace(/"/g, '""')}"` : v);

  it('whatever the cells hold, writing them as CSV and reading them back gives the same cells and true line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }).chain((width) => fc.tuple(
          fc.constantFrom(';', ',', '\t'),
          fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          fc.constant(width),
          fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'),
        )),
        async ([d, rows, width, encoding]) => {
          const headers = Array.from({ length: width }, (_, i) => `Spalte${i}`);
          // Rows made only of empty cells are skipped by design; keep at least one letter in the first cell.
          const body = rows.map((r) => [`p${r[0]}`, ...r.slice(1)]);
          const text = [headers, ...body].map((r) => r.map((v) => quote(v)).join(d)).join('\r\n') + '\r\n';
          const bytes = encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
            : encoding === 'utf-8-bom' ? Buffer.from(`\uFEFF${text}`)
            : encoding === 'windows-1252' ? Buffer.from(new TextEncoderCp1252().encode(text))
            : Buffer.from(text);
          // Windows-1252 bytes that happen to be a UTF-8 sequence ("ä€€" is E4 80 80, a Chinese character) may be read
          // as UTF-8 in a file that mixes both: that is the rule, so such texts are not a counterexample.
          fc.pre(encoding !== 'windows-1252' || !someBytesLookUtf8(bytes));
          const t = await readTable(bytes, 'x.csv', { delimiter: d });
          expect(t.headers).toEqual(headers);
          expect(t.rows.map((r) => r.cells)).toEqual(body);
          let line = 2;
          for (const [i, r] of t.rows.entries()) {
            expect(r.line).toBe(line);
            line += 1 + body[i]!.join('').split('\n').length - 1;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the delimiter is detected from the header and rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(';', ',', '\t'), fc.integer({ min: 2, max: 6 }), async (d, width) => {
        const row = (p: string) => Array.from({ length: width }, (_, i) => `${p}${i}`).join(d);
        const t = await readTable(Buffer.from(`${row('H')}\n${row('a')}\n${row('b')}\n`), 'x.csv');
        expect(t.delimiter).toBe(d);
        expect(t.headers).toHaveLength(width);
      }),
      { numRuns: 60 },
    );
  });
});

/** Windows-1252 for the characters the property test uses (ASCII, umlauts, ß, €). */
class TextEncoderCp1252 {
  encode(text: string): Uint8Array {
    return Uint8Array.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
  }
}

/** A lead byte of UTF-8 followed by a continuation byte anywhere. */
function someBytesLookUtf8(bytes: Buffer): boolean {
  return /[\xc2-\xf4][\x80-\xbf]/.test(bytes.toString('latin1'));
}
