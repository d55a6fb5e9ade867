import { foldQuery } from '../text/fold';
import { withoutGenderForms } from '../text/gender-forms';
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
  /** Cells filled in from a cell merged over several rows (VerticalMerges): its column and rows. */
  merged?: { col: number; from: number; to: number }[];
}

export interface Spreadsheet {
  format: 'xlsx' | 'ods';
  /**
   * In tab order; a hidden sheet is one the program does not show. Those of an .ods are found as `pass` reads the
   * file (its sheets are all in one part): the list is complete once the pass has ended.
   */
  sheets: { name: string; hidden: boolean }[];
  /**
   * One read through the workbook: each sheet's index (in `sheets`) as it starts, followed by its non-empty rows
   * where `want(index)` says so when it starts.
   */
  pass(want: (index: number) => boolean): AsyncGenerator<number | SheetRow>;
  /** What a failure while reading becomes (the format's "file is damaged" error). */
  corrupt(err: unknown): TableError;
  /** Code of the error for a file without any sheet. */
  noSheet: 'xlsxNoSheet' | 'odsNoSheet';
}

/**
 * What any failure while reading a spreadsheet becomes: a TableError stays one, anything else is `code` with its
 * message as `detail`, kept with the error but not shown: it is a library's English ("invalid local file header
 * signature"); the organiser is told what to do instead (download again, or save again in Excel or LibreOffice).
 */
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

/**
 * A row with anything in it: empty rows (spacing, a deleted person) are skipped, and so are rows of only spaces, as
 * in a CSV (a space typed into an otherwise empty row under the list is nobody).
 */
export const hasValue = (values: CellValue[]) => values.some((v) => v !== null && v !== undefined && v !== '' && !(typeof v === 'string' && v.trim() === ''));

const empty = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/** A merged range of cells over rows `from` to `to`, starting in column `col`. */
export interface MergedSpan {
  col: number;
  from: number;
  to: number;
}

/**
 * Cells merged over several rows: a delegation of three with "Landkreis Harz" written once, merged down their
 * organisation column. A reader sees the value in each of the rows, so each row below the first takes it too, in
 * the merge's first column (a merge across columns repeats nothing) and only in a row with anything of its own.
 */
export class VerticalMerges {
  /** Spans whose first row is still to come, the next one last (an .xlsx lists them all before its rows are read). */
  private readonly pending: MergedSpan[];
  private readonly active = new Map<number, { value: CellValue; from: number; to: number }>();

  constructor(spans: readonly MergedSpan[] = []) {
    this.pending = spans.filter((s) => s.to > s.from).sort((a, b) => b.from - a.from);
  }

  /** A merged cell found where it starts (an .ods marks it there), with its value. */
  start(col: number, value: CellValue, from: number, to: number): void {
    if (to > from && !empty(value)) this.active.set(col, { value, from, to });
  }

  /** Row `number`, with something in it, as a reader sees it; the spans that filled it in are said on it. */
  fill(row: SheetRow): void {
    const { number, values } = row;
    while (this.pending.length > 0 && this.pending[this.pending.length - 1]!.from <= number) {
      const s = this.pending.pop()!;
      if (s.from === number) this.start(s.col, values[s.col] ?? null, s.from, s.to);
    }
    if (this.active.size === 0) return;
    for (const [col, a] of this.active) {
      if (number > a.to) this.active.delete(col);
      else if (number > a.from && empty(values[col])) {
        values[col] = a.value;
        (row.merged ??= []).push({ col, from: a.from, to: a.to });
      }
    }
  }
}

/**
 * The table of a spreadsheet: the chosen sheet, or else a visible sheet named for the people ("Teilnehmende",
 * pretix's "Bestellzeilen") when it has rows, or else the first visible sheet with a header and at least one row
 * below it (a cover sheet or notes give way to the next one, hidden sheets come last). Visible sheets are tried in
 * one pass through the workbook, which then goes on with the rows of the sheet taken (an .ods is read once, not
 * once to list its sheets and again for the rows).
 */
export async function streamSpreadsheet(book: Spreadsheet, options: ReadOptions, hooks: ReadHooks): Promise<TableStream> {
  const people = options.sheet ? undefined : peopleSheet(book);
  if (people !== undefined) {
    try {
      return await streamSheets(book, { ...options, sheet: people }, hooks);
    } catch (err) {
      // Only a header, or nothing: the sheets are tried in their order after all.
      if (!(err instanceof TableError && (err.code === 'headerOnly' || err.code === 'emptyFile'))) throw err;
    }
  }
  return streamSheets(book, options, hooks);
}

/**
 * Names of sheets that hold the people of a workbook of several sheets: pretix's "Bestellzeilen" ("Order positions";
 * its first sheet, "Bestellungen", has one row per order, the third, "Gebühren", its fees), "Teilnehmer*innen".
 */
