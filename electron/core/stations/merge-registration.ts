import { REGISTRATION_FIELDS } from '../../../db/migrations/006-stations-sync';
import { forgetErasure, isErased, parkedAbout } from '../../../db/queries/erasure';
import { insertFieldConflict } from '../../../db/queries/sync-conflicts';
import { insertRegistrationRow, mergeLocalField, rowsById, updateRegistrationColumns, type Row } from '../../../db/queries/sync-records';
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
  const changes: Row = {};
  for (const [field, column] of REGISTRATION_FIELDS) {
    const incoming = toVersion(r.versions[field]);
    const here = local.get(field) ?? NO_VERSION;
    const cmp = compareStamps(incoming, here);
    if (cmp === 0) continue;
    const inValue = r.row[column as keyof typeof r.row] ?? null;
    const hereValue = existing[column] ?? null;
    if (cmp > 0) {
      writeVersion(db, 'registration', id, field, incoming);
      if (inValue === hereValue) continue;
      changes[column] = inValue;
      keepConflict(ctx, id, field, { v: incoming, value: inValue }, { v: here, value: hereValue });
    } else if (inValue !== hereValue) {
      keepConflict(ctx, id, field, { v: here, value: hereValue }, { v: incoming, value: inValue });
    }
  }
  for (const f of r.localFields) mergeLocalField(db, { registration_id: id, ...f });
  if (Object.keys(changes).length === 0) return 'same';
  updateRegistrationColumns(db, id, changes, searchText({ ...existing, ...changes }), String(r.row.updated_at));
  return 'updated';
}

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
