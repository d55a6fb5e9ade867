/**
 * A search that is an e-mail address, or its start as far as typed ("heike.schaefer@"): one word with an "@".
 * The desk then looks people up by address (db/queries/search.ts), and the walk-in form takes it as the e-mail.
 * Pure, so the main process and the renderer share it.
 */
export function emailQuery(rawQuery: string): string | null {
  const q = rawQuery.trim();
  return q.includes('@') && !/\s/.test(q) ? q : null;
}
