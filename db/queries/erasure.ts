import type { Db } from '../open';
import { checkpointTruncate, foreignKeys } from './purge';
import { cached } from './statement-cache';

/**
 * Erasing the people of a removed registration list (migration 009). A person is erased only when nothing
 * happened with them at the event: no check-in, no refused scan, no walk change recorded. Those stay (cancelled).
 */

/**
 * Nothing of the event's own record hangs on the person (check-ins, refused scans, walk changes are kept for
 * good), nor waits to be placed (a check-in from a station whose list has not arrived yet).
 */
const NO_RECORDS = `NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = registrations.id)
  AND NOT EXISTS (SELECT 1 FROM refused_scans s WHERE s.registration_id = registrations.id)
  AND NOT EXISTS (SELECT 1 FROM assignment_moves m WHERE m.registration_id = registrations.id)
  AND registrations.id NOT IN (SELECT registration_id FROM sync_parked WHERE registration_id IS NOT NULL)`;

/**
 * The people of a list that removing it with "Personendaten löschen" erases: those it cancels and those it had
 * cancelled already, not walk-ins it took nor people registered again in the app (they stay, as at a removal).
 */
const ERASABLE_ON_REMOVE = `registered_on_site = 0
  AND NOT (status = 'registered' AND id IN (SELECT registration_id FROM registration_local_fields WHERE field = 'status' AND reverted = 0))
  AND ${NO_RECORDS}`;

export function erasableOnRemove(db: Db, sourceId: string): string[] {
  return db.prepare(`SELECT id FROM registrations WHERE sync_source_id = ? AND ${ERASABLE_ON_REMOVE}`).pluck().all(sourceId) as string[];
}

/** Exported for the query-plan test: every person of every list, with look-ups by index (and the parked records once). */
export const ERASABLE_BY_SOURCE_SQL = `SELECT sync_source_id AS id, count(*) AS n FROM registrations
  WHERE sync_source_id IS NOT NULL AND ${ERASABLE_ON_REMOVE} GROUP BY sync_source_id`;

