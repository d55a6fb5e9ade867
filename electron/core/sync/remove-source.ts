import type { Db } from '../../../db/open';
import { getSource, insertRun, markSourceRemoved, peopleCancelledOnRemove, syncWriters } from '../../../db/queries/sync';
import { AppError } from '../errors';
import { refuseAtStation } from './plan';

export interface RemoveSourceInput {
  sourceId: string;
  runId: string;
  at: string;
  stationId: string;
}

/**
 * "Liste entfernen": the way out of a list loaded by mistake (another event's, an old export as a new source) or
 * no longer valid. Its registered people are cancelled, never deleted, their check-ins kept, as when they vanish
 * from the list; walk-ins it took and people whose status was set in the app keep theirs, as at a sync. The list
 * is no longer offered, suggested or re-fetched; the removal is a run in the history. Loaded again later (as a new
 * list), its people are recognised by their ids and registered again, with their codes.
 */
export function removeSource(db: Db, input: RemoveSourceInput): { cancelled: number; keptLocal: number } {
  return db.transaction(() => {
    refuseAtStation(db);
    const source = getSource(db, input.sourceId);
    if (!source || source.removedAt) throw new AppError('not_found', { entity: 'syncSource' });
    const { cancel, stay } = peopleCancelledOnRemove(db, source.id);
    const w = syncWriters(db, input.at);
    for (const id of cancel) w.cancel(id);
    const counts = { added: 0, updated: 0, cancelled: cancel.length, unchanged: 0, keptLocal: stay, rows: 0, removed: true };
    insertRun(db, {
      id: input.runId, sourceId: source.id, startedAt: input.at, finishedAt: input.at, applied: true, counts: JSON.stringify(counts),
      problems: '[]', stationId: input.stationId,
    });
    markSourceRemoved(db, source.id, input.at, input.runId);
    return { cancelled: counts.cancelled, keptLocal: counts.keptLocal };
  }).immediate();
}
