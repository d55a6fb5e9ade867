import type { Db } from '../../../db/open';
import { DEFER_SEARCH_INDEX_FROM, withSearchIndexDeferred } from '../../../db/queries/sync';
import { cancelAsOfRemovedList, compactSearchIndex, eraseRegistrations, hasEventRecords, isErased, withSecureDelete } from '../../../db/queries/erasure';
import { clearParked, parkRecord, parkedRecords } from '../../../db/queries/sync-conflicts';
import {
  deleteAssignment, deleteDay, deleteList, insertIfNew, renameStationRow, upsertAssignment, upsertRow, type Row,
} from '../../../db/queries/sync-records';
import { beginApplying, endApplying, NO_VERSION, observeHlc, sendPersonAgain, versionsOf, writeVersion, type Version } from '../../../db/queries/sync-state';
import { cached } from '../../../db/queries/statement-cache';
import type { IdGenerator } from '../ports';
import { compareStamps } from './hlc';
import { KIND_ORDER, wireRecord, type WireRecord } from './protocol';
import { correctionOverList, mergeRegistration } from './merge-registration';

export interface MergeOptions {
  /** The station these records came from; null when a station merges what its hub sent. */
  origin: string | null;
  /** The hub stamps records pushed to it with their arrival time (uploaded_at); everywhere else it travels as is. */
  isHub: boolean;
  receivedAt: string;
  ids: IdGenerator;
  /** Runs inside the merge's transaction (a station moves its pull cursor there, so both commit together). */
  after?: () => void;
}

export interface MergeOutcome {
  added: number;
  /** Rows that were here and took a newer version. */
  updated: number;
  duplicates: number;
  parked: number;
  /** What changed here, so the screens showing it can refresh. */
  lists: Set<string>;
  people: boolean;
  programme: boolean;
}

type Applied = 'added' | 'updated' | 'same';

export interface MergeContext extends MergeOptions {
  db: Db;
  outcome: MergeOutcome;
  /** People this batch brings check-ins, refused scans or walk changes of (they bring an erased person back). */
  recordedPeople: Set<string>;
  /** People to erase, all at once after the batch's other records (erasures come last). */
  toErase: string[];
  /** Erased people a station's check-in brought back, with the list they were erased with. */
  broughtBack: { id: string; syncSourceId: string | null }[];
  /** People this batch added (a new station's copy among them). */
  addedPeople: Set<string>;
  /**
   * People whose walks or sessions a correction and a list may both have written without seeing each other: a
   * correction new here, or a list's assignment new here for someone already here (see correctionOverList).
   */
  assignmentsToCheck: Set<string>;
}

export function recordKey(r: WireRecord): string {
  switch (r.kind) {
    case 'assignment':
      return `${r.registrationId}|${r.listId}`;
    case 'day':
    case 'list':
    case 'erasure':
      return r.id;
    default:
      return r.row.id;
  }
}

function maxHlc(records: readonly WireRecord[]): number {
  let max = 0;
  for (const r of records) {
    if ('v' in r) max = Math.max(max, r.v[0]);
    if (r.kind === 'registration') for (const v of Object.values(r.versions)) max = Math.max(max, v[0]);
  }
  return max;
}

const rank = (r: WireRecord) => KIND_ORDER.indexOf(r.kind) * 2 + (r.kind === 'check_in' && r.row.type === 'undo' ? 1 : 0);

/**
 * Merges records from another station in ONE transaction: idempotent by record id (a record that is here already
 * changes nothing), append-only records are inserted once, mutable rows take the newer version (hybrid logical
 * clock), registrations field by field with concurrent changes kept as conflicts. A record that cannot be placed
 * (it points to something this file does not have) is parked, not dropped, and tried again with every later merge.
 * Callers acknowledge a batch only after this has returned, i.e. after the commit.
 */
export function mergeRecords(db: Db, records: readonly WireRecord[], options: MergeOptions): MergeOutcome {
  const sorted = [...records].sort((a, b) => rank(a) - rank(b));
  // Usually every record fits: all in one go. Only when one does not are they applied one by one, each in a
  // savepoint, so the one that does not fit is parked and the others are kept.
  const merge = () => {
    try {
      return run(db, sorted, options, false);
    } catch (err) {
      if (!isConstraintError(err)) throw err;
      return run(db, sorted, options, true);
    }
  };
  // People erased at the hub leave no trace in this file either.
  return sorted.some((r) => r.kind === 'erasure') ? withSecureDelete(db, merge) : merge();
}

