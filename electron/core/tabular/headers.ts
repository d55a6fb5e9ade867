import type { TableProblem } from './table';

/**
 * Column names as a person reads them, unique: a second "E-Mail" becomes "E-Mail (2)" and is reported, an empty
 * header becomes "Spalte 7". Unique names are what a saved column mapping refers to.
 */
export function uniqueHeaders(raw: readonly string[], headerLine: number): { headers: string[]; problems: TableProblem[] } {
  const seen = new Map<string, number>();
  const problems: TableProblem[] = [];
  const headers = raw.map((cell, i) => {
    let name = cell.replace(/\s+/g, ' ').trim();
    if (name === '') {
      name = `Spalte ${i + 1}`;
      problems.push({ code: 'emptyHeader', line: headerLine, column: name, severity: 'warning', params: { index: i + 1 } });
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
  return { headers, problems };
}
