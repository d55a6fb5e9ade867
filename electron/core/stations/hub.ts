import type { Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import {
  accessByTokenHash, deleteExpiredPairingCodes, getPairingCode, grantAccess, insertPairingCode, markPairingCodeUsed, recordContact,
} from '../../../db/queries/hub-access';
import { getLocalStation, insertStation } from '../../../db/queries/stations';
import { renameStationRow } from '../../../db/queries/sync-records';
import { dropHubLink } from '../../../db/queries/hub-link';
import { backfillChanges, changedAfter, changesAfter, getSyncState, setSyncRole, settleAsHub } from '../../../db/queries/sync-state';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { mergeRecords, type MergeOutcome } from './merge';
import { CODE_TTL_MS, encodePayload, hashSecret, newOneTimeCode, newToken, typedCode } from './pairing';
import type { PairRequest, PairResponse, WireRecord } from './protocol';
import { readRecords, referencesOf } from './records';

/** Refusals the hub answers with; the station shows stations.error.<reason>. */
export class HubRefusal extends Error {
  constructor(readonly status: 401 | 403 | 409, readonly reason: string) {
    super(reason);
  }
}

/**
 * Makes this file the hub: from now on every change is numbered for stations to pull, and what exists already is
 * numbered once, so a new station's first pull is a complete copy. A station's file cannot become a hub.
 */
export function becomeHub(db: Db): void {
  db.transaction(() => {
    const { role } = getSyncState(db);
    if (role === 'hub') return;
    if (role === 'station') throw new AppError('bad_request', { reason: 'is_station', messageKey: 'stations.error.is_station' });
    setSyncRole(db, 'hub');
    backfillChanges(db);
  }).immediate();
}

/**
 * A station takes the place of a hub that is gone for good (a broken laptop): its file, a full copy as of its last
 * exchange plus what it recorded since, becomes the hub's. The link to the old hub is dropped and nothing waits to
 * be sent; everything is numbered for the other stations, which join it with a new code and send what they have.
 */
export function takeOverAsHub(db: Db): void {
  db.transaction(() => {
    if (getSyncState(db).role !== 'station') throw new AppError('bad_request', { reason: 'not_station_file', messageKey: 'stations.error.not_station_file' });
    dropHubLink(db);
    settleAsHub(db);
    setSyncRole(db, 'hub');
    backfillChanges(db);
  }).immediate();
}

export interface PairingCode {
  /** The QR code's content. */
  payload: string;
  /** The 16 characters to type, with the address. */
  typed: string;
  addresses: string[];
  expiresAt: string;
}

export function newPairingCode(db: Db, ports: Ports, hub: { addresses: string[]; fingerprint: string }): PairingCode {
  const code = newOneTimeCode();
  const now = ports.clock.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  db.transaction(() => {
    deleteExpiredPairingCodes(db, now.toISOString());
    insertPairingCode(db, { codeHash: hashSecret(code), createdAt: now.toISOString(), expiresAt });
  }).immediate();
  const eventId = getEvent(db)!.id;
  return {
    payload: encodePayload({ addresses: hub.addresses, fingerprint: hub.fingerprint, code, eventId }),
    typed: typedCode(code, hub.fingerprint),
    addresses: hub.addresses,
    expiresAt,
  };
}

/**
 * A station presents a one-time code: it becomes a known station of the event with a token of its own (only its
 * hash is kept). The same station may present its code again (a retry after a broken connection); another may not.
 */
export function pairStation(db: Db, ports: Ports, req: PairRequest): Omit<PairResponse, 'hubTime'> {
  return db.transaction(() => {
    const now = ports.clock.now();
    const codeHash = hashSecret(req.code);
    const code = getPairingCode(db, codeHash);
    if (!code || code.expiresAt < now.toISOString()) throw new HubRefusal(403, 'code_invalid');
    if (code.usedBy && code.usedBy !== req.stationId) throw new HubRefusal(403, 'code_used');
    const local = getLocalStation(db)!;
    if (req.stationId === local.id) throw new HubRefusal(409, 'same_station');
    const known = db.prepare('SELECT name FROM stations WHERE id = ?').get(req.stationId) as { name: string } | undefined;
    if (!known) insertStation(db, { id: req.stationId, name: req.stationName, isLocal: false, createdAt: now.toISOString() });
    else if (known.name !== req.stationName) renameStationRow(db, req.stationId, req.stationName);
    const token = newToken();
    grantAccess(db, { stationId: req.stationId, tokenHash: hashSecret(token), at: now.toISOString(), clockOffsetMs: Math.round(now.getTime() - req.sentAt) });
    markPairingCodeUsed(db, codeHash, req.stationId, now.toISOString());
    const event = getEvent(db)!;
    return { token, hubStationId: local.id, event: { id: event.id, name: event.name, startsOn: event.startsOn } };
  }).immediate();
}

/** The station a bearer token belongs to; revoked or unknown tokens are refused at once. */
export function authenticate(db: Db, token: string): string {
  if (!token) throw new HubRefusal(401, 'unauthorized');
  const access = accessByTokenHash(db, hashSecret(token));
  if (!access) throw new HubRefusal(401, 'unauthorized');
  if (access.revokedAt) throw new HubRefusal(403, 'revoked');
  return access.stationId;
}

/** Records a station sends (over the network or in a hand-over file), merged into the hub's file. */
export function acceptRecords(
  db: Db, ports: Ports, stationId: string, records: readonly WireRecord[], clockOffsetMs: number | null,
): MergeOutcome {
  const at = ports.clock.now().toISOString();
  const outcome = mergeRecords(db, records, { origin: stationId, isHub: true, receivedAt: at, ids: ports.ids });
  recordContact(db, { stationId, at, received: outcome.added + outcome.updated, clockOffsetMs });
  return outcome;
}

/**
 * One page of what changed after `since`, as a station pulls it. Rows a record points to whose own change comes
 * later in the sequence (a person edited after their check-in) are brought along, so every page can be applied on
 * its own.
 */
export function pullPage(db: Db, stationId: string, since: number, limit: number): { records: WireRecord[]; upTo: number; more: boolean } {
  return db.transaction(() => {
    const page = changesAfter(db, since, limit, stationId);
    const records = readRecords(db, page.refs);
    const refs = referencesOf(records);
    const ahead = (['station', 'day', 'list', 'registration'] as const).flatMap((kind) =>
      changedAfter(db, kind, refs[kind], page.upTo).map((key) => ({ kind, key })),
    );
    return { records: ahead.length > 0 ? [...readRecords(db, ahead), ...records] : records, upTo: page.upTo, more: page.more };
  })();
}

export function touchContact(db: Db, ports: Ports, stationId: string, clockOffsetMs: number | null): void {
  recordContact(db, { stationId, at: ports.clock.now().toISOString(), received: 0, clockOffsetMs });
}
