import { foldQuery } from '../text/fold';
import { normaliseHeader } from './header-name';
import type { Db } from '../../../db/open';
import { listDays, listRefs, listTimes } from '../../../db/queries/lists';
import { PackedStringIndex } from '../../../db/packed-strings';
import { personalDataPurgedAt } from '../../../db/queries/report-settings';
import { getSyncState } from '../../../db/queries/sync-state';
import { AppError } from '../errors';
import {
  getSource, listSources, localStatusIds, locallyCorrectedRowids, registrationKeysForSync, freeRowidsOf, registrationNamesByRowids, registrationsForSyncByRowids, syncFingerprint,
  type RegistrationKeys, type RegistrationUpdate, type RehashOp,
} from '../../../db/queries/sync';
import { streamOf, throwIfAborted, yieldToLoop, type Table, type TableRow, type TableStream } from '../tabular/table';
import { MULTI_VALUED, type ChangeField, type Mapping, type SyncField } from './fields';
import { batchIds } from './batch-ids';
import type { PackedRegistrations } from './packed-rows';
import { Differ } from './differ';
import { columnPlan, RowReader, type ColumnPlan } from './incoming';
import { AddonFolder, hashWithAddons, isAddonRow } from './addons';
import { warnOverCapacity } from './capacity';
import { warnOlderFile } from './older-file';
import { warnPossibleDuplicates } from './possible-duplicates';
import { SameTime } from './same-time';
import { ProblemList } from './problems';
import { RowHasher } from './row-hash';
import type { IdGenerator } from '../ports';
import type { ChangeHits } from './change-search';
import type { ListRef } from './values';

export interface FieldChange {
  field: ChangeField;
  before: string | null;
  after: string | null;
  /** The source changed a field corrected in the app: the local value stays. */
  keptLocal: boolean;
  /** Kept as corrected, and the list says something else about it than at the last sync (see Differ.update). */
  listChanged?: boolean;
}

export interface PlannedChange {
  /** keptLocal: only fields the app corrected changed in the source; nothing is written. */
  kind: 'added' | 'updated' | 'cancelled' | 'keptLocal';
  registrationId: string;
  line: number | null;
  name: string;
  code: string;
  fields: FieldChange[];
}

export interface SyncCounts {
  added: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  keptLocal: number;
}

export interface PlanOps {
  inserts: PackedRegistrations;
  /** Source line of each insert. */
  insertLines: number[];
  updates: RegistrationUpdate[];
  /** Unchanged people whose stored source hash (or source) is brought up to date. */
  rehash: RehashOp[];
  cancels: string[];
  assign: [string, string][];
  unassign: [string, string][];
  /** Fields kept as corrected in the app: registration id, field, what the list says (JSON, see migration 010). */
  listValues: [string, string, string][];
}

export interface SyncPlan {
  rows: number;
  /** People in the event file when the plan was made. */
  existing: number;
  counts: SyncCounts;
  /** Of `counts.added`, those added as cancelled (cancelled in the list before they were ever loaded). */
  addedCancelled: number;
  problems: ProblemList;
  blocked: boolean;
  changes: PlannedChange[];
  ops: PlanOps;
  fingerprint: string;
}

export interface PlanInput {
  /** The list: a stream (its rows are read while they are compared) or a table in memory. */
  table: Table | TableStream;
  mapping: Mapping;
  /** The source this list belongs to; null for a source not yet stored (its id is `newSourceId`). */
  sourceId: string;
  ids: IdGenerator;
  /** Share of the rows compared; only for a table in memory (a stream's reader reports how far it has read). */
  onProgress?: (share: number) => void;
  signal?: AbortSignal;
  /**
   * The organiser's word on an earlier dry run: the new row at this line is this person of no list (a walk-in the
   * list could not be sure of, someone entered by hand), not someone new. Line → registration id.
   */
  sameAs?: ReadonlyMap<number, string>;
}

