import Papa from 'papaparse';
import { decodeInPieces, type TextPiece } from './decode-text';
import { HEADER_SEARCH_ROWS, headerIndex, rowsAboveHeader, uniqueHeaders, unnamedColumns } from './headers';
import {
  MAX_CELL_CHARS, TableError, throwIfAborted, yieldToLoop,
  type ReadHooks, type ReadOptions, type Table, type TableProblem, type TableRow, type TableStream,
} from './table';

const CANDIDATES = [';', ',', '\t'] as const;
/** `="0012"`: a text literal as an Excel formula, its quotes doubled inside. */
const TEXT_FORMULA = /^="(?:[^"]|"")*"$/;
/** Excel's delimiter line, `sep=;` alone on the first line. */
const SEP_LINE = /^sep=([^\r\n])(?:\r\n|\n|\r|$)/;
/**
 * Bytes per piece. Small on purpose: a piece and the text papaparse builds from it stay below V8's large-object
 * size (128 KB), so they are collected young; with 256 KB pieces a 100 000-row import peaked 100 MB higher.
 */
const SLICE_BYTES = 1 << 15;

/**
 * CSV and tab-separated text, as a stream: the header is read first, the rows follow in slices of about 32 KB of
 * the file, decoded and parsed as they are asked for, so neither the text of a 100 000-line list nor its rows are
 * ever held all at once, and a station keeps answering scans while it is read. Delimiter and encoding are detected.
 */
