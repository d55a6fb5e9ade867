/**
 * German-aware folding for search. A stored text is indexed in two spellings, so that "Müller" is found by
 * "muller", "mueller" and "Müller" alike: one with diacritics stripped (ü → u) and one transliterated (ü → ue).
 * A query is only stripped; typing "mueller" then matches the transliterated spelling.
 */
// Letters that Unicode does not decompose into a base letter plus a mark (Turkish dotless ı, Polish ł, …).
const TRANSLITERATE: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
const STRIP_EXTRA: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

function stripMarks(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '');
}

export function foldQuery(s: string): string {
  return stripMarks(s.toLowerCase().replace(/[ßæœøłđı]/g, (c) => STRIP_EXTRA[c] ?? c))
    .replace(/[^\p{L}\p{N}@.+-]+/gu, ' ')
    .trim();
}

function transliterate(s: string): string {
  return stripMarks(s.toLowerCase().replace(/[äöüßæœøłđı]/g, (c) => TRANSLITERATE[c] ?? c))
    .replace(/[^\p{L}\p{N}@.+-]+/gu, ' ')
    .trim();
}

/** The text stored for searching: both spellings of every field, words de-duplicated. */
export function searchTextOf(fields: readonly (string | null | undefined)[]): string {
  const words = new Set<string>();
  for (const field of fields) {
    if (!field) continue;
    for (const w of `${foldQuery(field)} ${transliterate(field)}`.split(' ')) if (w) words.add(w);
  }
  return ` ${[...words].join(' ')} `;
}

export function queryTerms(query: string): string[] {
  return foldQuery(query).split(' ').filter(Boolean);
}
