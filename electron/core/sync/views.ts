import { isRestored } from './run-changes';
import { getSource, listRuns, listSources, cancelledOnRemoveBySource, peopleBySource, type SyncSourceRow } from '../../../db/queries/sync';
import type { Db } from '../../../db/open';
import { checkedInOf } from '../../../db/queries/check-ins';
import { erasableOnRemoveBySource } from '../../../db/queries/erasure';
import type { PlanSummary, SyncCountsView, SyncRunView, SyncSourceView } from '../../contract/sync-methods';
import type { SyncScheduler } from './scheduler';
import type { SourceOptions, StoredPlan } from './sync-service';
import { shownLocation } from '../../contract/shown-location';

/** What the contract shows of stored sync data: never the value of an authorization header. */
interface RemovalCounts {
  cancel: Map<string, number>;
  erase: Map<string, number>;
  people: Map<string, { registered: number; cancelled: number }>;
}

/** By list: whom "Liste entfernen" would cancel, whose data it could erase, and its people now. */
const removalCounts = (db: Db): RemovalCounts => ({ cancel: cancelledOnRemoveBySource(db), erase: erasableOnRemoveBySource(db), people: peopleBySource(db) });

/** What the periodic checks know of a list (SyncScheduler). */
export type SourceChecks = Pick<SyncScheduler, 'check' | 'timing'>;

export function sourceView(db: Db, s: SyncSourceRow, checks: SourceChecks, onRemove = removalCounts(db)): SyncSourceView {
  const check = checks.check(s.id);
  const options = JSON.parse(s.options) as SourceOptions;
  const run = s.lastRunId ? listRuns(db, 200).find((r) => r.id === s.lastRunId) : undefined;
  const shown = shownLocation(s.kind, s.location);
  return {
    id: s.id, kind: s.kind, label: s.label, location: shown.location, hasAuth: Boolean(options.authValue) || shown.hasKey,
    keyInAddress: shown.hasKey,
    authName: options.authName ?? null, intervalMinutes: s.intervalMinutes, cancelledOnRemove: onRemove.cancel.get(s.id) ?? 0,
    erasableOnRemove: onRemove.erase.get(s.id) ?? 0, removed: Boolean(s.removedAt),
    people: onRemove.people.get(s.id) ?? { registered: 0, cancelled: 0 },
    lastRun: run ? { id: run.id, finishedAt: run.finishedAt, counts: JSON.parse(run.counts) as Partial<SyncCountsView> & { sheet?: string } } : null,
    check: check && { ...check, applied: check.applied ?? null, restored: check.restored ?? false, wholeList: check.wholeList ?? false, elsewhere: check.elsewhere ?? false },
    ...(s.removedAt ? { nextCheckAt: null, nextCheckSoon: false, fetching: false } : checks.timing(s)),
  };
}

export function sourcesView(db: Db, checks: SourceChecks, withRemoved = false): SyncSourceView[] {
  const onRemove = removalCounts(db);
  return listSources(db, withRemoved).map((s) => sourceView(db, s, checks, onRemove));
}

export function runsView(db: Db, limit: number): SyncRunView[] {
  return listRuns(db, limit).map((r) => ({
    id: r.id, sourceId: r.sourceId, sourceLabel: r.sourceLabel, startedAt: r.startedAt, finishedAt: r.finishedAt,
    applied: r.applied, counts: JSON.parse(r.counts) as SyncRunView['counts'],
    // The run keeps the first 200 problems; its counts say how many there were.
    problemCount: runProblemCount(r.counts, r.problems), stationName: r.stationName,
  }));
}

function runProblemCount(counts: string, problems: string): number {
  const c = JSON.parse(counts) as { warnings?: number; errors?: number };
  return c.warnings !== undefined ? c.warnings + (c.errors ?? 0) : (JSON.parse(problems) as unknown[]).length;
}

export function planView(db: Db, stored: StoredPlan): PlanSummary {
  const { plan, source } = stored;
  return {
    planId: stored.id, rows: plan.rows, lineKind: stored.lineKind, counts: plan.counts, addedCancelled: plan.addedCancelled,
    // Asked each time: the desk may admit someone while their cancellation waits.
    cancelledCheckedIn: checkedInOf(db, plan.changes.flatMap((c) => (c.kind === 'cancelled' ? [c.registrationId] : []))).size, blocked: plan.blocked,
    // No row of the file has them (a row would carry its line).
    cancelledGone: plan.changes.reduce((n, c) => n + (c.kind === 'cancelled' && c.line === null ? 1 : 0), 0),
    restored: plan.changes.reduce((n, c) => n + (c.kind === 'updated' && c.fields.some(isRestored) ? 1 : 0), 0),
    keptLocalNew: plan.changes.reduce((n, c) => n + (c.fields.some((f) => f.listChanged) ? 1 : 0), 0),
    errors: plan.problems.errors, warnings: plan.problems.warnings,
    problemCounts: Object.fromEntries(plan.problems.counts), problems: plan.problems.grouped().slice(0, 300),
    source: { id: source.id, label: source.label, kind: source.kind, isNew: getSource(db, source.id) === null },
    fileName: stored.fileName, sheet: stored.sheet ?? null,
    sameAs: [...stored.sameAs].map(([line, registrationId]) => ({ line, registrationId })),
  };
}

export { shownLocation };
