import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openEventFile, type Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import { getHubLink, saveHubLink, setPulledSeq } from '../../../db/queries/hub-link';
import { getLocalStation, insertStation } from '../../../db/queries/stations';
import { getSyncState, queueEverything, setSyncRole } from '../../../db/queries/sync-state';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { laptopTime } from '../ports';
import { fetchHubCertificate, HubClient, HubError } from './client';
import { followHubClock, measureOffset } from './clock';
import { LinkSession } from './link';
import { fingerprintMatches, parsePairingInput, type PairingPayload } from './pairing';
import { pairResponse, PROTOCOL_VERSION, type PairResponse } from './protocol';

export interface PairOptions {
  /** The station's event file, or a function choosing it once the event's name is known. */
  file: string | ((event: PairResponse['event']) => string);
  code: string;
  address?: string | null;
  stationName: string;
  ports: Ports;
  nativeBinding?: string;
  /**
   * The file may be a hub's: an old hub, back after another station took its place, joins the new hub as a
   * station (same event, its station id kept, everything it has sent).
   */
  hubMayJoin?: boolean;
}

const refuse = (reason: string) => new AppError('bad_request', { reason, messageKey: `stations.error.${reason}` });

/** The hub's certificate from the first address that answers; it must match what the code carried. */
async function verifiedHub(payload: PairingPayload): Promise<{ pem: string; fingerprint: string; addresses: string[] }> {
  let last: unknown = new HubError('unreachable');
  for (const [i, address] of payload.addresses.entries()) {
    try {
      const cert = await fetchHubCertificate(address);
      if (!fingerprintMatches(payload.fingerprint, cert.fingerprint)) throw new HubError('fingerprint');
      return { ...cert, addresses: [address, ...payload.addresses.filter((_, j) => j !== i)] };
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

/** A station id to reuse: of a file that is joined again, or of an earlier attempt that broke off. */
function earlierStationId(file: string, partial: string, nativeBinding?: string, hubMayJoin = false): { id: string; joining: boolean } | null {
  for (const [path, joining] of [[file, true], [partial, false]] as const) {
    if (!existsSync(path)) continue;
    const db = openEventFile(path, { nativeBinding });
    try {
      const role = getSyncState(db).role;
      if (joining && role !== 'station' && !(hubMayJoin && role === 'hub')) throw refuse('not_station_file');
      const id = getLocalStation(db)?.id;
      if (id) return { id, joining };
    } finally {
      db.close();
    }
  }
  return null;
}

/**
 * Joins an event as a station: checks the hub's certificate against the code, presents the one-time code, writes
 * a new event file (its own station row, the link to the hub) and pulls everything the hub has. The file gets its
 * name only when the first full copy is in it, so a broken-off pairing leaves no half event behind; trying again
 * with the same code continues as the same station. An existing station file of the same event is joined again
 * (new token, same station, its waiting records are sent).
 */
export async function pairWithHub(o: PairOptions): Promise<{ file: string; eventName: string; created: boolean }> {
  const payload = parsePairingInput(o.code, o.address);
  const hub = await verifiedHub(payload);
  const fixedFile = typeof o.file === 'string' ? o.file : null;
  const earlier = fixedFile ? earlierStationId(fixedFile, `${fixedFile}.partial`, o.nativeBinding, o.hubMayJoin) : null;
  const stationId = earlier?.id ?? o.ports.ids.next();
  const client = new HubClient({ addresses: hub.addresses, certPem: hub.pem, fingerprint: hub.fingerprint, token: null });
  let res: PairResponse;
  const t0 = laptopTime();
  try {
    res = await client.post('/hub/v1/pair', { v: PROTOCOL_VERSION, code: payload.code, stationId, stationName: o.stationName, sentAt: t0 }, pairResponse, 30_000);
  } finally {
    client.close();
  }
  if (payload.eventId && payload.eventId !== res.event.id) throw refuse('other_event');
  const { offsetMs } = measureOffset(t0, laptopTime(), res.hubTime);
  const file = fixedFile ?? (o.file as (e: PairResponse['event']) => string)(res.event);
  const joining = earlier?.joining === true;
  const target = joining ? file : `${file}.partial`;
  if (!joining && existsSync(file)) throw new AppError('event_file_exists', { file });
  if (!joining && !earlier && existsSync(target)) rmSync(target);
  mkdirSync(dirname(file), { recursive: true });
  const db = openEventFile(target, { create: !existsSync(target), nativeBinding: o.nativeBinding });
  try {
    writeLink(db, { stationId, stationName: o.stationName, res, hub, offsetMs, at: o.ports.clock.now().toISOString() });
    followHubClock(db, offsetMs, true);
    const session = new LinkSession(db, o.ports);
    try {
      await session.pushAll();
      await session.pullAll();
    } finally {
      session.close();
    }
    const event = getEvent(db);
    if (!event || event.id !== res.event.id) throw refuse('other_event');
  } finally {
    db.close();
  }
  if (!joining) renameSync(target, file);
  return { file, eventName: res.event.name, created: !joining };
}

function writeLink(
  db: Db,
  w: { stationId: string; stationName: string; res: PairResponse; hub: { pem: string; fingerprint: string; addresses: string[] }; offsetMs: number; at: string },
): void {
  db.transaction(() => {
    const existing = getHubLink(db);
    if (existing && existing.eventId !== w.res.event.id) throw refuse('other_event');
    // A hub joining another hub must be of the same event: its own event row says which.
    const role = getSyncState(db).role;
    const wasHub = role === 'hub';
    if (wasHub && getEvent(db)?.id !== w.res.event.id) throw refuse('other_event');
    // Another hub of the same event (a station took the place of a hub that broke): it counts its changes from
    // its own start, and it may lack what the old hub handed out, so pull from the beginning and send everything.
    const newHub = existing !== null && existing.hubStationId !== w.res.hubStationId;
    // (An old hub has no link: it sends everything it has, as a station moving to a new hub does.)
    if (!getLocalStation(db)) insertStation(db, { id: w.stationId, name: w.stationName, isLocal: true, createdAt: w.at });
    // Only now: the station's own row is not a change to send (the hub made it when pairing).
    if (role === null || wasHub) setSyncRole(db, 'station');
    saveHubLink(db, {
      eventId: w.res.event.id, hubStationId: w.res.hubStationId, addresses: w.hub.addresses, certPem: w.hub.pem,
      fingerprint: w.hub.fingerprint, token: w.res.token, clockOffsetMs: w.offsetMs, pairedAt: w.at,
    });
    if (newHub || wasHub) {
      setPulledSeq(db, 0);
      queueEverything(db);
    }
  }).immediate();
}