const PEOPLE_SHEET = /^(?:teilnehmende|teilnehmer|teilnehmerinnen|teilnehmerliste|teilnehmendenliste|teilnahmeliste|anmeldungen|anmeldeliste|attendees|participants|registrations|bestellzeilen|bestellpositionen|order positions|positionen)$/;

/**
 * A visible sheet named as the one with the people, when the first visible sheet is not (an .ods names its sheets
 * only as it is read: none there).
 */
function peopleSheet(book: Spreadsheet): string | undefined {
  const visible = book.sheets.filter((s) => !s.hidden);
  const named = (name: string) => PEOPLE_SHEET.test(withoutGenderForms(name).toLowerCase().replace(/[\s_-]+/g, ' ').trim());
  if (visible.length < 2 || named(visible[0]!.name)) return undefined;
  return visible.find((s) => named(s.name))?.name;
}

/**
 * A sheet of instructions next to the list ("Hinweise", as in Einlass's own template, "Anleitung", "Read me"): its
 * lines are no people, also when the list's sheet is still empty. Read only when chosen.
 */
const INSTRUCTIONS_SHEET = /^(?:hinweise|ausfullhinweise|anleitung|erlauterungen|erklarungen|instructions|hints|read ?me|liesmich|lies mich)$/;
const isInstructions = (name: string) => INSTRUCTIONS_SHEET.test(foldQuery(name).replace(/[\s_-]+/g, ' ').trim());

async function streamSheets(book: Spreadsheet, options: ReadOptions, hooks: ReadHooks): Promise<TableStream> {
  let taken = false;
  // Without a choice, the sheets the program shows come first (in tab order); hidden helper sheets only after them;
  // instructions never.
  const wanted = (i: number) => !taken
    && (options.sheet ? book.sheets[i]!.name === options.sheet : !book.sheets[i]!.hidden && !isInstructions(book.sheets[i]!.name));
  const pass = book.pass(wanted);
  const hidden: number[] = [];
  let found = false;
  // The first sheet that had no row below its header: what the error is about when no sheet has one.
  let fallback: { rows: number } | null = null;
  let next = await step(book, pass);
  while (!next.done) {
    const index = next.value as number;
    if (!wanted(index)) {
      // (Its rows are not read: the next thing the pass gives is the next sheet.)
      if (book.sheets[index]!.hidden && !options.sheet && !isInstructions(book.sheets[index]!.name)) hidden.push(index);
      next = await step(book, pass);
      continue;
    }
    found = true;
    const head = await headerOf(book, pass);
    if (head.at !== null) {
      taken = true;
      return sheetStream(book, head, pass, book.sheets[index]!.name, hooks);
    }
    fallback ??= { rows: head.first.length };
    next = head.after!;
  }
  const names = book.sheets.map((s) => s.name);
  if (names.length === 0) throw new TableError(book.noSheet);
  if (options.sheet && !found) throw new TableError('xlsxSheetNotFound', { sheet: options.sheet, sheets: names.join(', ') });
  // Hidden sheets, each in a pass of its own.
  for (const index of hidden) {
    const rows = book.pass((i) => i === index);
    // Up to where the sheet starts.
    let e = await step(book, rows);
    while (!e.done && e.value !== index) e = await step(book, rows);
    const head = await headerOf(book, rows);
    if (head.at !== null) return sheetStream(book, head, rows, names[index]!, hooks);
    fallback ??= { rows: head.first.length };
  }
  throw new TableError(fallback && fallback.rows > 0 ? 'headerOnly' : 'emptyFile');
}

async function step<T>(book: Spreadsheet, it: AsyncGenerator<T>): Promise<IteratorResult<T>> {
  try {
    return await it.next();
  } catch (err) {
    throw book.corrupt(err);
  }
}

/** A sheet's first rows and where its header is among them (see headerOf). */
interface SheetHead {
  first: SheetRow[];
  /** The header's place in `first`; null when the sheet has no row below a header (a cover sheet, an empty one). */
  at: number | null;
  /** What came after the sheet's last row (the next sheet, or the end) where it ended among `first`; else undefined. */
  after?: IteratorResult<number | SheetRow>;
}

/** The rows the header is looked for in, and one more (a header needs a row below it), read from `rows`. */
async function headerOf(book: Spreadsheet, rows: AsyncGenerator<number | SheetRow>): Promise<SheetHead> {
  const first: SheetRow[] = [];
  let after: IteratorResult<number | SheetRow> | undefined;
  while (first.length <= HEADER_SEARCH_ROWS) {
    const r = await step(book, rows);
    if (r.done || typeof r.value === 'number') {
      after = r;
      break;
    }
    first.push(r.value);
  }
  const at = headerIndex(first.map((r) => filledCells(r.values)));
  return { first, at: first.length >= at + 2 ? at : null, after };
}

