import {
  KEY_CANCELLED, KEY_ON_SITE, KEY_THIS_SOURCE, UPDATE_FIELDS,
  type ExistingRegistration, type SyncedRegistration, type registrationNamesByRowids, type registrationsForSyncByRowids,
} from '../../../db/queries/sync';
import type { IdGenerator } from '../ports';
import { newRegistrationCode } from '../registrations/walk-in';
import type { ChangeField, PersonField } from './fields';
import type { ColumnPlan, Incoming, ProblemSink } from './incoming';
import type { FieldChange, PlannedChange, PlanOps, SyncCounts, SyncState } from './plan';
import { PackedRegistrations } from './packed-rows';
import type { SyncProblemCode } from './problems';
import { idOfOtherPerson, pairWithUnmatched, Replacements, fullName, shareAnything, WalkIns } from './same-person';
import { SearchTextCache } from './search-text';

type Scalar = Exclude<PersonField, 'days' | 'status' | 'code'>;
const SCALARS: readonly Scalar[] = ['firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector', 'role', 'notes'];
const NAME_FIELDS = new Set(['firstName', 'lastName', 'fullName']);
/** How an unchanged row claimed its person's keys (see takeUnchanged). */
const BY_ID = 1;
const BY_ID_WITH_CODE = 2;
const BY_CODE = 3;
type Details = ReturnType<typeof registrationsForSyncByRowids>;
type Names = ReturnType<typeof registrationNamesByRowids>;

/**
 * Compares the rows of a source with the people in the event file and collects what applying would write.
 * Re-sync rules: upsert by the source's id (or the code when there is none); fields corrected in the app win;
 * people of this source who are gone or marked cancelled become cancelled, never deleted; walk-ins and people of
 * other sources are not touched; check-ins are never read or written here.
 *
 * A row whose hash equals the one stored at the last sync is unchanged without reading the person's fields; the
 * others are compared field by field, their details loaded once per slice of rows (`flush`).
 */
export class Differ {
  readonly counts: SyncCounts = { added: 0, updated: 0, cancelled: 0, unchanged: 0, keptLocal: 0 };
  readonly changes: PlannedChange[] = [];
  readonly ops: PlanOps = { inserts: new PackedRegistrations(), insertLines: [], updates: [], rehash: [], cancels: [], assign: [], unassign: [] };
  /**
   * The keys claimed by rows read in full: the source's id or (for a row without one) the code → the row's line,
   * and each code → the line of the row it belongs to. Unchanged rows claim theirs in `unchanged` instead.
   */
  private readonly idKeys = new Map<string, number>();
  private readonly codeKeys = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  /**
   * At a person's position: how an unchanged row claimed the person's own id and code (BY_ID, BY_ID_WITH_CODE,
   * BY_CODE; 0 for none), and the line of the row that matched the person (unchanged or not). Two typed arrays
   * instead of three map entries per row.
   */
  private readonly unchanged: Uint8Array;
  private readonly matchedLine: Int32Array;
  /** Rows that claimed keys in `unchanged` (none in a first import: the lookups there are skipped). */
  private unchangedClaims = 0;
  private readonly search = new SearchTextCache();
  /** 1 at a person's position in the keys once a row of the source matched them: cheaper than a set of ids. */
  private readonly matched: Uint8Array;
  /** Rows matched to the person at `index` that may have changed, compared at the next flush. */
  private pending: { index: number; inc: Incoming; hash: number; problems: ProblemSink }[] = [];
  /**
   * A list without ids or codes knows people by e-mail and name (identityOf): a row of someone new there may be a
   * person of the list whose name was corrected. Held until the end, when it is paired with such a person.
   */
  private readonly byIdentity: boolean;
  private heldNew: { inc: Incoming; hash: number; problems: ProblemSink }[] = [];
  private readonly replacements = new Replacements();
  private readonly walkIns: WalkIns;

