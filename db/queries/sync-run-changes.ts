import type { Db } from '../open';

/** What an applied sync changed, person by person (migrations 016, 017), for its history. */

export type StoredChangeKind = 'updated' | 'cancelled' | 'restored' | 'keptLocal';

export interface StoredRunChange {
  kind: StoredChangeKind;
  registrationId: string;
  /** The person's line in the list the run read; null for someone cancelled as no longer in it. */
  line: number | null;
  /** FieldChange[] as JSON: each field's value before and after the run. */
  fields: string;
}

/** Written inside the run's transaction, after its run record (the rows point to it). */
export function insertRunChanges(db: Db, runId: string, changes: readonly StoredRunChange[]): void {
  if (changes.length === 0) return;
  const insert = db.prepare(
    'INSERT INTO sync_run_changes (run_id, kind, position, registration_id, line, fields) VALUES (?, ?, ?, ?, ?, ?)',
  );
  changes.forEach((c, position) => insert.run(runId, c.kind, position, c.registrationId, c.line, c.fields));
}

/** How many people of each kind a run's stored changes name (people erased since are gone from them). */
/**
 * Search terms (as the dry run's search makes them: folded, a code's or address's parts joined by spaces) as SQL
 * on a person's search text: each at the start of a word, or of a joined word with its joins left out ("b2" for
 * "B-2").
 */
function matching(column: string, terms: readonly string[]): { sql: string; params: string[] } {
  const joins = (to: string) => `replace(replace(replace(replace(${column}, '-', '${to}'), '.', '${to}'), '@', '${to}'), '+', '${to}')`;
  return {
    sql: terms.map(() => ` AND (${joins(' ')} LIKE ? OR ${joins('')} LIKE ?)`).join(''),
    params: terms.flatMap((t) => [`% ${t}%`, `% ${t.replace(/ /g, '')}%`]),
  };
}

export function runChangeTotals(db: Db, runId: string, terms: readonly string[] = []): Record<StoredChangeKind, number> {
  const m = matching('r.search_text', terms);
  const rows = db.prepare(
    `SELECT c.kind, count(*) AS n FROM sync_run_changes c ${terms.length > 0 ? 'JOIN registrations r ON r.id = c.registration_id' : ''}
     WHERE c.run_id = ?${m.sql} GROUP BY c.kind`,
  ).all(runId, ...m.params) as { kind: StoredChangeKind; n: number }[];
  const totals = { updated: 0, cancelled: 0, restored: 0, keptLocal: 0 };
  for (const r of rows) totals[r.kind] = r.n;
  return totals;
}

export interface RunChangeRow extends StoredRunChange {
  /** The person as they are called now, and their code now. */
  name: string;
  code: string;
}

/** A page of one kind of a run's changes, in the order of the list the run read. */
export function runChangesPage(db: Db, runId: string, kind: StoredChangeKind, offset: number, limit: number, terms: readonly string[] = []): RunChangeRow[] {
  const m = matching('r.search_text', terms);
  return db.prepare(
    `SELECT c.kind, c.registration_id AS registrationId, c.line, c.fields, trim(r.first_name || ' ' || r.last_name) AS name, r.code
     FROM sync_run_changes c JOIN registrations r ON r.id = c.registration_id
     WHERE c.run_id = ? AND c.kind = ?${m.sql} ORDER BY c.position LIMIT ? OFFSET ?`,
  ).all(runId, kind, ...m.params, limit, offset) as RunChangeRow[];
}

/**
 * The people a run added are not stored (a first import of 100 000 people would write 100 000 rows more): they
 * are the people of its list created at the run's time, as every person a run inserts is (insertRegistrationsSql).
 * A walk-in the run took is not among them: that is a change, stored as one.
 */
/** Exported for the query-plan test. */
export const ADDED = 'FROM registrations WHERE sync_source_id = ? AND created_at = ?';

export function runAddedCount(db: Db, run: { sourceId: string; finishedAt: string }, terms: readonly string[] = []): number {
  const m = matching('search_text', terms);
  return db.prepare(`SELECT count(*) ${ADDED}${m.sql}`).pluck().get(run.sourceId, run.finishedAt, ...m.params) as number;
}

export interface AddedPersonRow {
  registrationId: string;
  name: string;
  code: string;
  status: 'registered' | 'cancelled';
  organisation: string | null;
  town: string | null;
  /** JSON array of day ids. */
  days: string;
  /** Not written to since the run: what they have is what it wrote. */
  untouched: boolean;
}

/** A page of the people a run added, in the order they were inserted (the list's). */
export function runAddedPage(db: Db, run: { sourceId: string; finishedAt: string }, offset: number, limit: number, terms: readonly string[] = []): AddedPersonRow[] {
  const m = matching('search_text', terms);
  const rows = db.prepare(
    `SELECT id AS registrationId, trim(first_name || ' ' || last_name) AS name, code, status, organisation, town, days,
       updated_at = created_at AS untouched
     ${ADDED}${m.sql} ORDER BY rowid LIMIT ? OFFSET ?`,
  ).all(run.sourceId, run.finishedAt, ...m.params, limit, offset) as (Omit<AddedPersonRow, 'untouched'> & { untouched: number })[];
  return rows.map((r) => ({ ...r, untouched: r.untouched === 1 }));
}

/** The registration lists (sessions, walks) of these people, by person. */
export function assignedListsOf(db: Db, ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = db.prepare('SELECT registration_id AS id, list_id AS list FROM assignments WHERE registration_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: string; list: string }[];
  for (const r of rows) out.get(r.id)?.push(r.list);
  return out;
}

/**
 * The stored changes of a list's runs: they go with the list's personal data ("Liste entfernen" with
 * "Personendaten löschen"), those of people kept for their check-ins too, like the notes of its runs.
 */
export function deleteRunChangesOfSource(db: Db, sourceId: string): void {
  db.prepare('DELETE FROM sync_run_changes WHERE run_id IN (SELECT id FROM sync_runs WHERE source_id = ?)').run(sourceId);
}
