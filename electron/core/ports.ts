import { v7 as uuidv7 } from 'uuid';

/** Small ports the services take as parameters, so tests can run on a fixed clock with predictable ids. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A random, time-ordered id (UUIDv7) for anything a station creates. */
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };
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