/**
 * The sheet from its first rows (titles above the header passed over); `rest` goes on with its other rows unless
 * `head.after` says the sheet has ended. The rest of a pass is read to its end, rows of other sheets passed over:
 * it completes the list of an .ods's sheets and finds a damaged end.
 */
function sheetStream(book: Spreadsheet, head: SheetHead, rest: AsyncGenerator<number | SheetRow>, sheet: string, hooks: ReadHooks): TableStream {
  const { first, after } = head;
  const at = head.at!;
  const problems: TableProblem[] = [];
  const header = first[at]!;
  const width = header.values.length - 1;
  const named = uniqueHeaders(Array.from({ length: width }, (_, i) => cellText(header.values[i + 1], header.number, '', problems)), header.number);
  problems.unshift(...named.problems);
  if (at > 0) problems.unshift(rowsAboveHeader(first[0]!.number, header.number));
  const blankColumns = new Set(named.unnamed);
  const checkUnnamed = unnamedColumns(blankColumns, named.headers, header.number, problems);
  // A cell merged over rows is taken for each of them (a delegation's organisation, a walk for a group): said once
  // per merged cell, so the organiser can check that it holds for every row (QA13 C6).
  const mergedSaid = new Set<string>();
  const toRow = (r: SheetRow): TableRow => {
    for (const m of r.merged ?? []) {
      const key = `${m.col}:${m.from}`;
      if (mergedSaid.has(key) || m.from <= header.number) continue;
      mergedSaid.add(key);
      problems.push({
        code: 'mergedCells', line: m.from, column: named.headers[m.col - 1] ?? `Spalte ${m.col}`, severity: 'warning',
        params: { from: m.from, to: m.to, value: cellText(r.values[m.col], r.number, '', []).slice(0, 80) },
      });
    }
    const cells: string[] = [];
    for (let i = 0, n = Math.max(width, r.values.length - 1); i < n; i++) cells.push(cellText(r.values[i + 1], r.number, named.headers[i] ?? `Spalte ${i + 1}`, problems));
    checkUnnamed(cells);
    return { line: r.number, cells };
  };
  const sheets = book.sheets.map((s) => s.name);
  async function* slices(): AsyncGenerator<TableRow[]> {
    let slice: TableRow[] = first.slice(at + 1).map(toRow);
    try {
      let r = after;
      while (!r) {
        const next = await rest.next();
        if (next.done || typeof next.value === 'number') r = next;
        else {
          slice.push(toRow(next.value));
          if (slice.length === SLICE_ROWS) {
            throwIfAborted(hooks.signal);
            yield slice;
            slice = [];
            await yieldToLoop();
          }
        }
      }
      while (!r.done) r = await rest.next();
    } catch (err) {
      throw book.corrupt(err);
    }
    sheets.splice(0, sheets.length, ...book.sheets.map((s) => s.name));
    throwIfAborted(hooks.signal);
    hooks.onProgress?.(1);
    if (slice.length > 0) yield slice;
  }
  return {
    table: {
      format: book.format, encoding: null, delimiter: null, sheets, sheet, headers: named.headers, rows: [],
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
  if (typeof value === 'number') return generalNumber(value);
  // As German Excel and LibreOffice show a truth value, and write it into a CSV: the same list gives the same text
  // from either format, and a re-sync from the other format changes nothing.
  if (typeof value === 'boolean') return value ? 'WAHR' : 'FALSCH';
  if (value instanceof Date) return isoDateOrTime(value);
  if ('formula' in value) {
    problems.push({ code: 'formulaWithoutValue', line, column, severity: 'warning', params: { formula: value.formula.slice(0, 80) } });
    return `=${value.formula}`;
  }
  problems.push({ code: 'cellError', line, column, severity: 'warning', params: { value: value.error } });
  return '';
}

/**
 * A number in a cell without a format of its own, as German Excel shows it and writes it into a CSV: 2.5 as "2,5",
 * whole numbers (ids, counts, postcodes) as they are. The same list then reads the same from either format, and a
 * re-sync after switching from the workbook to its CSV changes nobody. Rounded to 15 digits, as Excel shows them
 * (0.1 + 0.2 is 0,3).
 */
export function generalNumber(n: number): string {
  // A whole number beyond 2^53 is not exact any more (a 22-digit barcode Excel made a number of): as Excel shows it,
  // "1,23457E+21", which a sync then says is no code (see excelRounded in sync/incoming.ts).
  if (Number.isInteger(n)) return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? String(n) : n.toExponential(5).replace('.', ',').replace('e', 'E');
  return String(Number(n.toPrecision(15))).replace('.', ',');
}

/** Dates are read as a moment in UTC; a whole day is shown as a date only. */
function isoDateOrTime(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