/**
 * Rows at the end of a list that say nothing about anyone (no name, no e-mail address, few cells, no id or code
 * of a known person) are what people write under a list in Excel: a total ("Gesamt: 250"), a date, a note. They
 * are skipped with a warning instead of stopping the sync with "name missing"; up to this many, and only at the
 * end: such a row with a person's row after it is read as a row of the list (and its problems are errors).
 */
const FOOTER_ROWS = 20;

/**
 * How many rows at the end of a list are lines under it, for the preview before a dry run: the same rule without
 * the people already in the event (a line whose one cell is someone's id is counted here, and read as a row by the
 * dry run).
 */
export class FooterCount {
  private readonly reader: RowReader;
  private readonly addons: ColumnPlan['addons'];
  private run = 0;

  constructor(table: Table, mapping: Mapping) {
    const cols = columnPlan(table, mapping);
    this.reader = new RowReader(cols, [], []);
    this.addons = cols.addons;
  }

  see(row: TableRow): void {
    // An add-on row (no name of its own) belongs to a person above it: inside the list, not under it.
    this.run = this.reader.nobody(row) && !(this.addons && isAddonRow(row, this.addons)) ? this.run + 1 : 0;
  }

  get rows(): number {
    return Math.min(this.run, FOOTER_ROWS);
  }
}

/**
 * How many of a file's people a list already has (by its key: the list's id, else the code), counted while the
 * file is previewed: a file guessed to be a list's new version from its columns alone is one only when it shares
 * people with it (a walkthrough's unrelated file of the same layout was taken for the only list's new version, and
 * one click cancelled that list's 8 people).
 */
export class KeyOverlap {
  private readonly reader: RowReader;
  /** The list's people by id: their names folded, first and last. */
  private readonly ids: Map<string, [string, string]>;
  private readonly codes: Set<string>;
  /** Rows with a key, and those of them the list has. */
  keyed = 0;
  shared = 0;
  /** The list's registered people. */
  readonly people: number;

  private readonly addons: ColumnPlan['addons'];

  constructor(db: Db, table: Table, mapping: Mapping, readonly sourceId: string) {
    const cols = columnPlan(table, mapping);
    this.reader = new RowReader(cols, [], []);
    this.addons = cols.addons;
    const rows = db.prepare(
      "SELECT source_id AS id, code, first_name AS firstName, last_name AS lastName FROM registrations WHERE sync_source_id = ? AND status = 'registered'",
    ).all(sourceId) as { id: string | null; code: string; firstName: string; lastName: string }[];
    this.ids = new Map(rows.flatMap((r) => (r.id ? [[r.id, [foldQuery(r.firstName), foldQuery(r.lastName)] as [string, string]]] : [])));
    this.codes = new Set(rows.map((r) => r.code));
    this.people = rows.length;
  }

  see(row: TableRow): void {
    // An add-on's own id and secret are no person's.
    if (this.addons && isAddonRow(row, this.addons)) return;
    const key = this.reader.keyOf(row);
    if (!key.sourceId && !key.code) return;
    this.keyed++;
    if ((key.sourceId !== null && this.samePerson(key.sourceId, row)) || (key.code !== null && this.codes.has(key.code))) this.shared++;
  }

  /**
   * The list has someone of this id with the row's first or last name: numbers 1, 2, 3 of another system's list
   * (a survey's response ids, a form's entry numbers) name other people and share nobody (QA16 M5).
   */
  private samePerson(id: string, row: TableRow): boolean {
    const names = this.ids.get(id);
    if (!names) return false;
    const { firstName, lastName } = this.reader.namesOf(row);
    const [first, last] = [foldQuery(firstName), foldQuery(lastName)];
    return (first !== '' && first === names[0]) || (last !== '' && last === names[1]) || (first === '' && last === '');
  }

  /** Fewer than one in ten of the smaller side shared: another list, though its columns are alike. */
  get another(): boolean {
    return this.shared * 10 < Math.min(this.keyed, this.people);
  }

