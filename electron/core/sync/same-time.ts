import type { ListTime } from '../../../db/queries/lists';
import { germanDate } from '../reports/time';
import type { ProblemSink } from './incoming';

/**
 * Sessions and walks of one day whose times overlap (the parallel forums, the walks that all start at 16:00): a row
 * that registers someone for two of them is said as a warning, since they can be at only one. Lists without a day
 * or a time are never compared. Times are the programme's local "HH:MM", compared as text.
 */
export class SameTime {
  private readonly overlapping = new Map<string, Set<string>>();
  private readonly byId: ReadonlyMap<string, ListTime>;

  constructor(lists: readonly ListTime[]) {
    this.byId = new Map(lists.map((l) => [l.id, l]));
    for (const a of lists) {
      for (const b of lists) {
        if (a.id < b.id && a.day === b.day && a.startsAt < b.endsAt && b.startsAt < a.endsAt) {
          this.pair(a.id, b.id);
          this.pair(b.id, a.id);
        }
      }
    }
  }

  /** Whether any two lists of the programme overlap: else no row needs to be checked. */
  get any(): boolean {
    return this.overlapping.size > 0;
  }

  private pair(a: string, b: string): void {
    const set = this.overlapping.get(a);
    if (set) set.add(b);
    else this.overlapping.set(a, new Set([b]));
  }

  /** Warns for each two of `ids` (a row's sessions and walks) at the same time. */
  check(listIds: readonly string[], line: number, problems: ProblemSink): void {
    if (listIds.length < 2 || !this.any) return;
    // A list named in two columns (a tick and a name) is one list: its pair is said once.
    const ids = [...new Set(listIds)];
    for (let i = 0; i < ids.length; i++) {
      const others = this.overlapping.get(ids[i]!);
      if (!others) continue;
      for (let j = i + 1; j < ids.length; j++) {
        if (!others.has(ids[j]!)) continue;
        // Named in a fixed order, so the same two in many rows are one entry of the dry run.
        const one = this.byId.get(ids[i]!)!;
        const other = this.byId.get(ids[j]!)!;
        const [a, b] = one.name.localeCompare(other.name, 'de') <= 0 ? [one, other] : [other, one];
        problems.add({
          code: 'sameTime', severity: 'warning', line, column: null,
          params: { first: a.name, second: b.name, day: germanDate(a.day, 'UTC'), from: a.startsAt > b.startsAt ? a.startsAt : b.startsAt, to: a.endsAt < b.endsAt ? a.endsAt : b.endsAt },
        });
      }
    }
  }
}
