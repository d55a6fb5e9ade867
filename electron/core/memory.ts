import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;
let scheduled = false;

/**
 * Asks V8 for a full garbage collection once the current work is answered. A dry run or an apply of a large list
 * leaves 100-200 MB of garbage that V8 collects only when it next needs room: the next sync then grew the station
 * from under 300 MB to 360-430 MB (a walkthrough with 100 000 people, /work/exp/qa11). The import bench's station
 * session (tests/bench/station-session.ts: five syncs of 100 000 people over HTTP in one station process) peaks at
 * 263-265 MB with these collections and 366-371 MB without; they cost about 0.15 s of each 1.2 s sync of that size
 * (a full collection after the upload, the dry run and the apply). Without a gc function (a runtime that refuses
 * the flag) nothing happens.
 */
export function collectGarbageSoon(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    gcFunction()?.();
  });
}

function gcFunction(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  return gc;
}
