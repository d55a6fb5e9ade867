import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { knownEvent } from '../helpers/known-event';
import { KNOWN } from '../helpers/report-fixture';
import { exportBytes } from '../helpers/run-export';
import { HOSTILE } from '../helpers/hostile-strings';

let db: Db | undefined;
afterEach(() => db?.close());

function parse(bytes: Buffer, delimiter: string): string[][] {
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const result = Papa.parse<string[]>(text.slice(1), { delimiter, newline: '\r\n', skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('CSV export', () => {
  it('is UTF-8 with BOM, ";" and CRLF, parses back to the same values, with German dates and numbers', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes, fileName } = await exportBytes(db, { report: 'attendance', format: 'csv' }, k.env);
    expect(fileName).toMatch(/_Anwesenheit_2023-10-20\.csv$/);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('\r\n');
    const [header, ...data] = parse(bytes, ';');
    const col = (name: string) => header!.indexOf(name);
    const mueller = data.find((r) => r[0] === 'Müller')!;
    expect(mueller[col('Vorname')]).toBe('Jürgen');
    expect(mueller[col('Organisation')]).toBe('Stadt Weißenfels');
    expect(mueller[col('Erster Check-in')]).toBe('18.10.2023 09:05');
    expect(mueller[col('Besuchte Programmpunkte')]).toBe('Workshop 3: Konflikte moderieren (14:02 Uhr)');
    expect(data.find((r) => r[0] === 'Yılmaz-Öztürk')![col('Vorname')]).toBe('Işıl');
    expect(data.find((r) => r[0] === 'Weiß')![col('Nicht erschienen')]).toBe('ja');
  });

  it('with "," as delimiter: decimal point and ISO-like dates', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes } = await exportBytes(db, { report: 'sessions', format: 'csv', delimiter: ',' }, k.env);
    const [header, ...data] = parse(bytes, ',');
    const workshop = data.find((r) => r[1] === 'Workshop 3: Konflikte moderieren')!;
    expect(workshop[header!.indexOf('Tag')]).toBe('2023-10-18');
    expect(workshop[header!.indexOf('Anwesenheitsquote')]).toBe('50%');
    expect(workshop[header!.indexOf('Auslastung')]).toBe('100%');
  });

  it('statistics as one long table: section, category, counts, shares', async () => {
    const k = await knownEvent();
    db = k.db;
    const [header, ...data] = parse((await exportBytes(db, { report: 'stats', format: 'csv' }, k.env)).bytes, ';');
    expect(header).toEqual(['Abschnitt', 'Kategorie', 'Angemeldet', 'Anwesend', 'Anteil an allen Anwesenden', 'Anwesenheitsquote']);
    expect(data).toContainEqual(['Anwesenheit nach Tag', '18.10.2023', '5', '3', '', '60%']);
    expect(data).toContainEqual(['Nach Bereich', 'Verwaltung', '2', '1', '25%', '50%']);
    expect(data).toContainEqual(['Nach Organisationsart', 'Verein / Verband / Netzwerk', '1', '1', '25%', '100%']);
    expect(data).toContainEqual(['Ankünfte 18.10.2023', '09:00', '', '2', '', '']);
  });

  it('neutralises every hostile string and keeps it readable; unpicked personal fields are not in the file', async () => {
    const k = await knownEvent();
    db = k.db;
    // Every hostile string as an extra registration field of one person.
    const extra = Object.fromEntries(HOSTILE.map((h, i) => [`Feld ${i}`, h]));
    db.prepare("UPDATE registrations SET extra = ? WHERE id = 'p6'").run(JSON.stringify(extra));
    const columns = ['lastName', 'firstName', 'organisation', ...HOSTILE.map((_, i) => `extra:Feld ${i}`)];
    const { bytes } = await exportBytes(db, { report: 'attendance', format: 'csv', columns: { attendance: columns } }, k.env);
    const [header, ...data] = parse(bytes, ';');
    expect(header).toHaveLength(columns.length);
    const row = data.find((r) => r[0]!.includes('SUM'))!;
    expect(row.slice(0, 3)).toEqual([`'${KNOWN.hostile.lastName}`, `'${KNOWN.hostile.firstName}`, `'${KNOWN.hostile.organisation}`]);
    expect(row.slice(3)).toEqual(HOSTILE.map((h) => `'${h}`));
    for (const cell of data.flat()) expect(cell).not.toMatch(/^[\s]*[=+\-@]/);
    const text = bytes.toString('utf8');
    for (const p of KNOWN.people) for (const v of [p.code, p.email]) expect(text).not.toContain(v);
  });

  it('the log keeps refused scans with their raw code only when "Code" is picked', async () => {
    const k = await knownEvent();
    db = k.db;
    const plain = (await exportBytes(db, { report: 'log', format: 'csv' }, k.env)).bytes.toString('utf8');
    expect(plain).not.toContain('ZZZZ-9999');
    const withCode = parse((await exportBytes(db, { report: 'log', format: 'csv', columns: { log: ['scannedAt', 'recordType', 'reason', 'code', 'station'] } }, k.env)).bytes, ';');
    expect(withCode).toContainEqual(['18.10.2023 09:14:00', 'Abgewiesen', 'Code unbekannt', 'ZZZZ-9999', 'Einlass 1']);
  });
});
