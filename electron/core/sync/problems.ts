import type { TableProblem } from '../tabular/table';

/**
 * A problem of a sync, with the file line and column it is in. Errors keep the plan from being applied (the
 * organiser fixes the source and loads it again); warnings are shown and the rest is applied.
 * Codes are i18n keys under `sync.problem.*`.
 */
export interface SyncProblem {
  code: SyncProblemCode | TableProblem['code'];
  severity: 'error' | 'warning';
  line: number | null;
  column: string | null;
  params?: Record<string, string | number>;
}

export type SyncProblemCode =
  | 'missingName'
  | 'missingKey'
  | 'duplicateKey'
  | 'duplicateCode'
  | 'excelRounded'
  | 'lostZeros'
  | 'lettersLost'
  | 'questionMarkInName'
  | 'zerosBack'
  | 'duplicateCodeInList'
  | 'codeCaseTwin'
  | 'samePerson'
  | 'idOfOtherPerson'
  | 'renumbered'
  | 'personReplaced'
  | 'mostGone'
  | 'noneOfThisList'
  | 'peopleOfOtherList'
  | 'unknownStatus'
  | 'waitlisted'
  | 'unpaid'
  | 'notSubmitted'
  | 'approvalPending'
  | 'notAnEmail'
  | 'unreadableDate'
  | 'dayNotInEvent'
  | 'unknownSession'
  | 'unknownWalk'
  | 'markedDay'
  | 'markedSession'
  | 'markedWalk'
  | 'notAMark'
  | 'sameTime'
  | 'keyByEmailAndName'
  | 'keyByName'
  | 'noNameColumn'
  | 'oneNamePart'
  | 'mappedColumnGone'
  | 'extraColumnGone'
  | 'footerRow'
  | 'addonRows'
  | 'addonNotInProgramme'
  | 'addonWithoutParent'
  | 'maybeWalkIn'
  | 'walkInTaken'
  | 'chosenSamePerson'
  | 'maybeInOtherList'
  | 'maybeEnteredByHand'
  | 'twiceInList'
  | 'alreadyInList'
  | 'overCapacity'
  | 'olderFile';

/**
 * The same problem in many rows (a workshop the event does not have, in 36 000 rows) as one entry: how often, and
 * the first lines it is in. Grouped by kind, column and what the message says.
 */
export interface ProblemGroup extends SyncProblem {
  count: number;
  /** The first lines (up to GROUP_LINES) in file order; `line` is the first of them. */
  lines: number[];
}

const GROUP_LINES = 5;
/** Distinct groups kept; more are still counted in `errors` and `warnings`. */
const MAX_GROUPS = 2000;

const groupKey = (p: SyncProblem) =>
  `${p.code}\u0001${p.severity}\u0001${p.column ?? ''}\u0001${p.params ? Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join('\u0002') : ''}`;

/** Errors first, then in the order of the file (by the first line each is in). */
const byWeight = (a: SyncProblem, b: SyncProblem) =>
  (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.line ?? 0) - (b.line ?? 0);

/**
 * How a list without ids is read, lines under the list that are no one's, and add-on rows given to their people
 * (and those of them that name no session or walk): said on every dry run, nothing to review.
 */
export const NOTE_CODES: ReadonlySet<string> = new Set(['keyByEmailAndName', 'keyByName', 'footerRow', 'addonRows', 'addonNotInProgramme']);

/** Warnings about the list as a whole (a line, where given, is an example or a line that is nobody's row). */
export const LIST_WARNING_CODES: ReadonlySet<string> = new Set([
  'mostGone', 'noneOfThisList', 'olderFile', 'peopleOfOtherList', 'overCapacity', 'mappedColumnGone', 'extraColumnGone', 'lostZeros', 'lettersLost', 'questionMarkInName', 'zerosBack', 'renumbered', 'noNameColumn', 'oneNamePart',
  'mixedEncoding', 'duplicateHeader', 'rowsAboveHeader', 'repeatedHeader', 'emptyHeader', 'unclosedQuote', 'strayQuote',
]);

/** A warning about one row of the list (not about the list as a whole, nor a note). */
export const isRowWarning = (p: SyncProblem): p is SyncProblem & { line: number } =>
  p.severity === 'warning' && p.line !== null && !NOTE_CODES.has(p.code) && !LIST_WARNING_CODES.has(p.code);

/** Keeps every count but only the first entries of each kind: 100 000 broken rows must not become 100 000 messages. */
export class ProblemList {
  readonly items: SyncProblem[] = [];
  /** Every warning about a row (see isRowWarning), however many: which rows a warning is about. */
  readonly rowWarnings: (SyncProblem & { line: number })[] = [];
  readonly counts = new Map<string, number>();
  private readonly groups = new Map<string, ProblemGroup>();
  errors = 0;
  warnings = 0;

  constructor(private readonly perCode = 500) {}

  add(p: SyncProblem): void {
    const n = (this.counts.get(p.code) ?? 0) + 1;
    this.counts.set(p.code, n);
    if (p.severity === 'error') this.errors++;
    else this.warnings++;
    if (isRowWarning(p)) this.rowWarnings.push(p);
    if (n <= this.perCode) this.items.push(p);
    const key = groupKey(p);
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      if (p.line !== null && group.lines.length < GROUP_LINES) group.lines.push(p.line);
    } else if (this.groups.size < MAX_GROUPS) {
      this.groups.set(key, { ...p, count: 1, lines: p.line === null ? [] : [p.line] });
    }
  }

  /** Each problem on its own (the first `perCode` of each kind), for the command line's list and the run record. */
  sorted(): SyncProblem[] {
    return [...this.items].sort(byWeight);
  }

  /** The same problem in many rows as one entry, for people to read. */
  grouped(): ProblemGroup[] {
    return [...this.groups.values()].sort(byWeight);
  }
}

/** Problems found while reading a file (before any plan), grouped the same way. */
export function groupProblems(problems: readonly SyncProblem[]): ProblemGroup[] {
  const list = new ProblemList(0);
  for (const p of problems) list.add(p);
  return list.grouped();
}