  constructor(
    private readonly state: SyncState,
    private readonly sourceId: string,
    private readonly cols: ColumnPlan,
    private readonly ids: IdGenerator,
    private readonly load: (rowids: number[]) => Details,
    private readonly loadNames: (rowids: number[]) => Names,
  ) {
    this.matched = new Uint8Array(state.keys.length);
    this.unchanged = new Uint8Array(state.keys.length);
    this.matchedLine = new Int32Array(state.keys.length);
    this.byIdentity = cols.byIdentity && state.keys.flags.some((f) => (f & KEY_THIS_SOURCE) !== 0);
    this.walkIns = new WalkIns(() => {
      const { flags, rowids, sourceIds, length } = state.keys;
      const onSite: number[] = [];
      for (let i = 0; i < length; i++) if ((flags[i]! & KEY_ON_SITE) !== 0 && sourceIds.isNull(i)) onSite.push(i);
      const people = onSite.length > 0 ? loadNames(onSite.map((i) => rowids[i]!)) : new Map();
      // Not yet taken by a list (this one or another).
      return onSite.flatMap((index) => {
        const person = people.get(rowids[index]!);
        return person && person.syncSourceId === null ? [{ index, person }] : [];
      });
    });
  }

  /** A new row: a walk-in of that name becomes this row's person (updated, check-ins kept, said), else someone new. */
  private addOrAdopt(h: { inc: Incoming; hash: number; problems: ProblemSink }): void {
    const index = this.walkIns.find(h.inc, (i) => this.matched[i] === 1);
    if (index === undefined) return this.insert(h.inc, h.hash);
    this.matched[index] = 1;
    this.matchedLine[index] = h.inc.line;
    this.pending.push({ index, inc: h.inc, hash: h.hash, problems: h.problems });
    h.problems.add({ code: 'walkInTaken', severity: 'warning', line: h.inc.line, column: null, params: { name: fullName(h.inc) } });
  }

  private header(field: string): string | null {
    const i = this.cols.single[field as keyof ColumnPlan['single']];
    return i === undefined ? null : (this.cols.headers[i] ?? null);
  }

  /** `hash` fingerprints the row as read (see RowHasher). */
  take(inc: Incoming, hash: number, problems: ProblemSink): void {
    const existing = this.match(inc);
    // Matched by an earlier row already (one with the person's code, this one with their id, or the other way round)?
    const earlier = existing >= 0 && this.matched[existing] === 1 ? this.matchedLine[existing]! : undefined;
    if (existing >= 0 && earlier === undefined) {
      this.matched[existing] = 1;
      this.matchedLine[existing] = inc.line;
    }
    if (!this.valid(inc, existing, problems, earlier)) return;
    if (existing < 0 && this.byIdentity) return void this.heldNew.push({ inc, hash, problems });
    if (existing < 0) return this.addOrAdopt({ inc, hash, problems });
    if (this.sameAsLastSync(existing, hash, inc)) this.counts.unchanged++;
    else this.pending.push({ index: existing, inc, hash, problems });
  }

  /** Whether a row with this id or code would be about someone: a person in the file, or an earlier row's. */
  knows(key: { sourceId: string | null; code: string | null }): boolean {
    if (this.match(key) >= 0) return true;
    const { sourceId, code } = key;
    return (sourceId !== null && this.claimedKey(true, sourceId) !== undefined)
      || (code !== null && (this.claimedKey(false, code) !== undefined || this.claimedCode(code) !== undefined));
  }

  /** The person at `index` was last written by this source from a row with this fingerprint and status. */
  private sameAsLastSync(index: number, hash: number, key: { sourceId: string | null; status: string | null }): boolean {
    const { syncHashes, flags, sourceIds } = this.state.keys;
    const f = flags[index]!;
    return syncHashes[index] === hash && (f & KEY_THIS_SOURCE) !== 0 && ((f & KEY_CANCELLED) !== 0 ? 'cancelled' : 'registered') === key.status
      && (key.sourceId === null || sourceIds.equals(index, key.sourceId));
  }

