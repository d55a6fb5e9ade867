import { REGISTRATION_FIELDS } from '../../../db/migrations/006-stations-sync';
import { forgetErasure, isErased, parkedAbout } from '../../../db/queries/erasure';
import { setLocalFieldListValue } from '../../../db/queries/local-fields';
import type { Db } from '../../../db/open';
import { cached } from '../../../db/queries/statement-cache';
import { insertFieldConflict } from '../../../db/queries/sync-conflicts';
import { deleteAssignment, insertRegistrationRow, mergeLocalField, rowsById, updateRegistrationColumns, type Row } from '../../../db/queries/sync-records';
import { NO_VERSION, versionsOf, writeVersion, type Version } from '../../../db/queries/sync-state';
import { searchTextOf } from '../text/fold';
import { compareStamps, winReason } from './hlc';
import type { MergeContext } from './merge';
import type { WireRecord } from './protocol';

type RegistrationRecord = Extract<WireRecord, { kind: 'registration' }>;

const searchText = (r: Row) =>
  searchTextOf([r.first_name, r.last_name, r.organisation, r.town, r.code].map((v) => (v === null ? null : String(v))));

const toVersion = (v: [number, string, number] | undefined): Version => (v ? { hlc: v[0], stationId: v[1], base: v[2] } : NO_VERSION);

/**
 * A person, merged field by field: each field takes the value with the newer version (last writer wins by hybrid
 * logical clock). When the winning write had not seen the losing one (its base is older than the loser), the two
 * stations changed the field concurrently: both values are kept in sync_conflicts with the reason the winner won.
 */
export function mergeRegistration(ctx: MergeContext, r: RegistrationRecord): 'added' | 'updated' | 'same' {
  const { db } = ctx;
  const id = r.row.id;
  const existing = rowsById(db, 'registrations', [id]).get(id);
  if (!existing) {
    // Erased here with their list: back only with something recorded with them (a station's check-in), never
    // by a station that still had the person and sent them again.
    if (isErased(db, id)) {
      if (!ctx.recordedPeople.has(id) && !parkedAbout(db, id)) return 'same';
      ctx.broughtBack.push({ id, syncSourceId: forgetErasure(db, id) });
    }
    insertRegistrationRow(db, r.row, searchText(r.row));
    for (const [field, v] of Object.entries(r.versions)) writeVersion(db, 'registration', id, field, toVersion(v));
    for (const f of r.localFields) mergeLocalField(db, { registration_id: id, ...f });
    return 'added';
  }
  const local = versionsOf(db, 'registration', [id]).get(id) ?? new Map<string, Version>();
  const correctedHere = correctedFields(db, id);
  const correctedThere = new Set(r.localFields.filter((f) => !f.reverted).map((f) => f.field));
  /** Fields whose correction won over a list's concurrent write: what the list says now, kept with the correction. */
  const listSays: [string, string | number | null][] = [];
  const changes: Row = {};
  for (const [field, column] of REGISTRATION_FIELDS) {
    const incoming = toVersion(r.versions[field]);
    const here = local.get(field) ?? NO_VERSION;
    const cmp = compareStamps(incoming, here);
    if (cmp === 0) continue;
    const inValue = r.row[column as keyof typeof r.row] ?? null;
    const hereValue = existing[column] ?? null;
    // A correction made in the app wins over a registration list's write it had not seen (a station offline while
    // the hub loaded a new version), whatever the clocks say: the rule that corrections win over later
    // syncs, also across stations. Only one side can have such a list write: where a field is marked corrected,
    // a sync leaves it alone. Not a conflict of two stations; the list's value is kept as the correction's.
    const oneCorrected = correctedHere.has(field) !== correctedThere.has(field);
    const takeIncoming = oneCorrected && concurrent(incoming, here) ? correctedThere.has(field) : cmp > 0;
    if (oneCorrected && concurrent(incoming, here)) {
      if (inValue !== hereValue) listSays.push([field, takeIncoming ? hereValue : inValue]);
      if (takeIncoming) {
        writeVersion(db, 'registration', id, field, incoming);
        if (inValue !== hereValue) changes[column] = inValue;
      }
      continue;
    }
    if (takeIncoming) {
      writeVersion(db, 'registration', id, field, incoming);
      if (inValue === hereValue) continue;
      changes[column] = inValue;
      keepConflict(ctx, id, field, { v: incoming, value: inValue }, { v: here, value: hereValue });
    } else if (inValue !== hereValue) {
      keepConflict(ctx, id, field, { v: here, value: hereValue }, { v: incoming, value: inValue });
    }
  }
  // Walks or sessions corrected at another station, new here: this file's list assignments may be ones the
  // correction had not seen (checked once the batch is in, see correctionOverList).
  if (['walks', 'sessions'].some((f) => correctedThere.has(f) && !correctedHere.has(f))) ctx.assignmentsToCheck.add(id);
  for (const f of r.localFields) mergeLocalField(db, { registration_id: id, ...f });
  for (const [field, value] of listSays) setLocalFieldListValue(db, id, field, JSON.stringify(value), laterThanSeen(db, id, field, ctx.receivedAt));
  if (Object.keys(changes).length === 0) return 'same';
  updateRegistrationColumns(db, id, changes, searchText({ ...existing, ...changes }), String(r.row.updated_at));
  return 'updated';
}

