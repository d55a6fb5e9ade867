import { effectiveRecords, getCheckIn, insertCheckIn, insertRefusedScan } from '../../../db/queries/check-ins';
import { getEvent } from '../../../db/queries/event';
import { presentCount, type ListInfo } from '../../../db/queries/lists';
import { cancelledAtOf, possibleTwinsOf, type TwinPerson } from '../../../db/queries/person-conflicts';
import { getRegistration, isAssigned } from '../../../db/queries/registrations';
import type { CheckInMethod, CheckInRecord, RefusalReason, ScanResult } from '../../contract/entities';
import type { OpenEvent } from '../app-context';
import type { Ports } from '../event/new-event';
import { wallClock } from '../text/local-time';

export type Direction = 'entry' | 'exit';

export type Decision =
  | { kind: 'admit' }
  | { kind: 'leave' }
  | { kind: 'refuse'; reason: RefusalReason }
  | { kind: 'already'; firstEntry: CheckInRecord; twin?: TwinPerson };

type Registration = NonNullable<ReturnType<typeof getRegistration>>;

/** Outside the list's admission window (local times on the list's day, in the event's time zone)? */
function windowRefusal(event: OpenEvent, list: ListInfo, at: Date): RefusalReason | null {
  if (!list.admitFrom && !list.admitUntil) return null;
  const now = wallClock(at, getEvent(event.db)?.timezone ?? 'Europe/Berlin');
  const stamp = `${list.day ?? now.date}T`;
  const current = `${now.date}T${now.time}`;
  if (list.admitFrom && current < stamp + list.admitFrom) return 'too_early';
  if (list.admitUntil && current > stamp + list.admitUntil) return 'too_late';
  return null;
}

/**
 * The rules, as in pretix, plus the programme's: cancelled and not-assigned people are refused; an entry is allowed
 * when the person's last effective record on the list is not an entry (or the list allows re-entry), otherwise
 * "already checked in" with the first entry of the current stay — also for someone let in by exception (cancelled,
 * not on the list), who is inside: the desk scanning them again sees them in, not refused again; a list may only
 * admit within its time window and up to its capacity. An exit needs the person inside.
 */
export function decide(event: OpenEvent, list: ListInfo, reg: Registration, at: Date, direction: Direction = 'entry'): Decision {
  const records = effectiveRecords(event.db, list.id, reg.id);
  const inside = records.at(-1)?.type === 'entry';
  if (direction === 'exit') return inside ? { kind: 'leave' } : { kind: 'refuse', reason: 'not_inside' };
  if (inside && !list.allowReentry) {
    let first = records.length - 1;
    while (first > 0 && records[first - 1]!.type === 'entry') first--;
    return { kind: 'already', firstEntry: records[first]! };
  }
  if (reg.status === 'cancelled') return { kind: 'refuse', reason: 'cancelled' };
  const twin = list.allowReentry ? null : twinInside(event, list, reg.id);
  if (twin) return twin;
  if (list.admission === 'assigned' && !isAssigned(event.db, reg.id, list.id)) return { kind: 'refuse', reason: 'not_on_list' };
  const outside = windowRefusal(event, list, at);
  if (outside) return { kind: 'refuse', reason: outside };
  // Someone coming back in (re-entry, or after an exit) already holds their place.
  const returning = records.some((r) => r.type === 'entry');
  if (list.capacity !== null && !returning && presentCount(event.db, list.id) >= list.capacity) {
    return { kind: 'refuse', reason: 'full' };
  }
  return { kind: 'admit' };
}

/** The first entry of the current stay on this list, if the person is inside. */
function currentStay(event: OpenEvent, listId: string, registrationId: string): CheckInRecord | null {
  const records = effectiveRecords(event.db, listId, registrationId);
  if (records.at(-1)?.type !== 'entry') return null;
  let first = records.length - 1;
  while (first > 0 && records[first - 1]!.type === 'entry') first--;
  return records[first]!;
}

/**
 * A possible double of the person (a walk-in and a list's person of the same name, see possibleTwinsOf) is inside
 * on this list already: "already checked in", with the other's entry and name, not a second entry counted for
 * the same person (QA15 H3: the walk-in let in at an offline station, then her e-mail's QR code). The operator
 * sees both names and can still let them in ("Trotzdem erneut einlassen": two people of the same name).
 */
