import { posix } from 'node:path';
import { showNumber, shownNumberOf, type ShownNumber } from './number-format';
import type { CellValue, SheetRow } from './spreadsheet';
import { TableError } from './table';
import { XmlScanner, type XmlHandler } from './xml-scanner';
import type { ZipEntries } from './zip-entries';

/**
 * The parts of an .xlsx workbook (Office Open XML, ECMA-376) a table is read from: the sheets in tab order, the
 * shared strings, which cell styles show dates, and the date system. Each part is an XML file in the zip, parsed
 * as a stream by XmlScanner; names are compared without their namespace prefix (`x:row` is a `row`).
 */

export type { XmlHandler } from './xml-scanner';

/**
 * Feeds one XML file of the zip to `handler`, a chunk at a time; yields the share of the file read after each chunk,
 * so the caller can take what the handler has collected before asking for more.
 */
export async function* feedXml(zip: ZipEntries, name: string, handler: XmlHandler): AsyncGenerator<number> {
  const parser = new XmlScanner(handler);
  const decoder = new TextDecoder('utf-8');
  const size = Math.max(1, zip.size(name));
  let read = 0;
  for await (const chunk of zip.chunks(name)) {
    read += chunk.length;
    parser.write(decoder.decode(chunk, { stream: true }));
    yield Math.min(1, read / size);
  }
  parser.write(decoder.decode());
  parser.close();
}

async function parseXml(zip: ZipEntries, name: string, handler: XmlHandler): Promise<void> {
  for await (const _ of feedXml(zip, name, handler)) { /* the handler collects */ }
}

/** Relationships of a part: id → target file in the zip, and the targets by type (the last segment of its URI). */
async function relationships(zip: ZipEntries, part: string): Promise<{ byId: Map<string, string>; byType: Map<string, string> }> {
  const dir = posix.dirname(part);
  const rels = posix.join(dir, '_rels', `${posix.basename(part)}.rels`);
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  if (!zip.has(rels)) return { byId, byType };
  await parseXml(zip, rels, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join(dir, a.Target));
      if (a.Id) byId.set(a.Id, target);
      const type = (a.Type ?? '').slice((a.Type ?? '').lastIndexOf('/') + 1);
      if (!byType.has(type)) byType.set(type, target);
    },
    text() {},
    close() {},
  });
  return { byId, byType };
}

export interface SheetPart {
  name: string;
  /** Hidden in Excel (`state="hidden"` or `"veryHidden"`): a helper sheet the person who saved the list did not see. */
  hidden: boolean;
  /** The sheet's XML file in the zip. */
  file: string;
}