  /**
   * A row whose fingerprint, source and status equal what was stored at the last sync: unchanged, recorded as seen
   * (so it is not cancelled, and a duplicate of it later in the file is still found). False when it must be read.
   */
  takeUnchanged(key: { sourceId: string | null; code: string | null; status: string | null }, hash: number, line: number): boolean {
    const existing = this.match(key);
    if (existing < 0 || this.matched[existing] === 1 || !this.sameAsLastSync(existing, hash, key)) return false;
    // The row claims the person's own id and code, nothing else (anything else is read in full).
    if (key.code !== null && !this.state.keys.codes.equals(existing, key.code)) return false;
    // Claimed by a row read in full? (One claimed by an unchanged row would be this person's: matched above.)
    const keys = key.sourceId !== null ? this.idKeys : this.codeKeys;
    if (keys.has(key.sourceId ?? key.code!) || (key.code !== null && this.codes.has(key.code))) return false;
    this.unchanged[existing] = key.sourceId === null ? BY_CODE : key.code === null ? BY_ID : BY_ID_WITH_CODE;
    this.matchedLine[existing] = line;
    this.unchangedClaims++;
    this.matched[existing] = 1;
    this.counts.unchanged++;
    return true;
  }

  /** Compares the rows of this slice that may have changed, with their details loaded in one go. */
  flush(): void {
    if (this.pending.length === 0) return;
    const { rowids } = this.state.keys;
    const details = this.load(this.pending.map((p) => rowids[p.index]!));
    const regs = new Map(details.regs.map((r) => [r.rowid, r]));
    const assigned = new Map<string, Map<string, 'registration' | 'local'>>();
    for (const a of details.assignments) {
      if (!assigned.has(a.registrationId)) assigned.set(a.registrationId, new Map());
      assigned.get(a.registrationId)!.set(a.listId, a.origin);
    }
    const local = new Map<string, Set<string>>();
    for (const f of details.local) {
      if (!local.has(f.registrationId)) local.set(f.registrationId, new Set());
      local.get(f.registrationId)!.add(f.field);
    }
    for (const p of this.pending) {
      const reg = regs.get(rowids[p.index]!)!;
      const other = idOfOtherPerson(reg, p.inc, this.sourceId, this.state.sourceLabels);
      if (other) {
        p.problems.add({ ...other, column: this.header('sourceId') });
        continue;
      }
      if (reg.syncSourceId === this.sourceId && !shareAnything(reg, p.inc)) {
        this.replacements.note(p.inc.line, reg, p.inc, p.inc.sourceId ?? p.inc.code ?? '');
      }
      this.update(reg, p.inc, p.hash, assigned.get(reg.id) ?? new Map(), local.get(reg.id));
    }
    this.pending = [];
  }

  /** Whether the row found the person at `existing` by the source's id (otherwise by code). */
  private matchedById(inc: { sourceId: string | null }, existing: number): boolean {
    return inc.sourceId !== null && this.state.bySourceId.get(inc.sourceId) === existing;
  }

  /** The position of the person a row is about in the keys, -1 for none. */
  private match(inc: { sourceId: string | null; code: string | null }): number {
    const { bySourceId, byCode, keys } = this.state;
    if (inc.sourceId !== null) {
      const byId = bySourceId.get(inc.sourceId);
      if (byId !== undefined) return byId;
      const sameCode = inc.code !== null ? byCode.get(inc.code) : undefined;
      return sameCode !== undefined && keys.sourceIds.isNull(sameCode) ? sameCode : -1;
    }
    return inc.code !== null ? (byCode.get(inc.code) ?? -1) : -1;
  }