function run(db: Db, sorted: readonly WireRecord[], options: MergeOptions, oneByOne: boolean): MergeOutcome {
  const outcome: MergeOutcome = { added: 0, updated: 0, duplicates: 0, parked: 0, lists: new Set(), people: false, programme: false };
  const ctx: MergeContext = {
    ...options, db, outcome, recordedPeople: recordedPeople(sorted), toErase: [], broughtBack: [], addedPeople: new Set(), assignmentsToCheck: new Set(),
  };
  const merge = () => {
    for (const r of sorted) {
      const result = oneByOne ? guarded(ctx, r) : apply(ctx, r);
      if (result === 'added') outcome.added++;
      else if (result === 'updated') outcome.updated++;
      else if (result === 'same') outcome.duplicates++;
      else if (result === 'parked') outcome.parked++;
    }
  };
  // Many people at once (a list re-synced at the hub reaching a station): their search index in two passes.
  const people = sorted.reduce((n, r) => n + (r.kind === 'registration' ? 1 : 0), 0);
  return db.transaction(() => {
    beginApplying(db, options.origin);
    observeHlc(db, maxHlc(sorted));
    if (people >= DEFER_SEARCH_INDEX_FROM) withSearchIndexDeferred(db, merge);
    else merge();
    // Erased at the hub: deleted once the page's people and their search index are in step (the index is built
    // again, which must not happen while the deferred index still has entries to replay), before parked records
    // are placed again.
    if (ctx.toErase.length > 0 && eraseRegistrations(db, ctx.toErase, ctx.receivedAt) > 0) compactSearchIndex(db);
    if (sorted.length > 0) retryParked(ctx);
    endApplying(db);
    // Written as this station's own changes, so they travel on (also from a station: into its outbox).
    for (const id of ctx.assignmentsToCheck) correctionOverList(db, id, ctx.receivedAt);
    // At the hub, cancelled as at the removal (with a version of the hub's own, so the stations follow).
    if (options.isHub) for (const b of ctx.broughtBack) cancelAsOfRemovedList(db, b.id, b.syncSourceId);
    options.after?.();
    return outcome;
  }).immediate();
}

function recordedPeople(records: readonly WireRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    if ((r.kind === 'check_in' || r.kind === 'move' || r.kind === 'refused_scan') && r.row.registration_id) out.add(r.row.registration_id);
  }
  return out;
}

function guarded(ctx: MergeContext, r: WireRecord): Applied | 'parked' {
  try {
    return ctx.db.transaction(() => apply(ctx, r))();
  } catch (err) {
    if (!isConstraintError(err)) throw err;
    if (aboutErasedPerson(ctx.db, r)) return 'same';
    parkRecord(ctx.db, {
      kind: r.kind, key: recordKey(r), payload: JSON.stringify(r), registrationId: personOf(r), origin: ctx.origin,
      reason: constraintReason(err), receivedAt: ctx.receivedAt,
    });
    return 'parked';
  }
}

/** Records of what happened with a person at the event: they bring a person erased with their list back. */
const EVENT_RECORDS: ReadonlySet<WireRecord['kind']> = new Set(['check_in', 'refused_scan', 'move']);

/**
 * A record that cannot be placed because its person was erased here on purpose (with their registration list,
 * see eraseRegistrations) and that is no record of the event (a check-in, a refused scan, a walk change bring the
 * person back): a station's walk set or correction made offline for someone the organiser deleted. Dropped, not
 * parked: it could never be placed, and parked it stayed for ever as "Nicht zuzuordnende Datensätze … werden bei
 * jedem Abgleich erneut zugeordnet" (QA15 M3), which makes an organiser think data is missing.
 */
function aboutErasedPerson(db: Db, r: WireRecord): boolean {
  if (EVENT_RECORDS.has(r.kind)) return false;
  const id = personOf(r);
  return id !== null && isErased(db, id) && cached(db, 'SELECT 1 FROM registrations WHERE id = ?').get(id) === undefined;
}

function personOf(r: WireRecord): string | null {
  if (r.kind === 'assignment') return r.registrationId;
  if (r.kind === 'registration') return r.row.id;
  if (r.kind === 'erasure') return null;
  return r.row && 'registration_id' in r.row ? r.row.registration_id : null;
}

