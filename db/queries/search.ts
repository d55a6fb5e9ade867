import { emailQuery } from '../../electron/contract/email-query';
import { searchTextOf } from '../../electron/core/text/fold';
import type { Db } from '../open';
import { compactCodeSql, compactQuery } from './compact-code';
import { cached } from './statement-cache';
import { byGermanName } from './name-order';

export interface SearchHit {
  id: string;
  code: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  town: string | null;
  status: 'registered' | 'cancelled';
  registeredOnSite: boolean;
  checkedIn: boolean;
}

/**
 * Turns folded query terms into an FTS5 query where every word must match as a prefix ("hei sch" finds
 * "Heike Schäfer"). Terms are split like the tokenizer splits (on anything but letters and digits), and each
 * token is quoted, so user input can never become FTS5 syntax.
 */
export function ftsPrefixQuery(terms: readonly string[]): string | null {
  const tokens = queryTokens(terms);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

const queryTokens = (terms: readonly string[]) => terms.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);

/**
 * Up to this many matches, people whose name begins with the query's words come first (name_hits): in Weißenfels,
 * "Weiß" listed every "Stadt Weißenfels" before Jürgen Weiß (a walkthrough, /work/exp/qa10). Each match costs a
 * call into JavaScript (1-2 µs); for all of up to 1000 matches that took the search bench from p95 5.1 to 7.0 ms,
 * so a broader query (one or two letters at a large event) keeps the plain ranking and sharpens with the next key.
 */
export const NAME_RANKED_MATCHES = 300;

const withNameHits = new WeakSet<Db>();

/** Folded words of a name, kept for the next keystroke. */
const nameCache = new Map<string, string[]>();
function nameWords(first: string, last: string): string[] {
  const key = `${first}\u0001${last}`;
  let words = nameCache.get(key);
  if (!words) {
    if (nameCache.size >= 20_000) nameCache.clear();
    words = searchTextOf([first, last]).split(' ').filter(Boolean);
    nameCache.set(key, words);
  }
  return words;
}

/** SQL name_hits(first, last, tokens): how many of the query's tokens (space-separated) begin a word of the name. */
function registerNameHits(db: Db): void {
  if (withNameHits.has(db)) return;
  db.function('name_hits', { deterministic: true }, (first: unknown, last: unknown, tokens: unknown) => {
    const words = nameWords(String(first ?? ''), String(last ?? ''));
    let hits = 0;
    for (const t of String(tokens).split(' ')) if (t && words.some((w) => w.startsWith(t))) hits++;
    return hits;
  });
  withNameHits.add(db);
}

/**
 * At most this many full-text matches are ranked per query. Ranking (bm25) costs about half a microsecond per
 * match, and a one- or two-letter prefix matches a large share of a big event (46 000 of 100 000 people for
 * "m"), which took 25-50 ms per keystroke. Up to this many matches the result is exactly the full ranking;
 * beyond it, the best of the first RANKED_MATCHES matches (in file order) are shown, which for such a broad
 * prefix is as good as any choice, and the list sharpens with the next keystroke.
 */
export const RANKED_MATCHES = 1000;

const COMPACT_CODE = compactCodeSql('code');

/**
 * Front-desk search: exact code first, then FTS5 prefix matches by rank; an e-mail address (see emailQuery) by
 * address instead. `listId` adds whether each person is currently checked in there. The exact code is also looked
 * up through the code index, so it comes first even when its query is so broad that it is not among the ranked
 * matches. A code typed without its dash ("m6fyppzk" for M6FY-PPZK; QA14 B1) is one word that the full-text
 * index, holding the code's parts, does not know: it is looked up by its compact form (compactQuery, through the
 * index of migration 018) and counts as exact too. The beginning of one ("m6fyp") is looked up only when no word
 * matches, so that a name's letters do not bring in people whose code happens to begin with them.
 */
