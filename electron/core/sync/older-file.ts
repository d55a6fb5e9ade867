import type { Db } from '../../../db/open';
import { ADDED } from '../../../db/queries/sync-run-changes';
import { germanDateTime } from '../reports/time';
import type { ProblemSink } from './incoming';
import type { FieldChange, PlannedChange } from './plan';

/** Above this many changes, the last sync's are not compared one by one (a new export format, not a new version). */
const COMPARED_CHANGES = 5000;

/**
 * A file older than the one last applied (an export from the morning, chosen again from the downloads folder)
 * would take back what the list has said since: its newest registrations cancelled, changes undone. Said
 * (`olderFile`, with when that sync was) when most of the people the last sync of this list added (two or more) are
 * missing from the file, or else when the file takes back most of the changes the last sync made (two or more people
 * changed back, field for field: context "changes"). Not after a list's first sync (it added everyone: a file
 * without most of them is `mostGone`).
 */
export function warnOlderFile(db: Db, sourceId: string, plan: { cancels: readonly string[]; changes: readonly PlannedChange[] }, problems: ProblemSink): void {
  const last = db.prepare(
    `SELECT id, finished_at AS at, coalesce(json_extract(counts, '$.added'), 0) AS added, coalesce(json_extract(counts, '$.updated'), 0) AS updated,
            (SELECT count(*) FROM sync_runs r WHERE r.source_id = @sourceId AND r.applied = 1) AS runs
     FROM sync_runs WHERE source_id = @sourceId AND applied = 1 ORDER BY finished_at DESC LIMIT 1`,
  ).get({ sourceId }) as { id: string; at: string; added: number; updated: number; runs: number } | undefined;
  if (!last || last.runs < 2) return;
  const when = () => germanDateTime(last.at, (db.prepare('SELECT timezone FROM event').pluck().get() as string | undefined) ?? 'Europe/Berlin');
  const say = (params: Record<string, string | number>) => problems.add({ code: 'olderFile', severity: 'warning', line: null, column: null, params });
  // Most syncs add no one or one person: nothing to look up.
  if (plan.cancels.length >= 2 && last.added >= 2) {
    // Registrations written by a sync have its time as theirs (applyPlan).
    const added = db.prepare(`SELECT id ${ADDED}`).pluck().all(sourceId, last.at) as string[];
    const gone = new Set(plan.cancels);
    const missing = added.filter((id) => gone.has(id)).length;
    if (missing >= 2 && missing * 2 >= added.length) {
      say({ missing, added: added.length, when: when() });
      return;
    }
  }
  if (last.updated < 2 || last.updated > COMPARED_CHANGES || plan.changes.length < 2) return;
  const before = new Map((db.prepare("SELECT registration_id AS id, fields FROM sync_run_changes WHERE run_id = ? AND kind = 'updated'")
    .all(last.id) as { id: string; fields: string }[]).map((r) => [r.id, JSON.parse(r.fields) as FieldChange[]]));
  if (before.size < 2) return;
  const undoes = (now: FieldChange[], then: FieldChange[]) =>
    now.some((n) => then.some((t) => t.field === n.field && t.after === n.before && t.before === n.after));
  const reverted = plan.changes.filter((c) => c.kind === 'updated' && before.has(c.registrationId) && undoes(c.fields, before.get(c.registrationId)!)).length;
  if (reverted >= 2 && reverted * 2 >= before.size) say({ context: 'changes', reverted, updated: before.size, when: when() });
}
