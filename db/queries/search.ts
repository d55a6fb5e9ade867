import type { Db } from '../open';

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
  const tokens = terms.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * Front-desk search: exact code first, then FTS5 prefix matches by rank. `listId` adds whether each person is
 * currently checked in there.
 */
export function searchRegistrations(db: Db, terms: readonly string[], rawQuery: string, listId: string | null, limit: number): SearchHit[] {
  const match = ftsPrefixQuery(terms);
  if (!match) return [];
  const rows = db
    .prepare(
      `WITH hits AS (
         SELECT r.rowid AS rid, CASE WHEN r.code = @raw COLLATE NOCASE THEN 0 ELSE 1 END AS exact, f.rank AS rank
         FROM registrations_fts f JOIN registrations r ON r.rowid = f.rowid
         WHERE registrations_fts MATCH @match
         ORDER BY exact, rank LIMIT @limit
       )
       SELECT r.id, r.code, r.first_name AS firstName, r.last_name AS lastName, r.organisation, r.town, r.status,
              r.registered_on_site AS registeredOnSite,
              CASE WHEN @listId IS NULL THEN 0 ELSE EXISTS (
                SELECT 1 FROM check_ins c WHERE c.list_id = @listId AND c.registration_id = r.id AND c.type = 'entry'
                  AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)) END AS checkedIn
       FROM hits h JOIN registrations r ON r.rowid = h.rid
       ORDER BY h.exact, h.rank, r.last_name, r.first_name`,
    )
    .all({ match, raw: rawQuery.trim(), listId, limit }) as (Omit<SearchHit, 'registeredOnSite' | 'checkedIn'> & {
    registeredOnSite: number;
    checkedIn: number;
  })[];
  return rows.map((r) => ({ ...r, registeredOnSite: r.registeredOnSite === 1, checkedIn: r.checkedIn === 1 }));
}
