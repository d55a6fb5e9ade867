import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { knownEvent } from '../helpers/known-event';
import { KNOWN } from '../helpers/report-fixture';
import { exportBytes } from '../helpers/run-export';

let db: Db | undefined;
afterEach(() => db?.close());

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function rows(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => out.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return out;
}

/** Raw XML of every part of the workbook, to check what is (not) in the file at all. */
function rawXml(bytes: Buffer): string {
  return Object.values(unzipSync(new Uint8Array(bytes))).map((f) => strFromU8(f)).join('\n');
}

describe('XLSX export', () => {
  it('attendance: German headers, frozen header row, filter, real dates in local time, fitting widths', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes, fileName, rows: count } = await exportBytes(db, { report: 'attendance', format: 'xlsx' }, k.env);
    expect(fileName).toBe('Fachtag-Zusammenhalt_Anwesenheit_2023-10-20.xlsx');
    expect(count).toBe(6);
    const ws = (await readBack(bytes)).getWorksheet('Anwesenheit')!;
    const [header, ...data] = rows(ws);
    expect(header!.slice(0, 4)).toEqual(['Nachname', 'Vorname', 'Organisation', 'Organisationsart']);
    expect(header).toContain('Einlass 18.10.2023');
    expect(header).toContain('Workshop 3: Konflikte moderieren');
    expect(header).not.toContain('E-Mail');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(header!.length).letter}7`);
    const col = (name: string) => header!.indexOf(name);
    const mueller = data.find((r) => r[0] === 'Müller')!;
    const first = mueller[col('Erster Check-in')] as Date;
    expect(first).toBeInstanceOf(Date);
    // 09:05 in Weißenfels, shown as 09:05 (spreadsheets have no time zones).
    expect(first.toISOString()).toBe('2023-10-18T09:05:00.000Z');
    expect(ws.getCell(2, col('Erster Check-in') + 1).numFmt).toBe('dd.mm.yyyy hh:mm');
    expect(mueller[col('Tage anwesend')]).toBe(2);
    expect((mueller[col('Workshop 3: Konflikte moderieren')] as Date).toISOString()).toBe('2023-10-18T14:02:00.000Z');
    const weiss = data.find((r) => r[0] === 'Weiß')!;
    expect(weiss[col('Nicht erschienen')]).toBe('ja');
    expect(weiss[col('Workshop 3: Konflikte moderieren')]).toBe('angemeldet, nicht da');
    const yilmaz = data.find((r) => r[0] === 'Yılmaz-Öztürk')!;
    expect(yilmaz[col('Workshop 3: Konflikte moderieren')] ?? null).toBeNull();
    expect(yilmaz[col('Vorname')]).toBe('Işıl');
    expect(ws.getColumn(col('Organisation') + 1).width).toBeGreaterThanOrEqual('Integrationsnetzwerk Burgenlandkreis e.V.'.length);
    expect(ws.getColumn(col('Tage anwesend') + 1).width).toBeLessThan(20);
  });

  it('neutralises formula-like cells, so a hostile name stays text', async () => {
    const k = await knownEvent();
    db = k.db;
    const all = ['lastName', 'firstName', 'organisation', 'email', 'notes'];
    const { bytes } = await exportBytes(db, { report: 'attendance', format: 'xlsx', columns: { attendance: all } }, k.env);
    const wb = await readBack(bytes);
    const data = rows(wb.worksheets[0]!);
    const hostile = data.find((r) => String(r[0]).includes('SUM'))!;
    expect(hostile).toEqual([`'${KNOWN.hostile.lastName}`, `'${KNOWN.hostile.firstName}`, `'${KNOWN.hostile.organisation}`, `'${KNOWN.hostile.email}`, `'${KNOWN.hostile.notes}`]);
    // Not a formula cell anywhere in the file.
    expect(rawXml(bytes)).not.toMatch(/<f>|<f /);
  });

  it('exports only the picked columns: personal fields not picked are not in the file at all', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes } = await exportBytes(db, { report: 'attendance', format: 'xlsx', columns: { attendance: ['organisationType', 'sector', 'daysPresent', 'extra:Essen'] } }, k.env);
    const xml = rawXml(bytes);
    for (const p of KNOWN.people) for (const v of [p.lastName, p.code, p.email]) expect(xml).not.toContain(v);
    expect(xml).not.toContain('+49 171');
    const data = rows((await readBack(bytes)).worksheets[0]!);
    expect(data[0]).toEqual(['Organisationsart', 'Bereich', 'Essen', 'Tage anwesend']);
    expect(data.slice(1).map((r) => r[2] ?? null)).toContain('vegetarisch');
  });

  it('a phone number is written as it is, without the apostrophe a formula-like text gets', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes } = await exportBytes(db, { report: 'attendance', format: 'xlsx', columns: { attendance: ['lastName', 'extra:Telefon'] } }, k.env);
    const data = rows((await readBack(bytes)).worksheets[0]!);
    expect(data.find((r) => r[0] === 'Müller')).toEqual(['Müller', '+49 171 0000000']);
  });

  it('one workbook with every table report, one sheet each; the log has every record with both times', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes } = await exportBytes(db, { report: 'all', format: 'xlsx' }, k.env);
    const wb = await readBack(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Anwesenheit', 'Programmpunkte', 'Check-in-Protokoll', 'Statistik', 'Ankünfte je Viertelstunde']);
    const log = rows(wb.getWorksheet('Check-in-Protokoll')!);
    expect(log[0]!.slice(0, 5)).toEqual(['Zeitpunkt (Scan)', 'Übertragen', 'Liste', 'Vorgang', 'Grund']);
    expect(log).toHaveLength(1 + 9 + 3);
    const kinds = log.slice(1).map((r) => r[3]);
    expect(kinds.filter((x) => x === 'Einlass')).toHaveLength(8);
    expect(kinds.filter((x) => x === 'Rückgängig')).toHaveLength(1);
    expect(kinds.filter((x) => x === 'Abgewiesen')).toHaveLength(3);
    expect(log.slice(1).map((r) => r[4]).filter(Boolean).sort()).toEqual(['Anmeldung storniert', 'Code unbekannt', 'bereits eingecheckt']);
    const scanned = log.slice(1).map((r) => (r[0] as Date).toISOString());
    expect(scanned).toEqual([...scanned].sort());
    const sessions = rows(wb.getWorksheet('Programmpunkte')!);
    const workshop = sessions.find((r) => r[1] === 'Workshop 3: Konflikte moderieren')!;
    expect(sessions[0]).toEqual(['Art', 'Programmpunkt', 'Tag', 'Beginn', 'Plätze', 'Angemeldet', 'Anwesend', 'davon angemeldet', 'Nicht erschienen', 'Ohne Anmeldung dabei', 'davon Nachmeldungen', 'Auslastung', 'Anwesenheitsquote']);
    expect(workshop.slice(4)).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 0.5]);
    expect((workshop[2] as Date).toISOString()).toBe('2023-10-18T00:00:00.000Z');
    const stats = rows(wb.getWorksheet('Statistik')!);
    expect(stats).toContainEqual(['Überblick', 'Angemeldet', 5, 4, null, 0.8].map((v) => v ?? undefined));
  });
});
