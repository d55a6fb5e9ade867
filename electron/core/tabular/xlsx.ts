import { HEADER_SEARCH_ROWS, headerIndex, rowsAboveHeader, uniqueHeaders, unnamedColumns } from './headers';
import { feedXml, readWorkbook, SheetRows, type CellValue, type SheetRow, type Workbook } from './xlsx-parts';
import {
  MAX_CELL_CHARS, TableError, throwIfAborted, yieldToLoop,
  type ReadHooks, type ReadOptions, type TableProblem, type TableRow, type TableStream,
} from './table';
import { ZipEntries } from './zip-entries';

/** Rows per slice handed to the reader of the stream. */
const SLICE_ROWS = 2000;

/** Cells with something in them. */
function filledCells(values: CellValue[]): number {
  let n = 0;
  for (const v of values) if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) n++;
  return n;
}

/** A row with anything in it: empty rows (spacing, a deleted person) are skipped. */
const hasValue = (values: CellValue[]) => values.some((v) => v !== null && v !== undefined && v !== '');

/** The rows of a sheet as they are read, non-empty ones only. */
async function* sheetRows(zip: ZipEntries, book: Workbook, file: string, hooks: ReadHooks): AsyncGenerator<SheetRow> {
  const rows = new SheetRows(book);
  for await (const share of feedXml(zip, file, rows)) {
    const done = rows.done;
    rows.done = [];
    for (const r of done) if (hasValue(r.values)) yield r;
    hooks.onProgress?.(share);
  }
  for (const r of rows.done) if (hasValue(r.values)) yield r;
}

const corrupt = (err: unknown) => err instanceof TableError ? err
  : new TableError('xlsxCorrupt', { detail: err instanceof Error ? err.message.slice(0, 200) : String(err) });

/**
 * Excel workbooks (.xlsx), read as a stream: the zip is opened at its directory and the chosen sheet's XML is
 * inflated and parsed as its rows are asked for, so neither the workbook nor the sheet is ever held as a whole
 * (only the shared strings, which every sheet may use). The first visible sheet with a header and at least one row
 * below it is used unless a sheet is chosen (a cover sheet or notes give way to the next one, hidden sheets come
 * last). Formulas are never evaluated: the value Excel saved with the formula is used; without one, the formula text
 * is kept and reported.
 *
 * Read with yauzl (the zip) and our XML scanner rather than exceljs: exceljs makes objects for every row and cell
 * and peaked at over 300 MB for a 100 000-row list; this reader keeps only the shared strings and a slice of rows.
 */
export async function streamXlsx(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<TableStream> {
  let zip: ZipEntries;
  let book: Workbook;
  try {
    zip = await ZipEntries.open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    book = await readWorkbook(zip);
  } catch (err) {
    throw corrupt(err);
  }
  const names = book.sheets.map((s) => s.name);
  if (names.length === 0) throw new TableError('xlsxNoSheet');
  // Without a choice, the sheets Excel shows come first (in tab order); hidden helper sheets only after them.
  const chosen = options.sheet ? book.sheets.filter((s) => s.name === options.sheet)
    : [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
  if (chosen.length === 0) throw new TableError('xlsxSheetNotFound', { sheet: options.sheet!, sheets: names.join(', ') });
  // The first sheet that had no row below its header: what the error is about when no sheet has one.
  let fallback: { rows: number } | null = null;
  for (const sheet of chosen) {
    const rows = sheetRows(zip, book, sheet.file, hooks);
    // The rows the header is looked for in, and one more: a header needs a row below it.
    const first: SheetRow[] = [];
    try {
      while (first.length <= HEADER_SEARCH_ROWS) {
        const r = await rows.next();
        if (r.done) break;
        first.push(r.value);
      }
    } catch (err) {
      throw corrupt(err);
    }
    const at = headerIndex(first.map((r) => filledCells(r.values)));
    if (first.length >= at + 2) return sheetStream(first, at, rows, names, sheet.name, hooks);
    fallback ??= { rows: first.length };
  }
  throw new TableError(fallback && fallback.rows > 0 ? 'headerOnly' : 'emptyFile');
}

/** `first`: the sheet's first rows, the header at `at` (titles above it are passed over). */
function sheetStream(first: SheetRow[], at: number, rest: AsyncGenerator<SheetRow>, sheets: string[], sheet: string, hooks: ReadHooks): TableStream {
  const problems: TableProblem[] = [];
  const header = first[at]!;
  const width = header.values.length - 1;
  const named = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(header.values[i + 1], header.number, '', problems)), header.number);
  problems.unshift(...named.problems);
  if (at > 0) problems.unshift(rowsAboveHeader(first[0]!.number, header.number));
  const checkUnnamed = unnamedColumns(named.unnamed, named.headers, header.number, problems);
  const toRow = (r: SheetRow): TableRow => {
    const cells: string[] = [];
    for (let i = 0, n = Math.max(width, r.values.length - 1); i < n; i++) cells.push(cellText(r.values[i + 1], r.number, named.headers[i] ?? `Spalte ${i + 1}`, problems));
    checkUnnamed(cells);
    return { line: r.number, cells };
  };
  async function* slices(): AsyncGenerator<TableRow[]> {
    let slice: TableRow[] = first.slice(at + 1).map(toRow);
    try {
      for (;;) {
        const r = await rest.next();
        if (r.done) break;
        slice.push(toRow(r.value));
        if (slice.length === SLICE_ROWS) {
          throwIfAborted(hooks.signal);
          yield slice;
          slice = [];
          await yieldToLoop();
        }
      }
    } catch (err) {
      throw corrupt(err);
    }
    throwIfAborted(hooks.signal);
    hooks.onProgress?.(1);
    if (slice.length > 0) yield slice;
  }
  return {
    table: { format: 'xlsx', encoding: null, delimiter: null, sheets, sheet, headers: named.headers, rows: [], lineKind: 'row', problems },
    slices: slices(),
  };
}

/** One cell as the text a person sees in Excel. */
export function cellText(value: CellValue | undefined, line: number, column: string, problems: TableProblem[]): string {
  const text = rawText(value, line, column, problems).trim();
  if (text.length > MAX_CELL_CHARS) {
    problems.push({ code: 'cellTooLong', line, column, severity: 'error', params: { length: text.length, max: MAX_CELL_CHARS } });
    return text.slice(0, MAX_CELL_CHARS);
  }
  return text;
}

function rawText(value: CellValue | undefined, line: number, column: string, problems: TableProblem[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDateOrTime(value);
  if ('formula' in value) {
    problems.push({ code: 'formulaWithoutValue', line, column, severity: 'warning', params: { formula: value.formula.slice(0, 80) } });
    return `=${value.formula}`;
  }
  problems.push({ code: 'cellError', line, column, severity: 'warning', params: { value: value.error } });
  return '';
}

/** Excel stores dates as time of day in UTC; a whole day is shown as a date only. */
function isoDateOrTime(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
