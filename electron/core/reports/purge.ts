import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import { rewriteFile } from '../../../db/queries/erasure';
import {
  clearParkedSyncRecords, forgetHubWaitingCancellations, forgetSyncSourceAccess, clearProgrammePeople, clearSyncProblemDetails, deleteAllRows, insertAnonymousStatistics, markPersonalDataPurged,
  keptText, personalNeedles, rebuildSearchIndex, tablesHangingOnRegistrations, withoutAppendOnlyGuard,
} from '../../../db/queries/purge';
import { exportCount, latestAnonymousStatistics, personalDataPurgedAt } from '../../../db/queries/report-settings';
import { AppError } from '../errors';
import type { Ports } from '../event/new-event';
import { computeStats } from './stats';

/** What the organiser may type to confirm: the event's name, or this word. */
export const PURGE_WORD = 'LÖSCHEN';

export interface PurgeGuard {
  confirmation: string;
  /** Allowed without any export only when the organiser said so explicitly. */
  withoutExport: boolean;
}

/** The one check both the UI and the command line go through before anything is deleted. */
export function checkPurgeGuard(db: Db, guard: PurgeGuard): void {
  const typed = guard.confirmation.trim();
  const name = getEvent(db)?.name.trim() ?? '';
  if (typed.toLocaleUpperCase('de-DE') !== PURGE_WORD && typed !== name) {
    throw new AppError('bad_request', { reason: 'purge_not_confirmed' });
  }
  if (!guard.withoutExport && exportCount(db) === 0) throw new AppError('bad_request', { reason: 'purge_without_export' });
}

export interface PurgeResult {
  removed: Record<string, number>;
  keptStatistics: boolean;
  /** The WAL was copied into the file and truncated; false if another connection held the file open. */
  walCleared: boolean;
  /**
   * Raw bytes of the file (and -wal, -shm) searched for every code, e-mail address and name; names that are part
   * of what stays on purpose (a place called Weißenfels contains "Weiß") are not counted. Null in memory.
   */
  verification: { checked: number; found: number } | null;
}

/** Files of an event on disk: the database and SQLite's WAL and shared-memory companions. */
export function eventFileSet(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

export function findInFiles(file: string, needles: readonly string[]): number {
  const contents = eventFileSet(file).filter(existsSync).map((f) => readFileSync(f));
  let found = 0;
  for (const needle of needles) {
    const bytes = Buffer.from(needle, 'utf8');
    if (contents.some((c) => c.includes(bytes))) found++;
  }
  return found;
}

/**
 * Removes every piece of personal data from the event file in one transaction: registrations and everything that
 * hangs on them (check-ins, refused scans with their raw codes, assignments, moves), the search index, hosts and
 * descriptions of programme items, the API tokens of registration lists (none is fetched again; see
 * refuseAfterPurge). Optionally keeps the anonymous statistics, computed just before. Then the file is rewritten
 * (secure_delete, WAL checkpoint, VACUUM) so that no old page with a name survives, and checked byte by byte.
 */
export function purgePersonalData(db: Db, file: string | null, ports: Ports, keepStatistics: boolean): PurgeResult {
  const needles = personalNeedles(db);
  const now = ports.clock.now();
  db.pragma('secure_delete = ON');
  const removed: Record<string, number> = {};
  let keptStatistics = false;
  db.transaction(() => {
    // A second purge keeps what the first kept, unless the organiser now chooses not to keep statistics.
    if (!keepStatistics) deleteAllRows(db, 'anonymous_statistics');
    else if (!personalDataPurgedAt(db)) {
      insertAnonymousStatistics(db, { id: ports.ids.next(), createdAt: now.toISOString(), data: JSON.stringify(computeStats(db, now)) });
    }
    keptStatistics = latestAnonymousStatistics(db) !== null;
    withoutAppendOnlyGuard(db, () => {
      for (const table of tablesHangingOnRegistrations(db)) removed[table] = deleteAllRows(db, table);
    });
    clearProgrammePeople(db);
    clearSyncProblemDetails(db);
    clearParkedSyncRecords(db);
    forgetSyncSourceAccess(db);
    forgetHubWaitingCancellations(db);
    rebuildSearchIndex(db);
    markPersonalDataPurged(db, now.toISOString());
  }).immediate();
  // As after an erasure: the file rewritten and its WAL emptied, tried again later if another program holds it.
  const walCleared = rewriteFile(db);
  let verification: PurgeResult['verification'] = null;
  if (file && file !== ':memory:') {
    const kept = keptText(db);
    const checked = [...needles.exact, ...needles.names.filter((n) => !kept.includes(n.toLowerCase()))];
    verification = { checked: checked.length, found: findInFiles(file, checked) };
  }
  return { removed, keptStatistics, walCleared, verification };
}

/** Deletes the event file and its companions; the caller closes the database first. */
export function deleteEventFiles(file: string): { deleted: string[] } {
  const deleted: string[] = [];
  for (const f of eventFileSet(file)) {
    if (existsSync(f)) {
      rmSync(f);
      deleted.push(f);
    }
  }
  return { deleted };
}