export async function streamCsv(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<TableStream> {
  const decoded = decodeInPieces(bytes, options.encoding, SLICE_BYTES);
  // Excel writes and reads a first line `sep=;` naming the delimiter: it decides, and it is no row of the list.
  const directive = SEP_LINE.exec(decoded.head);
  const delimiter = options.delimiter ?? directive?.[1] ?? detectDelimiter(decoded.head, decoded.headComplete);
  const { header, above, lines } = await findHeader(parseChunks(decoded.pieces, bytes.length, delimiter, { signal: hooks.signal }, []), directive ? 1 : 0);
  const { headers, problems, unnamed } = uniqueHeaders(header.cells, header.line);
  // Titles above the header are said (the directive is not one).
  const titles = lines.slice(directive ? 1 : 0, above);
  // Problems found while the rows are read (quoting, cells) are added as they are found.
  const found: TableProblem[] = [...decoded.problems, ...(titles.length > 0 ? [rowsAboveHeader(titles[0]!, header.line)] : []), ...problems];
  const table: Table = {
    format: 'csv', encoding: decoded.encoding, delimiter, sheets: [], sheet: null, headers, rows: [], lineKind: 'line',
    problems: found, blankColumns: new Set(unnamed),
  };
  /**
   * The rows are read again from the start, the header skipped: rows kept from the check above while a plan loads
   * the 100 000 people it compares with made V8 allocate every later row straight into the old generation
   * (allocation-site pretenuring: most rows of that site had survived a collection), and an unchanged re-sync of
   * 100 000 rows then took 1.2-1.4 s and 260-270 MB instead of 1.05-1.2 s and 200 MB (in about half the runs).
   */
  const checkUnnamed = unnamedColumns(table.blankColumns, headers, header.line, found);
  async function* slices(): AsyncGenerator<TableRow[]> {
    // The header and any title rows above it.
    let skip = above + 1;
    for await (const parsed of parseChunks(decoded.pieces, bytes.length, delimiter, hooks, found)) {
      const rows = skip > 0 ? parsed.slice(skip) : parsed;
      skip = Math.max(0, skip - parsed.length);
      checkCells(rows, headers, table.problems);
      for (const row of rows) checkUnnamed(row.cells);
      if (rows.length > 0) yield rows;
    }
  }
  return { table, slices: slices() };
}

/**
 * The header row (see headerIndex: titles above it are passed over; the first `skip` rows are never it), once a
 * data row is known to follow: a file without one is refused before anything is planned. Nothing read here is kept.
 */
async function findHeader(chunks: AsyncIterable<TableRow[]>, skip: number): Promise<{ header: TableRow; above: number; lines: number[] }> {
  const first: TableRow[] = [];
  // Leaving the loop closes the parser.
  scan: for await (const rows of chunks) {
    for (const row of rows) {
      first.push(row);
      if (first.length > skip + HEADER_SEARCH_ROWS) break scan;
    }
  }
  const at = skip + headerIndex(first.slice(skip).map((r) => r.cells.reduce((n, c) => (c.trim() === '' ? n : n + 1), 0)));
  if (first.length < at + 2) throw new TableError(first.length > 0 ? 'headerOnly' : 'emptyFile');
  return { header: first[at]!, above: at, lines: first.map((r) => r.line) };
}

/**
 * The candidate that splits the first lines into the same number (> 1) of cells most consistently: the number of
 * cells most of these lines have (a title line above the header, without any delimiter, does not count against it).
 * A line the sample cuts off does not count: a first row of 80 KB with commas in a note, cut after a few of them,
 * made "," win over the header's ";" (and the file was refused as "nur die Kopfzeile").
 */
export function detectDelimiter(text: string, complete = true): string {
  let sample = text.slice(0, 64 * 1024);
  if (!complete || sample.length < text.length) {
    const end = sample.lastIndexOf('\n');
    if (end > 0) sample = sample.slice(0, end);
  }
  let best: string = ';';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const result = Papa.parse<string[]>(sample, { delimiter: d, preview: HEADER_SEARCH_ROWS + 1 });
    const lines = new Map<number, number>();
    for (const r of result.data) if (r.length > 1) lines.set(r.length, (lines.get(r.length) ?? 0) + 1);
    let cells = 0;
    let agreeing = 0;
    for (const [count, n] of lines) {
      if (n > agreeing || (n === agreeing && count > cells)) [cells, agreeing] = [count, n];
    }
    if (cells < 2) continue;
    const score = agreeing * 1000 + cells;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/**
 * The rows of the text in slices, one per piece of text: papaparse's parser reads each piece with the unfinished
 * last row of the one before (as its own chunked reading does), so quoted line breaks across pieces are kept.
 * Problems of quoting are added to `problems` on the way.
 */
async function* parseChunks(
  pieces: Iterable<TextPiece>, totalBytes: number, delimiter: string, hooks: ReadHooks, problems: TableProblem[],
): AsyncGenerator<TableRow[]> {
  // Rows are split at LF; see loneCrToLf for CRLF and CR.
  const parser = new Papa.Parser({ delimiter, newline: '\n' });
  let line = 1;
  // Rows carry their embedded line breaks, so counting them gives the next row's line exactly.
  const breaks = (cells: string[]) => {
    let n = 0;
    for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
    return n;
  };
  let partial = '';
  let base = 0;
  const it = pieces[Symbol.iterator]();
  let next = it.next();
  while (!next.done) {
    throwIfAborted(hooks.signal);
    let piece = next.value;
    let aggregate = partial + piece.text;
    next = it.next();
    // A row longer than a piece (a huge cell, a quote never closed) is parsed again with each new piece: take
    // pieces until the text at least doubles, so it is not parsed again a hundred times.
    while (!next.done && aggregate.length < 2 * partial.length) {
      piece = next.value;
      aggregate += piece.text;
      next = it.next();
    }
    const last = next.done === true;
    aggregate = loneCrToLf(aggregate, last);
    const results = parser.parse(aggregate, base, !last) as Papa.ParseResult<string[]>;
    if (!last) {
      partial = aggregate.substring(results.meta.cursor - base);
      base = results.meta.cursor;
    }
    const rows: TableRow[] = [];
    let lastLine = line;
    const starts: number[] = [];
    for (const cells of results.data) {
      const start = line;
      starts.push(start);
      // CRLF read as LF: the CR ends the last cell unless it was quoted (papaparse takes it as space after the quote).
      const lastCell = cells.length - 1;
      if (lastCell >= 0 && cells[lastCell]!.endsWith('\r')) cells[lastCell] = cells[lastCell]!.slice(0, -1);
      line += 1 + breaks(cells);
      if (blank(cells)) continue;
      rows.push({ line: start, cells });
      lastLine = start;
    }
    let strayAt = -1;
    for (const e of results.errors) {
      if (e.code === 'MissingQuotes') problems.push({ code: 'unclosedQuote', line: lastLine, column: null, severity: 'error' });
      // `"Müller" (Gast)`: text after a quoted cell's closing quote. papaparse reads on to the next quote that ends a
      // cell, so the rows in between become part of this cell (people lost, a name garbled): an error, nothing taken.
      if (e.code === 'InvalidQuotes' && e.row !== undefined && e.row !== strayAt && starts[e.row] !== undefined) {
        strayAt = e.row;
        const cell = results.data[e.row]!.find((c) => c.includes('"')) ?? '';
        problems.push({ code: 'strayQuote', line: starts[e.row]!, column: null, severity: 'error', params: { text: shortText(cell) } });
      }
    }
    hooks.onProgress?.(Math.min(1, piece.end / Math.max(1, totalBytes)));
    if (rows.length > 0) yield rows;
    await yieldToLoop();
  }
  throwIfAborted(hooks.signal);
}

/**
 * A line without anything in it: an empty line, or only delimiters (`;;;;`), which is how Excel saves an empty
 * row of the list as CSV. Skipped like an empty row of a spreadsheet.
 */
function blank(cells: string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/**
 * Rows are split at LF. CRLF (Windows) is LF with the CR left at the end of a row taken off; a CR alone (the Mac's
 * line break, Excel for Mac's CSV) is made an LF first. So a file that mixes them (two exports pasted together, one
 * from Windows, one from a Mac) is read row by row, where papaparse would split only at the kind it guessed and glue
 * the other lines to the row before. A line break inside a quoted cell stays one (a CR alone there becomes an LF).
 */
function loneCrToLf(text: string, last: boolean): string {
  // A CR that ends a piece of text other than the last may be followed by the LF that starts the next piece.
  return text.replace(last ? /\r(?!\n)/g : /\r(?!\n|$)/g, '\n');
}

/** The start of a cell for a message: one line, at most 60 characters. */
function shortText(cell: string): string {
  const line = cell.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/**
 * Cells beyond the last header and cells too long to be a field of a registration. A cell written as Excel's text
 * formula `="0012"` (exports that keep leading zeros that way) is the text in it.
 */
function checkCells(rows: TableRow[], headers: string[], problems: TableProblem[]): void {
  for (const row of rows) {
    if (row.cells.length > headers.length && row.cells.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push({ code: 'tooManyCells', line: row.line, column: null, severity: 'warning', params: { count: row.cells.length, expected: headers.length } });
    }
    for (let i = 0; i < row.cells.length; i++) {
      let cell = row.cells[i]!;
      if (cell.charCodeAt(0) === 61 && TEXT_FORMULA.test(cell)) cell = row.cells[i] = cell.slice(2, -1).replace(/""/g, '"');
      if (cell.length > MAX_CELL_CHARS) {
        problems.push({ code: 'cellTooLong', line: row.line, column: headers[i] ?? null, severity: 'error', params: { length: cell.length, max: MAX_CELL_CHARS } });
        row.cells[i] = cell.slice(0, MAX_CELL_CHARS);
      }
    }
  }
}
