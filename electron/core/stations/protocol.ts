import { z } from 'zod';
import { MAX_CELL_CHARS } from '../tabular/table';

/**
 * What travels between stations and the hub (HTTPS) and in hand-over files. Rows use the database's column
 * names, so reading and writing them needs no mapping; every record is validated when it arrives.
 * Version 3 of the protocol (2 had no taking back of local corrections and shorter person fields; 1 had no
 * erasures); a station and a hub of different versions refuse each other with a clear message, instead of one
 * refusing the other's records page by page.
 */
export const PROTOCOL_VERSION = 3;

const id = z.string().min(1).max(200);
const time = z.string().min(10).max(40);
const text = (max = 10_000) => z.string().max(max);
const flag = z.union([z.literal(0), z.literal(1)]);
const hlc = z.number().int().nonnegative();

/** [hlc, station that wrote it] of a whole row; [hlc, station, the version it replaced] of a field. */
export const rowVersion = z.tuple([hlc, z.string().max(200)]);
export const fieldVersion = z.tuple([hlc, z.string().max(200), hlc]);

export const checkInRow = z.strictObject({
  id, list_id: id, registration_id: id, type: z.enum(['entry', 'exit', 'undo']), undoes_id: id.nullable(),
  method: z.enum(['camera', 'scanner', 'search', 'manual', 'import']), override: flag, override_reason: text(2000).nullable(),
  scanned_at: time, uploaded_at: time, station_id: id,
});
export const refusedScanRow = z.strictObject({
  id, list_id: id.nullable(), registration_id: id.nullable(), raw_code: text(600), raw_truncated: flag, reason: text(100),
  method: text(40), scanned_at: time, station_id: id,
});
export const moveRow = z.strictObject({
  id, registration_id: id, from_list_id: id.nullable(), to_list_id: id.nullable(), moved_at: time, station_id: id,
});
export const stationRow = z.strictObject({ id, name: text(200), created_at: time });
export const dayRow = z.strictObject({ id, date: text(10), label: text(200) });
export const listRow = z.strictObject({
  id, kind: z.enum(['entrance', 'session', 'walk']), format: text(100).nullable(), name: text(500), day_id: id.nullable(),
  starts_at: text(40).nullable(), ends_at: text(40).nullable(), location: text(500).nullable(),
  capacity: z.number().int().nonnegative().nullable(), host: text(500).nullable(), description: text(5000).nullable(),
  admission: z.enum(['all', 'assigned']), allow_reentry: flag, position: z.number().int(), created_at: time,
  entry_exit: flag, admit_from: text(10).nullable(), admit_until: text(10).nullable(),
});
export const eventRow = z.strictObject({
  id, name: text(500), place: text(500).nullable(), starts_on: text(10).nullable(), ends_on: text(10).nullable(),
  timezone: text(100), organiser: text(500).nullable(), description: text(5000).nullable(), is_demo: flag, created_at: time,
  code_pattern: text(1000).nullable(), front_desk_pin: text(500).nullable(),
});
export const assignmentRow = z.strictObject({ origin: z.enum(['registration', 'local']), created_at: time });
/**
 * A person as a registration list may bring them: every field up to a list's longest cell (a note of 8 000
 * characters was refused here, and with it the whole page: no station could join), the extra fields of a list with
 * many long columns together.
 */
const cell = text(MAX_CELL_CHARS);
export const registrationRow = z.strictObject({
  id, source_id: cell.nullable(), code: cell, first_name: cell, last_name: cell, email: cell.nullable(),
  organisation: cell.nullable(), town: cell.nullable(), federal_state: cell.nullable(), sector: cell.nullable(),
  role: cell.nullable(), notes: cell.nullable(), status: z.enum(['registered', 'cancelled']), registered_on_site: flag,
  days: text(5000), extra: text(2_000_000), created_at: time, updated_at: time,
});
export const localField = z.strictObject({
  field: text(100), changed_at: time, station_id: id.nullable(),
  // Migration 010: a correction taken back, and what the person's list says about the field.
  reverted: flag.optional(), list_value: text(50_000).nullable().optional(), list_seen_at: time.nullable().optional(),
});