  /** Most of the file's people (and at least two) are the list's: its new version, whatever the columns are called. */
  get mostOf(): boolean {
    return this.shared >= 2 && this.shared * 2 >= this.keyed;
  }
}

/** Who an answer never sent is of: the name in it, else the row's first cells. */
function unsentName(reader: RowReader, row: TableRow): string {
  const { firstName, lastName } = reader.namesOf(row);
  return `${firstName} ${lastName}`.trim().slice(0, 80) || RowReader.text(row);
}

/**
 * A survey tool's column of when an answer was sent (LimeSurvey: „Datum Abgeschickt“, `submitdate`): a row without
 * it is an answer begun and never sent — no registration (QA16 M4). -1 when the list has no such column.
 */
export function submitDateColumn(headers: readonly string[]): number {
  return headers.findIndex((h) => /^(datum abgeschickt|abgeschickt am|submitdate|date submitted|submitted at|submission date)$/.test(normaliseHeader(h)));
}

/**
 * The dry run: what applying this table would do, field by field, without writing anything. Runs in slices with
 * pauses, so the station keeps answering while 100 000 rows are compared.
 */
export async function planSync(db: Db, input: PlanInput): Promise<SyncPlan> {
  refuseAtStation(db);
  refuseAfterPurge(db);
  const stream = 'slices' in input.table ? input.table : streamOf(input.table);
  const total = 'slices' in input.table ? null : input.table.rows.length;
  const table = stream.table;
  // One snapshot: the fingerprint covers exactly what the plan starts from.
  const { state, fingerprint } = db.transaction(() => {
    const s = loadState(db, input.sourceId);
    return { state: s, fingerprint: syncFingerprint(db, s.keys.fingerprint) };
  })();
  const cols = columnPlan(table, input.mapping);
  const problems = new ProblemList();
  checkColumns(cols.mapped, problems);
  checkGoneColumns(db, input.sourceId, table.headers, cols.mapped, problems);
  const days = listDays(db);
  const reader = new RowReader(cols, days, state.lists, new SameTime(listTimes(db)));
  // How rows are read depends on the mapping and on the event's days and lists: part of every row's fingerprint.
  // A list with add-ons (pretix) reads its rows with them: its people are compared in full once after add-ons were
  // first folded (a list without them keeps its fingerprints).
  const hasher = new RowHasher(JSON.stringify([table.headers.map((h) => input.mapping[h] ?? 'extra'), table.headers, days, state.lists, ...(cols.addons ? ['add-ons'] : [])]));
  // pretix's add-on rows go to the person of their position before any row is read as a person (see addons.ts).
  const addons = cols.addons ? new AddonFolder(cols.addons, table.headers, reader, problems) : null;
  const slices = addons ? addons.fold(stream.slices) : stream.slices;
  const differ = new Differ(state, input.sourceId, cols, batchIds(input.ids), (rowids) => registrationsForSyncByRowids(db, rowids),
    (rowids) => registrationNamesByRowids(db, rowids));
  if (input.sameAs && input.sameAs.size > 0) differ.choose(chosenPositions(db, state, input.sameAs));
  let rowCount = 0;
  const someone = state.keys.length > 0;
  const take = (row: TableRow, hash: number) => {
    // Nobody in the file yet (a first import): no row can be unchanged, and its key is not read twice.
    if (someone && differ.takeUnchanged(reader.keyOf(row), hash, row.line)) reader.warnings(row, problems);
    else differ.take(reader.read(row, problems), hash, problems);
  };
  // Rows that are nobody's, held back until a later row shows they are inside the list, not under it.
  const held: { row: TableRow; hash: number }[] = [];
  const submitted = submitDateColumn(table.headers);
  for await (const slice of slices) {
    throwIfAborted(input.signal);
    for (const row of slice) {
      if (submitted >= 0 && (row.cells[submitted] ?? '').trim() === '') {
        problems.add({ code: 'notSubmitted', severity: 'warning', line: row.line, column: table.headers[submitted]!, params: { name: unsentName(reader, row) } });
        continue;
      }
      const hash = addons ? hashWithAddons(hasher, row) : hasher.hash(row.cells);
      if (reader.nobody(row) && !differ.knows(reader.keyOf(row))) {
        held.push({ row, hash });
        if (held.length > FOOTER_ROWS) {
          const first = held.shift()!;
          take(first.row, first.hash);
        }
        continue;
      }
      if (held.length > 0) for (const h of held.splice(0)) take(h.row, h.hash);
      take(row, hash);
    }
    rowCount = addons ? addons.seen : rowCount + slice.length;
    differ.flush();
    if (total) input.onProgress?.(Math.min(1, rowCount / total));
    await yieldToLoop();
  }
  throwIfAborted(input.signal);
  addons?.finish();
  for (const { row } of held) problems.add({ code: 'footerRow', severity: 'warning', line: row.line, column: null, params: { text: RowReader.text(row) } });
  // Complete only now: a stream adds the problems it finds in the rows while they are read. A cell too long in a
  // column set to "Nicht übernehmen" is not taken, and blocks nothing: that is the way out the message points to.
  for (const p of table.problems) if (!(p.code === 'cellTooLong' && p.column !== null && input.mapping[p.column] === 'ignore')) problems.add(p);
  differ.finish(problems);
  warnPossibleDuplicates(db, input.sourceId, { ...differ.ops, changes: differ.changes }, problems);
  warnOverCapacity(db, differ.ops, differ.addedCancelled, problems);
  // Not one of the list's people in the file: another list's file (the speakers' on the main list's card), not an
  // older version of this one — said so, with the way out (a list of its own), instead of "ältere Fassung".
  if (differ.noneOfThisList && rowCount > 0) {
    problems.add({ code: 'noneOfThisList', severity: 'warning', line: null, column: null, params: { list: getSource(db, input.sourceId)?.label ?? '', count: differ.ops.cancels.length } });
  } else warnOlderFile(db, input.sourceId, { cancels: differ.ops.cancels, changes: differ.changes }, problems);
  return {
    rows: rowCount, existing: state.keys.length, counts: differ.counts, addedCancelled: differ.addedCancelled, problems, blocked: problems.errors > 0, changes: differ.changes,
    ops: differ.ops, fingerprint,
  };
}

