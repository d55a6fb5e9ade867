import type { Db } from '../open';

/** The hub's side of pairing: its certificate, one-time pairing codes and the paired stations (migration 006). */

export interface HubIdentityRow {
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

export function getHubIdentity(db: Db): HubIdentityRow | null {
  return (db.prepare('SELECT cert_pem AS certPem, key_pem AS keyPem, fingerprint FROM hub_identity WHERE id = 1').get() as
    | HubIdentityRow
    | undefined) ?? null;
}

export function insertHubIdentity(db: Db, i: HubIdentityRow & { createdAt: string }): void {
  db.prepare('INSERT INTO hub_identity (id, cert_pem, key_pem, fingerprint, created_at) VALUES (1, ?, ?, ?, ?)').run(
    i.certPem, i.keyPem, i.fingerprint, i.createdAt,
  );
}

export function insertPairingCode(db: Db, c: { codeHash: string; createdAt: string; expiresAt: string }): void {
  db.prepare('INSERT INTO pairing_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)').run(c.codeHash, c.createdAt, c.expiresAt);
}

export interface PairingCodeRow {
  expiresAt: string;
  usedBy: string | null;
}

export function getPairingCode(db: Db, codeHash: string): PairingCodeRow | null {
  return (db.prepare('SELECT expires_at AS expiresAt, used_by AS usedBy FROM pairing_codes WHERE code_hash = ?').get(codeHash) as
    | PairingCodeRow
    | undefined) ?? null;
}

export function markPairingCodeUsed(db: Db, codeHash: string, stationId: string, at: string): void {
  db.prepare('UPDATE pairing_codes SET used_by = ?, used_at = ? WHERE code_hash = ?').run(stationId, at, codeHash);
}

/** Codes nobody used before they expired say nothing any more. */
export function deleteExpiredPairingCodes(db: Db, now: string): void {
  db.prepare('DELETE FROM pairing_codes WHERE used_by IS NULL AND expires_at < ?').run(now);
}

export interface StationAccessRow {
  stationId: string;
  revokedAt: string | null;
}

export function accessByTokenHash(db: Db, tokenHash: string): StationAccessRow | null {
  return (db.prepare('SELECT station_id AS stationId, revoked_at AS revokedAt FROM station_access WHERE token_hash = ?').get(tokenHash) as
    | StationAccessRow
    | undefined) ?? null;
}

export function accessOf(db: Db, stationId: string): StationAccessRow | null {
  return (db.prepare('SELECT station_id AS stationId, revoked_at AS revokedAt FROM station_access WHERE station_id = ?').get(stationId) as
    | StationAccessRow
    | undefined) ?? null;
}

export function tokenHashOf(db: Db, stationId: string): string | null {
  return (db.prepare('SELECT token_hash AS h FROM station_access WHERE station_id = ? AND revoked_at IS NULL').get(stationId) as
    | { h: string }
    | undefined)?.h ?? null;
}

/** A (re-)paired station gets a new token; an earlier one stops working, a revocation is lifted. */
export function grantAccess(db: Db, a: { stationId: string; tokenHash: string; at: string; clockOffsetMs: number | null }): void {
  db.prepare(
    `INSERT INTO station_access (station_id, token_hash, paired_at, last_contact_at, clock_offset_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (station_id) DO UPDATE SET token_hash = excluded.token_hash, paired_at = excluded.paired_at,
       revoked_at = NULL, last_contact_at = excluded.last_contact_at, clock_offset_ms = excluded.clock_offset_ms`,
  ).run(a.stationId, a.tokenHash, a.at, a.at, a.clockOffsetMs);
}

/**
 * Removes a station: its token is refused from now on, and the codes it paired with end now (a code stays usable
 * by the station that used it, to retry a pairing that broke off; a removed station must get a new code).
 */
export function revokeAccess(db: Db, stationId: string, at: string): boolean {
  return db.transaction(() => {
    const revoked = db.prepare('UPDATE station_access SET revoked_at = ? WHERE station_id = ? AND revoked_at IS NULL').run(at, stationId).changes === 1;
    if (revoked) db.prepare('UPDATE pairing_codes SET expires_at = ? WHERE used_by = ? AND expires_at > ?').run(at, stationId, at);
    return revoked;
  })();
}

export function recordContact(db: Db, c: { stationId: string; at: string; received: number; clockOffsetMs: number | null }): void {
  db.prepare(
    `UPDATE station_access SET last_contact_at = ?, records_received = records_received + ?,
       clock_offset_ms = coalesce(?, clock_offset_ms) WHERE station_id = ?`,
  ).run(c.at, c.received, c.clockOffsetMs, c.stationId);
}

export interface StationOverviewRow {
  id: string;
  name: string;
  isLocal: boolean;
  paired: boolean;
  pairedAt: string | null;
  revokedAt: string | null;
  lastContactAt: string | null;
  recordsReceived: number;
  clockOffsetMs: number | null;
  checkIns: number;
}

/** Every station the hub knows: this one, the paired ones, and names that only appear on records. */
export function stationOverview(db: Db): StationOverviewRow[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.is_local AS isLocal, a.station_id IS NOT NULL AS paired, a.paired_at AS pairedAt,
              a.revoked_at AS revokedAt, a.last_contact_at AS lastContactAt, coalesce(a.records_received, 0) AS recordsReceived,
              a.clock_offset_ms AS clockOffsetMs,
              (SELECT count(*) FROM check_ins c WHERE c.station_id = s.id AND c.type <> 'undo') AS checkIns
       FROM stations s LEFT JOIN station_access a ON a.station_id = s.id
       ORDER BY s.is_local DESC, a.revoked_at IS NOT NULL, s.name COLLATE NOCASE, s.id`,
    )
    .all() as (Omit<StationOverviewRow, 'isLocal' | 'paired'> & { isLocal: number; paired: number })[];
  return rows.map((r) => ({ ...r, isLocal: r.isLocal === 1, paired: r.paired === 1 }));
}

/** Network mode survives a restart of the hub, on the same port, so stations find it where they knew it. */
export function getNetworkSetting(db: Db): { on: boolean; port: number | null } {
  const row = db.prepare('SELECT network_on AS o, port FROM hub_identity WHERE id = 1').get() as { o: number; port: number | null } | undefined;
  return { on: row?.o === 1, port: row?.port ?? null };
}

export function setNetworkSetting(db: Db, on: boolean, port: number | null): void {
  db.prepare('UPDATE hub_identity SET network_on = ?, port = coalesce(?, port) WHERE id = 1').run(on ? 1 : 0, port);
}
