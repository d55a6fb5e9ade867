import type { Db } from '../../../db/open';
import { compactSearchIndex, erasableOnRemove, eraseRegistrations, withSecureDelete } from '../../../db/queries/erasure';
import { clearOtherListNotesAbout, clearRunProblemsOfSource, getSource, insertRun, markSourceRemoved, peopleCancelledOnRemove, syncWriters } from '../../../db/queries/sync';
import { deleteRunChangesOfSource } from '../../../db/queries/sync-run-changes';
import { AppError } from '../errors';
import { refuseAtStation } from './plan';

export interface RemoveSourceInput {
  sourceId: string;
  runId: string;
  at: string;
  stationId: string;
  /** "Personendaten dieser Liste löschen": also erase its people with whom nothing happened at the event. */
  erase?: boolean;
}

export interface RemoveSourceResult {
  cancelled: number;
  keptLocal: number;
  /** People erased (with "Personendaten löschen"). */
  erased: number;
  /** Of the cancelled, those not erased with it (a check-in, refused scan or walk change keeps them). */
  keptCancelled: number;
  /** False when the file's rewrite after the erasure is left for later (see rewriteFile); true without erasure. */
  rewritten: boolean;
}

/**
 * "Liste entfernen": the way out of a list loaded by mistake (another event's, an old export as a new source) or
 * no longer valid. Its registered people are cancelled, their check-ins kept, as when they vanish from the list;
 * walk-ins it took and people whose status was set in the app keep theirs, as at a sync. The list is no longer
 * offered, suggested or re-fetched; the removal is a run in the history. Loaded again later (as a new list), its
 * people are recognised by their ids and registered again, with their codes.
 *
 * With `erase`, the personal data of its people are deleted as well, here and (as an erasure that travels) at
 * every station, for everyone with whom nothing happened at the event (no check-in, refused scan or walk
 * change: those stay cancelled, their attendance is part of the event's record). The notes its syncs kept
 * (with values from the file) go too. Deleted content is overwritten (secure_delete), the search index is
 * compacted and the WAL emptied, so no name stays in the file. Loaded again, they come back as new people.
 */
export function removeSource(db: Db, input: RemoveSourceInput): RemoveSourceResult {
  return input.erase ? withSecureDelete(db, () => remove(db, input)) : { ...remove(db, input), rewritten: true };
}

function remove(db: Db, input: RemoveSourceInput): Omit<RemoveSourceResult, 'rewritten'> {
  return db.transaction(() => {
    refuseAtStation(db);
    const source = getSource(db, input.sourceId);
    if (!source || source.removedAt) throw new AppError('not_found', { entity: 'syncSource' });
    const { cancel, stay } = peopleCancelledOnRemove(db, source.id);
    const w = syncWriters(db, input.at);
    for (const id of cancel) w.cancel(id);
    const erasedIds = input.erase ? erasePeopleOf(db, source.id, input.at) : [];
    const erased = erasedIds.length;
    const gone = new Set(erasedIds);
    const keptCancelled = cancel.filter((id) => !gone.has(id)).length;
    const counts = { added: 0, updated: 0, cancelled: cancel.length, unchanged: 0, keptLocal: stay, rows: 0, removed: true, erased, ...(input.erase ? { keptCancelled } : {}) };
    insertRun(db, {
      id: input.runId, sourceId: source.id, startedAt: input.at, finishedAt: input.at, applied: true, counts: JSON.stringify(counts),
      problems: '[]', stationId: input.stationId,
    });
    markSourceRemoved(db, source.id, input.at, input.runId);
    return { cancelled: counts.cancelled, keptLocal: counts.keptLocal, erased, keptCancelled };
  }).immediate();
}

/**
 * The personal data of a list removed earlier without them (the organiser learns later that it was another
 * event's list): erased as at its removal, recorded as a run of its own. Nothing to erase records nothing.
 */
export function eraseRemovedSource(db: Db, input: Omit<RemoveSourceInput, 'erase'>): { erased: number; rewritten: boolean } {
  return withSecureDelete(db, () => db.transaction(() => {
    refuseAtStation(db);
    const source = getSource(db, input.sourceId);
    if (!source || !source.removedAt) throw new AppError('not_found', { entity: 'syncSource' });
    const erased = erasePeopleOf(db, source.id, input.at).length;
    if (erased > 0) {
      insertRun(db, {
        id: input.runId, sourceId: source.id, startedAt: input.at, finishedAt: input.at, applied: true, problems: '[]', stationId: input.stationId,
        counts: JSON.stringify({ added: 0, updated: 0, cancelled: 0, unchanged: 0, keptLocal: 0, rows: 0, erased, erasedLater: true }),
      });
    }
    return { erased };
  }).immediate());
}

/**
 * Erases the people of a list with whom nothing happened at the event, and the notes of its syncs and what they
 * changed (values from the file, of the people kept too); whom.
 */
function erasePeopleOf(db: Db, sourceId: string, at: string): string[] {
  const ids = erasableOnRemove(db, sourceId);
  if (ids.length === 0) return [];
  eraseRegistrations(db, ids, at);
  clearRunProblemsOfSource(db, sourceId);
  deleteRunChangesOfSource(db, sourceId);
  clearOtherListNotesAbout(db, sourceId, getSource(db, sourceId)!.label);
  compactSearchIndex(db);
  return ids;
}
