import { getRegistration } from '../../../db/queries/registrations';
import type { CheckInMethod, ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { applyDecision, decide, personOf, recordEntry, type Direction } from './decide';
import { requireDirection, requireList } from './scan';

export interface AdmitInput {
  listId: string;
  registrationId: string;
  method: CheckInMethod;
  /** Admit even though the rules refuse (cancelled, not on the list, already inside); recorded as an override. */
  override: boolean;
  note?: string;
  direction?: Direction;
}

/**
 * Check-in of a known person without a code (search, roster tap) and the operator's override of a refusal.
 * The same rules as a scan; an override is stored on the record with the reason it overrode.
 */
export function admitRegistration(event: OpenEvent, ports: Ports, input: AdmitInput): ScanResult {
  return event.db.transaction((): ScanResult => {
    const list = requireList(event, input.listId);
    const reg = getRegistration(event.db, input.registrationId);
    if (!reg) throw new AppError('not_found', { entity: 'registration', id: input.registrationId });
    const direction = requireDirection(list, input.direction);
    const now = ports.clock.now();
    const at = now.toISOString();
    const decision = decide(event, list, reg, now, direction);
    // An exit cannot be forced: someone who is not inside has nothing to leave.
    if ((decision.kind === 'refuse' || decision.kind === 'already') && input.override && direction === 'entry') {
      const reason = decision.kind === 'already' ? 'already_checked_in' : decision.reason;
      const override = input.note ? `${reason}: ${input.note}` : reason;
      const checkIn = recordEntry(event, ports, { listId: list.id, registrationId: reg.id, method: input.method, at, override });
      return { status: 'admitted', registration: personOf(reg), checkIn };
    }
    return applyDecision(event, ports, decision, { list, reg, raw: reg.code, method: input.method, at, code: reg.code });
  }).immediate();
}
