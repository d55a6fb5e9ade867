import type { Db } from '../open';
import { cached } from './statement-cache';

/** What this file is in a multi-station event (migration 006). */
export type SyncRole = 'hub' | 'station';

export interface SyncStateRow {
  role: SyncRole | null;
  hlc: number;
  clockCorrectionMs: number;
}

export function getSyncState(db: Db): SyncStateRow {
  return cached(db, 'SELECT role, hlc, clock_correction_ms AS clockCorrectionMs FROM sync_state WHERE id = 1').get() as SyncStateRow;
}

export function setSyncRole(db: Db, role: SyncRole): void {
  cached(db, 'UPDATE sync_state SET role = ? WHERE id = 1').run(role);
}

/** The triggers' clock is SQLite's; this is what must be added to it to get the app's (corrected) clock. */
export function setTriggerClockCorrection(db: Db, ms: number): void {
  cached(db, 'UPDATE sync_state SET clock_correction_ms = ? WHERE id = 1 AND clock_correction_ms <> ?').run(Math.round(ms), Math.round(ms));
}

/**
 * Marks the start of a merge inside the caller's transaction: the triggers neither stamp versions nor fill the
 * outbox for what is merged in, and the hub's change entries carry `origin` (the station that sent it).
 */
export function beginApplying(db: Db, origin: string | null): void {
  cached(db, 'UPDATE sync_state SET applying = 1, origin = ? WHERE id = 1').run(origin);
}

export function endApplying(db: Db): void {
  cached(db, 'UPDATE sync_state SET applying = 0, origin = NULL WHERE id = 1').run();
}

/** Receiving a version moves the clock past it (the "receive" rule of a hybrid logical clock). */
export function observeHlc(db: Db, hlc: number): void {
  cached(db, 'UPDATE sync_state SET hlc = max(hlc, ?) WHERE id = 1').run(hlc);
}

// --- the hub's change sequence ------------------------------------------------------------------------------

export interface ChangeRef {
  seq: number;
  kind: string;
  key: string;
}

/** Kinds whose records never change: a station does not need its own ones back. */
const IMMUTABLE = "('check_in', 'refused_scan', 'move')";

/**
 * One page of changes after `since`, without the append-only records the asking station made itself. `upTo` is
 * where the next page starts: the last seq returned, or the end of the sequence when the page is not full.
 */
export function changesAfter(db: Db, since: number, limit: number, stationId: string): { refs: ChangeRef[]; upTo: number; more: boolean } {
  return db.transaction(() => {
    const refs = cached(
      db,
      `SELECT seq, kind, key FROM sync_changes
       WHERE seq > ? AND NOT (origin IS ? AND kind IN ${IMMUTABLE}) ORDER BY seq LIMIT ?`,
    ).all(since, stationId, limit) as ChangeRef[];
    const more = refs.length === limit;
    const upTo = more ? refs.at(-1)!.seq : Math.max(since, lastSeq(db));
    return { refs, upTo, more };
  })();
}

export function lastSeq(db: Db): number {
  return (cached(db, 'SELECT coalesce(max(seq), 0) AS s FROM sync_changes').get() as { s: number }).s;
}

/** Of the given rows, those whose latest change comes after `seq` (a page must bring them along). */
export function changedAfter(db: Db, kind: string, keys: string[], seq: number): string[] {
  if (keys.length === 0) return [];
  return (
    cached(db, 'SELECT key FROM sync_changes WHERE kind = ? AND seq > ? AND key IN (SELECT value FROM json_each(?))')
      .all(kind, seq, JSON.stringify(keys)) as { key: string }[]
  ).map((r) => r.key);
}

/** Every replicated row, as kind and the SELECT of its keys (in the order a receiver can place them). */
const EVERY_RECORD: readonly [string, string][] = [
  ['station', 'id FROM stations ORDER BY created_at, id'],
  ['event', 'id FROM event'],
  ['day', 'id FROM days ORDER BY date'],
  ['list', 'id FROM check_in_lists ORDER BY position, id'],
  ['registration', 'id FROM registrations ORDER BY rowid'],
  ['assignment', "registration_id || '|' || list_id FROM assignments"],
  ['move', 'id FROM assignment_moves ORDER BY moved_at, id'],
  ['check_in', "id FROM check_ins ORDER BY type = 'undo', scanned_at, id"],
  ['refused_scan', 'id FROM refused_scans ORDER BY scanned_at, id'],
];

/**
 * Every deletion this file knows of that still travels (a tombstone: a version of a row that is gone), as kind and
 * the SELECT of its keys: a day, a programme item, an assignment (a walk change), a person erased with their
 * list. Records are never deleted (a purge ends network work).
 */
const EVERY_TOMBSTONE: readonly [string, string][] = [
  ['day', "v.key FROM sync_versions v WHERE v.kind = 'day' AND v.field = '*' AND NOT EXISTS (SELECT 1 FROM days d WHERE d.id = v.key)"],
  ['list', `v.key FROM sync_versions v WHERE v.kind = 'list' AND v.field = '*'
    AND NOT EXISTS (SELECT 1 FROM check_in_lists l WHERE l.id = v.key)`],
  // The key is "registration|list" (migration 006): split, so each test is one look-up in the assignments' key.
  ['assignment', `v.key FROM sync_versions v WHERE v.kind = 'assignment' AND v.field = '*'
    AND NOT EXISTS (SELECT 1 FROM assignments a
      WHERE a.registration_id = substr(v.key, 1, instr(v.key, '|') - 1) AND a.list_id = substr(v.key, instr(v.key, '|') + 1))`],
  // A person erased with their registration list (migration 009).
  ['erasure', 'id FROM erased_registrations'],
];

