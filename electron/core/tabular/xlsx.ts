import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { uniqueHeaders } from './headers';
import {
  MAX_CELL_CHARS, TableError, throwIfAborted, yieldToLoop,
  type ReadHooks, type ReadOptions, type Table, type TableProblem, type TableRow,
} from './table';

interface SheetRow {
  number: number;
  values: unknown[];
}

/**
 * Excel workbooks (.xlsx), read as a stream so a 100 000-row sheet never becomes a full object model in memory.
 * Formulas are never evaluated: the value Excel saved with the formula is used; without one, the formula text is
 * kept and reported.
 */
export async function readXlsx(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<Table> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
  });
  let sheetNames: string[] = [];
  let chosen: string | null = null;
  let fallback: string | null = null;
  const raw: SheetRow[] = [];
  const problems: TableProblem[] = [];
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? '';
      sheetNames = ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) => s.name);
      const wanted = chosen === null && (options.sheet ? name === options.sheet : true);
      if (wanted) chosen = name;
      let n = 0;
      for await (const row of sheet) {
        if (!wanted) continue;
        raw.push({ number: row.number, values: (row.values as unknown[]) ?? [] });
        if (++n % 2000 === 0) {
          throwIfAborted(hooks.signal);
          hooks.onProgress?.(0.5);
          await yieldToLoop();
        }
      }
      // Without a choice, a sheet with no rows below its header (a cover sheet, notes) gives way to the next one.
      if (wanted && !options.sheet && raw.filter((r) => r.values.some((v) => v !== null && v !== undefined && v !== '')).length < 2) {
        fallback ??= name;
        chosen = null;
        raw.length = 0;
      }
    }
  } catch (err) {
    if (err instanceof TableError) throw err;
    throw new TableError('xlsxCorrupt', { detail: err instanceof Error ? err.message.slice(0, 200) : String(err) });
  }
  if (sheetNames.length === 0 && chosen === null) throw new TableError('xlsxNoSheet');
  if (options.sheet && chosen === null) throw new TableError('xlsxSheetNotFound', { sheet: options.sheet, sheets: sheetNames.join(', ') });
  if (chosen === null && fallback !== null) return readXlsx(bytes, { ...options, sheet: fallback }, hooks);
  return toTable(raw, sheetNames, chosen ?? sheetNames[0] ?? '', problems);
}

function toTable(raw: SheetRow[], sheets: string[], sheet: string, problems: TableProblem[]): Table {
  const nonEmpty = raw.filter((r) => r.values.some((v) => v !== null && v !== undefined && v !== ''));
  const header = nonEmpty.shift();
  if (!header) throw new TableError('emptyFile');
  const width = header.values.length - 1;
  const named = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(header.values[i + 1], header.number, '', problems)), header.number);
  const rows: TableRow[] = nonEmpty.map((r) => ({
    line: r.number,
    cells: Array.from({ length: Math.max(width, r.values.length - 1) }, (_, i) =>
      cellText(r.values[i + 1], r.number, named.headers[i] ?? `Spalte ${i + 1}`, problems)),
  }));
  if (rows.length === 0) throw new TableError('headerOnly');
  return {
    format: 'xlsx', encoding: null, delimiter: null, sheets, sheet, headers: named.headers, rows, lineKind: 'row',
    problems: [...named.problems, ...problems],
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
