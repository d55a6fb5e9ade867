import { damaged, hasValue, streamSpreadsheet, VerticalMerges, type CellValue, type SheetRow } from './spreadsheet';
import type { ReadHooks, ReadOptions, TableStream } from './table';
import type { XmlHandler } from './xml-scanner';
import { detach, feedXml, MAX_COLUMN } from './xlsx-parts';
import { ZipEntries } from './zip-entries';

/**
 * OpenDocument spreadsheets (.ods: LibreOffice Calc, the office suite of many German administrations), read as a
 * stream like a workbook: the zip's content.xml holds every sheet in turn, read once, the sheets listed and the
 * chosen sheet's rows parsed as they come (the sheets after it are listed as the rest of the file is read).
 * Cells are read as the program shows them: the saved value of a formula, a date as YYYY-MM-DD, a time as hh:mm,
 * text of several paragraphs with line breaks; comments on cells are not part of the cell. Rows and cells that the
 * format repeats (`number-rows-repeated`, the million empty rows at the end of a sheet) are not spelled out when empty.
 */
export async function streamOds(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<TableStream> {
  let zip: ZipEntries;
  try {
    zip = await ZipEntries.open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!zip.has(CONTENT)) throw new Error(`${CONTENT} is missing`);
  } catch (err) {
    throw corrupt(err);
  }
  const sheets: { name: string; hidden: boolean }[] = [];
  return streamSpreadsheet({
    format: 'ods', sheets, noSheet: 'odsNoSheet', corrupt,
    pass: (want) => read(zip, new OdsContent(want, sheets), hooks),
  }, options, hooks);
}

const CONTENT = 'content.xml';

/** Rows a non-empty row may stand for (`number-rows-repeated`): a list never repeats one person thousands of times. */
const MAX_REPEATED_ROWS = 10_000;

const corrupt = damaged('odsCorrupt');

/** An attribute by its local name (`office:value-type` is `value-type`), whatever prefix the writer bound. */
function attr(a: Record<string, string>, local: string): string | undefined {
  for (const key in a) if (key === local || key.endsWith(`:${local}`)) return a[key];
  return undefined;
}

