import { HEADER_SEARCH_ROWS, headerIndex, rowsAboveHeader, uniqueHeaders, unnamedColumns } from './headers';
import {
  MAX_CELL_CHARS, TableError, throwIfAborted, yieldToLoop,
  type ReadHooks, type ReadOptions, type TableProblem, type TableRow, type TableStream,
} from './table';

/**
 * What the spreadsheet readers (XLSX, ODS) share: choosing the sheet, finding its header, and handing its rows out
 * as a table stream. A reader supplies the sheets and, for each, its rows as they are read.
 */

/** A cell as read: text, number, truth value, date, a formula without a saved value, or an error such as #DIV/0!. */
export type CellValue = string | number | boolean | Date | { formula: string } | { error: string } | null;

export interface SheetRow {
  /** The row number the spreadsheet program shows. */
  number: number;
  /** Values by column number (1 = A); columns without a cell are holes. */
  values: CellValue[];
}

export interface Spreadsheet {
  format: 'xlsx' | 'ods';
  /** In tab order; a hidden sheet is one the program does not show. */
  sheets: { name: string; hidden: boolean }[];
  /** The non-empty rows of sheet `index`, read as they are asked for. */
  rows(index: number): AsyncGenerator<SheetRow>;
  /** What a failure while reading becomes (the format's "file is damaged" error). */
  corrupt(err: unknown): TableError;
  /** Code of the error for a file without any sheet. */
  noSheet: 'xlsxNoSheet' | 'odsNoSheet';
}

/** What any failure while reading a spreadsheet becomes: a TableError stays one, anything else is `code` with its message. */
export function damaged(code: 'xlsxCorrupt' | 'odsCorrupt'): (err: unknown) => TableError {
  return (err) => err instanceof TableError ? err
    : new TableError(code, { detail: err instanceof Error ? err.message.slice(0, 200) : String(err) });
}

/** Rows per slice handed to the reader of the stream. */
const SLICE_ROWS = 2000;

/** Cells with something in them. */
function filledCells(values: CellValue[]): number {
  let n = 0;
  for (const v of values) if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) n++;
  return n;
}

/** A row with anything in it: empty rows (spacing, a deleted person) are skipped. */
export const hasValue = (values: CellValue[]) => values.some((v) => v !== null && v !== undefined && v !== '');

/**
 * The table of a spreadsheet: the chosen sheet, or else the first visible sheet with a header and at least one row
 * below it (a cover sheet or notes give way to the next one, hidden sheets come last).
 */
export async function streamSpreadsheet(book: Spreadsheet, options: ReadOptions, hooks: ReadHooks): Promise<TableStream> {
  const names = book.sheets.map((s) => s.name);
  if (names.length === 0) throw new TableError(book.noSheet);
  const indexes = book.sheets.map((_, i) => i);
  // Without a choice, the sheets the program shows come first (in tab order); hidden helper sheets only after them.
  const chosen = options.sheet ? indexes.filter((i) => names[i] === options.sheet)
    : [...indexes.filter((i) => !book.sheets[i]!.hidden), ...indexes.filter((i) => book.sheets[i]!.hidden)];
  if (chosen.length === 0) throw new TableError('xlsxSheetNotFound', { sheet: options.sheet!, sheets: names.join(', ') });
  // The first sheet that had no row below its header: what the error is about when no sheet has one.
  let fallback: { rows: number } | null = null;
  for (const index of chosen) {
    const rows = book.rows(index);
    // The rows the header is looked for in, and one more: a header needs a row below it.
    const first: SheetRow[] = [];
    try {
      while (first.length <= HEADER_SEARCH_ROWS) {
        const r = await rows.next();
        if (r.done) break;
        first.push(r.value);
      }
    } catch (err) {
      throw book.corrupt(err);
    }
    const at = headerIndex(first.map((r) => filledCells(r.values)));
    if (first.length >= at + 2) return sheetStream(book, first, at, rows, names[index]!, hooks);
    fallback ??= { rows: first.length };
  }
  throw new TableError(fallback && fallback.rows > 0 ? 'headerOnly' : 'emptyFile');
}

/** `first`: the sheet's first rows, the header at `at` (titles above it are passed over). */
function sheetStream(
  book: Spreadsheet, first: SheetRow[], at: number, rest: AsyncGenerator<SheetRow>, sheet: string, hooks: ReadHooks,
): TableStream {
  const problems: TableProblem[] = [];
  const header = first[at]!;
  const width = header.values.length - 1;
  const named = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(header.values[i + 1], header.number, '', problems)), header.number);
  problems.unshift(...named.problems);
  if (at > 0) problems.unshift(rowsAboveHeader(first[0]!.number, header.number));
  const blankColumns = new Set(named.unnamed);
  const checkUnnamed = unnamedColumns(blankColumns, named.headers, header.number, problems);
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
      throw book.corrupt(err);
    }
    throwIfAborted(hooks.signal);
    hooks.onProgress?.(1);
    if (slice.length > 0) yield slice;
  }
  return {
    table: {
      format: book.format, encoding: null, delimiter: null, sheets: book.sheets.map((s) => s.name), sheet, headers: named.headers, rows: [],
      lineKind: 'row', problems, blankColumns,
    },
    slices: slices(),
  };
}

/** One cell as the text a person sees in the spreadsheet program. */
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

/** Dates are read as a moment in UTC; a whole day is shown as a date only. */
function isoDateOrTime(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
