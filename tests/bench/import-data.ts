// Generated registration lists for the import benchmark and the large-list tests: deterministic (seeded),
// realistic German names, organisations and towns, multi-valued cells and the odd quoted cell.
import { createWriteStream, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { mulberry32 } from '../helpers/qr-image';

export const HEADERS = [
  'Anmelde-ID', 'Ticket-Code', 'Vorname', 'Nachname', 'E-Mail', 'Organisation', 'Ort', 'Bundesland', 'Bereich', 'Rolle',
  'Status', 'Tage', 'Workshops', 'Stadtrundgang', 'Anmerkungen', 'Ernährung',
];

const FIRST = ['Jürgen', 'Heike', 'Anna', 'Jörg', 'Sabine', 'Mehmet', 'Olga', 'Thomas', 'Käthe', 'Lukas', 'Marie', 'Ömer', 'Sören', 'Petra', 'Frank'];
const LAST = ['Müller', 'Schäfer', 'Schmidt', 'Weiß', 'Becker', 'Yılmaz', 'Nowak', 'Krüger', 'Hoffmann', 'Groß', 'Zimmermann', 'Köhler', 'Fuchs'];
const ORG = ['Stadt Weißenfels', 'Landkreis Burgenlandkreis', 'Gemeinde Teutschenthal', 'Universität Halle', 'Verein Miteinander e. V.', 'Landesverwaltungsamt'];
const TOWN = ['Weißenfels', 'Halle (Saale)', 'Magdeburg', 'Leipzig', 'Zeitz', 'Naumburg', 'Dessau-Roßlau', 'Merseburg'];
const STATE = ['Sachsen-Anhalt', 'Sachsen', 'Thüringen', 'Berlin', 'Brandenburg'];
const SECTOR = ['Verwaltung', 'Politik', 'Zivilgesellschaft', 'Wissenschaft', 'Bund/Land'];
const WORKSHOPS = ['Workshop A', 'Workshop B', 'Workshop C', ''];
const WALKS = ['Altstadt', 'Neustadt', ''];
const DAYS = ['18.10.2023; 19.10.2023', '18.10.2023', '19.10.2023'];

export interface GeneratedRow {
  cells: string[];
}

/** Row i of the list; `variant` changes a few fields so a re-sync sees them as changed. */
export function registrationRow(i: number, variant = 0): string[] {
  const r = mulberry32(i * 7919 + 17);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const first = pick(FIRST);
  const last = pick(LAST);
  const notes = i % 17 === 0 ? 'Rollstuhl; braucht "barrierefreien" Zugang, bitte Aufzug' : '';
  return [
    String(100000 + i), `T${String(i).padStart(7, '0')}`, first, variant ? `${last}-Neu` : last,
    `${first.toLowerCase()}.${i}@example.org`, pick(ORG), pick(TOWN), pick(STATE), pick(SECTOR), i % 50 === 0 ? 'Referent/in' : 'Teilnehmer/in',
    i % 97 === 0 ? 'storniert' : 'bezahlt', pick(DAYS), pick(WORKSHOPS), pick(WALKS), notes, pick(['vegetarisch', 'vegan', '', '']),
  ];
}

function csvCell(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The list as CSV text (";" and CRLF as Excel writes it in Germany). `changed(i)` marks rows to vary. */
export function registrationCsv(count: number, opts: { delimiter?: string; changed?: (i: number) => boolean } = {}): string {
  const d = opts.delimiter ?? ';';
  const lines = [HEADERS.map((h) => csvCell(h, d)).join(d)];
  for (let i = 1; i <= count; i++) lines.push(registrationRow(i, opts.changed?.(i) ? 1 : 0).map((c) => csvCell(c, d)).join(d));
  return `${lines.join('\r\n')}\r\n`;
}

/** The same list as an .xlsx workbook, written as a stream (sheet "Anmeldungen"). */
export async function writeRegistrationXlsx(file: string, count: number, changed?: (i: number) => boolean): Promise<void> {
  const stream = createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
  const ws = wb.addWorksheet('Anmeldungen');
  ws.addRow(HEADERS).commit();
  for (let i = 1; i <= count; i++) ws.addRow(registrationRow(i, changed?.(i) ? 1 : 0)).commit();
  ws.commit();
  await wb.commit();
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A row of content.xml as LibreOffice Calc writes it: the id a number, the rest text (a line break a new paragraph). */
function odsRow(cells: string[]): string {
  const cell = (v: string, i: number) => {
    if (v === '') return '<table:table-cell/>';
    if (i === 0 && /^\d+$/.test(v)) return `<table:table-cell office:value-type="float" office:value="${v}" calcext:value-type="float"><text:p>${v}</text:p></table:table-cell>`;
    return `<table:table-cell office:value-type="string" calcext:value-type="string">${v.split('\n').map((p) => `<text:p>${xml(p)}</text:p>`).join('')}</table:table-cell>`;
  };
  return `<table:table-row table:style-name="ro1">${cells.map(cell).join('')}</table:table-row>`;
}

/**
 * The same list as a LibreOffice spreadsheet (.ods, sheet "Anmeldungen"), its content.xml deflated as it is written
 * (100 000 rows are about 180 MB of XML): the namespaces, value types and paragraphs of LibreOffice Calc 7.
 */
export async function writeRegistrationOds(file: string, count: number): Promise<void> {
  const parts: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, data, final) => {
      if (err) return reject(err);
      parts.push(data);
      if (final) resolve();
    });
    const mimetype = new ZipPassThrough('mimetype');
    zip.add(mimetype);
    mimetype.push(strToU8('application/vnd.oasis.opendocument.spreadsheet'), true);
    const manifest = new ZipDeflate('META-INF/manifest.xml');
    zip.add(manifest);
    manifest.push(strToU8('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
      + '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
      + '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'), true);
    const content = new ZipDeflate('content.xml', { level: 6 });
    zip.add(content);
    content.push(strToU8('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      + 'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      + 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">'
      + '<office:automatic-styles><style:style style:name="ro1" style:family="table-row"/><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style></office:automatic-styles>'
      + `<office:body><office:spreadsheet><table:table table:name="Anmeldungen" table:style-name="ta1">${odsRow(HEADERS)}`));
    for (let from = 1; from <= count; from += 1000) {
      const rows: string[] = [];
      for (let i = from; i < Math.min(count + 1, from + 1000); i++) rows.push(odsRow(registrationRow(i)));
      content.push(strToU8(rows.join('')));
    }
    content.push(strToU8('</table:table></office:spreadsheet></office:body></office:document-content>'), true);
    zip.end();
  });
  await done;
  writeFileSync(file, Buffer.concat(parts));
}
