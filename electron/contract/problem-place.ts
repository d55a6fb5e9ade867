/** A translate function as i18next hands it out (the contract does not depend on i18next itself). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Where a problem of a list is, in the words of the file's format: "Zeile 12, Spalte „E-Mail“", or for the same
 * problem in many rows "Zeilen 2, 4, 8, 11, 12 und 36.117 weitere, Spalte „Workshops“"; '' for the whole file.
 * Shared by the screens and the command line.
 */
export function problemPlace(
  t: Translate,
  lineKind: 'line' | 'row' | 'entry',
  p: { line: number | null; column: string | null; count?: number; lines?: readonly number[] },
): string {
  const count = p.count ?? 1;
  const lines = p.lines ?? [];
  const rows = count > 1 && lines.length > 0
    ? t(`sync.linesKind.${lineKind}`, { lines: lines.join(', ') }) + (count > lines.length ? t('sync.problems.andMore', { count: count - lines.length }) : '')
    : p.line !== null ? t(`sync.lineKind.${lineKind}`, { line: p.line }) : null;
  return [rows, p.column !== null ? t('sync.columnNamed', { column: p.column }) : null].filter(Boolean).join(', ');
}
