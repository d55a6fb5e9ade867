import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import { accessOf, tokenHashOf } from '../../../db/queries/hub-access';
import { getHubLink } from '../../../db/queries/hub-link';
import { getLocalStation } from '../../../db/queries/stations';
import { getSyncState, outboxPage } from '../../../db/queries/sync-state';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { acceptRecords } from './hub';
import type { MergeOutcome } from './merge';
import { hashSecret } from './pairing';
import { wireRecord } from './protocol';
import { readRecords } from './records';

/**
 * Hand-over by file (USB stick) for a station that never gets network: the records the hub has not confirmed,
 * with the event and station they belong to. The hub imports them through the same merge as over the network, so
 * importing a file twice (or a file whose records also came over the network) changes nothing. The file is
 * signed with a key only this station and the hub know (the hash of the station's token), so a file that was
 * altered or made elsewhere is refused.
 */
export const HANDOVER_FORMAT = 'einlass-handover';
/**
 * 3: local corrections carry what the list says and may be taken back, person fields as long as a list's cells
 * (station protocol 3); 2: records may include erasures. Files of versions 1 and 2 hold a subset and are still taken.
 */
export const HANDOVER_VERSION = 3;
const READABLE_VERSIONS: readonly unknown[] = [1, 2, 3];

const refuse = (reason: string, details: Record<string, unknown> = {}) =>
  new AppError('bad_request', { reason, messageKey: `stations.error.${reason}`, ...details });

const handoverFile = z.object({
  format: z.literal(HANDOVER_FORMAT),
  version: z.number().int(),
  eventId: z.string().max(200),
  station: z.object({ id: z.string().max(200), name: z.string().max(200) }),
  createdAt: z.string().max(40),
  records: z.array(wireRecord).max(500_000),
  mac: z.string().max(200),
});

function sign(keyHex: string, body: string): string {
  return createHmac('sha256', keyHex).update(body, 'utf8').digest('hex');
}

export function exportHandover(db: Db, ports: Ports): { json: string; fileName: string; records: number } {
  const link = getHubLink(db);
  if (getSyncState(db).role !== 'station' || !link) throw refuse('not_station_file');
  const station = getLocalStation(db)!;
  const createdAt = ports.clock.now().toISOString();
  const records = db.transaction(() => readRecords(db, outboxPage(db, 1_000_000)))();
  const body = { format: HANDOVER_FORMAT, version: HANDOVER_VERSION, eventId: link.eventId, station, createdAt, records };
  const text = JSON.stringify(body);
  const json = JSON.stringify({ ...body, mac: sign(hashSecret(link.token), text) });
  const slug = station.name.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'station';
  const stamp = createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return { json, fileName: `uebergabe-${slug}-${stamp}.json`, records: records.length };
}

export function importHandover(db: Db, ports: Ports, text: string): MergeOutcome & { station: string; records: number } {
  if (getSyncState(db).role !== 'hub') throw refuse('not_hub');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw refuse('handover_unreadable');
  }
  if ((data as { format?: unknown } | null)?.format !== HANDOVER_FORMAT) throw refuse('handover_unreadable');
  if (!READABLE_VERSIONS.includes((data as { version?: unknown }).version)) throw refuse('handover_version');
  const parsed = handoverFile.safeParse(data);
  if (!parsed.success) throw refuse('handover_unreadable');
  const file = parsed.data;
  if (file.eventId !== getEvent(db)?.id) throw refuse('other_event');
  const access = accessOf(db, file.station.id);
  if (!access) throw refuse('unknown_station', { station: file.station.name });
  if (access.revokedAt) throw refuse('revoked', { station: file.station.name });
  const { mac, ...body } = data as Record<string, unknown>;
  const expected = Buffer.from(sign(tokenHashOf(db, file.station.id) ?? '', JSON.stringify(body)), 'hex');
  const given = Buffer.from(String(mac), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('handover_signature');
  const outcome = acceptRecords(db, ports, file.station.id, file.records, null);
  return { ...outcome, station: file.station.name, records: file.records.length };
}
