import type { Db } from '../../../db/open';
import { erasedOf } from '../../../db/queries/erasure';
import { assignmentsByKey, localFieldsByRegistration, rowsById, type Row, type SyncTable } from '../../../db/queries/sync-records';
import { NO_VERSION, versionsOf, type Version } from '../../../db/queries/sync-state';
import { KIND_ORDER, type RecordKind, type WireRecord } from './protocol';

export interface RecordRef {
  kind: string;
  key: string;
}

const TABLE: Record<Exclude<RecordKind, 'assignment' | 'erasure'>, SyncTable> = {
  check_in: 'check_ins', refused_scan: 'refused_scans', move: 'assignment_moves', station: 'stations', event: 'event',
  day: 'days', list: 'check_in_lists', registration: 'registrations',
};

const rowVersion = (v: Version | undefined): [number, string] => [v?.hlc ?? NO_VERSION.hlc, v?.stationId ?? NO_VERSION.stationId];

function isKind(kind: string): kind is RecordKind {
  return (KIND_ORDER as readonly string[]).includes(kind);
}

/**
 * The current state of each referenced row, as it travels; a row deleted since becomes a tombstone (lists, days,
 * assignments), an erased person an erasure.
 */
export function readRecords(db: Db, refs: readonly RecordRef[]): WireRecord[] {
  const byKind = new Map<RecordKind, string[]>();
  for (const r of refs) {
    if (!isKind(r.kind)) continue;
    const keys = byKind.get(r.kind) ?? [];
    keys.push(r.key);
    byKind.set(r.kind, keys);
  }
  const out: WireRecord[] = [];
  for (const kind of KIND_ORDER) {
    const keys = byKind.get(kind);
    if (keys) out.push(...readKind(db, kind, [...new Set(keys)]));
  }
  return out;
}

function readKind(db: Db, kind: RecordKind, keys: string[]): WireRecord[] {
  if (kind === 'assignment') return readAssignments(db, keys);
  if (kind === 'registration') return readRegistrations(db, keys);
  // Still erased here (not brought back by a station's check-in since).
  if (kind === 'erasure') return [...erasedOf(db, keys)].map((id) => ({ kind, id }) as WireRecord);
  const rows = rowsById(db, TABLE[kind], keys);
  switch (kind) {
    case 'check_in': {
      // An undo after the record it undoes, also within one batch.
      const list = keys.map((k) => rows.get(k)).filter((r): r is Row => r !== undefined);
      list.sort((a, b) => Number(a.type === 'undo') - Number(b.type === 'undo'));
      return list.map((row) => ({ kind, row }) as WireRecord);
    }
    case 'refused_scan':
    case 'move':
      return keys.flatMap((k) => (rows.has(k) ? [{ kind, row: rows.get(k) } as WireRecord] : []));
    case 'station':
    case 'event': {
      const versions = versionsOf(db, kind, keys);
      return keys.flatMap((k) => (rows.has(k) ? [{ kind, row: rows.get(k), v: rowVersion(versions.get(k)?.get('*')) } as WireRecord] : []));
    }
    case 'day':
    case 'list': {
      const versions = versionsOf(db, kind, keys);
      return keys.map((k) => ({ kind, id: k, row: rows.get(k) ?? null, v: rowVersion(versions.get(k)?.get('*')) }) as WireRecord);
    }
  }
}

function readAssignments(db: Db, keys: string[]): WireRecord[] {
  const rows = assignmentsByKey(db, keys);
  const versions = versionsOf(db, 'assignment', keys);
  return keys.map((k) => {
    const [registrationId, listId] = k.split('|') as [string, string];
    return { kind: 'assignment', registrationId, listId, row: rows.get(k) ?? null, v: rowVersion(versions.get(k)?.get('*')) } as WireRecord;
  });
}

function readRegistrations(db: Db, keys: string[]): WireRecord[] {
  const rows = rowsById(db, 'registrations', keys);
  const versions = versionsOf(db, 'registration', keys);
  const local = localFieldsByRegistration(db, keys);
  return keys.flatMap((k) => {
    const row = rows.get(k);
    if (!row) return [];
    const v: Record<string, [number, string, number]> = {};
    for (const [field, ver] of versions.get(k) ?? []) v[field] = [ver.hlc, ver.stationId, ver.base];
    const localFields = (local.get(k) ?? []).map((f) => ({
      field: f.field, changed_at: f.changed_at, station_id: f.station_id, reverted: f.reverted ?? 0,
      list_value: f.list_value ?? null, list_seen_at: f.list_seen_at ?? null,
    }));
    return [{ kind: 'registration', row, versions: v, localFields } as WireRecord];
  });
}

/** The rows a record points to, by kind, so a page can bring along what the receiver cannot have yet. */
export function referencesOf(records: readonly WireRecord[]): { registration: string[]; list: string[]; station: string[]; day: string[] } {
  const reg = new Set<string>();
  const list = new Set<string>();
  const station = new Set<string>();
  const day = new Set<string>();
  const add = (set: Set<string>, v: unknown) => typeof v === 'string' && set.add(v);
  for (const r of records) {
    switch (r.kind) {
      case 'check_in':
      case 'refused_scan':
        add(reg, r.row.registration_id);
        add(list, r.row.list_id);
        add(station, r.row.station_id);
        break;
      case 'move':
        add(reg, r.row.registration_id);
        add(list, r.row.from_list_id);
        add(list, r.row.to_list_id);
        add(station, r.row.station_id);
        break;
      case 'assignment':
        add(reg, r.registrationId);
        add(list, r.listId);
        break;
      case 'list':
        add(day, r.row?.day_id);
        break;
      case 'registration':
        for (const f of r.localFields) add(station, f.station_id);
        break;
    }
  }
  return { registration: [...reg], list: [...list], station: [...station], day: [...day] };
}
