import { effectiveRecords, getCheckIn, insertCheckIn, insertRefusedScan } from '../../../db/queries/check-ins';
import { getList } from '../../../db/queries/lists';
import { findRegistrationIdByCode, getRegistration, isAssigned } from '../../../db/queries/registrations';
import type { CheckInMethod, RefusalReason, ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { parsePayload } from '../payload/parse-payload';

export interface ScanInput {
  listId: string;
  code: string;
  method: CheckInMethod;
}

/** Longest raw text kept in the refused-scan log; the rest is cut and the record marked as truncated. */
const RAW_LOG_LIMIT = 512;

/**
 * One scan at one list, decided and stored in one immediate transaction (synchronous FULL), so the result the
 * operator sees is on disk before it is shown. Rules as in pretix: an entry is allowed when the person's last
 * effective record on the list is not an entry (or the list allows re-entry); otherwise "already checked in".
 * Every refusal is logged with the raw code, reason, time and station.
 */
export function scan(event: OpenEvent, ports: Ports, input: ScanInput): ScanResult {
  const { db, station } = event;
  return db.transaction((): ScanResult => {
    const list = getList(db, input.listId);
    if (!list) throw new AppError('not_found', { entity: 'list', id: input.listId });
    const now = ports.clock.now().toISOString();

    const refuse = (reason: RefusalReason | 'already_checked_in', registrationId: string | null) => {
      const id = ports.ids.next();
      insertRefusedScan(db, {
        id, listId: list.id, registrationId, rawCode: input.code.slice(0, RAW_LOG_LIMIT),
        rawTruncated: input.code.length > RAW_LOG_LIMIT, reason, method: input.method, scannedAt: now,
        stationId: station.id,
      });
      return id;
    };

    const parsed = parsePayload(input.code);
    if (!parsed.ok) {
      const refusedScanId = refuse('invalid_code', null);
      return { status: 'refused', reason: 'invalid_code', code: parsed.printable, registration: null, refusedScanId };
    }
    const registrationId =
      findRegistrationIdByCode(db, parsed.code) ?? findRegistrationIdByCode(db, parsed.code.toUpperCase());
    if (!registrationId) {
      const refusedScanId = refuse('unknown_code', null);
      return { status: 'refused', reason: 'unknown_code', code: parsed.code, registration: null, refusedScanId };
    }
    const reg = getRegistration(db, registrationId)!;
    const person = {
      id: reg.id, firstName: reg.firstName, lastName: reg.lastName, organisation: reg.organisation, town: reg.town,
      role: reg.role, notes: reg.notes,
    };
    const refusal: RefusalReason | null =
      reg.status === 'cancelled' ? 'cancelled'
      : list.admission === 'assigned' && !isAssigned(db, reg.id, list.id) ? 'not_on_list'
      : null;
    if (refusal) {
      const refusedScanId = refuse(refusal, reg.id);
      return { status: 'refused', reason: refusal, code: parsed.code, registration: person, refusedScanId };
    }

    const records = effectiveRecords(db, list.id, reg.id);
    const last = records.at(-1);
    if (last?.type === 'entry' && !list.allowReentry) {
      const firstEntry = records.find((r) => r.type === 'entry')!;
      const refusedScanId = refuse('already_checked_in', reg.id);
      return { status: 'already_checked_in', registration: person, firstEntry, refusedScanId };
    }
    const id = ports.ids.next();
    insertCheckIn(db, {
      id, listId: list.id, registrationId: reg.id, type: 'entry', method: input.method, scannedAt: now,
      uploadedAt: now, stationId: station.id,
    });
    return { status: 'admitted', registration: person, checkIn: getCheckIn(db, id)! };
  }).immediate();
}
