import { accessSync, constants, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { eventFileError, type Db } from '../../../db/open';
import { listDays } from '../../../db/queries/lists';
import { findSourceByLocation, listSources, type SyncSourceRow } from '../../../db/queries/sync';
import { AppContext } from '../app-context';
import { AppError } from '../errors';
import { writeNewEvent } from '../event/new-event';
import type { TableRow, TableStream } from '../tabular/table';
import { applyPlan } from './apply';
import { proposeFromSample } from './auto-mapping';
import { fetchSource } from './fetch-source';
import type { Mapping } from './fields';
import { planSync, type SyncPlan } from './plan';
import { labelFor, sourceMapping, type SourceOptions } from './sync-service';
import { streamTableForList } from './table-errors';

export interface ImportRequest {
  eventFile: string;
  source: string;
  dryRun: boolean;
  /** Apply even when half or more of the list's people are missing from it (the dry run's 'mostGone'). */
  confirmCancel?: boolean;
  /** Apply even when the file looks older than the one last applied (the dry run's 'olderFile'). */
  confirmOlder?: boolean;
  options: SourceOptions;
  stationName?: string;
  /**
   * The list the file is a version of, by name (as on its card) or id: for a file whose name changed (the app's
   * „Gehört zur Anmeldeliste“). Without it, the list read from a file of the same name or the same address, else a
   * new list.
   */
  list?: string;
  /**
   * Load the file as a list of its own although most of its people belong to another list. Without it (and without
   * `list`), such a file is not applied: the app asks the organiser which it is, the command line has nobody to ask.
   */
  newList?: boolean;
}

export interface ImportOutcome {
  applied: boolean;
  /** Not applied because half or more of the list's people would be cancelled and that was not confirmed. */
  held: boolean;
  /** Not applied because the file looks older than the one last applied (olderFile) and that was not confirmed. */
  heldOlder: boolean;
  /**
   * Not applied because most of the file's people belong to this other list, and neither `list` nor `newList` said
   * whether the file is a new version of it (loaded as a list of its own, it would take them over, and those missing
   * from it would not be cancelled).
   */
  heldForList: string | null;
  /** The file or address read (its file name for a file). */
  sourceName: string;
  created: boolean;
  /** The name a new event file was given (from its file name); null for an event file that was there. */
  eventName: string | null;
  plan: SyncPlan;
  lineKind: 'line' | 'row' | 'entry';
  sourceLabel: string;
  /** No column is the code (QR/ticket): the QR codes of the confirmation e-mails will not be known at the door. */
  noCodeColumn: boolean;
  /** The sheet of a workbook that was read, and all its sheets (empty for a text file). */
  sheet: string | null;
  sheets: string[];
  /** --sheet was given for a file that has no sheets (a CSV, JSON): not used, and not kept with the list (QA17 L6). */
  sheetIgnored: boolean;
}

export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * The command-line import: read a file or URL, plan against the event file and apply in one transaction. An event
 * file that does not exist yet is made under a temporary name and only renamed into place once the import was
 * applied, so a failed first import leaves nothing behind.
 */
export async function importIntoEvent(req: ImportRequest): Promise<ImportOutcome> {
  const file = resolve(req.eventFile);
  try {
    return await importInto(file, req);
  } catch (err) {
    // SQLite's own words ("database is locked", "attempt to write a readonly database") said as what they mean.
    throw eventFileError(err, file) ?? err;
  }
}

async function importInto(file: string, req: ImportRequest): Promise<ImportOutcome> {
  const created = !existsSync(file);
  // A read-only event file is said before the list is fetched and compared for nothing (QA17 M7).
  if (!created && !req.dryRun) refuseReadOnly(file);
  const { bytes, fileName, location } = await loadSource(req);
  // A dry run of an event not made yet compares against an empty event in the temporary folder: it creates no
  // folder where the event file would go (QA17 M6).
  const folder = created && req.dryRun ? tmpdir() : dirname(file);
  const target = created ? join(folder, `.${basename(file)}.${process.pid}.tmp`) : file;
  const ctx = new AppContext({ dataDir: folder, stationName: req.stationName });
  let applied = false;
  const eventName = created ? basename(file).replace(/\.einlass$/i, '').replace(/[-_]+/g, ' ').trim() || 'Veranstaltung' : null;
  try {
    if (eventName !== null) {
      ctx.createFile(target, (db) => writeNewEvent(db, ctx, { name: eventName }, ctx.stationName));
    } else ctx.openFile(file);
    const event = ctx.requireEvent();
    const kind = isUrl(req.source) ? 'url' : 'file';
    // --new-list: a list of its own, whatever list has this file's name (QA14: it was ignored then, and the advice
    // to call again with it went round in circles).
    const existing = req.list !== undefined ? namedSource(event.db, req.list, kind) : req.newList ? null : findSourceByLocation(event.db, kind, location);
    // A new version of a list read from a workbook's sheet: that sheet, where the workbook has it (as in the app).
    const listSheet = existing && !req.options.sheet ? (JSON.parse(existing.options) as SourceOptions).sheet : undefined;
    const stream = await streamTableForList(bytes, fileName, req.options, listSheet, {});
    const table = stream.table;
    const sourceId = existing?.id ?? ctx.ids.next();
    // A new source's proposal looks at the first rows too, as in the app's mapping step (see proposeFromSample).
    const { sample, rows } = await firstRows(stream);
    let mapping: Mapping = sourceMapping(event.db, table.headers, existing);
    if (!existing) mapping = proposeFromSample(mapping, table.headers, sample, listDays(event.db));
    const plan = await planSync(event.db, { table: rows, mapping, sourceId, ids: ctx.ids });
    const label = existing?.label ?? labelFor(kind, location);
    // Nobody here to ask, as the app does, whether a list lacking half its people is the whole list, or whether a
    // file of a new name whose people are another list's is a new version of it: not applied.
    const held = !req.dryRun && !plan.blocked && !req.confirmCancel && plan.problems.counts.has('mostGone');
    const otherList = existing || req.newList ? undefined : plan.problems.sorted().find((p) => p.code === 'peopleOfOtherList');
    const heldForList = !req.dryRun && !plan.blocked && otherList ? String(otherList.params?.source ?? '') : null;
    const heldOlder = !req.dryRun && !plan.blocked && !held && !req.confirmOlder && plan.problems.counts.has('olderFile');
    const noCodeColumn = !Object.values(mapping).includes('code');
    const outcome: ImportOutcome = {
      applied: false, held, heldOlder, heldForList, created, eventName, plan, lineKind: table.lineKind, sourceLabel: label, sourceName: kind === 'url' ? label : fileName, noCodeColumn,
      sheet: table.sheet, sheets: table.sheets, sheetIgnored: req.options.sheet !== undefined && table.sheet === null,
    };
    if (req.dryRun || plan.blocked || held || heldOlder || heldForList !== null) return outcome;
    const at = ctx.clock.now().toISOString();
    const options = { ...(existing ? (JSON.parse(existing.options) as SourceOptions) : {}), ...req.options };
    if (table.sheet === null) delete options.sheet;
    applyPlan(event.db, {
      plan, runId: ctx.ids.next(), startedAt: at, at, stationId: event.station.id, lineKind: table.lineKind, commandLine: true,
      source: {
        id: sourceId, kind, label, location, options: JSON.stringify(options), mapping: JSON.stringify(mapping),
        intervalMinutes: existing?.intervalMinutes ?? null, lastRunId: null, createdAt: existing?.createdAt ?? at,
      },
    });
    outcome.applied = applied = true;
    return outcome;
  } finally {
    ctx.close();
    if (created && applied) renameSync(target, file);
    if (created) for (const suffix of applied ? ['-wal', '-shm'] : ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  }
}

/** The list named on the command line (`--list`): by name (case aside) or id, of the same kind as the source given. */
function namedSource(db: Db, name: string, kind: 'file' | 'url'): SyncSourceRow {
  const lists = listSources(db);
  const wanted = name.trim().toLocaleLowerCase('de-DE');
  const found = lists.find((s) => s.id === name || s.label.trim().toLocaleLowerCase('de-DE') === wanted);
  if (!found) {
    throw new AppError('bad_request', { messageKey: 'sync.error.listNotFound', list: name, lists: lists.map((s) => `„${s.label}“`).join(', ') || '–' });
  }
  if (found.kind !== kind) throw new AppError('bad_request', { messageKey: `sync.error.listIs.${found.kind}`, list: found.label });
  return found;
}

async function loadSource(req: ImportRequest): Promise<{ bytes: Uint8Array; fileName: string; location: string }> {
  if (isUrl(req.source)) {
    const { bytes, fileName } = await fetchSource(req.source, { authName: req.options.authName, authValue: req.options.authValue });
    return { bytes, fileName, location: req.source };
  }
  // ftp://, sftp://, file:// … look like an address, not a file name (QA17 L3: „Datei „ftp://…“ nicht gefunden“).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req.source)) throw new AppError('bad_request', { messageKey: 'sync.error.onlyHttp', url: req.source });
  // The whole path it looked at: a relative one is easily read against another folder than meant (QA17 M5).
  const path = resolve(req.source);
  if (!existsSync(path)) throw new AppError('bad_request', { messageKey: 'sync.error.fileNotFound', file: path });
  if (statSync(path).isDirectory()) throw new AppError('bad_request', { messageKey: 'sync.error.isFolder', file: path });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('bad_request', { messageKey: 'sync.error.fileUnreadable', file: path });
    throw err;
  }
  // The file's name, as the app keeps it: a folder says nothing about the list, and may name a person (C:\Users\…).
  return { bytes, fileName: basename(path), location: basename(path) };
}

/** The event file, and its folder (SQLite writes its journal beside it), must be writable for an import. */
function refuseReadOnly(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new AppError('event_file_unreadable', { file });
  }
  for (const path of [file, dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new AppError('event_file_readonly', { file });
    }
  }
}

/** The first slice of rows, and the stream with it still at its start. */
async function firstRows(stream: TableStream): Promise<{ sample: TableRow[]; rows: TableStream }> {
  const slices = stream.slices[Symbol.asyncIterator]();
  const first = await slices.next();
  const sample = first.done ? [] : first.value.slice(0, 8);
  async function* all(): AsyncGenerator<TableRow[]> {
    if (!first.done) yield first.value;
    for (let next = await slices.next(); !next.done; next = await slices.next()) yield next.value;
  }
  return { sample, rows: { table: stream.table, slices: all() } };
}

