import type { Db } from '../../../db/open';
import { setLinkClockOffset } from '../../../db/queries/hub-link';
import { setTriggerClockCorrection } from '../../../db/queries/sync-state';
import { appClockShift, clockCorrection, setClockCorrection } from '../ports';

/** Beyond this a clock is "far off" and both ends show a warning. */
export const CLOCK_WARNING_MS = 2 * 60 * 1000;
/** Smaller changes of the measured offset are jitter; following them would only make time jump back and forth. */
const FOLLOW_MS = 250;

export function clockWarning(offsetMs: number | null | undefined): boolean {
  return offsetMs !== null && offsetMs !== undefined && Math.abs(offsetMs) > CLOCK_WARNING_MS;
}

/**
 * NTP's offset estimate from one exchange: t0/t3 when the request left and the answer arrived (laptop clock),
 * hub.received/hub.sent on the hub's clock. A pull the hub held open does not spoil it.
 */
export function measureOffset(t0: number, t3: number, hub: { received: number; sent: number }): { offsetMs: number; roundTripMs: number } {
  return { offsetMs: Math.round((hub.received - t0 + (hub.sent - t3)) / 2), roundTripMs: t3 - t0 - (hub.sent - hub.received) };
}

/**
 * A station keeps the hub's time: the measured offset is added to the laptop clock of this process (records,
 * undo window, admission times) and to the clock the file's triggers stamp versions with. So a laptop whose clock
 * is an hour wrong still records its scans in the hub's time, and they sort where they happened.
 */
export function followHubClock(db: Db, offsetMs: number, persist: boolean): boolean {
  const changed = Math.abs(offsetMs - clockCorrection()) > FOLLOW_MS;
  if (changed) setClockCorrection(offsetMs);
  setTriggerClockCorrection(db, appClockShift());
  if (changed && persist) setLinkClockOffset(db, clockCorrection());
  return changed;
}

/** A hub (or a file that is no station) runs on the laptop's own clock. */
export function ownClock(db: Db | null): void {
  setClockCorrection(0);
  if (db) setTriggerClockCorrection(db, appClockShift());
}
