import { v7 as uuidv7 } from 'uuid';

/** Small ports the services take as parameters, so tests can run on a fixed clock with predictable ids. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A random, time-ordered id (UUIDv7) for anything a station creates. */
  next(): string;
}

/**
 * Testing aid, never set in normal use: EINLASS_CLOCK_OFFSET_MS shifts this process's clock by that many
 * milliseconds, so a test can run a station whose laptop clock is wrong (tests/api/stations-clock.test.ts).
 */
const simulatedClockErrorMs = Number(process.env.EINLASS_CLOCK_OFFSET_MS ?? 0) || 0;
let hubCorrectionMs = 0;

/** This laptop's own clock (ms since epoch), before any correction. */
export function laptopTime(): number {
  return Date.now() + simulatedClockErrorMs;
}

/** How far this process's clock is from the operating system's (the testing aid above, plus the hub correction). */
export function appClockShift(): number {
  return simulatedClockErrorMs + hubCorrectionMs;
}

/**
 * A paired station keeps time by its hub: the offset measured at the last exchange is added to the laptop's clock
 * (see electron/core/stations/clock.ts), so records from all stations are in one time and stay in scan order.
 */
export function setClockCorrection(ms: number): void {
  hubCorrectionMs = ms;
}

export function clockCorrection(): number {
  return hubCorrectionMs;
}

export const systemClock: Clock = { now: () => new Date(laptopTime() + hubCorrectionMs) };
export const randomIds: IdGenerator = { next: () => uuidv7() };

export function fixedClock(start: string | Date, stepMs = 0): Clock & { advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

export function sequentialIds(prefix = '00000000-0000-7000-8000-'): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}${String(++n).padStart(12, '0')}` };
}
