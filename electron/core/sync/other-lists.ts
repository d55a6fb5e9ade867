import type { ProblemSink } from './incoming';

/** From how many rows (and half of the file) that are people of one other list the dry run asks. */
const OTHER_LIST_MIN = 3;

/**
 * Rows of a list that are people of another list (same id or code, sharing name or address): a few are people
 * moving between lists (a speaker also in pretix). Most of the file is a new version of that list loaded as a list
 * of its own (its file name changed: "anmeldungen (1).csv"), and then the list takes the people over silently,
 * while those missing from the new version are not cancelled: they still belong to the old list. Said once, with
 * the way to load it as a new version of that list.
 */
export class OtherLists {
  private readonly bySource = new Map<string, number>();

  /** A row matched a person of the list `syncSourceId` (not this one). */
  note(syncSourceId: string): void {
    this.bySource.set(syncSourceId, (this.bySource.get(syncSourceId) ?? 0) + 1);
  }

  /** Not for a removed list: loaded again as a new list is the way back from its removal. */
  report(rows: number, labels: ReadonlyMap<string, string>, removed: ReadonlySet<string>, problems: ProblemSink): void {
    for (const [sourceId, count] of this.bySource) {
      if (count < OTHER_LIST_MIN || count * 2 < rows || removed.has(sourceId)) continue;
      problems.add({
        code: 'peopleOfOtherList', severity: 'warning', line: null, column: null,
        params: { count, of: rows, source: labels.get(sourceId) ?? '–', sourceId },
      });
    }
  }
}
