/**
 * A table read from a file someone exported from another system (registration list, programme): the shape every
 * reader in this folder returns, whatever the format. Cells are text exactly as typed; nothing is evaluated.
 */
export type TableFormat = 'csv' | 'xlsx' | 'ods' | 'json';

export interface TableRow {
  /** Where the row starts in the source: the text line (CSV), the sheet row (XLSX) or the entry number (JSON). */
  line: number;
  cells: string[];
}

/** A problem found while reading, with where it is. Codes are i18n keys under `sync.table.problem.*`. */
export interface TableProblem {
  code: TableProblemCode;
  line: number | null;
  column: string | null;
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
}

export type TableProblemCode =
  | 'mixedEncoding'
  | 'duplicateHeader'
  | 'rowsAboveHeader'
  | 'emptyHeader'
  | 'tooManyCells'
  | 'unclosedQuote'
  | 'strayQuote'
  | 'repeatedHeader'
  | 'jsonNotObject'
  | 'cellTooLong'
  | 'formulaWithoutValue'
  | 'cellError'
  | 'mergedCells';

export interface Table {
  format: TableFormat;
  /** The text encoding that was detected (CSV/JSON); null for XLSX. */
  encoding: string | null;
  delimiter: string | null;
  /** All sheets of a workbook, in order; empty for text formats. */
  sheets: string[];
  sheet: string | null;
  /** Column names, made unique ("E-Mail", "E-Mail (2)"). */
  headers: string[];
  rows: TableRow[];
  /** How to name `line` to a person: "Zeile" in a text file or sheet, "Eintrag" in a JSON array. */
  lineKind: 'line' | 'row' | 'entry';
  problems: TableProblem[];
  /**
   * Columns without a name in which no row read so far has anything (the empty column A of a list that starts in
   * column B): complete once every row is read. Nothing to map; the mapping screen leaves them out.
   */
  blankColumns: Set<number>;
}

export interface ReadOptions {
  /** Force an encoding instead of detecting it (one of the contract's textEncodings). */
  encoding?: string;
  delimiter?: string;
  sheet?: string;
}

export interface ReadHooks {
  /** Called now and then with the share of the input read so far (0..1). */
  onProgress?: (share: number) => void;
  signal?: AbortSignal;
}

export type TableErrorCode =
  | 'emptyFile'
  | 'headerOnly'
  | 'jsonEmptyList'
  | 'binaryFile'
  | 'pdfFile'
  | 'imageFile'
  | 'xlsxCorrupt'
  | 'xlsxEncrypted'
  | 'xlsxNoSheet'
  | 'xlsxSheetNotFound'
  | 'odsCorrupt'
  | 'odsNoSheet'
  | 'jsonInvalid'
  | 'jsonInvalidAt'
  | 'jsonTooDeep'
  | 'jsonNotArray'
  | 'jsonSingleEntry'
  | 'jsonMessage'
  | 'jsonSeveralLists'
  | 'jsonNoObjects'
  | 'jsonAllEmpty'
  | 'unknownFormat'
  | 'htmlFile'
  | 'xmlSpreadsheet'
  | 'flatOpenDocument'
  | 'numbersFile'
  | 'documentFile'
  | 'zipArchive'
  | 'tooLarge'
  | 'aborted';

/** The whole file cannot be used; `code` is an i18n key under `sync.table.error.*`, `params` fills it. */
export class TableError extends Error {
  constructor(
    readonly code: TableErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'TableError';
  }
}

/** Longest cell kept; a longer one (a pasted document, a broken export) is cut and reported. */
export const MAX_CELL_CHARS = 10_000;

/** Lets timers and other requests run between slices of a long read. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TableError('aborted');
}

/**
 * A table read as it is used: the header and everything known about the file first, then the rows in slices, each
 * read only when asked for. A 100 000-row list is compared slice by slice and never sits in memory as a whole.
 */
export interface TableStream {
  /** The table without its rows (`rows` is empty). `problems` grows while the rows are read. */
  readonly table: Table;
  /** The data rows in order, in slices; can be iterated once. Throws TableError('aborted') when cancelled. */
  readonly slices: AsyncIterable<TableRow[]>;
}

/** Rows per slice when a table already in memory is handed out as a stream. */
const SLICE_ROWS = 2000;

/**
 * A table in memory as a stream. With `consume`, each slice is let go from `table.rows` once handed out (the rows
 * array is empty at the end): for a caller that does not need the table afterwards.
 */
export function streamOf(table: Table, opts: { consume?: boolean } = {}): TableStream {
  const rows = table.rows;
  async function* slices(): AsyncGenerator<TableRow[]> {
    for (let start = 0; start < rows.length; start += SLICE_ROWS) {
      const slice = rows.slice(start, start + SLICE_ROWS);
      if (opts.consume) (rows as (TableRow | undefined)[]).fill(undefined, start, start + slice.length);
      yield slice;
    }
    if (opts.consume) rows.length = 0;
  }
  return { table: { ...table, rows: [] }, slices: slices() };
}

/** All rows of a stream in one table (the problems found while reading included). */
export async function collectTable(stream: TableStream): Promise<Table> {
  const rows: TableRow[] = [];
  for await (const slice of stream.slices) for (const row of slice) rows.push(row);
  return { ...stream.table, rows, problems: stream.table.problems };
}