function twinInside(event: OpenEvent, list: ListInfo, registrationId: string): Decision | null {
  for (const twin of possibleTwinsOf(event.db, registrationId)) {
    const entry = currentStay(event, list.id, twin.id);
    if (entry) return { kind: 'already', firstEntry: entry, twin };
  }
  return null;
}

export function personOf(reg: Registration): Extract<ScanResult, { status: 'admitted' }>['registration'] {
  return {
    id: reg.id, firstName: reg.firstName, lastName: reg.lastName, organisation: reg.organisation, town: reg.town,
    role: reg.role, notes: reg.notes,
  };
}

/** Longest raw text kept in the refused-scan log; the rest is cut and the record marked as truncated. */
const RAW_LOG_LIMIT = 512;

export function logRefusal(
  event: OpenEvent, ports: Ports,
  r: { listId: string; registrationId: string | null; raw: string; reason: string; method: CheckInMethod; at: string },
): string {
  const id = ports.ids.next();
  insertRefusedScan(event.db, {
    id, listId: r.listId, registrationId: r.registrationId, rawCode: r.raw.slice(0, RAW_LOG_LIMIT),
    rawTruncated: r.raw.length > RAW_LOG_LIMIT, reason: r.reason, method: r.method, scannedAt: r.at,
    stationId: event.station.id,
  });
  return id;
}

export function recordEntry(
  event: OpenEvent, ports: Ports,
  e: { listId: string; registrationId: string; method: CheckInMethod; at: string; override?: string | null; type?: Direction },
): CheckInRecord {
  const id = ports.ids.next();
  insertCheckIn(event.db, {
    id, listId: e.listId, registrationId: e.registrationId, type: e.type ?? 'entry', method: e.method, scannedAt: e.at,
    uploadedAt: e.at, stationId: event.station.id, override: Boolean(e.override), overrideReason: e.override ?? null,
  });
  return getCheckIn(event.db, id)!;
}

/**
 * Inside though cancelled: when the cancellation was made, where known, so the desk says which came first (QA15
 * H4: cancelled at the hub, then admitted by an offline station, is not "cancelled after the entry").
 */
function cancelledSince(event: OpenEvent, registrationId: string): { cancelled: true; cancelledAt?: string } {
  const at = cancelledAtOf(event.db, registrationId);
  return at ? { cancelled: true, cancelledAt: at } : { cancelled: true };
}

const twinOf = (t: TwinPerson) => ({ id: t.id, firstName: t.firstName, lastName: t.lastName, code: t.code, walkIn: t.walkIn });

/** Applies a decision: stores the entry or the refusal, and says what the operator sees. */
export function applyDecision(
  event: OpenEvent, ports: Ports, decision: Decision,
  ctx: { list: ListInfo; reg: Registration; raw: string; method: CheckInMethod; at: string; code: string },
): ScanResult {
  const person = personOf(ctx.reg);
  const log = (reason: string) =>
    logRefusal(event, ports, { listId: ctx.list.id, registrationId: ctx.reg.id, raw: ctx.raw, reason, method: ctx.method, at: ctx.at });
  switch (decision.kind) {
    case 'admit':
    case 'leave': {
      const type = decision.kind === 'admit' ? 'entry' : 'exit';
      return { status: 'admitted', registration: person, checkIn: recordEntry(event, ports, { listId: ctx.list.id, registrationId: ctx.reg.id, method: ctx.method, at: ctx.at, type }) };
    }
    case 'already':
      return {
        status: 'already_checked_in', registration: person, firstEntry: decision.firstEntry, refusedScanId: log('already_checked_in'),
        ...(ctx.reg.status === 'cancelled' ? cancelledSince(event, ctx.reg.id) : {}),
        ...(decision.twin ? { possibleTwin: twinOf(decision.twin) } : {}),
      };
    case 'refuse':
      return { status: 'refused', reason: decision.reason, code: ctx.code, registration: person, refusedScanId: log(decision.reason) };
  }
}