function isConstraintError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && String((err as Error & { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT');
}

function constraintReason(err: Error & { code: string }): string {
  if (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'missing_reference';
  if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') return 'duplicate_value';
  return 'invalid';
}

/** Records parked earlier may fit now that more has arrived (a person, a list). */
function retryParked(ctx: MergeContext): void {
  for (const p of parkedRecords(ctx.db, 200)) {
    const parsed = wireRecord.safeParse(JSON.parse(p.payload));
    if (!parsed.success) continue;
    // Parked before this file knew the person was erased on purpose (or by a version that kept such records).
    if (aboutErasedPerson(ctx.db, parsed.data)) {
      clearParked(ctx.db, p.kind, p.key);
      continue;
    }
    try {
      ctx.db.transaction(() => {
        apply({ ...ctx, origin: p.origin }, parsed.data);
        clearParked(ctx.db, p.kind, p.key);
      })();
    } catch (err) {
      if (!isConstraintError(err)) throw err;
    }
  }
}

const versionOf = (v: [number, string]): Version => ({ hlc: v[0], stationId: v[1], base: 0 });

function localVersion(db: Db, kind: string, key: string): Version {
  return versionsOf(db, kind, [key]).get(key)?.get('*') ?? NO_VERSION;
}

/**
 * Last writer wins for a whole row: applies `write` when the incoming version is newer than the one here, or when
 * the row is simply unknown here (never written, so no version) and arrives with content.
 */
function newer(ctx: MergeContext, kind: string, key: string, v: [number, string], write: () => void, unknownHere: boolean): Applied {
  const incoming = versionOf(v);
  const here = localVersion(ctx.db, kind, key);
  const cmp = compareStamps(incoming, here);
  if (cmp < 0 || (cmp === 0 && !unknownHere)) return 'same';
  write();
  writeVersion(ctx.db, kind, key, '*', incoming);
  return unknownHere ? 'added' : 'updated';
}

const missing = (db: Db, table: 'days' | 'check_in_lists', id: string) => db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) === undefined;

function apply(ctx: MergeContext, r: WireRecord): Applied {
  const { db, outcome } = ctx;
  switch (r.kind) {
    case 'check_in': {
      const row: Row = ctx.isHub && ctx.origin ? { ...r.row, uploaded_at: ctx.receivedAt } : r.row;
      const added = insertIfNew(db, 'check_ins', row);
      if (added) outcome.lists.add(r.row.list_id);
      return added ? 'added' : 'same';
    }
    case 'refused_scan':
      return insertIfNew(db, 'refused_scans', r.row) ? 'added' : 'same';
    case 'move':
      return insertIfNew(db, 'assignment_moves', r.row) ? 'added' : 'same';
    case 'station':
      if (insertIfNew(db, 'stations', r.row)) {
        writeVersion(db, 'station', r.row.id, '*', versionOf(r.v));
        return 'added';
      }
      return newer(ctx, 'station', r.row.id, r.v, () => renameStationRow(db, r.row.id, r.row.name), false);
    case 'event': {
      const here = db.prepare('SELECT id FROM event').get() as { id: string } | undefined;
      // One event per file: a record of another event is refused (and parked), never added beside it.
      if (here && here.id !== r.row.id) throw Object.assign(new Error('record of another event'), { code: 'SQLITE_CONSTRAINT_CHECK' });
      return newer(ctx, 'event', r.row.id, r.v, () => upsertRow(db, 'event', r.row), !here);
    }
    case 'day':
      return programme(ctx, newer(ctx, 'day', r.id, r.v, () => (r.row ? upsertRow(db, 'days', r.row) : deleteDay(db, r.id)), r.row !== null && missing(db, 'days', r.id)));
    case 'list':
      return programme(ctx, newer(ctx, 'list', r.id, r.v, () => (r.row ? upsertRow(db, 'check_in_lists', r.row) : deleteList(db, r.id)), r.row !== null && missing(db, 'check_in_lists', r.id)));
    case 'assignment': {
      const key = `${r.registrationId}|${r.listId}`;
      const unknown = r.row !== null && db.prepare('SELECT 1 FROM assignments WHERE registration_id = ? AND list_id = ?').get(r.registrationId, r.listId) === undefined;
      if (unknown && r.row?.origin === 'registration' && !ctx.addedPeople.has(r.registrationId)) ctx.assignmentsToCheck.add(r.registrationId);
      const result = newer(ctx, 'assignment', key, r.v, () =>
        r.row
          ? upsertAssignment(db, { registrationId: r.registrationId, listId: r.listId, origin: r.row.origin, createdAt: r.row.created_at })
          : deleteAssignment(db, r.registrationId, r.listId),
      unknown);
      if (result !== 'same') outcome.programme = true;
      return result;
    }
    case 'registration': {
      const result = mergeRegistration(ctx, r);
      if (result === 'added') ctx.addedPeople.add(r.row.id);
      if (result !== 'same') outcome.people = true;
      return result;
    }
    case 'erasure':
      return mergeErasure(ctx, r.id);
  }
}

/**
 * The organiser erased this person with their registration list (at the hub). Deleted here too, with all that
 * hangs on them, unless something was recorded with them here (a check-in the hub has not had yet): then the
 * person stays and is sent back, and brings the check-in along, because attendance is the event's record.
 */
function mergeErasure(ctx: MergeContext, id: string): Applied {
  const { db } = ctx;
  if (isErased(db, id)) return 'same';
  if (hasEventRecords(db, id)) {
    sendPersonAgain(db, id);
    return 'same';
  }
  // Known erased from now on, whether the person is here or not (a station may still send them).
  ctx.toErase.push(id);
  if (cached(db, 'SELECT 1 FROM registrations WHERE id = ?').get(id) === undefined) return 'same';
  ctx.outcome.people = true;
  return 'updated';
}

function programme(ctx: MergeContext, result: Applied): Applied {
  if (result !== 'same') ctx.outcome.programme = true;
  return result;
}
