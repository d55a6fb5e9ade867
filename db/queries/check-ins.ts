import type { CheckInRecord } from '../../electron/contract/entities';
import type { Db } from '../open';

export interface NewCheckIn {
  id: string;
  listId: string;
  registrationId: string;
  type: 'entry' | 'exit' | 'undo';
  undoesId?: string | null;
  method: string;
  override?: boolean;
  overrideReason?: string | null;
  scannedAt: string;
  uploadedAt: string;
  stationId: string;
}

export function insertCheckIn(db: Db, c: NewCheckIn): void {
  db.prepare(
    `INSERT INTO check_ins (id, list_id, registration_id, type, undoes_id, method, override, override_reason,
                            scanned_at, uploaded_at, station_id)
     VALUES (@id, @listId, @registrationId, @type, @undoesId, @method, @override, @overrideReason,
             @scannedAt, @uploadedAt, @stationId)`,
  ).run({ undoesId: null, overrideReason: null, ...c, override: c.override ? 1 : 0 });
}

const recordColumns = `c.id, c.list_id AS listId, l.name AS listName, c.registration_id AS registrationId, c.type,
  c.method, c.override, c.override_reason AS overrideReason, c.scanned_at AS scannedAt, s.name AS stationName`;
const recordJoins = `JOIN check_in_lists l ON l.id = c.list_id JOIN stations s ON s.id = c.station_id`;
type RecordRow = Omit<CheckInRecord, 'override'> & { override: number };
const toRecord = (r: RecordRow): CheckInRecord => ({ ...r, override: r.override === 1 });

/** Records of one person on one list that are not undone, in scan order (never arrival order). */
export function effectiveRecords(db: Db, listId: string, registrationId: string): CheckInRecord[] {
  return (
    db
      .prepare(
        `SELECT ${recordColumns} FROM check_ins c ${recordJoins}
         WHERE c.list_id = ? AND c.registration_id = ? AND c.type <> 'undo'
           AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)
         ORDER BY c.scanned_at, c.id`,
      )
      .all(listId, registrationId) as RecordRow[]
  ).map(toRecord);
}

/** Of these people, those with an entry (on any list) that was not undone: checked in at the event. */
export function checkedInOf(db: Db, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  return new Set(db.prepare(
    `SELECT DISTINCT c.registration_id FROM check_ins c WHERE c.registration_id IN (SELECT value FROM json_each(?))
       AND c.type = 'entry' AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)`,
  ).pluck().all(JSON.stringify(ids)) as string[]);
}

export function recordsOfRegistration(db: Db, registrationId: string): CheckInRecord[] {
  return (
    db
      .prepare(`SELECT ${recordColumns} FROM check_ins c ${recordJoins} WHERE c.registration_id = ? ORDER BY c.scanned_at, c.id`)
      .all(registrationId) as RecordRow[]
  ).map(toRecord);
}

export function getCheckIn(db: Db, id: string): CheckInRecord | null {
  const row = db.prepare(`SELECT ${recordColumns} FROM check_ins c ${recordJoins} WHERE c.id = ?`).get(id) as
    | RecordRow
    | undefined;
  return row ? toRecord(row) : null;
}

/** The latest entries and exits on a list (undo records are folded into `undone`), for the recent strip. */
export function recentCheckIns(
  db: Db, listId: string, limit: number, localStationId: string,
): (CheckInRecord & { name: string; organisation: string | null; undone: boolean; own: boolean })[] {
  return (
    db
      .prepare(
        `SELECT ${recordColumns}, trim(r.first_name || ' ' || r.last_name) AS name, r.organisation,
                EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id) AS undone, c.station_id = ? AS own
         FROM check_ins c ${recordJoins} JOIN registrations r ON r.id = c.registration_id
         WHERE c.list_id = ? AND c.type <> 'undo' ORDER BY c.scanned_at DESC, c.id DESC LIMIT ?`,
      )
      .all(localStationId, listId, limit) as (RecordRow & { name: string; organisation: string | null; undone: number; own: number })[]
  ).map((r) => ({ ...toRecord(r), name: r.name, organisation: r.organisation, undone: r.undone === 1, own: r.own === 1 }));
}

export interface NewRefusedScan {
  id: string;
  listId: string | null;
  registrationId: string | null;
  rawCode: string;
  rawTruncated: boolean;
  reason: string;
  method: string;
  scannedAt: string;
  stationId: string;
}

export function insertRefusedScan(db: Db, r: NewRefusedScan): void {
  db.prepare(
    `INSERT INTO refused_scans (id, list_id, registration_id, raw_code, raw_truncated, reason, method, scanned_at, station_id)
     VALUES (@id, @listId, @registrationId, @rawCode, @rawTruncated, @reason, @method, @scannedAt, @stationId)`,
  ).run({ ...r, rawTruncated: r.rawTruncated ? 1 : 0 });
}

export function isUndone(db: Db, checkInId: string): boolean {
  return db.prepare('SELECT 1 FROM check_ins WHERE undoes_id = ?').get(checkInId) !== undefined;
}

export function stationOfCheckIn(db: Db, checkInId: string): string | null {
  return (db.prepare('SELECT station_id AS s FROM check_ins WHERE id = ?').get(checkInId) as { s: string } | undefined)?.s ?? null;
}
