import type { Db } from '../open';
import { cached } from './statement-cache';

/**
 * A station's link to its hub (migration 006): where it is, the pinned certificate, the station's access token
 * (a secret: it stays in this file and is never logged), how far the station has pulled, and its clock offset.
 */
export interface HubLinkRow {
  eventId: string;
  hubStationId: string;
  addresses: string[];
  certPem: string;
  fingerprint: string;
  token: string;
  pulledSeq: number;
  clockOffsetMs: number;
  pairedAt: string;
  lastSyncAt: string | null;
  lastError: string | null;
}

type Raw = Omit<HubLinkRow, 'addresses'> & { addresses: string };

export function getHubLink(db: Db): HubLinkRow | null {
  const row = db
    .prepare(
      `SELECT event_id AS eventId, hub_station_id AS hubStationId, addresses, cert_pem AS certPem, fingerprint, token,
              pulled_seq AS pulledSeq, clock_offset_ms AS clockOffsetMs, paired_at AS pairedAt,
              last_sync_at AS lastSyncAt, last_error AS lastError
       FROM hub_link WHERE id = 1`,
    )
    .get() as Raw | undefined;
  return row ? { ...row, addresses: JSON.parse(row.addresses) as string[] } : null;
}

export function saveHubLink(db: Db, l: Omit<HubLinkRow, 'pulledSeq' | 'lastSyncAt' | 'lastError'>): void {
  db.prepare(
    `INSERT INTO hub_link (id, event_id, hub_station_id, addresses, cert_pem, fingerprint, token, clock_offset_ms, paired_at)
     VALUES (1, @eventId, @hubStationId, @addresses, @certPem, @fingerprint, @token, @clockOffsetMs, @pairedAt)
     ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, hub_station_id = excluded.hub_station_id,
       addresses = excluded.addresses, cert_pem = excluded.cert_pem, fingerprint = excluded.fingerprint,
       token = excluded.token, clock_offset_ms = excluded.clock_offset_ms, paired_at = excluded.paired_at, last_error = NULL`,
  ).run({ ...l, addresses: JSON.stringify(l.addresses) });
}

/** The hub's cancellations waiting for approval, as its last answer listed them (JSON, see migration 014). */
export function setHubWaitingCancellations(db: Db, json: string | null): void {
  cached(db, 'UPDATE hub_link SET waiting_cancellations = ? WHERE id = 1 AND waiting_cancellations IS NOT ?').run(json, json);
}

/** The hub's hash of the list kept (see pullRequest's waitingSeen), read without parsing the list here. */
export function hubWaitingHash(db: Db): string | null {
  return (cached(db, "SELECT json_extract(waiting_cancellations, '$.hash') FROM hub_link WHERE id = 1").pluck().get() as string | null | undefined) ?? null;
}

export function hubWaitingCancellations(db: Db): string | null {
  return (cached(db, 'SELECT waiting_cancellations FROM hub_link WHERE id = 1').pluck().get() as string | null | undefined) ?? null;
}

export function setPulledSeq(db: Db, seq: number): void {
  db.prepare('UPDATE hub_link SET pulled_seq = ? WHERE id = 1').run(seq);
}

export function setLinkClockOffset(db: Db, ms: number): void {
  db.prepare('UPDATE hub_link SET clock_offset_ms = ? WHERE id = 1').run(Math.round(ms));
}

export function markSynced(db: Db, at: string): void {
  db.prepare('UPDATE hub_link SET last_sync_at = ?, last_error = NULL WHERE id = 1').run(at);
}

/** An error code only (never a message that could carry data). */
export function markSyncError(db: Db, code: string): void {
  db.prepare('UPDATE hub_link SET last_error = ? WHERE id = 1 AND last_error IS NOT ?').run(code, code);
}

/** The address that answered last goes first next time. */
export function preferAddress(db: Db, addresses: string[]): void {
  db.prepare('UPDATE hub_link SET addresses = ? WHERE id = 1').run(JSON.stringify(addresses));
}

/** The link to a hub that is gone for good (this station took its place). */
export function dropHubLink(db: Db): void {
  db.prepare('DELETE FROM hub_link WHERE id = 1').run();
}
