import type { Db } from '../../../db/open';
import { ADDED } from '../../../db/queries/sync-run-changes';
import { germanDateTime } from '../reports/time';
import type { ProblemSink } from './incoming';

/**
 * A file older than the one last applied (an export from the morning, chosen again from the downloads folder)
 * would take back what the list has said since: its newest registrations cancelled, changes undone. Said when most
 * of the people the last sync of this list added (two or more) are missing from the file (`olderFile`), with when
 * that sync was. Not after a list's first sync (it added everyone: a file without most of them is `mostGone`).
 */
export function warnOlderFile(db: Db, sourceId: string, cancels: readonly string[], problems: ProblemSink): void {
  if (cancels.length < 2) return;
  const last = db.prepare(
    `SELECT finished_at AS at, coalesce(json_extract(counts, '$.added'), 0) AS added,
            (SELECT count(*) FROM sync_runs r WHERE r.source_id = @sourceId AND r.applied = 1) AS runs
     FROM sync_runs WHERE source_id = @sourceId AND applied = 1 ORDER BY finished_at DESC LIMIT 1`,
  ).get({ sourceId }) as { at: string; added: number; runs: number } | undefined;
  // Most syncs add no one or one person: nothing to look up.
  if (!last || last.runs < 2 || last.added < 2) return;
  // Registrations written by a sync have its time as theirs (applyPlan).
  const added = db.prepare(`SELECT id ${ADDED}`).pluck().all(sourceId, last.at) as string[];
  if (added.length < 2) return;
  const gone = new Set(cancels);
  const missing = added.filter((id) => gone.has(id)).length;
  if (missing < 2 || missing * 2 < added.length) return;
  const timezone = (db.prepare('SELECT timezone FROM event').pluck().get() as string | undefined) ?? 'Europe/Berlin';
  problems.add({
    code: 'olderFile', severity: 'warning', line: null, column: null,
    params: { missing, added: added.length, when: germanDateTime(last.at, timezone) },
  });
}