/** By list: how many people removing it with their data would erase (shown on each list's card). */
export function erasableOnRemoveBySource(db: Db): Map<string, number> {
  const rows = db.prepare(ERASABLE_BY_SOURCE_SQL).all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** True when something of the event's own record hangs on this person here. */
export function hasEventRecords(db: Db, id: string): boolean {
  return cached(db, `SELECT 1 FROM registrations WHERE id = ? AND NOT (${NO_RECORDS})`).get(id) !== undefined;
}

/** Tables that point to a registration (directly), with the pointing column, from the schema. */
function referencingColumns(db: Db): [string, string][] {
  return foreignKeys(db).flatMap(({ table, keys }) =>
    table === 'registrations' ? [] : keys.filter((k) => k.target === 'registrations').map((k): [string, string] => [table, k.column]));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Deletes these people and everything that hangs on them here (assignments, local corrections, conflicts and
 * parked records about them; the search index by its trigger), with their change entries and versions, and keeps
 * only their ids as erased. The caller checked that no check-in, refused scan or walk change hangs on them.
 * Returns how many of them were here.
 */
export function eraseRegistrations(db: Db, ids: readonly string[], at: string): number {
  const list = JSON.stringify(ids);
  const inIds = 'IN (SELECT value FROM json_each(?))';
  forgetCodesInRefusedScans(db, list);
  const personOfKey = "substr(key, 1, instr(key, '|') - 1)";
  for (const [table, col] of referencingColumns(db)) db.prepare(`DELETE FROM ${ident(table)} WHERE ${ident(col)} ${inIds}`).run(list);
  // What deleting their assignments just recorded to travel goes too: the erasure alone travels, and each
  // station deletes what hangs on the person itself.
  for (const t of ['sync_changes', 'sync_versions', 'sync_outbox']) {
    db.prepare(`DELETE FROM ${t} WHERE kind = 'registration' AND key ${inIds}`).run(list);
    db.prepare(`DELETE FROM ${t} WHERE kind = 'assignment' AND ${personOfKey} ${inIds}`).run(list);
  }
  db.prepare(
    `INSERT INTO erased_registrations (id, erased_at, sync_source_id)
     SELECT j.value, ?, (SELECT r.sync_source_id FROM registrations r WHERE r.id = j.value) FROM json_each(?) j WHERE true
     ON CONFLICT (id) DO NOTHING`,
  ).run(at, list);
  return db.prepare(`DELETE FROM registrations WHERE id ${inIds}`).run(list).changes;
}

/**
 * A scan refused as an unknown code before the person's list arrived (a wrong list, loaded and erased later) is
 * nobody's, and kept for good: what was scanned (the person's code, alone or in a link) goes with the person, the
 * record stays (when, where, why refused). Only here, as such records do not travel changed.
 */
function forgetCodesInRefusedScans(db: Db, idsJson: string): void {
  const refused = db.prepare('SELECT id, raw_code AS raw FROM refused_scans WHERE registration_id IS NULL AND raw_code <> \'\'').all() as { id: string; raw: string }[];
  if (refused.length === 0) return;
  const codes = new Set(db.prepare('SELECT code FROM registrations WHERE id IN (SELECT value FROM json_each(?))').pluck().all(idsJson) as string[]);
  const blank = db.prepare("UPDATE refused_scans SET raw_code = '', raw_truncated = 0 WHERE id = ?");
  // The code as scanned, or a part of what was scanned (a link, a code with text around it).
  for (const r of refused) if (codes.has(r.raw.trim()) || r.raw.split(/[^\p{L}\p{N}_-]+/u).some((part) => codes.has(part))) blank.run(r.id);
}

export function isErased(db: Db, id: string): boolean {
  return cached(db, 'SELECT 1 FROM erased_registrations WHERE id = ?').get(id) !== undefined;
}

/** The person is back (a station had recorded something with them): no longer erased here. Their list, if known. */
export function forgetErasure(db: Db, id: string): string | null {
  const source = cached(db, 'SELECT sync_source_id FROM erased_registrations WHERE id = ?').pluck().get(id) as string | null | undefined;
  cached(db, 'DELETE FROM erased_registrations WHERE id = ?').run(id);
  cached(db, "DELETE FROM sync_changes WHERE kind = 'erasure' AND key = ?").run(id);
  return source ?? null;
}

/**
 * A person brought back at the hub is what the removal made of everyone it could not erase: cancelled, of the
 * removed list. Run outside a merge's capture pause, so the cancellation travels to every station.
 */
export function cancelAsOfRemovedList(db: Db, id: string, syncSourceId: string | null): void {
  cached(db, "UPDATE registrations SET status = 'cancelled', sync_source_id = coalesce(?, sync_source_id) WHERE id = ?").run(syncSourceId, id);
}

/** Records about this person that arrived before the person could be placed (a check-in from a station). */
export function parkedAbout(db: Db, id: string): boolean {
  return cached(
    db,
    `SELECT 1 FROM sync_parked WHERE kind IN ('check_in', 'refused_scan', 'move') AND json_extract(payload, '$.row.registration_id') = ?`,
  ).get(id) !== undefined;
}

/** Ids erased here, of those given. */
export function erasedOf(db: Db, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  return new Set(cached(db, 'SELECT id FROM erased_registrations WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as string[]);
}

/**
 * The search index drops what it had of deleted people. A deletion alone only adds deletion records (with the
 * words), and 'optimize' keeps them where the merged segment is not the oldest level: a station that had pulled
 * its people in pages kept every erased person's words that way (found by the privacy probe). The index is built
 * again from the people instead: 100 000 people in about 0.3 s.
 */
export function compactSearchIndex(db: Db): void {
  db.prepare("INSERT INTO registrations_fts (registrations_fts) VALUES ('rebuild')").run();
}

/**
 * Runs `fn` with SQLite overwriting deleted content with zeros (secure_delete), then rewrites the file (VACUUM) and
 * empties the WAL, so that nothing of the people `fn` deleted is in any page of the file, its WAL or shared memory.
 * secure_delete alone is not enough: a page still in use keeps, in its free space, what earlier writes freed while
 * it was off (a name a re-sync or a correction replaced, in the name index), and 7 of 12 random histories of
 * re-syncs and corrections left such names of erased people (tests/db/sync-erase.test.ts). `fn` runs its own
 * transaction: neither the setting nor VACUUM can run inside one. `rewritten` says whether the rewrite went
 * through; when it did not, it is tried again later (see rewriteFile).
 */
export function withSecureDelete<T extends object>(db: Db, fn: () => T): T & { rewritten: boolean } {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  let result: T;
  try {
    result = fn();
  } finally {
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
  // The deletion is committed: a rewrite that fails (no room on the disk for the copy) must not make it look as
  // if nothing had happened. What secure_delete zeroed is gone all the same; the rewrite is tried again.
  let rewritten = false;
  try {
    rewritten = rewriteFile(db);
  } catch (err) {
    console.error('Einlass: rewriting the event file after an erasure failed:', err);
  }
  return { ...result, rewritten };
}

/** How long each checkpoint of the rewrite waits for readers of other connections before it is left for later. */
const REWRITE_WAIT_MS = 1500;

/**
 * Rewrites the file (VACUUM) and empties its WAL, keeping `event.rewrite_pending` set until both went through: a
 * reader of another connection (a command-line export, another program reading the file) keeps the WAL from being
 * emptied, and then old pages stay in the file and its WAL until the rewrite is tried again — by every later
 * erasure, the station's periodic look and the next opening of the event (retryPendingRewrite). True when done.
 */
export function rewriteFile(db: Db): boolean {
  setRewritePending(db, true);
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.min(wait, REWRITE_WAIT_MS)}`);
  try {
    checkpointTruncate(db);
    db.exec('VACUUM');
    setRewritePending(db, false);
    if (checkpointTruncate(db)) return true;
    setRewritePending(db, true);
    return false;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** A rewrite left for later (see rewriteFile) tried again: null when none is pending, else whether it went through. */
export function retryPendingRewrite(db: Db): boolean | null {
  const row = db.prepare('SELECT rewrite_pending AS pending FROM event').get() as { pending: number } | undefined;
  if (!row?.pending) return null;
  try {
    return rewriteFile(db);
  } catch (err) {
    console.error('Einlass: rewriting the event file after an erasure failed again:', err);
    return false;
  }
}

function setRewritePending(db: Db, pending: boolean): void {
  const value = pending ? 1 : 0;
  db.prepare('UPDATE event SET rewrite_pending = ? WHERE rewrite_pending <> ?').run(value, value);
}
