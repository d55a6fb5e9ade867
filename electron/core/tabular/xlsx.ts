import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { uniqueHeaders } from './headers';
import {
  MAX_CELL_CHARS, TableError, throwIfAborted, yieldToLoop,
  type ReadHooks, type ReadOptions, type TableProblem, type TableRow, type TableStream,
} from './table';

interface SheetRow {
  number: number;
  values: unknown[];
}

/** Rows per slice handed to the reader of the stream. */
const SLICE_ROWS = 2000;

type Rows = AsyncIterator<{ number: number; values: unknown }>;

/** A row with anything in it: empty rows (spacing, a deleted person) are skipped. */
const hasValue = (values: unknown[]) => values.some((v) => v !== null && v !== undefined && v !== '');

/**
 * Excel workbooks (.xlsx), read as a stream: neither the workbook nor the sheet's rows are ever held in memory as a
 * whole; the rows come in slices as they are asked for. The first sheet with a header and at least one row below
 * it is used unless a sheet is chosen (a cover sheet or notes give way to the next one). Formulas are never
 * evaluated: the value Excel saved with the formula is used; without one, the formula text is kept and reported.
 */
export async function streamXlsx(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<TableStream> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
  });
  const sheets = (reader as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown }> & { name?: string }>)[Symbol.asyncIterator]();
  const sheetNames = () => ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) => s.name);
  const corrupt = (err: unknown) => err instanceof TableError ? err
    : new TableError('xlsxCorrupt', { detail: err instanceof Error ? err.message.slice(0, 200) : String(err) });
  let seenSheet = false;
  // The first sheet that had no row below its header: what the error is about when no sheet has one.
  let fallback: { rows: number } | null = null;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      seenSheet = true;
      const sheet = next.value;
      const name = sheet.name ?? '';
      const rows = sheet[Symbol.asyncIterator]();
      const wanted = options.sheet ? name === options.sheet : true;
      if (!wanted) {
        while (!(await rows.next()).done) { /* skip the rows of a sheet not used */ }
        continue;
      }
      const first: SheetRow[] = [];
      while (first.length < 2) {
        const r = await rows.next();
        if (r.done) break;
        const values = (r.value.values as unknown[]) ?? [];
        if (hasValue(values)) first.push({ number: r.value.number, values });
      }
      if (first.length === 2) return sheetStream(first, rows, sheetNames(), name, hooks, corrupt);
      if (options.sheet) throw new TableError(first.length === 0 ? 'emptyFile' : 'headerOnly');
      fallback ??= { rows: first.length };
    }
  } catch (err) {
    throw corrupt(err);
  }
  if (!seenSheet && sheetNames().length === 0) throw new TableError('xlsxNoSheet');
  if (options.sheet) throw new TableError('xlsxSheetNotFound', { sheet: options.sheet, sheets: sheetNames().join(', ') });
  throw new TableError(fallback && fallback.rows > 0 ? 'headerOnly' : 'emptyFile');
}

function sheetStream(first: SheetRow[], rest: Rows, sheets: string[], sheet: string, hooks: ReadHooks, corrupt: (err: unknown) => TableError): TableStream {
  const problems: TableProblem[] = [];
  const header = first[0]!;
  const width = header.values.length - 1;
  const named = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(header.values[i + 1], header.number, '', problems)), header.number);
  problems.unshift(...named.problems);
  const toRow = (r: SheetRow): TableRow => ({
    line: r.number,
    cells: Array.from({ length: Math.max(width, r.values.length - 1) }, (_, i) =>
      cellText(r.values[i + 1], r.number, named.headers[i] ?? `Spalte ${i + 1}`, problems)),
  });
  async function* slices(): AsyncGenerator<TableRow[]> {
    let slice: TableRow[] = [toRow(first[1]!)];
    try {
      for (;;) {
        const r = await rest.next();
        if (r.done) break;
        const values = (r.value.values as unknown[]) ?? [];
        if (!hasValue(values)) continue;
        slice.push(toRow({ number: r.value.number, values }));
        if (slice.length === SLICE_ROWS) {
          throwIfAborted(hooks.signal);
          hooks.onProgress?.(0.5);
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
export function cellText(value: unknown, line: number, column: string, problems: TableProblem[]): string {
  const text = rawText(value, line, column, problems).trim();
  if (text.length > MAX_CELL_CHARS) {
    problems.push({ code: 'cellTooLong', line, column, severity: 'error', params: { length: text.length, max: MAX_CELL_CHARS } });
    return text.slice(0, MAX_CELL_CHARS);
  }
  return text;
}

function rawText(value: unknown, line: number, column: string, problems: TableProblem[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoDateOrTime(value);
  if (typeof value !== 'object') return '';
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result !== undefined && v.result !== null) return rawText(v.result, line, column, problems);
    const formula = String(v.formula ?? v.sharedFormula ?? '');
    problems.push({ code: 'formulaWithoutValue', line, column, severity: 'warning', params: { formula: formula.slice(0, 80) } });
    return `=${formula}`;
  }
  if ('error' in v) {
    problems.push({ code: 'cellError', line, column, severity: 'warning', params: { value: String(v.error) } });
    return '';
  }
  if (typeof v.text === 'string') return v.text;
  return '';
}

/** Excel stores dates as time of day in UTC; a whole day is shown as a date only. */
function isoDateOrTime(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