  /** `earlier`: the line of an earlier row of the list that matched the same person. */
  private valid(inc: Incoming, existing: number, problems: ProblemSink, earlier: number | undefined): boolean {
    let ok = true;
    const fail = (code: SyncProblemCode, column: string | null, params?: Record<string, string | number>) => {
      problems.add({ code, severity: 'error', line: inc.line, column, params });
      ok = false;
    };
    if (!inc.firstName && !inc.lastName) fail('missingName', this.header('lastName') ?? this.header('fullName') ?? this.header('firstName'));
    const byId = inc.sourceId !== null;
    const key = inc.sourceId ?? inc.code;
    const keys = byId ? this.idKeys : this.codeKeys;
    // The earlier row this one repeats (its key, or another key of the same person): that is said, not its code too.
    let repeated: number | undefined;
    if (key === null) fail('missingKey', this.header('sourceId') ?? this.header('code'));
    else {
      const first = this.claimedKey(byId, key);
      repeated = first ?? earlier;
      if (first !== undefined) fail('duplicateKey', byId ? this.header('sourceId') : this.header('code'), { value: key.slice(0, 80), first });
      else {
        keys.set(key, inc.line);
        // Another key of this row's person was in an earlier row: both rows would write the same person.
        if (earlier !== undefined) fail('samePerson', this.header(this.matchedById(inc, existing) ? 'sourceId' : 'code'), { first: earlier });
      }
    }
    if (inc.code !== null && key !== null) {
      // A code is a person's QR code: two rows (or a row and someone else in the file) must not share one.
      const claimed = this.claimedCode(inc.code);
      const owner = this.state.byCode.get(inc.code);
      if (claimed !== undefined && claimed !== repeated) {
        fail('duplicateCodeInList', this.header('code'), { value: inc.code.slice(0, 80), first: claimed });
      } else if (owner !== undefined && owner !== existing) fail('duplicateCode', this.header('code'), { value: inc.code.slice(0, 80) });
      else if (claimed === undefined) this.codes.set(inc.code, inc.line);
    }
    return ok;
  }

  /** The line of the row that claimed this key (the source's id, or the code of a row without one), if any. */
  private claimedKey(byId: boolean, key: string): number | undefined {
    const line = (byId ? this.idKeys : this.codeKeys).get(key);
    if (line !== undefined || this.unchangedClaims === 0) return line;
    const i = (byId ? this.state.bySourceId : this.state.byCode).get(key);
    if (i === undefined) return undefined;
    const how = this.unchanged[i];
    return (byId ? how === BY_ID || how === BY_ID_WITH_CODE : how === BY_CODE) ? this.matchedLine[i] : undefined;
  }

  /** The line of the row that claimed this code, if any. */
  private claimedCode(code: string): number | undefined {
    const line = this.codes.get(code);
    if (line !== undefined || this.unchangedClaims === 0) return line;
    const i = this.state.byCode.get(code);
    if (i === undefined) return undefined;
    const how = this.unchanged[i];
    return how === BY_ID_WITH_CODE || how === BY_CODE ? this.matchedLine[i] : undefined;
  }

  private insert(inc: Incoming, hash: number): void {
    // A code from the list was claimed in `valid` (for the row's key); one made here is claimed for it now.
    const code = inc.code ?? newRegistrationCode((c) => this.state.byCode.has(c) || this.codes.has(c));
    if (inc.code === null) this.codes.set(code, inc.line);
    const id = this.ids.next();
    const row: SyncedRegistration = {
      id, sourceId: inc.sourceId, syncSourceId: this.sourceId, code,
      firstName: inc.firstName, lastName: inc.lastName, email: inc.email, organisation: inc.organisation, town: inc.town,
      federalState: inc.federalState, sector: inc.sector, role: inc.role, notes: inc.notes, status: inc.status,
      days: JSON.stringify(inc.days), extra: JSON.stringify(inc.extra), searchText: '', syncHash: String(hash),
    };
    row.searchText = this.search.of([row.firstName, row.lastName, row.organisation, row.town, row.code]);
    this.ops.inserts.push(row);
    for (const listId of inc.sessionIds) this.ops.assign.push([id, listId]);
    for (const listId of inc.walkIds) this.ops.assign.push([id, listId]);
    this.counts.added++;
    // Added people are listed from ops.inserts when asked for (see changesOf): no second object per new person.
    this.ops.insertLines.push(inc.line);
  }