/** A count attribute (repeats, spaces): at least 1, at most `max`. */
function count(value: string | undefined, max: number): number {
  const n = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** content.xml fed through `content`, what it found handed out after each chunk. */
async function* read(zip: ZipEntries, content: OdsContent, hooks: ReadHooks): AsyncGenerator<number | SheetRow> {
  for await (const share of feedXml(zip, CONTENT, content)) {
    const found = content.found;
    content.found = [];
    for (const e of found) yield e;
    hooks.onProgress?.(share);
  }
  for (const e of content.found) yield e;
}

/** Elements in a cell whose text is not the cell's: a comment (office:annotation) and drawings anchored to it. */
const ASIDE = new Set([
  'annotation', 'frame', 'custom-shape', 'rect', 'ellipse', 'circle', 'line', 'polyline', 'polygon', 'regular-polygon',
  'path', 'connector', 'caption', 'measure', 'control', 'g',
]);

/**
 * What content.xml holds, while it is fed through: each sheet as it starts (listed in `sheets`, hidden when its
 * table style says `display="false"`; the styles come before the sheets), and the non-empty rows of the sheets
 * `want` says. Take `found` between chunks.
 */
class OdsContent implements XmlHandler {
  /** Each sheet's index as it starts, followed by its rows where wanted. */
  found: (number | SheetRow)[] = [];
  private readonly hiddenStyles = new Set<string>();
  private style: string | undefined;
  private table = -1;
  private inSheet = false;
  private rowNumber = 0;
  private row: CellValue[] | null = null;
  private rowRepeat = 1;
  private col = 0;
  private cell: { a: Record<string, string>; repeat: number } | null = null;
  private buffer = '';
  private paragraphs = 0;
  private inParagraph = 0;
  /** Depth inside a comment or a drawing anchored to the cell: their text is not the cell's. */
  private aside = 0;
  /** Cells merged down several rows of the sheet being read (marked where they start). */
  private merges = new VerticalMerges();

  /** `sheets`: where the sheets are listed (by the first pass; a later one finds them there). */
  constructor(private readonly want: (index: number) => boolean, private readonly sheets: { name: string; hidden: boolean }[]) {}

  open(name: string, a: Record<string, string>): void {
    if (this.cell && ASIDE.has(name)) {
      this.aside++;
      return;
    }
    switch (name) {
      case 'style':
        this.style = attr(a, 'family') === 'table' ? attr(a, 'name') : undefined;
        break;
      case 'table-properties':
        if (this.style && attr(a, 'display') === 'false') this.hiddenStyles.add(this.style);
        break;
      case 'table': {
        this.table++;
        const style = attr(a, 'style-name');
        if (this.table === this.sheets.length) this.sheets.push({ name: attr(a, 'name') ?? `Tabelle${this.table + 1}`, hidden: style !== undefined && this.hiddenStyles.has(style) });
        this.found.push(this.table);
        this.inSheet = this.want(this.table);
        this.rowNumber = 0;
        this.merges = new VerticalMerges();
        break;
      }
      case 'table-row':
        if (!this.inSheet) return;
        this.row = [];
        this.col = 0;
        this.rowRepeat = count(attr(a, 'number-rows-repeated'), Number.MAX_SAFE_INTEGER);
        break;
      case 'table-cell':
      case 'covered-table-cell':
        if (!this.row) return;
        this.cell = { a, repeat: count(attr(a, 'number-columns-repeated'), MAX_COLUMN) };
        this.buffer = '';
        this.paragraphs = 0;
        break;
      case 'p':
      case 'h':
        if (!this.cell || this.aside > 0) return;
        // Paragraphs of a cell are its lines.
        if (this.paragraphs++ > 0) this.buffer += '\n';
        this.inParagraph++;
        break;
      case 's':
        if (this.inParagraph > 0 && this.aside === 0) this.buffer += ' '.repeat(count(attr(a, 'c'), 1000));
        break;
      case 'tab':
        if (this.inParagraph > 0 && this.aside === 0) this.buffer += '\t';
        break;
      case 'line-break':
        if (this.inParagraph > 0 && this.aside === 0) this.buffer += '\n';
        break;
    }
  }

  text(text: string): void {
    if (this.inParagraph > 0 && this.aside === 0) this.buffer += text;
  }

  close(name: string): void {
    if (this.cell && ASIDE.has(name)) {
      this.aside--;
      return;
    }
    switch (name) {
      case 'p':
      case 'h':
        if (this.cell && this.aside === 0 && this.inParagraph > 0) this.inParagraph--;
        break;
      case 'table-cell':
      case 'covered-table-cell': {
        if (!this.row || !this.cell) return;
        // Detached from the chunk of XML it was cut from: rows wait in slices of 2000 for the plan, and each kept
        // piece of text would keep its whole chunk (a 100 000-row .ods: 337 -> 247 MB at the peak of the dry run).
        const cell = cellValue(this.cell.a, this.buffer);
        const value = typeof cell === 'string' ? detach(cell) : cell;
        const repeat = Math.min(this.cell.repeat, MAX_COLUMN - this.col);
        if (value !== null && value !== '') for (let k = 1; k <= repeat; k++) this.row[this.col + k] = value;
        const spanned = count(attr(this.cell.a, 'number-rows-spanned'), MAX_REPEATED_ROWS);
        if (spanned > 1) this.merges.start(this.col + 1, value, this.rowNumber + 1, this.rowNumber + spanned);
        this.col += repeat;
        this.cell = null;
        break;
      }
      case 'table-row': {
        if (!this.row) return;
        if (hasValue(this.row)) {
          const first: SheetRow = { number: this.rowNumber + 1, values: this.row };
          this.merges.fill(first);
          if (this.rowRepeat > MAX_REPEATED_ROWS) throw new Error(`row ${this.rowNumber + 1} is repeated ${this.rowRepeat} times`);
          this.found.push(first);
          for (let k = 2; k <= this.rowRepeat; k++) this.found.push({ number: this.rowNumber + k, values: [...this.row] });
        }
        this.rowNumber += this.rowRepeat;
        this.row = null;
        break;
      }
      case 'table':
        this.inSheet = false;
        break;
    }
  }
}

/** A cell's value as the program shows it, from its value type (the saved value of a formula included). */
function cellValue(a: Record<string, string>, text: string): CellValue {
  // LibreOffice marks an error (#DIV/0!, Err:502) in its own attribute beside a value type of float.
  if (a['calcext:value-type'] === 'error') return { error: text };
  switch (attr(a, 'value-type')) {
    case 'float':
    case 'percentage':
    case 'currency': {
      // A percentage or an amount as the sheet shows it (LibreOffice saves that text): "50 %", "12,50 €".
      if (attr(a, 'value-type') !== 'float' && text.trim() !== '') return text;
      const n = Number(attr(a, 'value'));
      // A whole number shown with its leading zeros (a postcode formatted 00000): what the sheet shows, "06667".
      if (/^0\d+$/.test(text) && Number(text) === n) return text;
      return Number.isFinite(n) ? n : text;
    }
    case 'date':
      return odsDate(attr(a, 'date-value')) ?? text;
    case 'time':
      return odsTime(attr(a, 'time-value')) ?? text;
    case 'boolean': {
      const b = attr(a, 'boolean-value');
      return b === 'true' || b === 'false' ? b === 'true' : text;
    }
    case 'string':
      return attr(a, 'string-value') ?? text;
    default:
      return text;
  }
}

/** `2023-10-18` or `2023-10-18T14:05:00`: the day, and the time of day when it is not midnight. */
function odsDate(value: string | undefined): string | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(value) : null;
  if (!m) return null;
  return m[2] === undefined || (m[2] === '00' && m[3] === '00') ? m[1]! : `${m[1]} ${m[2]}:${m[3]}`;
}

/** `PT08H30M00S` as 08:30, with seconds when there are any. */
function odsTime(value: string | undefined): string | null {
  const m = value ? /^-?PT(\d+)H(\d+)M(\d+)(?:\.\d+)?S$/.exec(value) : null;
  if (!m) return null;
  const two = (s: string) => s.padStart(2, '0');
  const hm = `${two(m[1]!)}:${two(m[2]!)}`;
  return Number(m[3]) === 0 ? hm : `${hm}:${two(m[3]!)}`;
}