/** The organiser's choices (line → registration id) as line → position in the keys; people of a list by now are left out. */
function chosenPositions(db: Db, state: SyncState, sameAs: ReadonlyMap<number, string>): Map<number, number> {
  const rowids = freeRowidsOf(db, [...sameAs.values()]);
  const wanted = new Set(rowids.values());
  const at = new Map<number, number>();
  const { rowids: all, length } = state.keys;
  for (let i = 0; i < length && at.size < wanted.size; i++) if (wanted.has(all[i]!)) at.set(all[i]!, i);
  const out = new Map<number, number>();
  for (const [line, id] of sameAs) {
    const index = at.get(rowids.get(id) ?? -1);
    if (index !== undefined) out.set(line, index);
  }
  return out;
}

/**
 * A station of a networked event gets its people from the hub, where the registration list is loaded: a list
 * loaded here as well would make the same people a second time, with other ids, and send them to the hub.
 */
export function refuseAtStation(db: Db): void {
  if (listComesFromHub(db)) throw new AppError('bad_request', { messageKey: 'sync.error.atStation' });
}

/**
 * After the event's personal data were deleted (Auswertung → Personendaten löschen), no list is loaded into it: a
 * list, above all one re-fetched every few minutes, would bring back the people just deleted.
 */
export function refuseAfterPurge(db: Db): void {
  if (personalDataPurgedAt(db)) throw new AppError('bad_request', { messageKey: 'sync.error.purged' });
}