  private update(reg: ExistingRegistration, inc: Incoming, hash: number, current: Map<string, 'registration' | 'local'>, local: Set<string> | undefined): void {
    const merged: SyncedRegistration = {
      id: reg.id, sourceId: inc.sourceId ?? reg.sourceId, syncSourceId: this.sourceId, code: reg.code, firstName: reg.firstName,
      lastName: reg.lastName, email: reg.email, organisation: reg.organisation, town: reg.town, federalState: reg.federalState,
      sector: reg.sector, role: reg.role, notes: reg.notes, status: reg.status, days: reg.days, extra: reg.extra, searchText: '',
      syncHash: String(hash),
    };
    const fields: FieldChange[] = [];
    const set = (field: ChangeField, before: string | null, after: string | null, write: () => void) => {
      if (before === after) return;
      const keptLocal = local?.has(field.startsWith('extra:') ? 'extra' : field) === true;
      fields.push({ field, before, after, keptLocal });
      if (!keptLocal) write();
    };
    const mapped = this.cols.mapped;
    const names = [...NAME_FIELDS].some((f) => mapped.has(f as never));
    for (const f of SCALARS) {
      if (NAME_FIELDS.has(f) ? !names : !mapped.has(f)) continue;
      set(f, reg[f], inc[f], () => (merged[f] = inc[f] as never));
    }
    if (inc.code !== null) set('code', reg.code, inc.code, () => (merged.code = inc.code!));
    set('status', reg.status, inc.status, () => (merged.status = inc.status));
    if (mapped.has('days')) {
      set('days', (JSON.parse(reg.days) as string[]).join(', ') || null, inc.days.join(', ') || null, () => (merged.days = JSON.stringify(inc.days)));
    }
    const extra = JSON.parse(reg.extra) as Record<string, string>;
    for (const [k, v] of Object.entries(inc.extra)) set(`extra:${k}`, extra[k] ?? null, v, () => (extra[k] = v));
    merged.extra = JSON.stringify(extra);
    this.assignments(reg.id, inc, current, local, fields);
    const written = fields.some((f) => !f.keptLocal);
    if (written) {
      merged.searchText = this.search.of([merged.firstName, merged.lastName, merged.organisation, merged.town, merged.code]);
      this.ops.updates.push({ row: merged, fields: UPDATE_FIELDS.filter((f) => merged[f] !== reg[f]) });
    } else {
      const keysChange = merged.sourceId !== reg.sourceId || merged.syncSourceId !== reg.syncSourceId;
      this.ops.rehash.push({ id: reg.id, syncHash: merged.syncHash, syncSourceId: this.sourceId, sourceId: merged.sourceId, keysChange });
    }
    if (fields.some((f) => f.keptLocal)) this.counts.keptLocal++;
    const cancelled = reg.status === 'registered' && merged.status === 'cancelled';
    const kind = cancelled ? 'cancelled' : written ? 'updated' : fields.length > 0 ? 'keptLocal' : null;
    if (kind === 'cancelled') this.counts.cancelled++;
    else if (kind === 'updated') this.counts.updated++;
    else this.counts.unchanged++;
    if (kind) this.changes.push({ kind, registrationId: reg.id, line: inc.line, name: fullName(merged), code: merged.code, fields });
  }

  private assignments(regId: string, inc: Incoming, current: Map<string, 'registration' | 'local'>, local: Set<string> | undefined, fields: FieldChange[]): void {
    for (const kind of ['sessions', 'walks'] as const) {
      if (!this.cols.mapped.has(kind)) continue;
      const listKind = kind === 'sessions' ? 'session' : 'walk';
      const wanted = new Set(kind === 'sessions' ? inc.sessionIds : inc.walkIds);
      const ofKind = [...current].filter(([id]) => this.state.listById.get(id)?.kind === listKind);
      const add = [...wanted].filter((id) => !current.has(id));
      const remove = ofKind.filter(([id, origin]) => origin === 'registration' && !wanted.has(id)).map(([id]) => id);
      if (add.length === 0 && remove.length === 0) continue;
      const before = ofKind.map(([id]) => id);
      const after = [...before.filter((id) => !remove.includes(id)), ...add];
      const keptLocal = local?.has(kind) === true;
      fields.push({ field: kind, before: this.names(before), after: this.names(after), keptLocal });
      if (keptLocal) continue;
      for (const id of add) this.ops.assign.push([regId, id]);
      for (const id of remove) this.ops.unassign.push([regId, id]);
    }
  }

