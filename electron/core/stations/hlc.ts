/**
 * Hybrid logical clock values as the triggers of migration 006 write them: physical milliseconds * 1000 plus a
 * counter (below 1000), so one integer orders all writes; ties between stations are broken by station id. A
 * write made after seeing another one always has a greater value, whatever the wall clocks say, because receiving
 * a version moves the local clock past it.
 */
export interface Stamp {
  hlc: number;
  stationId: string;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0;
}

/** The wall-clock time an HLC value stands for (ISO), for showing when a value was written. */
export function hlcTime(hlc: number): string | null {
  return hlc > 0 ? new Date(Math.floor(hlc / 1000)).toISOString() : null;
}

/**
 * Why `winner` won over `loser`: it was written later, or both were written in the same millisecond and the
 * station order decided.
 */
export function winReason(winner: Stamp, loser: Stamp): 'later' | 'same_time' {
  return Math.floor(winner.hlc / 1000) > Math.floor(loser.hlc / 1000) ? 'later' : 'same_time';
}