export interface Workbook {
  /** Worksheets in tab order (chart sheets left out). */
  sheets: SheetPart[];
  strings: string[];
  /** Per cell style (the `s` of a cell): whether its number format shows a date or time. */
  dateStyles: boolean[];
  /** Per cell style: the digits its number format pads a whole number to with zeros ("00000", a German postcode), else 0. */
  zeroPadStyles: number[];
  /** By style: how a percentage or an amount of money is shown (null for other numbers). */
  shownStyles: (ShownNumber | null)[];
  /** The 1904 date system (old Mac workbooks): day 0 is 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

/** Reads everything but the rows: small parts, except the shared strings (every distinct text of the workbook). */
export async function readWorkbook(zip: ZipEntries): Promise<Workbook> {
  const root = await relationships(zip, '');
  const bookFile = root.byType.get('officeDocument') ?? 'xl/workbook.xml';
  if (!zip.has(bookFile)) return { sheets: [], strings: [], dateStyles: [], zeroPadStyles: [], shownStyles: [], date1904: false };
  const rels = await relationships(zip, bookFile);
  const listed: { name: string; rel: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parseXml(zip, bookFile, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rel = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
      if (a.name && rel) listed.push({ name: a.name, rel, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
    text() {},
    close() {},
  });
  const sheets = listed.flatMap((s) => {
    const file = rels.byId.get(s.rel);
    return file && /worksheets\//i.test(file) && zip.has(file) ? [{ name: s.name, file, hidden: s.hidden }] : [];
  });
  const stringsFile = rels.byType.get('sharedStrings') ?? 'xl/sharedStrings.xml';
  const stylesFile = rels.byType.get('styles') ?? 'xl/styles.xml';
  const styles = zip.has(stylesFile) ? await numberStyles(zip, stylesFile) : { dates: [], zeroPads: [], shown: [] };
  return {
    sheets,
    strings: zip.has(stringsFile) ? await sharedStrings(zip, stringsFile) : [],
    dateStyles: styles.dates,
    zeroPadStyles: styles.zeroPads,
    shownStyles: styles.shown,
    date1904,
  };
}

/**
 * Rich text is the text of its runs; phonetic guides (`rPh`, furigana) are not part of what a cell shows. Each text
 * is copied out of the chunk it was cut from, so the chunks of the XML are not kept alive by the strings.
 */
async function sharedStrings(zip: ZipEntries, file: string): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let run = '';
  let total = 0;
  let inText = false;
  let phonetic = 0;
  await parseXml(zip, file, {
    open(name) {
      if (name === 'si') text = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) {
        inText = true;
        run = '';
      }
    },
    text(t) {
      if (inText) run += t;
    },
    close(name) {
      if (name === 't') {
        // Escaped run by run: an escape never spans two runs of rich text.
        if (inText) text += unescapeXstring(run);
        inText = false;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        total += text.length;
        // A zip inflating to more text than any registration list holds (a zip bomb) is refused, not held.
        if (total > MAX_SHARED_TEXT) throw new TableError('tooLarge');
        strings.push(detach(text));
      }
    },
  });
  return strings;
}

const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Text as Excel and XlsxWriter save it (ST_Xstring, ECMA-376 part 1, 22.9.2.19): a carriage return or a character
 * XML cannot hold is written `_xHHHH_` ("Groß_x000D_"), and the "_" of a literal "_xHHHH_" as `_x005F_`; one pass
 * from the left decodes both. Text without "_x" (nearly all of it) is not searched.
 */
export function unescapeXstring(s: string): string {
  return s.includes('_x') ? s.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : s;
}

/** Characters of shared text taken at most: the benchmark's 100 000 people (ids, codes, e-mail addresses) have 3.7 million. */
const MAX_SHARED_TEXT = 50_000_000;

/** The last column Excel has (XFD): a reference beyond it is not a worksheet's. */
export const MAX_COLUMN = 16_384;

/** A copy of `s` that does not point into a larger string (V8 keeps a cut-out piece as a view of its parent). */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** Number formats Excel has built in that show a date or a time (ECMA-376 part 1, 18.8.30). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code that shows a date or time: y, m, d, h or s outside of quoted text, [colours] and escaped characters. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/[_*]./g, '');
  return /[ymdhs]/i.test(bare);
}

/**
 * The digits a format code pads whole numbers to: its first section only zeros ("00000", "000000;@"). Excel's
 * "postcode" format, and ids or numbers kept with their leading zeros: "06667" is what the sheet shows.
 */
export function zeroPadOf(code: string): number {
  const m = /^(0{2,})(?:;|$)/.exec(code);
  return m ? m[1]!.length : 0;
}