  /**
   * New rows of a list known by e-mail and name, paired with the people of the list no row matched (see
   * pairWithUnmatched): updated, keeping code and check-ins, instead of added and cancelled.
   */
  private pairRenamed(): void {
    if (this.heldNew.length === 0) return;
    const { flags, rowids, length } = this.state.keys;
    const unmatched: number[] = [];
    for (let i = 0; i < length; i++) {
      if ((flags[i]! & (KEY_THIS_SOURCE | KEY_CANCELLED | KEY_ON_SITE)) === KEY_THIS_SOURCE && this.matched[i] !== 1) unmatched.push(i);
    }
    const people = this.loadNames(unmatched.map((i) => rowids[i]!));
    const { pairs, rest } = pairWithUnmatched(this.heldNew, unmatched.map((i) => ({ index: i, person: people.get(rowids[i]!) })));
    for (const [h, index] of pairs) {
      this.matched[index] = 1;
      this.matchedLine[index] = h.inc.line;
      this.pending.push({ index, inc: h.inc, hash: h.hash, problems: h.problems });
    }
    for (const h of rest) this.addOrAdopt(h);
    this.heldNew = [];
  }

  private names(ids: string[]): string | null {
    return ids.map((id) => this.state.listById.get(id)?.name ?? id).sort().join(', ') || null;
  }

  /** People of this source that the source no longer lists become cancelled (unless cancelled or kept locally). */
  finish(problems: ProblemSink): void {
    this.pairRenamed();
    this.flush();
    const known = this.counts.updated + this.counts.unchanged + this.counts.keptLocal + this.counts.cancelled;
    const numbered = !this.cols.byIdentity && this.cols.single.code === undefined;
    this.replacements.report(known, numbered, this.header('sourceId') ?? this.header('code'), problems);
    const { flags, rowids, length } = this.state.keys;
    const gone: number[] = [];
    let registered = 0;
    for (let i = 0; i < length; i++) {
      // Of this source, registered, not a walk-in, and no row matched them.
      if ((flags[i]! & (KEY_THIS_SOURCE | KEY_CANCELLED | KEY_ON_SITE)) !== KEY_THIS_SOURCE) continue;
      registered++;
      if (this.matched[i] !== 1) gone.push(rowids[i]!);
    }
    if (gone.length === 0) return;
    warnMostGone(gone.length, registered, problems);
    const people = this.loadNames(gone);
    for (const rowid of gone) {
      const reg = people.get(rowid)!;
      const name = fullName(reg);
      const keptLocal = this.state.localStatus.has(reg.id);
      const fields: FieldChange[] = [{ field: 'status', before: 'registered', after: 'cancelled', keptLocal }];
      if (keptLocal) {
        this.counts.keptLocal++;
        this.changes.push({ kind: 'keptLocal', registrationId: reg.id, line: null, name, code: reg.code, fields });
        continue;
      }
      this.ops.cancels.push(reg.id);
      this.counts.cancelled++;
      this.changes.push({ kind: 'cancelled', registrationId: reg.id, line: null, name, code: reg.code, fields });
    }
  }
}

/** From how many people gone at once a re-sync asks whether the file is the whole list. */
const MOST_GONE_MIN = 10;

/**
 * Half or more of a list's people missing from its new version is rarely half of them cancelling: it is the wrong
 * file, or an export of part of the list (a filter, one page, one day's check-in list). Said once, before anyone
 * is cancelled; a URL source then waits for review anyway (it cancels people).
 */
function warnMostGone(gone: number, registered: number, problems: ProblemSink): void {
  if (gone >= MOST_GONE_MIN && gone * 2 >= registered) {
    problems.add({ code: 'mostGone', severity: 'warning', line: null, column: null, params: { count: gone, of: registered } });
  }
}