/** Every row there is, then every deletion: the order a receiver applies them in. */
const EVERYTHING = [...EVERY_RECORD, ...EVERY_TOMBSTONE];

/**
 * Becoming the hub: every row that exists now gets a change entry, in the order a new station must apply them
 * (stations and programme before people, people before their check-ins), so "everything after 0" is a snapshot;
 * and so does every deletion known here, so a station that still has the row (it missed the deletion at the hub
 * this one replaced) deletes it too, instead of sending it back.
 */
export function backfillChanges(db: Db): void {
  // The kinds and statements are the fixed lists above, never input.
  for (const [kind, select] of EVERYTHING) cached(db, `INSERT OR IGNORE INTO sync_changes (kind, key) SELECT ?, ${select}`).run(kind);
}

/**
 * Puts every row of this station's file into its outbox, and every deletion it knows of: for a hub that replaced
 * the one it was paired with, which may lack what the old hub had handed out (a check-in, a walk change). Merging
 * is idempotent by id and version, so rows it has cost nothing, and an older deletion loses to a newer row.
 */
export function queueEverything(db: Db): void {
  for (const [kind, select] of EVERYTHING) cached(db, `INSERT OR IGNORE INTO sync_outbox (kind, key) SELECT ?, ${select}`).run(kind);
}

/**
 * A station file becomes the hub: nothing is waiting to be sent any more (it is all here), and its own versions
 * are settled (at a hub, no version waits for a hub's answer).
 */
export function settleAsHub(db: Db): void {
  db.prepare('DELETE FROM sync_outbox').run();
  db.prepare('UPDATE sync_versions SET pending = 0 WHERE pending = 1').run();
}

/**
 * A person travels again, as it is here: at a station into the outbox (to the hub), at the hub into the change
 * sequence (to every station). For a person an erasure from elsewhere could not delete here.
 */
export function sendPersonAgain(db: Db, id: string): void {
  cached(db, "DELETE FROM sync_changes WHERE kind = 'registration' AND key = ?").run(id);
  cached(db, "INSERT INTO sync_changes (kind, key) SELECT 'registration', ? FROM sync_state WHERE role = 'hub'").run(id);
  cached(
    db,
    `INSERT INTO sync_outbox (kind, key) SELECT 'registration', ? FROM sync_state WHERE role = 'station'
     ON CONFLICT (kind, key) DO UPDATE SET rev = rev + 1`,
  ).run(id);
}

// --- the station's outbox -------------------------------------------------------------------------------------

export interface OutboxEntry {
  kind: string;
  key: string;
  rev: number;
}

export function outboxPage(db: Db, limit: number): OutboxEntry[] {
  return cached(db, 'SELECT kind, key, rev FROM sync_outbox ORDER BY rowid LIMIT ?').all(limit) as OutboxEntry[];
}

export function outboxCount(db: Db): number {
  return (cached(db, 'SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
}

/** Of the records not yet confirmed by the hub, those of one kind (check-ins, to say what is waiting). */
export function outboxCountOf(db: Db, kind: string): number {
  return (cached(db, 'SELECT count(*) AS n FROM sync_outbox WHERE kind = ?').get(kind) as { n: number }).n;
}

export function outboxEntries(db: Db, kind: string, keys: string[]): OutboxEntry[] {
  if (keys.length === 0) return [];
  return cached(db, 'SELECT kind, key, rev FROM sync_outbox WHERE kind = ? AND key IN (SELECT value FROM json_each(?))')
    .all(kind, JSON.stringify(keys)) as OutboxEntry[];
}

/** The hub committed these: each entry leaves the outbox unless it changed again since it was read (rev). */
export function acknowledge(db: Db, entries: OutboxEntry[]): number {
  const remove = cached(db, 'DELETE FROM sync_outbox WHERE kind = ? AND key = ? AND rev = ?');
  const settle = cached(db, 'UPDATE sync_versions SET pending = 0 WHERE kind = ? AND key = ? AND pending = 1');
  let removed = 0;
  db.transaction(() => {
    for (const e of entries) {
      if (remove.run(e.kind, e.key, e.rev).changes === 1) {
        removed++;
        settle.run(e.kind, e.key);
      }
    }
  }).immediate();
  return removed;
}

// --- versions ---------------------------------------------------------------------------------------------------

export interface Version {
  hlc: number;
  stationId: string;
  base: number;
}

export const NO_VERSION: Version = { hlc: 0, stationId: '', base: 0 };

export function versionsOf(db: Db, kind: string, keys: string[]): Map<string, Map<string, Version>> {
  const result = new Map<string, Map<string, Version>>();
  if (keys.length === 0) return result;
  const rows = cached(
    db,
    `SELECT key, field, hlc, station_id AS stationId, base_hlc AS base FROM sync_versions
     WHERE kind = ? AND key IN (SELECT value FROM json_each(?))`,
  ).all(kind, JSON.stringify(keys)) as (Version & { key: string; field: string })[];
  for (const r of rows) {
    let m = result.get(r.key);
    if (!m) result.set(r.key, (m = new Map()));
    m.set(r.field, { hlc: r.hlc, stationId: r.stationId, base: r.base });
  }
  return result;
}

export function writeVersion(db: Db, kind: string, key: string, field: string, v: Version): void {
  cached(
    db,
    `INSERT INTO sync_versions (kind, key, field, hlc, station_id, base_hlc, pending) VALUES (?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (kind, key, field) DO UPDATE SET hlc = excluded.hlc, station_id = excluded.station_id,
       base_hlc = excluded.base_hlc, pending = 0`,
  ).run(kind, key, field, v.hlc, v.stationId, v.base);
}
