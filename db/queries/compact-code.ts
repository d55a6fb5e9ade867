/**
 * The compact form of a code: in capitals (ASCII letters only, as SQLite's upper() does), without dashes, spaces,
 * dots and underscores. "m6fyppzk", "M6FY PPZK" and "M6FY-PPZK" have the same one. Used only when a code is not
 * found as typed: codes of other systems are opaque, and two of them may share a compact form.
 */
export function compactCode(code: string): string {
  return code.replace(/[a-z]+/g, (s) => s.toUpperCase()).replace(/[-. _]/g, '');
}

/**
 * The same in SQL, for `expr` (a column or a parameter). For `code` it is the expression of the indexes
 * registrations_by_compact_code and former_codes_by_compact_code (migration 018): keep both the same, or lookups
 * scan every code.
 */
export function compactCodeSql(expr: string): string {
  return `replace(replace(replace(replace(upper(${expr}), '-', ''), ' ', ''), '.', ''), '_', '')`;
}

/** Typed text shorter than this (in compact form) is not looked up as the beginning of a code. */
const MIN_COMPACT_PREFIX = 4;

/**
 * The typed text as a code without separators (compactCode), or null when it is too short to be one.
 * Typed without its dash ("m6fyppzk" for M6FY-PPZK) a code is one word to the full-text index, which holds its
 * parts ("m6fy", "ppzk"), so it is looked up by this form instead (QA14 B1).
 */
export function compactQuery(rawQuery: string): string | null {
  const compact = compactCode(rawQuery.trim());
  return compact.length >= MIN_COMPACT_PREFIX ? compact : null;
}