export const wireRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('check_in'), row: checkInRow }),
  z.strictObject({ kind: z.literal('refused_scan'), row: refusedScanRow }),
  z.strictObject({ kind: z.literal('move'), row: moveRow }),
  z.strictObject({ kind: z.literal('station'), row: stationRow, v: rowVersion }),
  z.strictObject({ kind: z.literal('event'), row: eventRow, v: rowVersion }),
  z.strictObject({ kind: z.literal('day'), id, row: dayRow.nullable(), v: rowVersion }),
  z.strictObject({ kind: z.literal('list'), id, row: listRow.nullable(), v: rowVersion }),
  z.strictObject({ kind: z.literal('assignment'), registrationId: id, listId: id, row: assignmentRow.nullable(), v: rowVersion }),
  z.strictObject({
    kind: z.literal('registration'), row: registrationRow,
    versions: z.record(z.string().max(50), fieldVersion), localFields: z.array(localField).max(100),
  }),
  // A person whose data the organiser erased with their registration list (migration 009): only the id travels.
  z.strictObject({ kind: z.literal('erasure'), id }),
]);
export type WireRecord = z.infer<typeof wireRecord>;
export type RecordKind = WireRecord['kind'];

/**
 * The order a batch is applied in: what others point to comes first; erasures last, so that a check-in in the
 * same batch keeps its person.
 */
export const KIND_ORDER: readonly RecordKind[] = [
  'station', 'event', 'day', 'list', 'registration', 'assignment', 'move', 'check_in', 'refused_scan', 'erasure',
];

export const MAX_BATCH = 2000;
export const MAX_WAIT_MS = 25_000;

/** Hub times (ms) when a request arrived and when its answer left: the station computes its clock offset from them. */
const hubTime = z.strictObject({ received: z.number(), sent: z.number() });

export const pairRequest = z.strictObject({
  v: z.literal(PROTOCOL_VERSION), code: z.string().regex(/^[0-9A-Z]{8}$/), stationId: id, stationName: text(100).min(1), sentAt: z.number(),
});
export const pairResponse = z.strictObject({
  token: z.string().min(20).max(200), hubStationId: id,
  event: z.strictObject({ id, name: text(500), startsOn: text(10).nullable() }), hubTime,
});

export const pushRequest = z.strictObject({
  v: z.literal(PROTOCOL_VERSION), sentAt: z.number(), clockOffsetMs: z.number().nullable(), records: z.array(wireRecord).max(MAX_BATCH),
});
export const pushResponse = z.strictObject({ added: z.number().int(), duplicates: z.number().int(), parked: z.number().int(), hubTime });

export const pullRequest = z.strictObject({
  v: z.literal(PROTOCOL_VERSION), since: z.number().int().nonnegative(), limit: z.number().int().min(1).max(MAX_BATCH),
  waitMs: z.number().int().min(0).max(MAX_WAIT_MS), sentAt: z.number(), clockOffsetMs: z.number().nullable(),
  /**
   * The `waitingHash` of the hub's last answer, sent only to a hub that gave one (a hub of an earlier build would
   * refuse the field): the hub then leaves out a list the station has already.
   */
  waitingSeen: z.string().max(100).optional(),
});
export const pullResponse = z.strictObject({
  records: z.array(wireRecord), upTo: z.number().int().nonnegative(), more: z.boolean(), hubTime,
  /**
   * Cancellations waiting for an organiser's approval at the hub (a periodic check of a URL list found them): the
   * station's desk warns about them as the hub's does. Optional: a hub of an earlier build does not send it.
   */
  waitingCancellations: z.array(z.strictObject({ id, source: text(500), at: time })).max(200_000).optional(),
  /** Which list of waiting cancellations the hub has now; the list itself is left out when the station has it. */
  waitingHash: z.string().max(100).optional(),
});

export type PairRequest = z.infer<typeof pairRequest>;
export type PairResponse = z.infer<typeof pairResponse>;
export type PushRequest = z.infer<typeof pushRequest>;
export type PushResponse = z.infer<typeof pushResponse>;
export type PullRequest = z.infer<typeof pullRequest>;
export type PullResponse = z.infer<typeof pullResponse>;

/** What the hub answers when it refuses: an error code the station shows (stations.error.<reason>). */
export const hubRefusal = z.strictObject({ error: z.string().max(100) });
