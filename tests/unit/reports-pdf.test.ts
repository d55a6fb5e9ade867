import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { insertCheckIn } from '../../db/queries/check-ins';
import { updateOrganisation } from '../../electron/core/reports/organisation';
import { knownEvent } from '../helpers/known-event';
import { pdfFonts, pdfPageCount, pdfText, renderedInk, requirePoppler } from '../helpers/pdf-tools';
import { berlin, KNOWN } from '../helpers/report-fixture';
import { exportBytes } from '../helpers/run-export';
import { PNG } from 'pngjs';

let db: Db | undefined;
afterEach(() => db?.close());
beforeAll(() => requirePoppler());

/** A small PNG logo: a blue square with a white bar. */
function logoPng(): string {
  const png = new PNG({ width: 60, height: 30 });
  for (let i = 0; i < 60 * 30; i++) {
    const white = i % 60 > 20 && i % 60 < 40;
    png.data.set(white ? [255, 255, 255, 255] : [40, 60, 200, 255], i * 4);
  }
  return PNG.sync.write(png).toString('base64');
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('PDF exports', () => {
  it('statistics: German text with umlauts, embedded Unicode fonts only, charts drawn on every page', async () => {
    const k = await knownEvent();
    db = k.db;
    const { bytes, fileName } = await exportBytes(db, { report: 'stats', format: 'pdf' }, k.env);
    expect(fileName).toBe('Fachtag-Zusammenhalt_Statistik_2023-10-20.pdf');
    const text = squash(pdfText(bytes));
    for (const s of ['Statistik der Teilnahme', 'Fachtag Zusammenhalt', '18.–19.10.2023 · Weißenfels', 'Anwesenheitsquote', 'Mittwoch, 18.10.2023',
      'Nach Bereich', 'Verwaltung', 'Nach Organisationsart', 'Stadt / Gemeinde', 'Ankünfte am Einlass je Viertelstunde', 'Workshop 3: Konflikte moderieren', 'Seite 1 von']) {
      expect(text).toContain(s);
    }
    // 4 of 5 registered present: 80 %.
    expect(text).toContain('80 %');
    // The walk's name says what it is: not labelled twice.
    expect(text).toContain('Stadtrundgang Altstadt');
    expect(text).not.toContain('(Stadtrundgang)');
    // The programme table's headers break between words only („Angemeld|et“, QA14 C3).
    const words = text.split(' ');
    for (const w of ['Programmpunkt', 'Plätze', 'Angemeldet', 'Anwesend', 'Nicht', 'erschienen', 'Ohne', 'Anmeldung', 'dabei']) expect(words).toContain(w);
    const fonts = pdfFonts(bytes);
    expect(fonts).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
    const ink = renderedInk(bytes);
    expect(ink.length).toBe(pdfPageCount(bytes));
    for (const page of ink) expect(page).toBeGreaterThan(0.01);
  });

  it('certificates: one page per person present, names with ß, ı and Ç, what they attended, the logo', async () => {
    const k = await knownEvent();
    db = k.db;
    updateOrganisation(db, { name: 'Verein für Straßenkultur e. V.', logo: logoPng() });
    const { bytes, rows } = await exportBytes(db, { report: 'certificates', format: 'pdf' }, k.env);
    expect(rows).toBe(4);
    expect(pdfPageCount(bytes)).toBe(4);
    const pages = pdfText(bytes).split('\f').filter((p) => p.trim()).map(squash);
    expect(pages).toHaveLength(4);
    const yilmaz = pages.find((p) => p.includes('Işıl Yılmaz-Öztürk'))!;
    expect(yilmaz).toContain('Teilnahmebescheinigung');
    expect(yilmaz).toContain('Verein für Straßenkultur e. V.');
    expect(yilmaz).toContain('am 18.–19.10.2023 in Weißenfels');
    expect(yilmaz).toContain('Mittwoch, 18.10.2023');
    expect(yilmaz).not.toContain('Workshop 3'); // undone there
    const mueller = pages.find((p) => p.includes('Jürgen Müller'))!;
    expect(mueller).toContain('Mittwoch, 18.10.2023, Donnerstag, 19.10.2023');
    expect(mueller).toContain('Workshop 3: Konflikte moderieren – 18.10.2023, 14:00 Uhr');
    expect(mueller).toContain('Weißenfels, den 20.10.2023');
    expect(pages.some((p) => p.includes('Ömer Çelik'))).toBe(true);
    expect(pages.some((p) => p.includes('Weiß') && p.includes('Grete'))).toBe(false);
    expect(pages.some((p) => p.includes('Storniert'))).toBe(false);
    // The logo is on the page: the top left corner has ink.
    expect(renderedInk(bytes).every((x) => x > 0.02)).toBe(true);
  });

  it('one certificate from a person\'s detail, and a ZIP with one PDF per person', async () => {
    const k = await knownEvent();
    db = k.db;
    const one = await exportBytes(db, { report: 'certificates', format: 'pdf', registrationId: 'p1' }, k.env);
    expect(one.fileName).toBe('Teilnahmebescheinigung_Mueller_Juergen.pdf');
    expect(pdfPageCount(one.bytes)).toBe(1);
    expect(squash(pdfText(one.bytes))).toContain('Jürgen Müller');
    // At a walk whose name says what it is: listed once as that, not „… (Stadtrundgang)“.
    db.prepare("UPDATE check_in_lists SET name = 'Stadtrundgang: Altstadt und Schloss' WHERE id = 'walk'").run();
    insertCheckIn(db, { id: 'c-walk', listId: 'walk', registrationId: 'p1', type: 'entry', undoesId: null, method: 'camera', scannedAt: berlin(KNOWN.day2, '10:02'), uploadedAt: berlin(KNOWN.day2, '10:02'), stationId: k.stationId });
    const walked = squash(pdfText((await exportBytes(db, { report: 'certificates', format: 'pdf', registrationId: 'p1' }, k.env)).bytes));
    expect(walked).toContain('Stadtrundgang: Altstadt und Schloss – 19.10.2023, 10:00 Uhr');
    expect(walked).not.toContain('(Stadtrundgang)');
    const zip = await exportBytes(db, { report: 'certificates', format: 'zip' }, k.env);
    const files = unzipSync(new Uint8Array(zip.bytes));
    expect(Object.keys(files).sort()).toEqual([
      'Teilnahmebescheinigung_Celik_Oemer.pdf', 'Teilnahmebescheinigung_Mueller_Juergen.pdf',
      'Teilnahmebescheinigung_SUM-1-2_HYPERLINK-http-evil-example-klick.pdf', 'Teilnahmebescheinigung_Yilmaz-Oeztuerk_Isil.pdf',
    ]);
    for (const pdf of Object.values(files)) {
      expect(strFromU8(pdf.subarray(0, 5))).toBe('%PDF-');
      expect(pdfPageCount(Buffer.from(pdf))).toBe(1);
    }
    expect(squash(pdfText(Buffer.from(files['Teilnahmebescheinigung_Yilmaz-Oeztuerk_Isil.pdf']!)))).toContain('Işıl Yılmaz-Öztürk');
  });

  it('refuses a certificate for someone who was not there, and a logo that is not an image', async () => {
    const k = await knownEvent();
    db = k.db;
    await expect(exportBytes(db, { report: 'certificates', format: 'pdf', registrationId: 'p3' }, k.env)).rejects.toMatchObject({ code: 'bad_request', details: { reason: 'not_present' } });
    expect(() => updateOrganisation(db!, { logo: Buffer.from('<svg/>').toString('base64') })).toThrow(expect.objectContaining({ details: { reason: 'logo_type' } }));
    const broken = Buffer.from(logoPng(), 'base64').subarray(0, 60).toString('base64');
    expect(() => updateOrganisation(db!, { logo: broken })).toThrow(expect.objectContaining({ details: { reason: 'logo_unreadable' } }));
  });
});
