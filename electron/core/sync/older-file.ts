import type { Db } from '../../../db/open';
import { ADDED } from '../../../db/queries/sync-run-changes';
import { germanDateTime } from '../reports/time';
import type { ProblemSink } from './incoming';
import type { FieldChange, PlannedChange } from './plan';
import { isRestored } from './run-changes';

/** Above this many changes, the last sync's are not compared one by one (a new export format, not a new version). */
const COMPARED_CHANGES = 5000;
/** The syncs of a list looked back at for the one an older file would take back. */
const LOOKED_BACK = 6;

/**
 * A file older than the one last applied (an export from the morning, chosen again from the downloads folder)
 * would take back what the list has said since: its newest registrations cancelled, changes undone. Said
 * (`olderFile`, with when that sync was) when most of the people the newest sync of this list that added people (two
 * or more) added, and who are still registered, are missing from the file, or else when the file takes back most of
 * the changes the newest sync that changed people made (two or more people changed back, field for field: context
 * "changes"). The list's first sync does not count (it added everyone: a file without most of them is `mostGone`).
 * Applying such a plan wants the organiser's word (sync.apply's confirmOlder, the command line's --confirm-older).
 */
export function warnOlderFile(db: Db, sourceId: string, plan: { cancels: readonly string[]; changes: readonly PlannedChange[] }, problems: ProblemSink): void {
  // The list's recent syncs after its first, newest first: one that changed nothing (the same file twice) or added
  // only one person stands between an older file and the sync it would take back.
  const runs = db.prepare(
    `SELECT id, finished_at AS at, coalesce(json_extract(counts, '$.added'), 0) AS added, coalesce(json_extract(counts, '$.updated'), 0) AS updated,
       coalesce(json_extract(counts, '$.cancelled'), 0) AS cancelled
     FROM sync_runs WHERE source_id = ? AND applied = 1 ORDER BY finished_at DESC LIMIT ${LOOKED_BACK}`,
  ).all(sourceId) as { id: string; at: string; added: number; updated: number; cancelled: number }[];
  const first = db.prepare('SELECT id FROM sync_runs WHERE source_id = ? AND applied = 1 ORDER BY finished_at LIMIT 1').pluck().get(sourceId) as string | undefined;
  const later = runs.filter((r) => r.id !== first);
  const when = (at: string) => germanDateTime(at, (db.prepare('SELECT timezone FROM event').pluck().get() as string | undefined) ?? 'Europe/Berlin');
  const say = (params: Record<string, string | number>) => problems.add({ code: 'olderFile', severity: 'warning', line: null, column: null, params });
  // The newest sync that added people: those of them still registered, missing from this file.
  const adding = later.find((r) => r.added >= 2);
  if (adding && plan.cancels.length >= 2) {
    // Registrations written by a sync have its time as theirs (applyPlan).
    const added = db.prepare(`SELECT id ${ADDED} AND status = 'registered'`).pluck().all(sourceId, adding.at) as string[];
    const gone = new Set(plan.cancels);
    const missing = added.filter((id) => gone.has(id)).length;
    if (missing >= 2 && missing * 2 >= added.length) {
      say({ missing, added: added.length, when: when(adding.at), ...(missing === added.length ? { context: 'all' } : {}) });
      return;
    }
  }
  // Someone a recent sync cancelled, registered again by this file: a cancelled person must not be let in again
  // unasked (a walkthrough's noon file, chosen again after the evening's, brought back one the evening cancelled).
  const restored = plan.changes.filter((c) => c.kind === 'updated' && c.fields.some(isRestored));
  if (restored.length > 0) {
    const byRun = cancelledBy(db, later, new Set(restored.map((c) => c.registrationId)));
    if (byRun) {
      say({ context: 'restored', count: byRun.count, when: when(byRun.at), ...(byRun.count === 1 ? { name: byRun.name } : {}) });
      return;
    }
  }
  // The newest sync that changed or cancelled people: most of its changes taken back.
  const changing = later.find((r) => r.updated + r.cancelled >= 1);
  if (!changing || changing.updated + changing.cancelled > COMPARED_CHANGES || plan.changes.length < 1) return;
  const before = new Map((db.prepare("SELECT registration_id AS id, fields FROM sync_run_changes WHERE run_id = ? AND kind IN ('updated', 'cancelled', 'restored')")
    .all(changing.id) as { id: string; fields: string }[]).map((r) => [r.id, JSON.parse(r.fields) as FieldChange[]]));
  if (before.size < 1) return;
  const undoes = (now: FieldChange[], then: FieldChange[]) =>
    now.some((n) => then.some((t) => t.field === n.field && t.after === n.before && t.before === n.after));
  const reverted = plan.changes.filter((c) => c.kind === 'updated' && before.has(c.registrationId) && undoes(c.fields, before.get(c.registrationId)!)).length;
  // Most of two or more, or all of a sync that changed one or two people (one of two taken back is a correction).
  if ((reverted >= 2 && reverted * 2 >= before.size) || (reverted >= 1 && reverted === before.size)) {
    say({ context: 'changes', reverted, updated: before.size, when: when(changing.at) });
  }
}

/**
 * Of these people, those a recent sync (newest first) cancelled — gone from its file, or marked cancelled in it —
 * and that sync's time; with the name of one.
 */
function cancelledBy(db: Db, runs: readonly { id: string; at: string; cancelled: number; updated: number }[], people: ReadonlySet<string>): { count: number; at: string; name: string } | null {
  const rows = db.prepare(`SELECT c.registration_id AS id, c.fields, trim(r.first_name || ' ' || r.last_name) AS name FROM sync_run_changes c
    JOIN registrations r ON r.id = c.registration_id WHERE c.run_id = ? AND c.kind IN ('cancelled', 'updated')`);
  for (const run of runs) {
    if (run.cancelled + run.updated === 0 || run.cancelled + run.updated > COMPARED_CHANGES) continue;
    const hit = (rows.all(run.id) as { id: string; fields: string; name: string }[]).filter((r) => people.has(r.id)
      && (JSON.parse(r.fields) as FieldChange[]).some((f) => f.field === 'status' && f.after === 'cancelled' && f.before === 'registered'));
    if (hit.length > 0) return { count: hit.length, at: run.at, name: hit[0]!.name };
  }
  return null;
}
