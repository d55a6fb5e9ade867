import { seenConflicts } from './sync-conflicts';
import { foldQuery, queryTerms } from '../../electron/core/text/fold';
import type { Db } from '../open';
import { cached } from './statement-cache';

/**
 * What stations recorded that does not fit what the hub knew meanwhile, found from the data itself (derived, like
 * the double admissions): nothing is stored, so hub and stations, which have the same rows, show the same.
 */

/**
 * The time a version of the replication clock stands for (see electron/core/stations/hlc.ts: milliseconds * 1000
 * plus a counter), as an ISO string comparable with check_ins.scanned_at. Both are on the hub's time: a station
 * stamps its scans and versions with the clock it keeps in step with the hub (followHubClock).
 */
const HLC_ISO = (col: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${col} / 1000) / 1000.0, 'unixepoch')`;

/**
 * When the person's registration became cancelled, if known: the version of their status field. Only a file that
 * takes part in network work keeps versions; elsewhere null (the desk then says what it said before).
 */
export function cancelledAtOf(db: Db, registrationId: string): string | null {
  return (cached(
    db,
    `SELECT ${HLC_ISO('v.hlc')} FROM registrations r
     JOIN sync_versions v ON v.kind = 'registration' AND v.key = r.id AND v.field = 'status'
     WHERE r.id = ? AND r.status = 'cancelled' AND v.hlc > 0`,
  ).pluck().get(registrationId) as string | undefined) ?? null;
}

export interface AdmittedAfterCancellationRow {
  registrationId: string;
  name: string;
  listName: string;
  checkInId: string;
  scannedAt: string;
  station: string;
  cancelledAt: string;
}

/**
 * People whose registration was cancelled (at the hub: a list's new version; or at another station) and who were
 * admitted after that, without an override, by a station that had not heard of it yet (it was offline). Not undone
 * since, and still cancelled. An entry before the cancellation is no conflict: they were registered then.
 */
export function admittedAfterCancellation(db: Db, limit: number): AdmittedAfterCancellationRow[] {
  return cached(
    db,
    `SELECT r.id AS registrationId, trim(r.first_name || ' ' || r.last_name) AS name, l.name AS listName,
            c.id AS checkInId, c.scanned_at AS scannedAt, s.name AS station, ${HLC_ISO('v.hlc')} AS cancelledAt
     FROM check_ins c
     JOIN registrations r ON r.id = c.registration_id AND r.status = 'cancelled'
     JOIN sync_versions v ON v.kind = 'registration' AND v.key = r.id AND v.field = 'status' AND v.hlc > 0
     JOIN check_in_lists l ON l.id = c.list_id
     JOIN stations s ON s.id = c.station_id
     WHERE c.type = 'entry' AND c.override = 0 AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)
       AND c.scanned_at > ${HLC_ISO('v.hlc')}
       AND NOT EXISTS (SELECT 1 FROM conflicts_seen s WHERE s.kind = 'cancelled' AND s.key = c.id)
     ORDER BY c.scanned_at DESC, c.id DESC LIMIT ?`,
  ).all(limit) as AdmittedAfterCancellationRow[];
}

export interface TwinPerson {
  id: string;
  code: string;
  firstName: string;
  lastName: string;
  email: string | null;
  organisation: string | null;
  town: string | null;
  /** Registered at the door and taken by no list. */
  walkIn: boolean;
}

interface TwinRow extends Omit<TwinPerson, 'walkIn'> {
  onSite: number;
  syncSourceId: string | null;
  sourceId: string | null;
  status: string;
}

const TWIN_COLUMNS = `r.id, r.code, r.first_name AS firstName, r.last_name AS lastName, r.email, r.organisation, r.town,
  r.registered_on_site AS onSite, r.sync_source_id AS syncSourceId, r.source_id AS sourceId, r.status`;

/**
 * Registered at the door and taken by no list. A station has no registration lists (sync_source_id stays at the
 * hub), but the list's id for the person travels: a walk-in a list took has one.
 */
const isFreeWalkIn = (r: TwinRow) => r.onSite === 1 && r.syncSourceId === null && r.sourceId === null;
const folded = (r: { firstName: string; lastName: string }) => foldQuery(`${r.firstName} ${r.lastName}`.trim());

/**
 * The rule a list applies to its new rows (electron/core/sync/same-person.ts, WalkIns): the walk-in's e-mail
 * address is the list's, or the walk-in gave none and no other organisation.
 */
function sameAs(walkIn: TwinRow, listed: TwinRow): boolean {
  const mail = walkIn.email?.trim().toLowerCase() || null;
  if (mail !== null) return mail === (listed.email?.trim().toLowerCase() || null);
  return !walkIn.organisation || !listed.organisation || foldQuery(walkIn.organisation) === foldQuery(listed.organisation);
}

/** At most this many people with the name's words are compared (a very common name at a very large event). */
const NAME_MATCHES = 200;

function withNameWords(db: Db, p: TwinRow): TwinRow[] {
  const tokens = queryTerms(`${p.firstName} ${p.lastName}`).flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  if (tokens.length === 0) return [];
  const match = tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
  return cached(
    db,
    `SELECT ${TWIN_COLUMNS} FROM registrations_fts f JOIN registrations r ON r.rowid = f.rowid
     WHERE registrations_fts MATCH ? AND r.status = 'registered' LIMIT ${NAME_MATCHES}`,
  ).all(match) as TwinRow[];
}

const asTwin = (r: TwinRow): TwinPerson => ({
  id: r.id, code: r.code, firstName: r.firstName, lastName: r.lastName, email: r.email, organisation: r.organisation, town: r.town,
  walkIn: isFreeWalkIn(r),
});

/**
 * Possibly the same person twice: a walk-in (registered at the door, of no list) and a person of a registration
 * list (or entered in the app) with the same name, by the rule a list's new row takes a walk-in by (sameAs). When the list reached the
 * hub first and the walk-in came later from an offline station, that rule could not apply: both exist, each with
 * a code of their own. For a walk-in: the list's people of that name; for a person of a list: such walk-ins.
 * Cancelled people are no one's double (a walk-in merged into a list's person is cancelled).
 *
 * Decision (QA15 H3): said, never merged automatically. Two people of the same name and organisation do come to
 * conferences (colleagues, father and daughter), and a merge moves check-ins; the organiser decides.
 */
export function possibleTwinsOf(db: Db, id: string): TwinPerson[] {
  const reg = cached(db, `SELECT ${TWIN_COLUMNS} FROM registrations r WHERE r.id = ?`).get(id) as TwinRow | undefined;
  if (!reg || reg.status !== 'registered') return [];
  const walkIn = isFreeWalkIn(reg);
  const name = folded(reg);
  if (!name) return [];
  const twins = withNameWords(db, reg)
    .filter((c) => c.id !== reg.id && folded(c) === name && (walkIn ? !isFreeWalkIn(c) && sameAs(reg, c) : isFreeWalkIn(c) && sameAs(c, reg)));
  if (twins.length === 0) return [];
  // Told apart by the organiser („Verschiedene Personen“ under Konflikte): no longer said, here nor at the desk.
  const different = seenConflicts(db, 'duplicate');
  return twins.filter((c) => !different.has(walkIn ? duplicateKey(reg.id, c.id) : duplicateKey(c.id, reg.id))).map(asTwin);
}

/** How a possible double is known under Konflikte: the walk-in, then the person of the list. */
export const duplicateKey = (walkInId: string, listedId: string) => `${walkInId}|${listedId}`;

export interface PossibleDuplicateRow {
  walkIn: TwinPerson;
  listed: TwinPerson;
}

/** Every pair of a walk-in and a person of a list who may be the same person (see possibleTwinsOf). */
export function possibleDuplicates(db: Db, limit: number): PossibleDuplicateRow[] {
  const walkIns = cached(
    db,
    `SELECT ${TWIN_COLUMNS} FROM registrations r
     WHERE r.registered_on_site = 1 AND r.sync_source_id IS NULL AND r.source_id IS NULL AND r.status = 'registered'
     ORDER BY r.created_at DESC`,
  ).all() as TwinRow[];
  const out: PossibleDuplicateRow[] = [];
  // possibleTwinsOf leaves out the pairs told apart.
  for (const w of walkIns) {
    for (const listed of possibleTwinsOf(db, w.id)) {
      out.push({ walkIn: asTwin(w), listed });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
