import { getList, type ListInfo } from '../../../db/queries/lists';
import { getRegistration } from '../../../db/queries/registrations';
import type { CheckInMethod, ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { parsePayload } from '../payload/parse-payload';
import { applyDecision, decide, logRefusal, type Direction } from './decide';
import { findCodeOwner } from './find-by-code';

export interface ScanInput {
  listId: string;
  code: string;
  method: CheckInMethod;
  /** 'exit' only on lists that record exits. */
  direction?: Direction;
}

export function requireDirection(list: ListInfo, direction: Direction | undefined): Direction {
  if (direction === 'exit' && !list.entryExit) throw new AppError('bad_request', { reason: 'list_records_no_exits' });
  return direction ?? 'entry';
}

export function requireList(event: OpenEvent, listId: string): ListInfo {
  const list = getList(event.db, listId);
  if (!list) throw new AppError('not_found', { entity: 'list', id: listId });
  return list;
}

/**
 * One scan at one list, decided and stored in one immediate transaction (synchronous FULL), so the result the
 * operator sees is on disk before it is shown. Every refusal is logged with the raw code, reason, time and station.
 */
export function scan(event: OpenEvent, ports: Ports, input: ScanInput, codePattern: string | null = null): ScanResult {
  const { db } = event;
  return db.transaction((): ScanResult => {
    const list = requireList(event, input.listId);
    const direction = requireDirection(list, input.direction);
    const now = ports.clock.now();
    const at = now.toISOString();
    const parsed = parsePayload(input.code, { codePattern });
    const refuseUnknown = (reason: 'invalid_code' | 'unknown_code', code: string): ScanResult => ({
      status: 'refused', reason, code, registration: null,
      refusedScanId: logRefusal(event, ports, { listId: list.id, registrationId: null, raw: input.code, reason, method: input.method, at }),
    });
    // A code typed in groups ("M6FY PPZK") is no code to the parser; without its spaces it may be someone's.
    const code = parsed.ok ? parsed.code : typedInGroups(input.code, codePattern);
    const owner = code !== null ? findCodeOwner(db, code) : null;
    if (code === null || owner === null) {
      return parsed.ok ? refuseUnknown('unknown_code', parsed.code) : refuseUnknown('invalid_code', parsed.printable);
    }
    const { former } = owner;
    const reg = getRegistration(db, owner.id)!;
    const result = applyDecision(event, ports, decide(event, list, reg, now, direction), { list, reg, raw: input.code, method: input.method, at, code });
    // A code the registration list replaced (a ticket re-issued, perhaps passed on) still admits, but not silently.
    // A walk-in's desk code, replaced when the list took them in, is the badge they wear: nothing to say.
    if (former && !reg.registeredOnSite && (result.status === 'admitted' || result.status === 'already_checked_in')) {
      return { ...result, formerCode: { replacedAt: former.replacedAt } };
    }
    return result;
  }).immediate();
}

/** Typed text with spaces in it ("M6FY PPZK"), as one code without them; null when that is no code either. */
function typedInGroups(raw: string, codePattern: string | null): string | null {
  if (!/\S\s+\S/.test(raw.trim())) return null;
  const joined = parsePayload(raw.replace(/\s+/g, ''), { codePattern });
  return joined.ok ? joined.code : null;
}
