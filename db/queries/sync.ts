import type { PersonFields } from './registrations';
import { CAPTURE_GUARD } from '../migrations/006-stations-sync';
import type { Db } from '../open';
import { cached } from './statement-cache';
import { PackedStrings } from '../packed-strings';

/** Registration sync: sources, runs, the state a plan compares against, and the writes of applying it. */

export interface SyncSourceRow {
  id: string;
  kind: 'file' | 'url';
  label: string;
  location: string;
  options: string;
  mapping: string;
  intervalMinutes: number | null;
  lastRunId: string | null;
  createdAt: string;
  /** When the organiser removed the list (its people cancelled); null while it is in use. */
  removedAt?: string | null;
}

const sourceColumns = `id, kind, label, location, options, mapping, interval_minutes AS intervalMinutes,
  last_run_id AS lastRunId, created_at AS createdAt, removed_at AS removedAt`;

/** The lists in use; `withRemoved` adds the removed ones (their people are still named after them). */
export function listSources(db: Db, withRemoved = false): SyncSourceRow[] {
  return db.prepare(`SELECT ${sourceColumns} FROM sync_sources ${withRemoved ? '' : 'WHERE removed_at IS NULL'} ORDER BY created_at, id`)
    .all() as SyncSourceRow[];
}

/**
 * What a list's fetching needs and nothing else does, dropped once nothing will fetch it again: the authorization
 * header (an API token), and the query of its URL, which may carry a key ("…/export.csv?key=…"); and what its last
 * fetch found, which is no longer shown.
 */
export const FORGET_SOURCE_ACCESS = `interval_minutes = NULL, last_check = NULL, options = json_remove(options, '$.authName', '$.authValue'),
  location = CASE WHEN kind = 'url' AND instr(location, '?') > 0 THEN substr(location, 1, instr(location, '?') - 1) ELSE location END`;

/** Marks a list removed and stops its automatic re-fetch; false when there is no such list in use. */
export function markSourceRemoved(db: Db, id: string, at: string, lastRunId: string): boolean {
  return db.prepare(
    `UPDATE sync_sources SET removed_at = ?, last_run_id = ?, ${FORGET_SOURCE_ACCESS}
     WHERE id = ? AND removed_at IS NULL`,
  ).run(at, lastRunId, id).changes === 1;
}

/** The registered people of a list that removing it cancels: not walk-ins it took, not those whose status was set in the app. */
const CANCELLED_ON_REMOVE = `status = 'registered' AND registered_on_site = 0
  AND id NOT IN (SELECT registration_id FROM registration_local_fields WHERE field = 'status' AND reverted = 0)`;

