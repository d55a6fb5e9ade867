import type { Db } from '../open';
import { FORGET_SOURCE_ACCESS } from './sync';

/** Every plain table of the schema with its foreign keys: the column and the table it points to. */
export function foreignKeys(db: Db): { table: string; keys: { column: string; target: string }[] }[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .pluck().all() as string[];
  const keys = db.prepare('SELECT "from" AS column, "table" AS target FROM pragma_foreign_key_list(?)');
  return tables.map((table) => ({ table, keys: keys.all(table) as { column: string; target: string }[] }));
}

/**
 * Tables whose rows hang on a registration (by a foreign key to registrations, directly or through check_ins),
 * children first so that foreign keys hold at every statement. Found from the schema rather than listed, so a
 * table added by a later migration with a foreign key to registrations is purged too.
 */
export function tablesHangingOnRegistrations(db: Db): string[] {
  const refs = new Map<string, Set<string>>();
  for (const { table, keys } of foreignKeys(db)) refs.set(table, new Set(keys.map((k) => k.target).filter((target) => target !== table)));
  const hanging = new Set<string>(['registrations']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [t, targets] of refs) {
      if (!hanging.has(t) && [...targets].some((x) => hanging.has(x))) {
        hanging.add(t);
        grew = true;
      }
    }
  }
  // Children before parents: a table goes after every table that references it.
  const order: string[] = [];
  const visit = (t: string) => {
    if (order.includes(t)) return;
    for (const [child, targets] of refs) if (child !== t && hanging.has(child) && targets.has(t)) visit(child);
    order.push(t);
  };
  for (const t of hanging) visit(t);
  return order;
}

/**
 * Collected before the purge to check the raw file afterwards: codes and e-mail addresses, and first and last
 * names (stored as separate columns, so a full name never appears in one piece).
 */
export function personalNeedles(db: Db): { exact: string[]; names: string[] } {
  const rows = db.prepare('SELECT code, email, first_name AS f, last_name AS l FROM registrations').all() as { code: string; email: string | null; f: string; l: string }[];
  const exact = new Set<string>();
  const names = new Set<string>();
  for (const r of rows) {
    if (r.code.length >= 4) exact.add(r.code);
    if (r.email) exact.add(r.email);
    for (const n of [r.f, r.l]) if (n.trim().length >= 3) names.add(n.trim());
  }
  // Codes people had before (migration 013): on badges and in e-mails as much as the codes of now.
  for (const code of db.prepare('SELECT code FROM former_codes').pluck().all() as string[]) if (code.length >= 4) exact.add(code);
  return { exact: [...exact], names: [...names] };
}

/** The text that stays after a purge (event, programme titles and places, days, stations), lower case. */
export function keptText(db: Db): string {
  const row = db
    .prepare(
      `SELECT group_concat(t, ' ') AS t FROM (
         SELECT name || ' ' || coalesce(place, '') || ' ' || coalesce(organiser, '') || ' ' || coalesce(description, '') || ' ' || coalesce(report_organisation, '') AS t FROM event
         UNION ALL SELECT name || ' ' || coalesce(location, '') FROM check_in_lists
         UNION ALL SELECT label FROM days UNION ALL SELECT name FROM stations)`,
    )
    .get() as { t: string | null };
  return (row.t ?? '').toLowerCase();
}

interface TriggerRow {
  name: string;
  sql: string;
}

/** Runs `fn` with the append-only triggers (check_ins and any later ones) lifted, and puts them back (same SQL). */
export function withoutAppendOnlyGuard<T>(db: Db, fn: () => T): T {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%append-only%'")
    .all() as TriggerRow[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  try {
    return fn();
  } finally {
    for (const t of triggers) db.exec(t.sql);
  }
}

export function deleteAllRows(db: Db, table: string): number {
  return db.prepare(`DELETE FROM "${table.replace(/"/g, '""')}"`).run().changes;
}

/**
 * Hosts and guides of programme items are people too, and descriptions name them ("mit Dr. …"); the programme
 * itself (titles, days, times, places, capacities) stays for the statistics.
 */
export function clearProgrammePeople(db: Db): void {
  db.prepare('UPDATE check_in_lists SET host = NULL, description = NULL WHERE host IS NOT NULL OR description IS NOT NULL').run();
}

/**
 * Problems of past registration syncs may quote values from the list (a duplicate code, a name); their counts
 * stay, the details go.
 */
export function clearSyncProblemDetails(db: Db): void {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_runs'").get();
  if (table) db.prepare("UPDATE sync_runs SET problems = '[]' WHERE problems <> '[]'").run();
}

/**
 * Records another station sent that could not be placed yet are kept whole (a registration with its name, a
 * check-in); they go with everything else.
 */
export function clearParkedSyncRecords(db: Db): void {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_parked'").get();
  if (table) db.prepare('DELETE FROM sync_parked').run();
}

/**
 * The registration lists stop being fetched: the API tokens and URL keys kept for them go (they open the registration system,
 * with everyone's data) and so do their intervals. What the lists were called and how their columns were read stay.
 */
export function forgetSyncSourceAccess(db: Db): void {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_sources'").get();
  if (table) db.prepare(`UPDATE sync_sources SET ${FORGET_SOURCE_ACCESS}`).run();
}

/** At a station: the hub's list of cancellations waiting for approval (people's ids) goes with the people. */
export function forgetHubWaitingCancellations(db: Db): void {
  const column = db.prepare("SELECT 1 FROM pragma_table_info('hub_link') WHERE name = 'waiting_cancellations'").get();
  if (column) db.prepare('UPDATE hub_link SET waiting_cancellations = NULL').run();
}

/** Rebuilds the search index from the (now empty) registrations, which empties its shadow tables. */
export function rebuildSearchIndex(db: Db): void {
  const fts = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'registrations_fts'").get();
  if (fts) db.prepare("INSERT INTO registrations_fts (registrations_fts) VALUES ('rebuild')").run();
}

export function insertAnonymousStatistics(db: Db, s: { id: string; createdAt: string; data: string }): void {
  db.prepare('INSERT INTO anonymous_statistics (id, created_at, data) VALUES (@id, @createdAt, @data)').run(s);
}

export function markPersonalDataPurged(db: Db, at: string): void {
  db.prepare('UPDATE event SET personal_data_purged_at = ?').run(at);
}

/** Copies the WAL into the file and truncates it to zero bytes; false when another connection held it. */
export function checkpointTruncate(db: Db): boolean {
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return !row || row.busy === 0;
}
