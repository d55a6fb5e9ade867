import { basename } from 'node:path';
import type { Db } from '../../../db/open';
import { setLocalFieldListValue } from '../../../db/queries/local-fields';
import { insertRunChanges } from '../../../db/queries/sync-run-changes';
import {
  DEFER_SEARCH_INDEX_FROM, getSource, insertRun, insertSource, syncFingerprint, syncWriters, updateSourceAfterRun, withBulkLoad,
  withSearchIndexDeferred, type SyncSourceRow,
} from '../../../db/queries/sync';
import { AppError } from '../errors';
import { problemsToKeep } from './held-back';
import { refuseAfterPurge, refuseAtStation, type SyncPlan } from './plan';
import { storedChangesOf } from './run-changes';

export interface ApplyInput {
  plan: SyncPlan;
  /** The source as it is stored after this run (new or existing), with the mapping and options used. */
  source: SyncSourceRow;
  runId: string;
  startedAt: string;
  at: string;
  stationId: string;
  /** How the list's lines are called (file line, sheet row, JSON entry): kept with the run's problems. */
  lineKind?: 'line' | 'row' | 'entry';
  /** Applied by a periodic check on its own, not by an organiser: the history says so. */
  auto?: boolean;
  /** Applied by `einlass import` (a scheduled task, say), not in the app: the history says so too (QA17 M3). */
  commandLine?: boolean;
  /** The sheet of the workbook read: kept with the run, and said on the list's card. */
  sheet?: string | null;
}

/** Rebuilding the search index costs about a quarter of indexing each row: worth it when many rows change. */
function bulk(plan: SyncPlan, totalAfter: number): boolean {
  const written = plan.ops.inserts.length + plan.ops.updates.length;
  return written >= 1000 && written * 4 >= totalAfter;
}

/**
 * Writes a plan in ONE transaction: the source (created or updated with the mapping used), the people, their
 * assignments, the run record and whom it changed how (for the history). Any failure rolls everything back.
 * Refused when the plan has errors or when the event changed since the dry run (a walk-in, a local correction), so
 * nothing is applied that nobody saw.
 */
export function applyPlan(db: Db, input: ApplyInput): void {
  const { plan, source } = input;
  if (plan.blocked) throw new AppError('bad_request', { messageKey: 'sync.error.planBlocked', errors: plan.problems.errors });
  db.transaction(() => {
    // Paired since the dry run: the list is the hub's business now.
    refuseAtStation(db);
    // Deleted since the dry run (a plan waiting for approval holds the people of the list).
    refuseAfterPurge(db);
    if (syncFingerprint(db) !== plan.fingerprint) throw new AppError('bad_request', { messageKey: 'sync.error.planStale' });
    if (getSource(db, source.id)) {
      updateSourceAfterRun(db, source.id, { options: source.options, mapping: source.mapping, lastRunId: input.runId, location: source.location });
    } else insertSource(db, { ...source, lastRunId: input.runId });
    const w = syncWriters(db, input.at);
    const write = () => {
      w.insertAll(plan.ops.inserts);
      for (const r of plan.ops.updates) w.update(r);
      for (const r of plan.ops.rehash) w.rehash(r);
      for (const id of plan.ops.cancels) w.cancel(id);
      for (const [reg, list] of plan.ops.unassign) w.unassign(reg, list);
      if (plan.ops.assign.length > 0) w.assignAll(plan.ops.assign);
      for (const [reg, field, value] of plan.ops.listValues) setLocalFieldListValue(db, reg, field, value, input.at);
    };
    if (bulk(plan, plan.ops.inserts.length + plan.existing)) withBulkLoad(db, write);
    else if (plan.ops.updates.length >= DEFER_SEARCH_INDEX_FROM) withSearchIndexDeferred(db, write);
    else write();
    insertRun(db, {
      id: input.runId, sourceId: source.id, startedAt: input.startedAt, finishedAt: input.at, applied: true,
      counts: JSON.stringify({
        ...plan.counts, addedCancelled: plan.addedCancelled, rows: plan.rows, warnings: plan.problems.warnings, lineKind: input.lineKind,
        ...(input.auto ? { auto: true } : {}),
        ...(input.commandLine ? { cli: true } : {}),
        ...(input.sheet ? { sheet: input.sheet } : {}),
        // Its changes are kept (sync_run_changes): the history tells a run of an earlier version, which kept none.
        changesKept: true,
        keptLocalKept: true,
        // The file this run read (a list's later versions come under other names): what its line numbers are of.
        ...(source.kind === 'file' ? { file: basename(source.location) } : {}),
      }),
      problems: JSON.stringify(problemsToKeep(plan.problems, 200)),
      stationId: input.stationId,
    });
    insertRunChanges(db, input.runId, storedChangesOf(plan.changes));
  }).immediate();
}
