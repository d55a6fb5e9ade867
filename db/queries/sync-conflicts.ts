import type { Db } from '../open';
import { cached } from './statement-cache';

/** What merging found: concurrent field changes, double admissions, and records that could not be placed. */

export interface NewFieldConflict {
  id: string;
  registrationId: string;
  field: string;
  winnerValue: string | null;
  winnerStationId: string | null;
  winnerHlc: number;
  loserValue: string | null;
  loserStationId: string | null;
  loserHlc: number;
  reason: string;
  detectedAt: string;
}

/** The same conflict found again (a record delivered twice) is kept once. */
export function insertFieldConflict(db: Db, c: NewFieldConflict): void {
  cached(
    db,
    `INSERT INTO sync_conflicts (id, registration_id, field, winner_value, winner_station_id, winner_hlc, loser_value,
       loser_station_id, loser_hlc, reason, detected_at)
     VALUES (@id, @registrationId, @field, @winnerValue, @winnerStationId, @winnerHlc, @loserValue, @loserStationId,
       @loserHlc, @reason, @detectedAt)
     ON CONFLICT (registration_id, field, winner_hlc, loser_hlc) DO NOTHING`,
  ).run(c);
}

export interface FieldConflictRow {
  id: string;
  registrationId: string;
  name: string;
  field: string;
  winnerValue: string | null;
  winnerStation: string | null;
  winnerHlc: number;
  loserValue: string | null;
  loserStation: string | null;
  loserHlc: number;
  reason: string;
}

export function fieldConflicts(db: Db, limit: number): FieldConflictRow[] {
  return cached(
    db,
    `SELECT c.id, c.registration_id AS registrationId, trim(r.first_name || ' ' || r.last_name) AS name, c.field,
            c.winner_value AS winnerValue, ws.name AS winnerStation, c.winner_hlc AS winnerHlc,
            c.loser_value AS loserValue, ls.name AS loserStation, c.loser_hlc AS loserHlc, c.reason
     FROM sync_conflicts c JOIN registrations r ON r.id = c.registration_id
     LEFT JOIN stations ws ON ws.id = c.winner_station_id LEFT JOIN stations ls ON ls.id = c.loser_station_id
     WHERE NOT EXISTS (SELECT 1 FROM conflicts_seen s WHERE s.kind = 'field' AND s.key = c.id)
     ORDER BY c.detected_at DESC, c.id DESC LIMIT ?`,
  ).all(limit) as FieldConflictRow[];
}

export interface DoubleAdmissionRow {
  registrationId: string;
  name: string;
  listId: string;
  listName: string;
  firstId: string;
  firstAt: string;
  firstStation: string;
  secondId: string;
  secondAt: string;
  secondStation: string;
}

/**
 * People admitted twice on a list without an exit or undo in between, by two different stations (in scan order):
 * the second station could not see the first entry. An entry the operator forced (override) is deliberate, not a
 * conflict; lists that allow re-entry have none.
 */
export function doubleAdmissions(db: Db, limit: number): DoubleAdmissionRow[] {
  return cached(
    db,
    `WITH eff AS (
       SELECT c.id, c.list_id, c.registration_id, c.type, c.scanned_at, c.station_id, c.override FROM check_ins c
       WHERE c.type <> 'undo' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)),
     ordered AS (
       SELECT e.*, lag(e.type) OVER w AS prev_type, lag(e.station_id) OVER w AS prev_station, lag(e.id) OVER w AS prev_id,
              lag(e.scanned_at) OVER w AS prev_at
       FROM eff e WINDOW w AS (PARTITION BY e.list_id, e.registration_id ORDER BY e.scanned_at, e.id))
     SELECT o.registration_id AS registrationId, trim(r.first_name || ' ' || r.last_name) AS name, o.list_id AS listId,
            l.name AS listName, o.prev_id AS firstId, o.prev_at AS firstAt, s1.name AS firstStation,
            o.id AS secondId, o.scanned_at AS secondAt, s2.name AS secondStation
     FROM ordered o
     JOIN check_in_lists l ON l.id = o.list_id AND l.allow_reentry = 0
     JOIN registrations r ON r.id = o.registration_id
     JOIN stations s1 ON s1.id = o.prev_station JOIN stations s2 ON s2.id = o.station_id
     WHERE o.type = 'entry' AND o.prev_type = 'entry' AND o.station_id <> o.prev_station AND o.override = 0
       AND NOT EXISTS (SELECT 1 FROM conflicts_seen s WHERE s.kind = 'double' AND s.key = o.id)
     ORDER BY o.scanned_at DESC LIMIT ?`,
  ).all(limit) as DoubleAdmissionRow[];
}

export interface ParkedRow {
  kind: string;
  key: string;
  payload: string;
  origin: string | null;
  reason: string;
  receivedAt: string;
}

export function parkRecord(db: Db, p: ParkedRow & { registrationId: string | null }): void {
  cached(
    db,
    `INSERT INTO sync_parked (kind, key, payload, registration_id, origin, reason, received_at)
     VALUES (@kind, @key, @payload, (SELECT id FROM registrations WHERE id = @registrationId), @origin, @reason, @receivedAt)
     ON CONFLICT (kind, key) DO UPDATE SET payload = excluded.payload, reason = excluded.reason`,
  ).run(p);
}

export function parkedRecords(db: Db, limit: number): ParkedRow[] {
  return cached(db, 'SELECT kind, key, payload, origin, reason, received_at AS receivedAt FROM sync_parked ORDER BY received_at, rowid LIMIT ?')
    .all(limit) as ParkedRow[];
}

export function clearParked(db: Db, kind: string, key: string): void {
  cached(db, 'DELETE FROM sync_parked WHERE kind = ? AND key = ?').run(kind, key);
}

export function parkedSummary(db: Db): { kind: string; reason: string; count: number; station: string | null }[] {
  return cached(
    db,
    `SELECT p.kind, p.reason, count(*) AS count, s.name AS station FROM sync_parked p LEFT JOIN stations s ON s.id = p.origin
     GROUP BY p.kind, p.reason, s.name ORDER BY count DESC`,
  ).all() as { kind: string; reason: string; count: number; station: string | null }[];
}

export type ConflictKind = 'field' | 'double' | 'cancelled' | 'duplicate';

/** A conflict looked at: no longer listed on this laptop (see migration 019). False when it was marked already. */
export function markConflictSeen(db: Db, kind: ConflictKind, key: string, at: string): boolean {
  return db.prepare('INSERT INTO conflicts_seen (kind, key, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(kind, key, at).changes === 1;
}

/** The keys of one kind looked at. */
export function seenConflicts(db: Db, kind: ConflictKind): Set<string> {
  return new Set(cached(db, 'SELECT key FROM conflicts_seen WHERE kind = ?').pluck().all(kind) as string[]);
}