async function numberStyles(zip: ZipEntries, file: string): Promise<{ dates: boolean[]; zeroPads: number[]; shown: (ShownNumber | null)[] }> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await parseXml(zip, file, {
    open(name, a) {
      if (name === 'numFmt') formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return {
    dates: xfs.map((id) => {
      const custom = formats.get(id);
      return custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATES.has(id);
    }),
    zeroPads: xfs.map((id) => zeroPadOf(formats.get(id) ?? '')),
    shown: xfs.map((id) => shownNumberOf(id, formats.get(id))),
  };
}


/** Column number of a cell reference: "A1" → 1, "AB12" → 28; 0 when it is not one. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

/** Day 2958466 would be 1 January 10000: Excel shows #### for a date from then on, and for one before day 0. */
const END_OF_DATES = 2_958_466;

/** A number Excel shows as a date where its format is one: a phone number typed into a date column is not. */
function isExcelDate(serial: number, date1904: boolean): boolean {
  return serial >= 0 && serial + (date1904 ? 1462 : 0) < END_OF_DATES;
}

/** A cell's reference from its column and row number: (28, 12) → "AB12". */
function cellName(col: number, row: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** A serial date of Excel (days since 1899-12-30, or since 1904-01-01) as a moment in UTC, to the millisecond. */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A fraction of a day as hh:mm, or hh:mm:ss when it has seconds. */
export function timeOfDay(fraction: number): string {
  const seconds = Math.round(fraction * 86_400) % 86_400;
  const two = (n: number) => String(n).padStart(2, '0');
  const hm = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 === 0 ? hm : `${hm}:${two(seconds % 60)}`;
}

/**
 * The rows of one sheet, collected while its XML is fed through: take `done` between chunks. A row or cell without
 * its reference (some writers leave them out) follows the previous one. Formulas are never evaluated: the value
 * saved with the formula is used; a shared formula's dependent cells carry the formula text of its first cell.
 */
export class SheetRows implements XmlHandler {
  done: SheetRow[] = [];
  private row: CellValue[] | null = null;
  private rowNumber = 0;
  private col = 0;
  private type = 'n';
  private style = 0;
  private formula: string | null = null;
  private sharedFormula: string | null = null;
  private value: string | null = null;
  private inline: string | null = null;
  private capture: 'f' | 'v' | 't' | null = null;
  private buffer = '';
  private inInline = false;
  private phonetic = 0;
  private readonly sharedFormulas = new Map<string, string>();

  constructor(private readonly book: Workbook) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'row': {
        const r = a.r ? Number.parseInt(a.r, 10) : Number.NaN;
        this.rowNumber = r > 0 ? r : this.rowNumber + 1;
        this.row = [];
        this.col = 0;
        break;
      }
      case 'c': {
        const col = a.r ? columnOf(a.r) : 0;
        this.col = col > 0 ? col : this.col + 1;
        if (this.col > MAX_COLUMN) throw new Error(`cell ${a.r ?? this.col} lies beyond column XFD`);
        this.type = a.t ?? 'n';
        this.style = a.s ? Number(a.s) : 0;
        this.formula = this.value = this.inline = null;
        break;
      }
      case 'f':
        this.start('f');
        this.sharedFormula = a.t === 'shared' && a.si !== undefined ? a.si : null;
        break;
      case 'v':
        this.start('v');
        break;
      case 'is':
        this.inInline = true;
        this.inline = '';
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0) this.start('t');
        break;
    }
  }

  private start(what: 'f' | 'v' | 't'): void {
    this.capture = what;
    this.buffer = '';
  }

  text(text: string): void {
    if (this.capture) this.buffer += text;
  }

  close(name: string): void {
    switch (name) {
      case 'f':
        this.formula = this.buffer;
        if (this.sharedFormula !== null) {
          if (this.buffer) this.sharedFormulas.set(this.sharedFormula, this.buffer);
          else this.formula = this.sharedFormulas.get(this.sharedFormula) ?? '';
        }
        this.capture = null;
        break;
      case 'v':
        this.value = this.buffer;
        this.capture = null;
        break;
      case 't':
        if (this.capture === 't') this.inline += unescapeXstring(this.buffer);
        this.capture = null;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        if (this.row) this.row[this.col] = this.cellValue();
        break;
      case 'row':
        if (this.row) this.done.push({ number: this.rowNumber, values: this.row });
        this.row = null;
        break;
    }
  }

  private cellValue(): CellValue {
    const v = this.value;
    // Text written into the sheet (not shared) is detached from the chunk it was cut from, as in an .ods.
    if (this.type === 'inlineStr') return detach(this.inline ?? v ?? '');
    if (v === null) return this.formula !== null ? { formula: this.formula } : null;
    switch (this.type) {
      case 's': {
        const text = this.book.strings[Number.parseInt(v, 10)];
        if (text !== undefined) return text;
        // No index, no text lost; a text that is not there (a damaged file, the shared strings left out) would
        // otherwise be an empty cell: a first name gone without a word.
        if (v.trim() === '') return null;
        throw new TableError('xlsxCorrupt', { detail: `Zelle ${cellName(this.col, this.rowNumber)}: gemeinsamer Text ${v.trim().slice(0, 12)} fehlt` });
      }
      case 'str':
        return detach(unescapeXstring(v));
      case 'b':
        return v.trim() === '1' || v.trim() === 'true';
      case 'e':
        return { error: v };
      case 'd': {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        // openpyxl saves a formula it cannot compute with an empty value (`<f>H2*2</f><v></v>`): no number was saved.
        if (v.trim() === '') return this.formula !== null ? { formula: this.formula } : null;
        const n = Number(v);
        if (Number.isNaN(n)) return v;
        // A number no date can be (a phone number in a date column, which Excel shows as ####) is read as the number.
        if (!this.book.dateStyles[this.style] || !isExcelDate(n, this.book.date1904)) {
          const shown = this.book.shownStyles[this.style];
          if (shown) return showNumber(n, shown);
          const pad = this.book.zeroPadStyles[this.style] ?? 0;
          return pad > 0 && Number.isSafeInteger(n) && n >= 0 ? String(n).padStart(pad, '0') : n;
        }
        // A time without a date (a start time in a programme column) is shown as Excel shows it: 09:00.
        return n >= 0 && n < 1 ? timeOfDay(n) : excelDate(n, this.book.date1904);
      }
    }
  }
}
