import type { TableProblem } from './table';

/**
 * Column names as a person reads them, unique: a second "E-Mail" becomes "E-Mail (2)" and is reported, an empty
 * header becomes "Spalte 7" (listed in `unnamed`; see unnamedColumns for when that is said). Unique names are what
 * a saved column mapping refers to.
 */
export function uniqueHeaders(raw: readonly string[], headerLine: number): { headers: string[]; problems: TableProblem[]; unnamed: number[] } {
  const seen = new Map<string, number>();
  const problems: TableProblem[] = [];
  const unnamed: number[] = [];
  const headers = raw.map((cell, i) => {
    let name = cell.replace(/\s+/g, ' ').trim();
    if (name === '') {
      name = `Spalte ${i + 1}`;
      unnamed.push(i);
    }
    const key = name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count === 1) return name;
    let candidate = `${name} (${count})`;
    while (seen.has(candidate.toLowerCase())) candidate = `${candidate}'`;
    seen.set(candidate.toLowerCase(), 1);
    problems.push({ code: 'duplicateHeader', line: headerLine, column: name, severity: 'warning', params: { renamed: candidate } });
    return candidate;
  });
  return { headers, problems: sayDuplicatesOnce(problems, headerLine), unnamed };
}

/**
 * Several names that come twice (pretix's order export repeats "Company", "Address", "ZIP code", "City", "Country",
 * "State" for the invoice address): one note naming them all, not one each on every sync.
 */
function sayDuplicatesOnce(problems: TableProblem[], headerLine: number): TableProblem[] {
  if (problems.length < 3) return problems;
  const quote = (v: unknown) => `„${String(v)}“`;
  const names = problems.map((p) => quote(p.column));
  const renamed = problems.map((p) => quote(p.params?.renamed));
  return [{
    code: 'duplicateHeader', line: headerLine, column: problems[0]!.column, severity: 'warning',
    params: { context: 'several', count: problems.length, names: names.join(', '), renamed: renamed.join(', ') },
  }];
}

/** The warning that column `index` (0-based) has no name. */
export function emptyHeader(index: number, headers: readonly string[], headerLine: number): TableProblem {
  return { code: 'emptyHeader', line: headerLine, column: headers[index]!, severity: 'warning', params: { index: index + 1 } };
}

/**
 * A check for each row read: a column without a name is said (emptyHeader) once a row has something in it, and
 * taken out of `waiting` (the table's blankColumns, which starts as all unnamed columns). A list that starts in
 * column B has an empty, nameless column A; that is nothing to report.
 */
export function unnamedColumns(waiting: Set<number>, headers: readonly string[], headerLine: number, problems: TableProblem[]): (cells: readonly string[]) => void {
  return (cells) => {
    if (waiting.size === 0) return;
    for (const i of waiting) {
      if ((cells[i] ?? '').trim() === '') continue;
      waiting.delete(i);
      problems.push(emptyHeader(i, headers, headerLine));
    }
  };
}

/** Rows looked at for the column names: the header is found among a table's first rows (a page of notes above it too), never further down. */
export const HEADER_SEARCH_ROWS = 50;

/**
 * Which of a table's first rows holds the column names, given how many cells each row has filled. Lists saved
 * from Excel often start with a title, a date or a note above the header ("Teilnehmerliste Fachtagung 2026",
 * "Stand: 01.11."): rows of one or two filled cells where the header names every column. Such rows are passed
 * over while they have fewer than half as many cells filled as the fullest of the first rows; a row of three or
 * more filled cells is always taken as the header, so a header that names fewer columns than its rows fill (data
 * in unnamed columns) stays the header. Where no row qualifies (a one-column list), the first row is the header.
 */
export function headerIndex(filled: readonly number[]): number {
  const need = Math.max(2, Math.ceil(Math.max(0, ...filled.slice(0, HEADER_SEARCH_ROWS)) / 2));
  for (let i = 0; i < Math.min(filled.length, HEADER_SEARCH_ROWS); i++) {
    if (filled[i]! >= need || filled[i]! > 2) return i;
  }
  return 0;
}

/** The warning that rows above the header (`firstLine` up to the header's line) were passed over. */
export function rowsAboveHeader(firstLine: number, headerLine: number): TableProblem {
  return { code: 'rowsAboveHeader', line: firstLine, column: null, severity: 'warning', params: { header: headerLine } };
}
