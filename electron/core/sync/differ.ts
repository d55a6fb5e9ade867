import {
  KEY_CANCELLED, KEY_ON_SITE, KEY_THIS_SOURCE, UPDATE_FIELDS,
  type ExistingRegistration, type SyncedRegistration, type registrationNamesByRowids, type registrationsForSyncByRowids,
} from '../../../db/queries/sync';
import type { IdGenerator } from '../ports';
import { newRegistrationCode } from '../registrations/walk-in';
import { compareWithRow, type PersonNow } from './field-changes';
import { KeyClaims } from './key-claims';
import { LostLetters, questionMarkInName } from './lost-letters';
import { LostZeros } from './lost-zeros';
import { OtherLists } from './other-lists';
import type { ColumnPlan, Incoming, ProblemSink } from './incoming';
import type { FieldChange, PlannedChange, PlanOps, SyncCounts, SyncState } from './plan';
import { PackedRegistrations } from './packed-rows';
import type { SyncProblemCode } from './problems';
import { idOfOtherPerson, pairWithUnmatched, Replacements, fullName, shareAnything, WalkIns } from './same-person';
import { SearchTextCache } from './search-text';

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
  /** Of the added, those the list has as cancelled already (they count as new, not as cancelled by this sync). */
  addedCancelled = 0;
  /** The list has registered people and not one row of the file is one of them: most likely another list's file. */
  noneOfThisList = false;
  readonly changes: PlannedChange[] = [];
  readonly ops: PlanOps = { inserts: new PackedRegistrations(), insertLines: [], updates: [], rehash: [], cancels: [], assign: [], unassign: [], listValues: [] };
  private readonly claims: KeyClaims;
  private readonly zeros: LostZeros;
  private readonly letters = new LostLetters();
  private readonly search = new SearchTextCache();
  /** Rows matched to the person at `index` that may have changed, compared at the next flush. */
  private pending: { index: number; inc: Incoming; hash: number; problems: ProblemSink }[] = [];
  /**
   * A list without ids or codes knows people by e-mail and name (identityOf): a row of someone new there may be a
   * person of the list whose name was corrected. Held until the end, when it is paired with such a person.
   */
  private readonly byIdentity: boolean;
  private heldNew: { inc: Incoming; hash: number; problems: ProblemSink }[] = [];
  private readonly replacements = new Replacements();
  private readonly otherLists = new OtherLists();
  private readonly walkIns: WalkIns;
  /** The organiser's choices on an earlier dry run: line of a new row → position of the person of no list it is. */
  private chosen = new Map<number, number>();

  constructor(
    private readonly state: SyncState,
    private readonly sourceId: string,
    private readonly cols: ColumnPlan,
    private readonly ids: IdGenerator,
    private readonly load: (rowids: number[]) => Details,
    private readonly loadNames: (rowids: number[]) => Names,
  ) {
    this.claims = new KeyClaims(state);
    this.zeros = new LostZeros(state);
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

  /** See PlanInput.sameAs: line → position in the keys. */
  choose(chosen: Map<number, number>): void {
    this.chosen = chosen;
  }

  /**
   * A new row: the person of no list the organiser chose for it, or a walk-in of that name, becomes this row's
   * person (updated, check-ins kept, said); else someone new.
   */
  private addOrAdopt(h: { inc: Incoming; hash: number; problems: ProblemSink }): void {
    const chosen = this.chosen.get(h.inc.line);
    // Of no list (checked when the choice was read, see chosenPositions) and not matched by another row.
    const free = chosen !== undefined && !this.claims.isMatched(chosen);
    const index = free ? chosen : this.walkIns.find(h.inc, (i) => this.claims.isMatched(i));
    if (index === undefined) return this.insert(h.inc, h.hash);
    this.claims.see(index, h.inc.line);
    this.pending.push({ index, inc: h.inc, hash: h.hash, problems: h.problems });
    h.problems.add({ code: free ? 'chosenSamePerson' : 'walkInTaken', severity: 'warning', line: h.inc.line, column: null, params: { name: fullName(h.inc) } });
  }

  private header(field: string): string | null {
    const i = this.cols.single[field as keyof ColumnPlan['single']];
    return i === undefined ? null : (this.cols.headers[i] ?? null);
  }

  /** `hash` fingerprints the row as read (see RowHasher). */
  take(row: Incoming, hash: number, problems: ProblemSink): void {
    // An id or code that lost its leading zeros in Excel is its person's, with the zeros (see LostZeros).
    const { inc, index: existing } = this.zeros.restore(row, this.claims.match(row));
    // Matched by an earlier row already (one with the person's code, this one with their id, or the other way round)?
    const earlier = existing >= 0 ? this.claims.lineOf(existing) : undefined;
    if (existing >= 0 && earlier === undefined) this.claims.see(existing, inc.line);
    if (!this.valid(inc, existing, problems, earlier)) return;
    if (existing < 0 && this.byIdentity) return void this.heldNew.push({ inc, hash, problems });
    if (existing < 0) return this.addOrAdopt({ inc, hash, problems });
    if (this.sameAsLastSync(existing, hash, inc)) this.counts.unchanged++;
    else this.pending.push({ index: existing, inc, hash, problems });
  }

  /** Whether a row with this id or code would be about someone: a person in the file, or an earlier row's. */
  knows(key: { sourceId: string | null; code: string | null }): boolean {
    return this.claims.knows(key);
  }

  /** The person at `index` was last written by this source from a row with this fingerprint and status. */
  private sameAsLastSync(index: number, hash: number, key: { sourceId: string | null; status: string | null }): boolean {
    const { syncHashes, flags, sourceIds, rowids } = this.state.keys;
    const f = flags[index]!;
    return syncHashes[index] === hash && (f & KEY_THIS_SOURCE) !== 0 && ((f & KEY_CANCELLED) !== 0 ? 'cancelled' : 'registered') === key.status
      && (key.sourceId === null || sourceIds.equals(index, key.sourceId)) && !this.state.localRowids.has(rowids[index]!);
  }

  /**
   * A row whose fingerprint, source and status equal what was stored at the last sync: unchanged, recorded as seen
   * (so it is not cancelled, and a duplicate of it later in the file is still found). False when it must be read.
   */
  takeUnchanged(key: { sourceId: string | null; code: string | null; status: string | null }, hash: number, line: number): boolean {
    const existing = this.claims.match(key);
    if (existing < 0 || this.claims.isMatched(existing) || !this.sameAsLastSync(existing, hash, key)) return false;
    // The row claims the person's own id and code, nothing else (anything else is read in full).
    if (!this.claims.claimUnchanged(existing, key, line)) return false;
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
    // What the list said about fields corrected in the app (JSON, see migration 010), where known.
    const listed = new Map<string, Map<string, string | null>>();
    /** The same as stored (JSON): what the list said when last seen, to tell a new word of the list from an old one. */
    const listedJson = new Map<string, Map<string, string>>();
    for (const f of details.local) {
      if (!local.has(f.registrationId)) local.set(f.registrationId, new Set());
      local.get(f.registrationId)!.add(f.field);
      if (f.listValue !== null) {
        if (!listed.has(f.registrationId)) listed.set(f.registrationId, new Map());
        listed.get(f.registrationId)!.set(f.field, JSON.parse(f.listValue) as string | null);
        if (!listedJson.has(f.registrationId)) listedJson.set(f.registrationId, new Map());
        listedJson.get(f.registrationId)!.set(f.field, f.listValue);
      }
    }
    for (const p of this.pending) {
      const reg = regs.get(rowids[p.index]!)!;
      const other = idOfOtherPerson(reg, p.inc, this.sourceId, this.state.sourceLabels);
      if (other) {
        p.problems.add({ ...other, column: this.header('sourceId') });
        continue;
      }
      if (reg.syncSourceId !== null && reg.syncSourceId !== this.sourceId) this.otherLists.note(reg.syncSourceId);
      // Names and address as the list had them, not as corrected in the app (where the list's value is not
      // known, as corrected: a correction made before list values were kept).
      const kept = local.get(reg.id);
      const was = (field: 'firstName' | 'lastName' | 'email'): string | null => {
        const value = kept?.has(field) ? listed.get(reg.id)?.get(field) : undefined;
        return value === undefined ? reg[field] : value;
      };
      const asListed = kept ? { firstName: was('firstName') ?? '', lastName: was('lastName') ?? '', email: was('email') } : reg;
      if (reg.syncSourceId === this.sourceId && !shareAnything(asListed, p.inc)) {
        this.replacements.note(p.inc.line, reg, p.inc, p.inc.sourceId ?? p.inc.code ?? '');
      }
      this.update(reg, p.inc, p.hash, { assigned: assigned.get(reg.id) ?? new Map(), local: local.get(reg.id) }, listedJson.get(reg.id));
    }
    this.pending = [];
  }

  /** `earlier`: the line of an earlier row of the list that matched the same person. */
  private valid(inc: Incoming, existing: number, problems: ProblemSink, earlier: number | undefined): boolean {
    let ok = true;
    const fail = (code: SyncProblemCode, column: string | null, params?: Record<string, string | number>) => {
      problems.add({ code, severity: 'error', line: inc.line, column, params });
      ok = false;
    };
    if (!inc.firstName && !inc.lastName) fail('missingName', this.header('lastName') ?? this.header('fullName') ?? this.header('firstName'));
    this.claims.claim(inc, existing, earlier, (code, field, params) =>
      fail(code, field === 'idOrCode' ? (this.header('sourceId') ?? this.header('code')) : this.header(field), params));
    const twin = ok && inc.code !== null ? this.claims.caseTwinOf(inc.code, inc.line, existing) : null;
    if (twin) {
      const params = { value: inc.code!.slice(0, 80), other: twin.other.slice(0, 80), ...(twin.first !== null ? { first: twin.first } : { context: 'event' }) };
      problems.add({ code: 'codeCaseTwin', severity: 'warning', line: inc.line, column: this.header('code'), params });
    }
    return ok;
  }

  private insert(inc: Incoming, hash: number): void {
    const code = this.claims.codeFor(inc, newRegistrationCode);
    const id = this.ids.next();
    const row: SyncedRegistration = {
      id, sourceId: inc.sourceId, syncSourceId: this.sourceId, code,
      firstName: inc.firstName, lastName: inc.lastName, email: inc.email, organisation: inc.organisation, town: inc.town,
      federalState: inc.federalState, sector: inc.sector, role: inc.role, notes: inc.notes, status: inc.status,
      days: JSON.stringify(inc.days), extra: JSON.stringify(inc.extra), searchText: '', syncHash: String(hash),
    };
    row.searchText = this.search.of([row.firstName, row.lastName, row.organisation, row.town, row.code]);
    this.ops.inserts.push(row);
    if (questionMarkInName(inc.firstName) || questionMarkInName(inc.lastName)) this.letters.newName(inc.line, fullName(inc));
    for (const listId of inc.sessionIds) this.ops.assign.push([id, listId]);
    for (const listId of inc.walkIds) this.ops.assign.push([id, listId]);
    this.counts.added++;
    if (inc.status === 'cancelled') this.addedCancelled++;
    // Added people are listed from ops.inserts when asked for (see changesOf): no second object per new person.
    this.ops.insertLines.push(inc.line);
  }

  private update(reg: ExistingRegistration, inc: Incoming, hash: number, now: PersonNow, listedBefore?: Map<string, string>): void {
    const ctx = { sourceId: this.sourceId, hash, cols: this.cols, listById: this.state.listById };
    const { merged, fields, assign, unassign, listValues, lost } = compareWithRow(reg, inc, ctx, now);
    // A field kept as corrected in the app about which the list now says something else than it did: marked, so the
    // organiser tells the list's new word (a walk rebooked in the registration system) from what it said before.
    if (listedBefore) {
      const saysNow = new Map(listValues);
      for (const f of fields) {
        const before = listedBefore.get(f.field);
        if (f.keptLocal && before !== undefined && saysNow.has(f.field) && saysNow.get(f.field) !== before) f.listChanged = true;
      }
    }
    for (const l of lost) this.letters.keep(inc.line, l.field, l.file, l.stored);
    for (const [field, value] of listValues) this.ops.listValues.push([reg.id, field, value]);
    for (const listId of assign) this.ops.assign.push([reg.id, listId]);
    for (const listId of unassign) this.ops.unassign.push([reg.id, listId]);
    const written = fields.some((f) => !f.keptLocal);
    if (written) {
      merged.searchText = this.search.of([merged.firstName, merged.lastName, merged.organisation, merged.town, merged.code]);
      this.ops.updates.push({ row: merged, fields: UPDATE_FIELDS.filter((f) => merged[f] !== reg[f]) });
    } else {
      const keysChange = merged.sourceId !== reg.sourceId || merged.syncSourceId !== reg.syncSourceId;
      this.ops.rehash.push({ id: reg.id, syncHash: merged.syncHash, syncSourceId: this.sourceId, sourceId: merged.sourceId, keysChange, line: inc.line });
    }
    if (fields.some((f) => f.keptLocal)) this.counts.keptLocal++;
    const cancelled = reg.status === 'registered' && merged.status === 'cancelled';
    const kind = cancelled ? 'cancelled' : written ? 'updated' : fields.length > 0 ? 'keptLocal' : null;
    if (kind === 'cancelled') this.counts.cancelled++;
    else if (kind === 'updated') this.counts.updated++;
    else this.counts.unchanged++;
    if (kind) this.changes.push({ kind, registrationId: reg.id, line: inc.line, name: fullName(merged), code: merged.code, fields });
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
      if ((flags[i]! & (KEY_THIS_SOURCE | KEY_CANCELLED | KEY_ON_SITE)) === KEY_THIS_SOURCE && !this.claims.isMatched(i)) unmatched.push(i);
    }
    const people = this.loadNames(unmatched.map((i) => rowids[i]!));
    const { pairs, rest } = pairWithUnmatched(this.heldNew, unmatched.map((i) => ({ index: i, person: people.get(rowids[i]!) })));
    for (const [h, index] of pairs) {
      this.claims.see(index, h.inc.line);
      this.pending.push({ index, inc: h.inc, hash: h.hash, problems: h.problems });
    }
    for (const h of rest) this.addOrAdopt(h);
    this.heldNew = [];
  }

  /** People of this source that the source no longer lists become cancelled (unless cancelled or kept locally). */
  finish(problems: ProblemSink): void {
    this.pairRenamed();
    this.flush();
    // Each row matched to a person is one of these three; "kept local" is said of some of them as well.
    const known = this.counts.updated + this.counts.unchanged + this.counts.cancelled;
    const numbered = !this.cols.byIdentity && this.cols.single.code === undefined;
    this.replacements.report(known, numbered, this.header('sourceId') ?? this.header('code'), problems);
    this.zeros.report((field) => this.header(field), problems);
    // An extra field's column is its name; a name read from a column of the whole name is that column.
    this.letters.report((field) => (field.startsWith('extra:') ? field.slice(6) : this.header(field) ?? this.header('fullName')), problems);
    this.otherLists.report(known + this.counts.added, this.state.sourceLabels, this.state.removedSources, problems);
    const { flags, rowids, length } = this.state.keys;
    const gone: number[] = [];
    let registered = 0;
    for (let i = 0; i < length; i++) {
      // Of this source, registered, not a walk-in, and no row matched them.
      if ((flags[i]! & (KEY_THIS_SOURCE | KEY_CANCELLED | KEY_ON_SITE)) !== KEY_THIS_SOURCE) continue;
      registered++;
      if (!this.claims.isMatched(i)) gone.push(rowids[i]!);
    }
    if (gone.length === 0) return;
    this.noneOfThisList = gone.length === registered;
    warnMostGone(gone.length, registered, problems);
    const people = this.loadNames(gone);
    for (const rowid of gone) {
      const reg = people.get(rowid)!;
      const name = fullName(reg);
      const keptLocal = this.state.localStatus.has(reg.id);
      const fields: FieldChange[] = [{ field: 'status', before: 'registered', after: 'cancelled', keptLocal }];
      // Gone from the list: no row, so no fingerprint. A list that has them again is read in full (else, with the
      // same row as before, they would be "unchanged", and a status kept locally would keep the list's "cancelled").
      this.ops.rehash.push({ id: reg.id, syncHash: NO_FINGERPRINT, syncSourceId: this.sourceId, sourceId: null, keysChange: false });
      if (keptLocal) {
        this.ops.listValues.push([reg.id, 'status', JSON.stringify('cancelled')]);
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

/** A stored fingerprint no row has (theirs are 2^52 and up): the person is compared in full at the next sync. */
const NO_FINGERPRINT = '0';

/** From how many people gone at once a re-sync asks whether the file is the whole list. */
const MOST_GONE_MIN = 10;

/**
 * Half or more of a list's people missing from its new version is rarely half of them cancelling: it is the wrong
 * file, or an export of part of the list (a filter, one page, one day's check-in list). Said once, before anyone
 * is cancelled; a URL source then waits for review anyway (it cancels people). A small list (speakers, guests) is
 * asked about when all of its people are gone: a walkthrough cancelled a list of 8 with another list's file.
 */
function warnMostGone(gone: number, registered: number, problems: ProblemSink): void {
  if ((gone >= MOST_GONE_MIN && gone * 2 >= registered) || (gone >= 2 && gone >= registered)) {
    problems.add({ code: 'mostGone', severity: 'warning', line: null, column: null, params: { count: gone, of: registered, ...(gone >= registered ? { context: 'all' } : {}) } });
  }
}