/** By list: how many people removing it would cancel. */
export function cancelledOnRemoveBySource(db: Db): Map<string, number> {
  const rows = db.prepare(
    `SELECT sync_source_id AS id, count(*) AS n FROM registrations
     WHERE sync_source_id IS NOT NULL AND ${CANCELLED_ON_REMOVE} GROUP BY sync_source_id`,
  ).all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** By list: how many of its people are registered and how many cancelled now (the list's card says so). */
export function peopleBySource(db: Db): Map<string, { registered: number; cancelled: number }> {
  const rows = db.prepare(
    `SELECT sync_source_id AS id, sum(status = 'registered') AS registered, sum(status = 'cancelled') AS cancelled
     FROM registrations WHERE sync_source_id IS NOT NULL GROUP BY sync_source_id`,
  ).all() as { id: string; registered: number; cancelled: number }[];
  return new Map(rows.map((r) => [r.id, { registered: r.registered, cancelled: r.cancelled }]));
}

/** The people removing a list cancels (see CANCELLED_ON_REMOVE), and how many of its registered people stay. */
export function peopleCancelledOnRemove(db: Db, sourceId: string): { cancel: string[]; stay: number } {
  const cancel = db.prepare(`SELECT id FROM registrations WHERE sync_source_id = ? AND ${CANCELLED_ON_REMOVE}`).pluck().all(sourceId) as string[];
  const registered = db.prepare("SELECT count(*) FROM registrations WHERE sync_source_id = ? AND status = 'registered'").pluck().get(sourceId) as number;
  return { cancel, stay: registered - cancel.length };
}

export function getSource(db: Db, id: string): SyncSourceRow | null {
  return (db.prepare(`SELECT ${sourceColumns} FROM sync_sources WHERE id = ?`).get(id) as SyncSourceRow | undefined) ?? null;
}

export function findSourceByLocation(db: Db, kind: 'file' | 'url', location: string): SyncSourceRow | null {
  if (kind === 'file') {
    // By file name: the app knows no folder (a browser gives none), and a list loaded by the command line from a
    // path (by earlier versions: its whole path was kept) is the same list when the app loads that file.
    const name = fileNameOf(location);
    const files = listSources(db).filter((s) => s.kind === 'file');
    const current = files.find((s) => fileNameOf(s.location) === name);
    if (current) return current;
    // A name the list had before (a version loaded under another name since): the newest run that read it.
    const earlier = db.prepare(
      `SELECT source_id FROM sync_runs WHERE applied = 1 AND json_extract(counts, '$.file') = ? ORDER BY finished_at DESC LIMIT 1`,
    ).pluck().get(name) as string | undefined;
    return files.find((s) => s.id === earlier) ?? null;
  }
  return (db.prepare(`SELECT ${sourceColumns} FROM sync_sources WHERE kind = ? AND location = ? AND removed_at IS NULL ORDER BY created_at LIMIT 1`)
    .get(kind, location) as SyncSourceRow | undefined) ?? null;
}

/** The name of a file without its folder, of a Windows path too. */
export const fileNameOf = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** What the last look at a URL list found (JSON, see migration 011), or null to forget it. */
export function saveSourceCheck(db: Db, id: string, check: string | null): void {
  cached(db, 'UPDATE sync_sources SET last_check = ? WHERE id = ? AND removed_at IS NULL').run(check, id);
}

/** URL lists in use whose last check left cancellations waiting (see SyncScheduler.remember): label and saved check. */
export function checksWithWaitingCancellations(db: Db): { label: string; check: string }[] {
  return cached(db,
    `SELECT label, last_check AS "check" FROM sync_sources
     WHERE kind = 'url' AND removed_at IS NULL AND last_check LIKE '%"cancelling"%'`,
  ).all() as { label: string; check: string }[];
}

export function sourceCheck(db: Db, id: string): string | null {
  return (cached(db, 'SELECT last_check FROM sync_sources WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
}

export function insertSource(db: Db, s: SyncSourceRow): void {
  db.prepare(
    `INSERT INTO sync_sources (id, kind, label, location, options, mapping, interval_minutes, last_run_id, created_at)
     VALUES (@id, @kind, @label, @location, @options, @mapping, @intervalMinutes, @lastRunId, @createdAt)`,
  ).run(s);
}

export function updateSourceAfterRun(db: Db, id: string, s: { options: string; mapping: string; lastRunId: string; location: string }): void {
  const info = db.prepare('UPDATE sync_sources SET options = ?, mapping = ?, last_run_id = ?, location = ? WHERE id = ?')
    .run(s.options, s.mapping, s.lastRunId, s.location, id);
  if (info.changes !== 1) throw new Error(`sync source ${id} not found`);
}

export function updateSourceSettings(db: Db, id: string, s: { label: string; intervalMinutes: number | null; options: string; location: string }): boolean {
  return db.prepare('UPDATE sync_sources SET label = ?, interval_minutes = ?, options = ?, location = ? WHERE id = ?')
    .run(s.label, s.intervalMinutes, s.options, s.location, id).changes === 1;
}

export interface SyncRunRow {
  id: string;
  sourceId: string;
  startedAt: string;
  finishedAt: string;
  applied: boolean;
  counts: string;
  problems: string;
  stationId: string | null;
}

export function insertRun(db: Db, r: SyncRunRow): void {
  db.prepare(
    `INSERT INTO sync_runs (id, source_id, started_at, finished_at, applied, counts, problems, station_id)
     VALUES (@id, @sourceId, @startedAt, @finishedAt, @applied, @counts, @problems, @stationId)`,
  ).run({ ...r, applied: r.applied ? 1 : 0 });
}

/** The notes a list's syncs kept name people and quote their cells: erased with the list's personal data. */
export function clearRunProblemsOfSource(db: Db, sourceId: string): void {
  db.prepare("UPDATE sync_runs SET problems = '[]' WHERE source_id = ? AND problems <> '[]'").run(sourceId);
}

/**
 * The notes of other lists' syncs that named someone of this list ("vielleicht dieselbe Person wie „…“ aus
 * „liste.csv“"): they go with the people of this list when their data are erased. The rest of those notes stays.
 * Known by the list's id (a list may be renamed, two may share a name); notes written before the id was kept, by
 * its name.
 */
export function clearOtherListNotesAbout(db: Db, sourceId: string, label: string): void {
  db.prepare(
    `UPDATE sync_runs SET problems = (
       SELECT json_group_array(json(value)) FROM json_each(sync_runs.problems)
       WHERE NOT (json_extract(value, '$.code') = 'maybeInOtherList'
         AND coalesce(json_extract(value, '$.params.sourceId') = @sourceId, json_extract(value, '$.params.source') = @label)))
     WHERE source_id <> @sourceId AND problems LIKE '%maybeInOtherList%'`,
  ).run({ label, sourceId });
}

export function listRuns(db: Db, limit: number): (SyncRunRow & { sourceLabel: string; stationName: string | null })[] {
  const rows = db.prepare(
    `SELECT r.id, r.source_id AS sourceId, r.started_at AS startedAt, r.finished_at AS finishedAt, r.applied, r.counts,
            r.problems, r.station_id AS stationId, s.label AS sourceLabel, st.name AS stationName
     FROM sync_runs r JOIN sync_sources s ON s.id = r.source_id LEFT JOIN stations st ON st.id = r.station_id
     ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
  ).all(limit) as (Omit<SyncRunRow, 'applied'> & { applied: number; sourceLabel: string; stationName: string | null })[];
  return rows.map((r) => ({ ...r, applied: r.applied === 1 }));
}

/** What a run kept of its problems (the first 200, one by one) and its counts; null for no such run. */
export function runProblems(db: Db, runId: string): { problems: string; counts: string } | null {
  return (db.prepare('SELECT problems, counts FROM sync_runs WHERE id = ?').get(runId) as { problems: string; counts: string } | undefined) ?? null;
}

/** Flags of a person in RegistrationKeys. */
export const KEY_CANCELLED = 1;
/** Last written by the source being synced (its people are cancelled when they disappear from it). */
export const KEY_THIS_SOURCE = 2;
export const KEY_ON_SITE = 4;

/** No source id (the key is the code). */
export const KEY_NO_SOURCE_ID = 8;
const FLAGS_SQL = `(status = 'cancelled') * ${KEY_CANCELLED} + (sync_source_id IS ?) * ${KEY_THIS_SOURCE}
  + (registered_on_site != 0) * ${KEY_ON_SITE} + (source_id IS NULL) * ${KEY_NO_SOURCE_ID}`;
/** Between the source ids and the codes of the people in one text (see PackedStrings). */
const UNIT_SEPARATOR = '\u001f';

/**
 * What a sync needs of every person to match rows, by position rather than an object per person: the source ids
 * and codes packed (PackedStrings), the status, the source and walk-in mark as bits computed by SQLite. Ids and
 * names are loaded only for the few people a plan writes or names, by rowid.
 */
export interface RegistrationKeys {
  readonly length: number;
  readonly rowids: Float64Array;
  readonly sourceIds: PackedStrings;
  readonly codes: PackedStrings;
  /** The row fingerprints stored at the last sync (RowHasher), 0 for none. */
  readonly syncHashes: Float64Array;
  /** KEY_CANCELLED | KEY_THIS_SOURCE | KEY_ON_SITE | KEY_NO_SOURCE_ID */
  readonly flags: Uint8Array;
  /** The people's part of syncFingerprint, read in the same statement as the keys. */
  readonly fingerprint: string;
}

/**
 * The people as a sync of `sourceId` matches them (see RegistrationKeys), read in ONE pass over the table as three
 * texts: the source ids, the codes, and rowid, fingerprint and flags of each person as decimal numbers. 100 000
 * people: about 70 ms, where a row per person out of better-sqlite3 took 140-170 ms (270-330 ms on a slower
 * machine). All three are aggregated in the same scan, so the n-th part of each belongs to the same person.
 */
export function registrationKeysForSync(db: Db, sourceId: string): RegistrationKeys {
  const [n, fingerprint, sourceIdText, codeText, numbers] = cached(db,
    `SELECT count(*), ${PEOPLE_FINGERPRINT}, group_concat(ifnull(source_id, ''), char(31)), group_concat(code, char(31)),
            group_concat(rowid || ',' || ifnull(CAST(sync_hash AS INTEGER), 0) || ',' || (${FLAGS_SQL}), ',')
     FROM registrations`,
  ).raw().get(sourceId) as [number, string, string | null, string | null, string | null];
  const rowids = new Float64Array(n);
  const syncHashes = new Float64Array(n);
  const flags = new Uint8Array(n);
  readNumbers(numbers ?? '', n, rowids, syncHashes, flags);
  const noSourceId = (i: number) => (flags[i]! & KEY_NO_SOURCE_ID) !== 0;
  const sourceIds = PackedStrings.split(sourceIdText, UNIT_SEPARATOR, n, noSourceId);
  const codes = PackedStrings.split(codeText, UNIT_SEPARATOR, n);
  if (sourceIds && codes) return { length: n, rowids, sourceIds, codes, syncHashes, flags, fingerprint };
  // A source id or code with the separator in it (no list gives one; a value typed in might): one by one.
  return db.transaction(() => registrationKeysByRow(db, sourceId))();
}

/** The same as registrationKeysForSync, a row per person (in a transaction: two statements read the people). */
export function registrationKeysByRow(db: Db, sourceId: string): RegistrationKeys {
  const rows = db.prepare(`SELECT rowid, source_id, code, CAST(sync_hash AS INTEGER), ${FLAGS_SQL} FROM registrations ORDER BY rowid`)
    .raw().all(sourceId) as [number, string | null, string, number | null, number][];
  const fingerprint = db.prepare(`SELECT ${PEOPLE_FINGERPRINT} FROM registrations`).pluck().get() as string;
  return {
    fingerprint,
    length: rows.length, rowids: Float64Array.from(rows, (r) => r[0]), sourceIds: PackedStrings.of(rows.map((r) => r[1])),
    codes: PackedStrings.of(rows.map((r) => r[2])), syncHashes: Float64Array.from(rows, (r) => r[3] ?? 0),
    flags: Uint8Array.from(rows, (r) => r[4]),
  };
}

/**
 * Reads "rowid,hash,flags,rowid,hash,flags,…" (integers, a hash possibly negative or 0) for n people into the
 * arrays, digit by digit: no string per number. A hash has up to 16 digits (below 2^53) and is read exactly.
 */
function readNumbers(text: string, n: number, rowids: Float64Array, hashes: Float64Array, flags: Uint8Array): void {
  let j = 0;
  const next = (last: boolean): number => {
    const negative = text.charCodeAt(j) === 45;
    if (negative) j++;
    const start = j;
    let value = 0;
    for (let c = text.charCodeAt(j); c >= 48 && c <= 57; c = text.charCodeAt(++j)) value = value * 10 + (c - 48);
    if (j === start || (last ? j !== text.length : text.charCodeAt(j) !== 44)) throw new Error(`registration keys: no number at ${start}`);
    j++;
    return negative ? -value : value;
  };
  for (let i = 0; i < n; i++) {
    rowids[i] = next(false);
    hashes[i] = next(false);
    flags[i] = next(i === n - 1);
  }
}

/** Id, code and name of people by rowid (only a person the sync cancels is named). */
export function registrationNamesByRowids(db: Db, rowids: readonly number[]): Map<number, {
  id: string; code: string; firstName: string; lastName: string; email: string | null; organisation: string | null; syncSourceId: string | null;
}> {
  const rows = db.prepare(
    `SELECT rowid, id, code, first_name AS firstName, last_name AS lastName, email, organisation, sync_source_id AS syncSourceId
     FROM registrations WHERE rowid IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(rowids)) as {
    rowid: number; id: string; code: string; firstName: string; lastName: string; email: string | null; organisation: string | null; syncSourceId: string | null;
  }[];
  return new Map(rows.map((r) => [r.rowid, r]));
}

/** Names, e-mail addresses and origin of the people not of this source (walk-ins, other lists, entered by hand). */
export interface OtherPerson {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  onSite: number;
  source: string | null;
  sourceId: string | null;
  /** 1 for a person of no list (a walk-in not yet taken by one, or entered by hand): a list's row may become them. */
  free: number;
}

export function peopleOfOtherSources(db: Db, sourceId: string): OtherPerson[] {
  return db.prepare(
    `SELECT r.id, r.first_name AS firstName, r.last_name AS lastName, r.email, r.registered_on_site AS onSite, s.label AS source,
       r.sync_source_id AS sourceId, r.sync_source_id IS NULL AS free
     FROM registrations r LEFT JOIN sync_sources s ON s.id = r.sync_source_id
     WHERE r.sync_source_id IS NOT ?`,
  ).all(sourceId) as OtherPerson[];
}

/** Registered people of a list who have an e-mail address: a new row with the same name and address is someone registered twice. */
export function registeredWithEmailOf(db: Db, sourceId: string): { id: string; firstName: string; lastName: string; email: string }[] {
  return db.prepare(
    `SELECT id, first_name AS firstName, last_name AS lastName, email FROM registrations
     WHERE sync_source_id = ? AND status = 'registered' AND email IS NOT NULL AND email != ''`,
  ).all(sourceId) as { id: string; firstName: string; lastName: string; email: string }[];
}

/** Rowids of people of no list (no sync source: walk-ins not yet taken, entered by hand) by id: whom a dry run's choice may name. */
export function freeRowidsOf(db: Db, ids: readonly string[]): Map<string, number> {
  const get = db.prepare('SELECT rowid FROM registrations WHERE id = ? AND sync_source_id IS NULL').pluck();
  const out = new Map<string, number>();
  for (const id of ids) {
    const rowid = get.get(id) as number | undefined;
    if (rowid !== undefined) out.set(id, rowid);
  }
  return out;
}

/** A person as a sync compares them field by field: every field a source can set. */
export interface ExistingRegistration extends PersonFields {
  id: string;
  sourceId: string | null;
  syncSourceId: string | null;
  code: string;
  days: string;
  extra: string;
}

/** Full rows of the people whose row in the source changed (by rowid), with their assignments and local fields. */
export function registrationsForSyncByRowids(db: Db, rowids: readonly number[]): {
  regs: (ExistingRegistration & { rowid: number })[];
  assignments: { registrationId: string; listId: string; origin: 'registration' | 'local' }[];
  local: { registrationId: string; field: string; listValue: string | null }[];
} {
  const list = JSON.stringify(rowids);
  const regs = cached(db,
    `SELECT rowid, id, source_id AS sourceId, sync_source_id AS syncSourceId, code, first_name AS firstName, last_name AS lastName,
            email, organisation, town, federal_state AS federalState, sector, role, notes, status, days, extra
     FROM registrations WHERE rowid IN (SELECT value FROM json_each(?))`,
  ).all(list) as (ExistingRegistration & { rowid: number })[];
  const ids = JSON.stringify(regs.map((r) => r.id));
  const assignments = cached(db,
    `SELECT registration_id AS registrationId, list_id AS listId, origin FROM assignments
     WHERE registration_id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as { registrationId: string; listId: string; origin: 'registration' | 'local' }[];
  const local = cached(db,
    `SELECT registration_id AS registrationId, field, list_value AS listValue FROM registration_local_fields
     WHERE registration_id IN (SELECT value FROM json_each(?)) AND reverted = 0`,
  ).all(ids) as { registrationId: string; field: string; listValue: string | null }[];
  return { regs, assignments, local };
}

/**
 * Rowids of people with a correction made in the app (a field, or a session or walk set there): a sync compares
 * their rows every time, even unchanged since the last one, so the dry run always says where the list differs
 * from a correction ("Lokal beibehalten"), not only when the row changed.
 */
export function locallyCorrectedRowids(db: Db): Set<number> {
  return new Set(db.prepare(
    `SELECT r.rowid FROM registrations r WHERE r.id IN (
       SELECT registration_id FROM registration_local_fields WHERE reverted = 0
       UNION SELECT registration_id FROM assignments WHERE origin = 'local')`,
  ).pluck().all() as number[]);
}

export function localStatusIds(db: Db): Set<string> {
  return new Set((db.prepare("SELECT registration_id FROM registration_local_fields WHERE field = 'status' AND reverted = 0").pluck().all() as string[]));
}

/** The people's part of syncFingerprint: computed in the scan that reads their keys for a plan. */
const PEOPLE_FINGERPRINT = "count(*) || ':' || ifnull(max(updated_at), '') || ':' || total(rowid)";

/**
 * Changes whenever anything a plan compared against changes, so a plan made before a local correction or a
 * walk-in is not applied over it. `people`: the part of the people, read with their keys (RegistrationKeys).
 */
export function syncFingerprint(db: Db, people?: string): string {
  const r = cached(db,
    `SELECT ${people === undefined ? `(SELECT ${PEOPLE_FINGERPRINT} FROM registrations)` : '?'} AS regs,
            (SELECT count(*) FROM assignments) AS assignments,
            -- Every mark's time and state: a correction taken back at a station arrives with an older time than
            -- the newest mark here, and changes no count.
            (SELECT count(*) || ':' || total(julianday(changed_at) * (reverted + 1)) FROM registration_local_fields) AS local,
            (SELECT count(*) FROM check_in_lists) AS lists`,
  ).get(...(people === undefined ? [] : [people])) as Record<string, string | number>;
  return `${r.regs}|${r.assignments}|${r.local}|${r.lists}`;
}

/** The full row of a person written by a sync, inserted or updated as one statement. */
export interface SyncedRegistration extends PersonFields {
  id: string;
  sourceId: string | null;
  syncSourceId: string;
  code: string;
  days: string;
  extra: string;
  searchText: string;
  syncHash: string;
}

export interface RehashOp {
  id: string;
  syncHash: string;
  syncSourceId: string;
  sourceId: string | null;
  /** The person's source id or source is not yet syncSourceId, sourceId. */
  keysChange: boolean;
  /** The list's line the person's row is in (none for a person gone from the list). */
  line?: number;
}

/** Assignment pairs per INSERT statement (2 values each). */
const ASSIGN_ROWS = 4000;

/** A text known to the app (a timestamp made here) as an SQL literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The columns of a synced person in the order of a packed row (RegistrationRows), from which they are read. */
const INSERT_COLUMNS = [
  'id', 'source_id', 'sync_source_id', 'code', 'first_name', 'last_name', 'email', 'organisation', 'town', 'federal_state', 'sector',
  'role', 'notes', 'status', 'days', 'extra', 'search_text', 'sync_hash',
] as const;

/**
 * Inserts the people of one JSON array of rows (see RegistrationRows), read by SQLite itself: jsonb_each parses
 * the block once, and each `->>` reads a value out of the parsed row. The time of a sync is the same for every
 * row: written into the statement.
 */
function insertRegistrationsSql(at: string): string {
  return `INSERT INTO registrations (${INSERT_COLUMNS.join(', ')}, registered_on_site, created_at, updated_at)
     SELECT ${INSERT_COLUMNS.map((_, i) => `value->>${i}`).join(', ')}, 0, ${literal(at)}, ${literal(at)}
     FROM jsonb_each(CAST(? AS TEXT))`;
}

function assignSql(rows: number, at: string): string {
  return `INSERT OR IGNORE INTO assignments (registration_id, list_id, origin, created_at)
     VALUES ${new Array<string>(rows).fill(`(?, ?, 'registration', ${literal(at)})`).join(', ')}`;
}

/**
 * People to insert, as JSON: binding 18 values per person one by one cost more than SQLite's own work of
 * inserting them (100 000 people: about 0.55 s of 0.85 s).
 */
export interface RegistrationRows {
  readonly length: number;
  /**
   * The rows in order, in blocks of UTF-8 JSON: each block an array of rows, each row an array of its values
   * (strings or null) in the order of INSERT_COLUMNS (id … syncHash, the order of SyncedRegistration's fields).
   */
  jsonBlocks(): Iterable<Uint8Array>;
}

/**
 * Runs `sqlFor(n)` over `items` in chunks of `size`, each chunk as ONE statement with many rows of values (the
 * assignments of a plan: 142 000 pairs took 0.29-0.30 s this way, 0.32-0.35 s read from JSON by SQLite).
 */
function insertChunked<T>(db: Db, items: readonly T[], size: number, sqlFor: (n: number) => string, values: (item: T, out: unknown[]) => void): void {
  let full: ReturnType<Db['prepare']> | null = null;
  const params: unknown[] = [];
  for (let i = 0; i < items.length; i += size) {
    const n = Math.min(size, items.length - i);
    params.length = 0;
    for (let j = i; j < i + n; j++) values(items[j]!, params);
    if (n === size) (full ??= db.prepare(sqlFor(size))).run(params);
    else db.prepare(sqlFor(n)).run(params);
  }
}

/** The columns of the fields a sync writes into an existing person. */
const UPDATE_COLUMNS = {
  sourceId: 'source_id', syncSourceId: 'sync_source_id', code: 'code', firstName: 'first_name', lastName: 'last_name', email: 'email',
  organisation: 'organisation', town: 'town', federalState: 'federal_state', sector: 'sector', role: 'role', notes: 'notes',
  status: 'status', days: 'days', extra: 'extra',
} as const satisfies Partial<Record<keyof SyncedRegistration, string>>;
export type UpdateField = keyof typeof UPDATE_COLUMNS;
export const UPDATE_FIELDS = Object.keys(UPDATE_COLUMNS) as UpdateField[];

/**
 * A person a sync updates: the whole row as it will be, and the fields that differ from the stored row. Only
 * those are written (with the search text and the fingerprint): setting a column rewrites its index entries even
 * when the value stays, and 1000 updates setting every column took 380-660 ms instead of about 120 ms.
 */
export interface RegistrationUpdate {
  row: SyncedRegistration;
  fields: readonly UpdateField[];
}

export function syncWriters(db: Db, at: string) {
  const updateFor = (fields: readonly UpdateField[]) => {
    const set = fields.map((f) => `${UPDATE_COLUMNS[f]} = @${f}, `).join('');
    return cached(db, `UPDATE registrations SET ${set}search_text = @searchText, sync_hash = @syncHash, updated_at = @at WHERE id = @id`);
  };
  const cancel = db.prepare("UPDATE registrations SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'registered'");
  const unassign = db.prepare("DELETE FROM assignments WHERE registration_id = ? AND list_id = ? AND origin = 'registration'");
  // Only what a sync keeps about the source: no search text, so the search index is not touched; the source's id
  // and the source only where they change (their indexes: 10 000 people take 250 ms with them, 170 ms without).
  const rehash = db.prepare('UPDATE registrations SET sync_hash = ? WHERE id = ?');
  const rehashWithKeys = db.prepare('UPDATE registrations SET sync_hash = ?, sync_source_id = ?, source_id = ? WHERE id = ?');
  return {
    insertAll: (rows: RegistrationRows) => {
      if (rows.length === 0) return;
      const insert = db.prepare(insertRegistrationsSql(at));
      let inserted = 0;
      for (const block of rows.jsonBlocks()) inserted += insert.run(block).changes;
      if (inserted !== rows.length) throw new Error(`inserted ${inserted} of ${rows.length} people`);
    },
    update: (u: RegistrationUpdate) => {
      if (updateFor(u.fields).run({ ...u.row, at }).changes !== 1) throw new Error('registration to update not found');
    },
    cancel: (id: string) => cancel.run(at, id),
    assignAll: (pairs: readonly [string, string][]) => insertChunked(db, pairs, ASSIGN_ROWS, (n) => assignSql(n, at), ([reg, list], out) => {
      out.push(reg, list);
    }),
    unassign: (registrationId: string, listId: string) => unassign.run(registrationId, listId),
    rehash: (r: RehashOp) => (r.keysChange ? rehashWithKeys.run(r.syncHash, r.syncSourceId, r.sourceId, r.id) : rehash.run(r.syncHash, r.id)),
  };
}

/**
 * A bulk load of people and their assignments with the triggers that would only slow it down taken out while it
 * runs, and put back exactly as they were (their SQL from the schema) before the caller's transaction commits:
 * - the search index (FTS5, migration 002) is rebuilt once at the end instead of row by row: four times faster
 *   for a first import of 100 000 people;
 * - the change capture of network work (migration 006) is left out only where the file takes no part in it
 *   (sync_state.role not set), where each of those triggers evaluates its guard per row and does nothing:
 *   about 0.1 s of a first import of 100 000 people with their workshops and walks. At a hub or a station they
 *   stay, so every person the load writes is captured for the other stations.
 * The caller's transaction makes all of it atomic.
 */
export function withBulkLoad(db: Db, load: () => void): void {
  if (!db.inTransaction) throw new Error('withBulkLoad needs a transaction');
  const fts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'registrations_fts'").get() !== undefined;
  const networked = (db.prepare('SELECT role FROM sync_state').pluck().get() ?? null) !== null;
  const triggers = (db.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('registrations', 'assignments')",
  ).all() as { name: string; sql: string }[])
    .filter((t) => (fts && t.sql.includes('registrations_fts')) || (!networked && t.sql.includes(CAPTURE_GUARD)));
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
  load();
  if (fts) rebuildSearchIndex(db);
  for (const t of triggers) db.exec(t.sql);
}

/**
 * Bytes of index entries FTS5 gathers in memory while the search index is rebuilt, before it writes them out as a
 * segment (its default is 1 MB): 100 000 people 0.32-0.36 s -> 0.24 s with the writing out, fewer and larger
 * segments to merge. Larger sizes gained nothing more.
 */
const REBUILD_HASH_BYTES = 4 << 20;

/** The whole search index built again from the people, with the hash size of a bulk load, then the file's own again. */
function rebuildSearchIndex(db: Db): void {
  const own = Number(db.prepare("SELECT v FROM registrations_fts_config WHERE k = 'hashsize'").pluck().get() ?? FTS5_DEFAULT_HASH_BYTES);
  db.exec(`INSERT INTO registrations_fts (registrations_fts, rank) VALUES ('hashsize', ${REBUILD_HASH_BYTES})`);
  db.exec("INSERT INTO registrations_fts (registrations_fts) VALUES ('rebuild')");
  db.exec(`INSERT INTO registrations_fts (registrations_fts, rank) VALUES ('hashsize', ${own})`);
}

/** FTS5's hash size where a file sets none (FTS5_DEFAULT_HASHSIZE in SQLite). */
const FTS5_DEFAULT_HASH_BYTES = 1024 * 1024;

/** Updates below this many people go through the trigger: the deferral changes the schema twice (statements prepare again). */
export const DEFER_SEARCH_INDEX_FROM = 100;

/**
 * Runs `write` with the search index of the people it updates kept in step in two passes rather than by the update
 * trigger (migration 007) row by row: FTS5 writes its pending entries out as new segments (and merges them) far
 * more often when deletes and inserts alternate. 1000 people of 100 000 renamed by the trigger added 260 index
 * pages within the transaction and took 780 ms (single updates up to 190 ms); in two passes, 20 pages and 220 ms.
 * While `write` runs, a temporary trigger notes each changed person's search text as the index has it; afterwards
 * those entries are deleted in rowid order and the new ones added in rowid order, and the trigger is put back.
 * Inside the caller's transaction (a savepoint rolled back inside `write` takes its notes with it); `write` must
 * not delete people (nothing does: people are cancelled, never deleted).
 */
export function withSearchIndexDeferred<T>(db: Db, write: () => T): T {
  if (!db.inTransaction) throw new Error('withSearchIndexDeferred needs a transaction');
  const trigger = db.prepare("SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = 'registrations_fts_update'")
    .pluck().get() as string | undefined;
  if (trigger === undefined) return write();
  db.exec(`DROP TRIGGER main.registrations_fts_update;
    CREATE TEMP TABLE search_index_pending (row INTEGER PRIMARY KEY, indexed_text TEXT NOT NULL);
    CREATE TEMP TRIGGER search_index_pending_update AFTER UPDATE OF search_text ON main.registrations
    WHEN old.search_text IS NOT new.search_text BEGIN
      INSERT OR IGNORE INTO search_index_pending (row, indexed_text) VALUES (old.rowid, old.search_text);
    END;`);
  const result = write();
  db.exec(`DROP TRIGGER temp.search_index_pending_update;
    INSERT INTO main.registrations_fts (registrations_fts, rowid, search_text)
      SELECT 'delete', row, indexed_text FROM temp.search_index_pending ORDER BY row;
    INSERT INTO main.registrations_fts (rowid, search_text)
      SELECT r.rowid, r.search_text FROM temp.search_index_pending p JOIN main.registrations r ON r.rowid = p.row ORDER BY p.row;
    DROP TABLE temp.search_index_pending;`);
  db.exec(trigger);
  return result;
}