/** Whether this file is a station of a networked event, whose registration list is the hub's. */
export function listComesFromHub(db: Db): boolean {
  return getSyncState(db).role === 'station';
}

function checkColumns(mapped: Set<string>, problems: ProblemList): void {
  const named = mapped.has('fullName') || mapped.has('lastName') || mapped.has('firstName');
  // Without ids or codes, people are known by e-mail and name (identityOf): said once, with what it means for a re-sync.
  // Not next to "no column is mapped as the name" (a sheet of figures, say): that is what to fix.
  if (!mapped.has('sourceId') && !mapped.has('code') && named) {
    problems.add({ code: mapped.has('email') ? 'keyByEmailAndName' : 'keyByName', severity: 'warning', line: null, column: null });
  }
  if (!named) problems.add({ code: 'noNameColumn', severity: 'error', line: null, column: null });
  // Last names without first names (or the other way round): a column of first names the mapping did not know
  // ("Name (Vorname)" of a form plugin) would leave badges and the desk with „Seidel“ alone.
  else if (!mapped.has('fullName') && mapped.has('firstName') !== mapped.has('lastName')) {
    problems.add({ code: 'oneNamePart', severity: 'warning', line: null, column: null, params: { context: mapped.has('lastName') ? 'noFirst' : 'noLast' } });
  }
}

/**
 * Columns the last sync of this list read as a field (or as days, sessions, walks) that this version of the file no
 * longer has — renamed in the export ("ID" now "Kennung"), or left out: said, as that field is no longer compared and
 * keeps what the list said last. Not when another column fills that field now ("E-Mail" now "Mail", recognised
 * by itself: mergeMapping); days, sessions and walks can come from several columns, so a gone one is always said.
 * A column kept as an extra field that is gone takes its field along (compareWithRow): said as well.
 */
function checkGoneColumns(db: Db, sourceId: string, headers: readonly string[], mapped: ReadonlySet<SyncField>, problems: ProblemList): void {
  const saved = getSource(db, sourceId);
  if (!saved) return;
  const have = new Set(headers);
  const named = NAME_TARGETS.some((f) => mapped.has(f));
  for (const [column, target] of Object.entries(JSON.parse(saved.mapping) as Mapping)) {
    if (target === 'ignore' || have.has(column)) continue;
    if (target === 'extra') {
      problems.add({ code: 'extraColumnGone', severity: 'warning', line: null, column: null, params: { column } });
      continue;
    }
    const filled = MULTI_VALUED.has(target) ? false : NAME_TARGETS.includes(target) ? named : mapped.has(target);
    // Without its status column everyone in the file counts as registered, those the column cancelled too: said so,
    // not that the old values stay (a walkthrough's older file re-registered someone under that hint).
    if (!filled) problems.add({ code: 'mappedColumnGone', severity: 'warning', line: null, column: null, params: target === 'status' ? { column, context: 'status' } : { column } });
  }
}

const NAME_TARGETS: readonly SyncField[] = ['fullName', 'firstName', 'lastName'];

export interface SyncState {
  keys: RegistrationKeys;
  /** Positions in `keys` by the source's id and by code. */
  bySourceId: PackedStringIndex;
  byCode: PackedStringIndex;
  /** Ids of people whose status was corrected locally (a disappearance does not cancel them). */
  localStatus: Set<string>;
  /** Rowids of people with any correction made in the app: their rows are always compared (locallyCorrectedRowids). */
  localRowids: Set<number>;
  lists: ListRef[];
  listById: Map<string, ListRef>;
  /** The event's sources by id, as they are called: said when a row's id is someone's of another list. */
  sourceLabels: Map<string, string>;
  /** Sources removed ("Liste entfernen"): loading such a list again as a new one is the way back, not a mistake. */
  removedSources: Set<string>;
}

