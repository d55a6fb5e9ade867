import Papa from 'papaparse';
import { decodeText } from './decode-text';
import { uniqueHeaders } from './headers';
import {
  MAX_CELL_CHARS, TableError, throwIfAborted, yieldToLoop,
  type ReadHooks, type ReadOptions, type Table, type TableProblem, type TableRow,
} from './table';

const CANDIDATES = [';', ',', '\t'] as const;
const SLICE_CHARS = 1 << 20;

/**
 * CSV and tab-separated text. Delimiter and encoding are detected; parsing runs in slices of about 1 MB with a
 * pause in between, so a station keeps answering scans while a 100 000-line list is read.
 */
export async function readCsv(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<Table> {
  const decoded = decodeText(bytes, options.encoding);
  const text = decoded.text;
  if (text.trim() === '') throw new TableError('emptyFile');
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const parsed = await parseRows(text, delimiter, hooks);
  const first = parsed.rows.shift();
  if (!first) throw new TableError('emptyFile');
  const { headers, problems } = uniqueHeaders(first.cells, first.line);
  const rows = parsed.rows;
  if (rows.length === 0) throw new TableError('headerOnly');
  return {
    format: 'csv', encoding: decoded.encoding, delimiter, sheets: [], sheet: null, headers, rows, lineKind: 'line',
    problems: [...decoded.problems, ...problems, ...parsed.problems, ...checkCells(rows, headers)],
  };
}

/** The candidate that splits the first lines into the same number (> 1) of cells most consistently. */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: string = ';';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const result = Papa.parse<string[]>(sample, { delimiter: d, preview: 20 });
    const counts = result.data.filter((r) => r.length > 1 || r[0] !== '').map((r) => r.length);
    if (counts.length === 0) continue;
    const header = counts[0]!;
    if (header < 2) continue;
    const agreeing = counts.filter((c) => c === header).length;
    const score = agreeing * 1000 + header;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

async function parseRows(text: string, delimiter: string, hooks: ReadHooks): Promise<{ rows: TableRow[]; problems: TableProblem[] }> {
  const rows: TableRow[] = [];
  const problems: TableProblem[] = [];
  let line = 1;
  // Rows carry their embedded line breaks, so counting them gives the next row's line exactly.
  const breaks = (cells: string[]) => {
    let n = 0;
    for (const c of cells) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
    return n;
  };
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter,
      chunkSize: SLICE_CHARS,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        for (const cells of results.data) {
          const start = line;
          line += 1 + breaks(cells);
          if (cells.length === 1 && cells[0]!.trim() === '') continue;
          rows.push({ line: start, cells });
        }
        for (const e of results.errors) {
          if (e.code === 'MissingQuotes') {
            problems.push({ code: 'unclosedQuote', line: rows[rows.length - 1]?.line ?? line, column: null, severity: 'error' });
          }
        }
        if (hooks.signal?.aborted) {
          parser.abort();
          return;
        }
        hooks.onProgress?.(Math.min(1, results.meta.cursor / text.length));
        parser.pause();
        void yieldToLoop().then(() => parser.resume());
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });
  throwIfAborted(hooks.signal);
  return { rows, problems };
}

/** Cells beyond the last header and cells too long to be a field of a registration. */
function checkCells(rows: TableRow[], headers: string[]): TableProblem[] {
  const problems: TableProblem[] = [];
  for (const row of rows) {
    if (row.cells.length > headers.length && row.cells.slice(headers.length).some((c) => c.trim() !== '')) {
      problems.push({ code: 'tooManyCells', line: row.line, column: null, severity: 'warning', params: { count: row.cells.length, expected: headers.length } });
    }
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i]!;
      if (cell.length > MAX_CELL_CHARS) {
        problems.push({ code: 'cellTooLong', line: row.line, column: headers[i] ?? null, severity: 'error', params: { length: cell.length, max: MAX_CELL_CHARS } });
        row.cells[i] = cell.slice(0, MAX_CELL_CHARS);
      }
    }
  }
  return problems;
}
