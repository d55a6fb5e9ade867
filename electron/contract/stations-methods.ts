import { z } from 'zod';
import { eventSummary } from './entities';
import { empty, text } from './schema-helpers';

/** Several stations, one event: network mode and pairing at the hub, the link at a station, conflicts, hand-over files. */

export const syncRole = z.enum(['hub', 'station']);

export const linkStatus = z.object({
  connected: z.boolean(),
  lastSyncAt: z.string().nullable(),
  pending: z.number().int(),
  /** Of the pending records, check-ins. */
  pendingCheckIns: z.number().int(),
  clockOffsetMs: z.number(),
  clockWarning: z.boolean(),
  /** A code for stations.error.<code>. */
  lastError: z.string().nullable(),
  revoked: z.boolean(),
  hubAddress: z.string().nullable(),
});
export type LinkStatusView = z.infer<typeof linkStatus>;

export const hubStatus = z.object({
  networkOn: z.boolean(),
  addresses: z.array(z.string()),
  fingerprint: z.string().nullable(),
  stations: z.number().int(),
  clockWarnings: z.number().int(),
});
export type HubStatusView = z.infer<typeof hubStatus>;

export const stationsStatus = z.object({ role: syncRole.nullable(), link: linkStatus.nullable(), hub: hubStatus.nullable() });
export type StationsStatus = z.infer<typeof stationsStatus>;

export const stationEntry = z.object({
  id: z.string(),
  name: z.string(),
  isLocal: z.boolean(),
  paired: z.boolean(),
  pairedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  recordsReceived: z.number().int(),
  clockOffsetMs: z.number().nullable(),
  clockWarning: z.boolean(),
  checkIns: z.number().int(),
});
export type StationEntry = z.infer<typeof stationEntry>;

export const pairingCode = z.object({ payload: z.string(), typed: z.string(), addresses: z.array(z.string()), expiresAt: z.string() });
export type PairingCodeView = z.infer<typeof pairingCode>;

export const doubleAdmission = z.object({
  registrationId: z.string(), name: z.string(), listId: z.string(), listName: z.string(),
  firstId: z.string(), firstAt: z.string(), firstStation: z.string(), secondId: z.string(), secondAt: z.string(), secondStation: z.string(),
});
export const fieldConflict = z.object({
  id: z.string(), registrationId: z.string(), name: z.string(), field: z.string(),
  winnerValue: z.string().nullable(), winnerStation: z.string().nullable(), winnerAt: z.string().nullable(),
  loserValue: z.string().nullable(), loserStation: z.string().nullable(), loserAt: z.string().nullable(),
  reason: z.enum(['later', 'same_time']),
});
export const parkedGroup = z.object({ kind: z.string(), reason: z.string(), count: z.number().int(), station: z.string().nullable() });
/** Cancelled, and admitted after that by a station that did not know yet (see admittedAfterCancellation). */
export const admittedAfterCancellation = z.object({
  registrationId: z.string(), name: z.string(), listName: z.string(), checkInId: z.string(), scannedAt: z.string(), station: z.string(),
  cancelledAt: z.string(),
});
const twinPerson = z.object({
  id: z.string(), code: z.string(), firstName: z.string(), lastName: z.string(), organisation: z.string().nullable(), town: z.string().nullable(),
});
/** A walk-in and a person of a registration list who may be the same person (see possibleTwinsOf). */
export const possibleDuplicate = z.object({ walkIn: twinPerson, listed: twinPerson });
export type PossibleDuplicate = z.infer<typeof possibleDuplicate>;
export type DoubleAdmission = z.infer<typeof doubleAdmission>;
export type FieldConflict = z.infer<typeof fieldConflict>;

const mergeCounts = z.object({ added: z.number().int(), duplicates: z.number().int(), parked: z.number().int() });

export const stationsMethods = {
  'stations.status': { input: empty, output: stationsStatus },
  'stations.list': { input: empty, output: z.object({ stations: z.array(stationEntry) }) },
  /** The organiser removes a station: its token stops working at once; its records stay. */
  'stations.revoke': { input: z.strictObject({ stationId: text(200) }), output: z.object({}) },
  'stations.conflicts': {
    input: empty,
    output: z.object({
      doubleAdmissions: z.array(doubleAdmission), fieldConflicts: z.array(fieldConflict), parked: z.array(parkedGroup),
      admittedAfterCancellation: z.array(admittedAfterCancellation), possibleDuplicates: z.array(possibleDuplicate),
    }),
  },
  /**
   * A conflict looked at („Gesehen“; for a possible double „Verschiedene Personen“, which also ends its hints on the
   * person page and at the desk): no longer listed on this laptop. `key`: the field conflict's id, the second entry's
   * id, the entry after the cancellation's id, or "walkInId|listedId".
   */
  'stations.conflictSeen': {
    input: z.strictObject({ kind: z.enum(['field', 'double', 'cancelled', 'duplicate']), key: text(300) }),
    output: z.object({}),
  },
  /** On a laptop without the event: becomes a station of the hub's event (the QR payload, or the typed code with the address). */
  'stations.pair': {
    input: z.strictObject({ code: text(2000), address: z.string().trim().max(300).optional(), stationName: text(100) }),
    output: eventSummary,
  },
  'stations.syncNow': { input: empty, output: z.object({}) },
  /** A station's hub answers at another address: checked against the paired hub, then used. */
  'stations.setHubAddress': { input: z.strictObject({ address: z.string().trim().min(1).max(300) }), output: z.object({}) },
  /**
   * A station removed at the hub joins again with a new code from the hub: same station, same file, new token; what
   * it recorded meanwhile is sent.
   */
  'stations.rejoin': { input: z.strictObject({ code: text(2000), address: z.string().trim().max(300).optional() }), output: z.object({}) },
  'hub.network': { input: z.strictObject({ on: z.boolean() }), output: hubStatus },
  /** A station takes the place of its hub, gone for good: its file becomes the hub's, network mode on. */
  'hub.takeOver': { input: empty, output: hubStatus },
  /** The current pairing code, or a new one (renew, or when none is valid). */
  'hub.pairingCode': { input: z.strictObject({ renew: z.boolean().default(false) }), output: pairingCode },
  'handover.export': {
    input: empty,
    output: z.object({ exportId: z.string(), fileName: z.string(), size: z.number().int(), records: z.number().int() }),
  },
  /** The bytes of a hand-over export, in chunks of at most 512 KB (base64), for a download in the browser. */
  'handover.download': {
    input: z.strictObject({ exportId: text(100), offset: z.number().int().min(0) }),
    output: z.object({ data: z.string(), offset: z.number().int(), nextOffset: z.number().int().nullable(), size: z.number().int() }),
  },
  /** A hand-over file sent in chunks (each at most 512 KB, base64); the last one imports it. */
  'handover.importChunk': {
    input: z.strictObject({
      importId: z.string().max(100).optional(),
      index: z.number().int().min(0).max(1000),
      dataBase64: z.string().max(700_000).regex(/^[A-Za-z0-9+/]*={0,2}$/),
      last: z.boolean(),
    }),
    output: z.object({
      importId: z.string(),
      result: mergeCounts.extend({ station: z.string(), records: z.number().int() }).nullable(),
    }),
  },
} as const;