/** Fields of the person marked as corrected in the app here (not taken back). */
function correctedFields(db: Db, id: string): Set<string> {
  return new Set(cached(db, 'SELECT field FROM registration_local_fields WHERE registration_id = ? AND reverted = 0').pluck().all(id) as string[]);
}

/**
 * When the list's value taken from a concurrent list write counts as seen: now, but at least just after the list
 * value the correction carries (seen by another station's clock, which may run ahead), which it is newer than.
 */
function laterThanSeen(db: Db, id: string, field: string, now: string): string {
  const seen = cached(db, 'SELECT list_seen_at FROM registration_local_fields WHERE registration_id = ? AND field = ?').pluck().get(id, field) as string | null | undefined;
  if (!seen || seen < now) return now;
  return new Date(Date.parse(seen) + 1).toISOString();
}

/** Two writes of a field neither of which had seen the other (see keepConflict). */
const concurrent = (a: Version, b: Version) => a.hlc !== 0 && b.hlc !== 0 && a.base < b.hlc && b.base < a.hlc;

interface Side {
  v: Version;
  value: string | number | null;
}

/** Concurrent when the winner's write replaced something older than the loser's (it had not seen the loser). */
function keepConflict(ctx: MergeContext, registrationId: string, field: string, winner: Side, loser: Side): void {
  if (loser.v.hlc === 0 || winner.v.base >= loser.v.hlc) return;
  insertFieldConflict(ctx.db, {
    id: ctx.ids.next(), registrationId, field,
    winnerValue: winner.value === null ? null : String(winner.value), winnerStationId: winner.v.stationId || null, winnerHlc: winner.v.hlc,
    loserValue: loser.value === null ? null : String(loser.value), loserStationId: loser.v.stationId || null, loserHlc: loser.v.hlc,
    reason: winReason(winner.v, loser.v), detectedAt: ctx.receivedAt,
  });
}

/**
 * Walks and sessions corrected in the app win over a list's assignments the correction had not seen, as fields do
 * (QA15 H2: a walk changed at a station offline, while the hub loaded a version that moved the person to another
 * walk, left them on both walks at the same time). A correction keeps what the list said when it was made
 * (list_value, seen at the moment of the correction); an assignment of the list's (origin 'registration') that is not
 * in it was written by a list the correction had not seen: it goes, and is kept as what the list says now. Only
 * while the correction's own look at the list is the latest (a sync that knew of the correction looked again later:
 * an assignment it left is one the correction kept, see the sync's differ). An assignment the correction kept and
 * the concurrent list took away is not brought back.
 */
export function correctionOverList(db: Db, id: string, now: string): void {
  for (const [field, kind] of [['walks', 'walk'], ['sessions', 'session']] as const) {
    const mark = cached(db,
      `SELECT list_value AS listValue FROM registration_local_fields
       WHERE registration_id = ? AND field = ? AND reverted = 0 AND list_value IS NOT NULL AND list_seen_at = changed_at`,
    ).get(id, field) as { listValue: string } | undefined;
    if (!mark) continue;
    const listed = new Set(JSON.parse(mark.listValue) as string[]);
    const ofList = cached(db,
      `SELECT a.list_id FROM assignments a JOIN check_in_lists l ON l.id = a.list_id
       WHERE a.registration_id = ? AND l.kind = ? AND a.origin = 'registration' ORDER BY a.list_id`,
    ).pluck().all(id, kind) as string[];
    const unseen = ofList.filter((listId) => !listed.has(listId));
    if (unseen.length === 0) continue;
    for (const listId of unseen) deleteAssignment(db, id, listId);
    setLocalFieldListValue(db, id, field, JSON.stringify(ofList), laterThanSeen(db, id, field, now));
  }
}
