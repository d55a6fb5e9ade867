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
  | 'unknownStatus'
  | 'unreadableDate'
  | 'dayNotInEvent'
  | 'unknownSession'
  | 'unknownWalk'
  | 'noKeyColumn'
  | 'noNameColumn';

/** Keeps every count but only the first entries of each kind: 100 000 broken rows must not become 100 000 messages. */
export class ProblemList {
  readonly items: SyncProblem[] = [];
  readonly counts = new Map<string, number>();
  errors = 0;
  warnings = 0;

  constructor(private readonly perCode = 500) {}

  add(p: SyncProblem): void {
    const n = (this.counts.get(p.code) ?? 0) + 1;
    this.counts.set(p.code, n);
    if (p.severity === 'error') this.errors++;
    else this.warnings++;
    if (n <= this.perCode) this.items.push(p);
  }

  sorted(): SyncProblem[] {
    return [...this.items].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.line ?? 0) - (b.line ?? 0));
  }
}