function loadState(db: Db, sourceId: string): SyncState {
  const keys = registrationKeysForSync(db, sourceId);
  const lists: ListRef[] = listRefs(db);
  const sources = listSources(db, true);
  return {
    keys, bySourceId: new PackedStringIndex(keys.sourceIds), byCode: new PackedStringIndex(keys.codes), localStatus: localStatusIds(db),
    localRowids: locallyCorrectedRowids(db), lists, listById: new Map(lists.map((l) => [l.id, l])), sourceLabels: new Map(sources.map((src) => [src.id, src.label])),
    removedSources: new Set(sources.filter((src) => src.removedAt).map((src) => src.id)),
  };
}

/**
 * A page of the planned changes; added people come from the inserts, the rest from the change list. With `hits`
 * (searchChanges), a page of the changes the search found.
 */
export function changesOf(
  plan: SyncPlan, kind: PlannedChange['kind'] | undefined, offset: number, limit: number,
  lists: ReadonlyMap<string, { name: string; kind: string }> = new Map(), hits: ChangeHits | null = null,
): { total: number; items: PlannedChange[] } {
  const nAdded = hits ? hits.added.length : plan.ops.inserts.length;
  const added = (from: number, to: number) => addedChanges(plan, hits ? hits.added.slice(from, to) : range(from, to), lists);
  if (kind === 'added') return { total: nAdded, items: added(offset, Math.min(nAdded, offset + limit)) };
  const others = hits ? (kind ? hits[kind] : hits.changes).map((i) => plan.changes[i]!) : othersOf(plan, kind);
  if (kind) return { total: others.length, items: others.slice(offset, offset + limit) };
  const items: PlannedChange[] = others.slice(offset, offset + limit);
  const from = Math.max(0, offset - others.length);
  items.push(...added(from, Math.min(nAdded, from + limit - items.length)));
  return { total: others.length + nAdded, items };
}

function othersOf(plan: SyncPlan, kind: Exclude<PlannedChange['kind'], 'added'> | undefined): PlannedChange[] {
  // "Lokal beibehalten" counts everyone with a field kept as corrected in the app, also those with other changes.
  if (kind === 'keptLocal') return plan.changes.filter((c) => c.kind === 'keptLocal' || c.fields.some((f) => f.keptLocal));
  return kind ? plan.changes.filter((c) => c.kind === kind) : plan.changes;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/**
 * The people the plan adds, the inserts at these positions: with what tells the organiser who they are and what
 * they come to (organisation, town, days, sessions, walks); "Neu" alone said nothing of it.
 */
function addedChanges(plan: SyncPlan, positions: readonly number[], lists: ReadonlyMap<string, { name: string; kind: string }>): PlannedChange[] {
  // A page of other changes only: no pass over the assignments for nobody.
  if (positions.length === 0) return [];
  const page = positions.map((i) => plan.ops.inserts.get(i));
  // The sessions and walks of the people on this page, in one pass over the plan's assignments.
  const onPage = new Map(page.map((r) => [r.id, [] as string[]]));
  for (const [registrationId, listId] of plan.ops.assign) onPage.get(registrationId)?.push(listId);
  return page.map((r, k): PlannedChange => {
    const fields: FieldChange[] = [];
    const show = (field: ChangeField, value: string | null) => {
      if (value) fields.push({ field, before: null, after: value, keptLocal: false });
    };
    // A person new in the file but already cancelled there is added as cancelled: say so.
    if (r.status === 'cancelled') show('status', 'cancelled');
    show('organisation', r.organisation);
    show('town', r.town);
    show('days', (JSON.parse(r.days) as string[]).join(', '));
    for (const [field, listKind] of [['sessions', 'session'], ['walks', 'walk']] as const) {
      show(field, onPage.get(r.id)!.flatMap((id) => (lists.get(id)?.kind === listKind ? [lists.get(id)!.name] : [])).sort().join(', '));
    }
    return { kind: 'added', registrationId: r.id, line: plan.ops.insertLines[positions[k]!] ?? null, name: `${r.firstName} ${r.lastName}`.trim(), code: r.code, fields };
  });
}
