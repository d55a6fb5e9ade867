// Generated registration lists for the import benchmark and the large-list tests: deterministic (seeded),
// realistic German names, organisations and towns, multi-valued cells and the odd quoted cell.
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
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