export function searchRegistrations(db: Db, terms: readonly string[], rawQuery: string, listId: string | null, limit: number): SearchHit[] {
  const email = emailQuery(rawQuery);
  const match = email === null ? ftsPrefixQuery(terms) : null;
  if (email === null && !match) return [];
  if (match) registerNameHits(db);
  const hits = email !== null
    ? `hits AS (
         SELECT r.rowid AS rid, CASE WHEN lower(r.email) = lower(@raw) THEN 0 ELSE 1 END AS exact, NULL AS rank
         FROM registrations r
         WHERE r.email IS NOT NULL AND lower(r.email) >= lower(@raw) AND lower(r.email) < lower(@raw) || char(1114111)
         ORDER BY exact, ${byGermanName('r.')} LIMIT @limit
       )`
    : `matched AS MATERIALIZED (
         SELECT rowid AS rid, rank FROM registrations_fts WHERE registrations_fts MATCH @match LIMIT @ranked
       ),
       code_hits AS MATERIALIZED (
         SELECT rowid AS rid FROM registrations WHERE ${COMPACT_CODE} = @compact
       ),
       candidates AS (
         SELECT rid, rank FROM matched
         UNION ALL
         SELECT r.rowid, NULL FROM registrations r
         WHERE r.code IN (@raw, upper(@raw), lower(@raw)) AND r.code = @raw COLLATE NOCASE
           AND r.rowid NOT IN (SELECT rid FROM matched)
           AND EXISTS (SELECT 1 FROM registrations_fts f WHERE f.registrations_fts MATCH @match AND f.rowid = r.rowid)
         UNION ALL
         SELECT r.rowid, NULL FROM code_hits c JOIN registrations r ON r.rowid = c.rid
         WHERE r.code <> @raw COLLATE NOCASE AND r.rowid NOT IN (SELECT rid FROM matched)
         UNION ALL
         SELECT rid, NULL FROM (
           SELECT rowid AS rid FROM registrations
           WHERE ${COMPACT_CODE} > @compact AND ${COMPACT_CODE} < @compact || char(1114111)
             AND NOT EXISTS (SELECT 1 FROM matched)
           LIMIT @limit
         )
       ),
       hits AS (
         SELECT c.rid, CASE WHEN r.code = @raw COLLATE NOCASE OR c.rid IN (SELECT rid FROM code_hits) THEN 0 ELSE 1 END AS exact,
                CASE WHEN (SELECT count(*) FROM matched) <= @nameRanked THEN -name_hits(r.first_name, r.last_name, @tokens) ELSE 0 END AS names,
                c.rank
         FROM candidates c JOIN registrations r ON r.rowid = c.rid
         ORDER BY exact, names, c.rank LIMIT @limit
       )`;
  // Kept prepared: with the code lookups, preparing the query took longer than running it (0.27 ms a keystroke).
  const rows = cached(
      db,
      `WITH ${hits}
       SELECT r.id, r.code, r.first_name AS firstName, r.last_name AS lastName, r.organisation, r.town, r.status,
              r.registered_on_site AS registeredOnSite,
              CASE WHEN @listId IS NULL THEN 0 ELSE EXISTS (
                SELECT 1 FROM check_ins c WHERE c.list_id = @listId AND c.registration_id = r.id AND c.type = 'entry'
                  AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)) END AS checkedIn
       FROM hits h JOIN registrations r ON r.rowid = h.rid
       ORDER BY h.exact, ${email !== null ? '' : 'h.names, '}h.rank, r.last_name, r.first_name`,
    ).all(email !== null
      ? { raw: email, listId, limit }
      : { match, raw: rawQuery.trim(), compact: compactQuery(rawQuery), listId, limit, ranked: RANKED_MATCHES, nameRanked: NAME_RANKED_MATCHES, tokens: queryTokens(terms).join(' ') }) as (Omit<SearchHit, 'registeredOnSite' | 'checkedIn'> & {
    registeredOnSite: number;
    checkedIn: number;
  })[];
  return rows.map((r) => ({ ...r, registeredOnSite: r.registeredOnSite === 1, checkedIn: r.checkedIn === 1 }));
}
