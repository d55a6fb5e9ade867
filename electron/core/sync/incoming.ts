import type { PersonFields } from '../../../db/queries/registrations';
import type { Table, TableRow } from '../tabular/table';
import { MULTI_VALUED, type Mapping, type SyncField } from './fields';
import type { SyncProblem } from './problems';
import { dayOfHeader, isCancelHeader, listOfHeader, optionOfHeader, parseMark } from './mark-columns';
import { SameTime } from './same-time';
import { foldQuery } from '../text/fold';
import { dayTokens, isApprovalPending, isUnpaid, isWaitlist, ListResolver, parseDay, parseStatus, splitFullName, splitMulti, type EventDay, type ListRef } from './values';
import { ADDON_FIELD, addonColumns, type AddonColumns, type AddonContext, type RowWithAddons } from './addons';

/** One row of the source, read through the mapping: what the source says about one person. */
export interface Incoming extends PersonFields {
  line: number;
  sourceId: string | null;
  code: string | null;
  days: string[];
  sessionIds: string[];
  walkIds: string[];
  extra: Record<string, string>;
}

/** Which columns feed which field; computed once per table. */
export interface ColumnPlan {
  single: Partial<Record<SyncField, number>>;
  multi: Partial<Record<SyncField, number[]>>;
  extra: { index: number; name: string }[];
  headers: string[];
  mapped: Set<SyncField>;
  /** No column is the source's id or a code: people are known by e-mail address and name (see identityOf). */
  byIdentity: boolean;
  /** pretix's add-on rows and the positions they belong to (see addons.ts); null for a list without them. */
  addons: AddonColumns | null;
}

export function columnPlan(table: Table, mapping: Mapping): ColumnPlan {
  const plan: ColumnPlan = { single: {}, multi: {}, extra: [], headers: table.headers, mapped: new Set(), byIdentity: false, addons: addonColumns(table.headers) };
  table.headers.forEach((h, index) => {
    const target = mapping[h] ?? 'extra';
    if (target === 'ignore') return;
    if (target === 'extra') {
      plan.extra.push({ index, name: h });
      return;
    }
    plan.mapped.add(target);
    if (MULTI_VALUED.has(target)) (plan.multi[target] ??= []).push(index);
    else if (plan.single[target] === undefined) plan.single[target] = index;
    else plan.extra.push({ index, name: h });
  });
  plan.byIdentity = plan.single.sourceId === undefined && plan.single.code === undefined;
  // Add-ons say which sessions and walks someone booked: an add-on taken back takes its session back, as a
  // changed cell of a sessions column would.
  if (plan.addons) {
    plan.mapped.add('sessions');
    plan.mapped.add('walks');
  }
  return plan;
}

/**
 * Trimmed, inner runs of white space as one space, control characters (invisible, never meant) removed; the
 * regular expressions only run where they are needed.
 */
function tidy(v: string): string {
  const t = v.trim();
  return /\s\s|[\u0000-\u001f\u007f]/.test(t) ? t.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').trim() : t;
}

interface CellResult<T> {
  value: T;
  bad: {
    code: 'unreadableDate' | 'dayNotInEvent' | 'unknownSession' | 'unknownWalk' | 'markedDay' | 'markedSession' | 'markedWalk' | 'notAMark';
    value: string;
    /** The text the value is a piece of, when there is more in it ("(nur vormittags)" in "18.10.2023 (nur vormittags)"). */
    within?: string;
  }[];
}

const NAME_FIELDS = ['lastName', 'firstName', 'fullName'] as const;
/**
 * A cell under a list that is no name: a number, a sum, a formula whose value was not saved (its text, "=ANZAHL2(C2:C9)"),
 * or a word that starts a total or a date line.
 */
const FOOTER_TEXT = /^\s*(?:[\d\s.,:;()+\-–=€%]+|=.*|(?:gesamt\p{L}*|insgesamt|summe|zwischensumme|anzahl|stand|total|sum|count)\b.*)$/iu;

/**
 * Who a row is in a list without ids or codes (a list kept by hand, a Google Forms export): e-mail address and
 * name together, folded ("anna@example.org · anna schmidt"), or the one of them the row has. Both, because
 * colleagues are often registered through one office address; a name corrected in the source is paired with its
 * person at the end of the dry run (pairWithUnmatched in same-person.ts).
 */
export function identityOf(email: string, name: { firstName: string; lastName: string }): string | null {
  const mail = email.trim().toLowerCase();
  const folded = foldQuery(`${name.firstName} ${name.lastName}`);
  return mail && folded ? `${mail} · ${folded}` : mail || folded || null;
}

/**
 * A mark in a column whose name names no day, session or walk of the event: "nein" or "0" is nothing to say; "x"
 * says that the column's name should be one (the message names the column).
 */
function unmatchedMark(mark: boolean, code: 'markedDay' | 'markedSession' | 'markedWalk', text: string): CellResult<string[]> {
  return { value: [], bad: mark ? [{ code, value: text.trim().slice(0, 80) }] : [] };
}

const KEY_FIELDS = ['sourceId', 'code'] as const;
/**
 * A long number as Excel shows it once it has made a number of it ("1,23457E+21"; JavaScript's "1.2345678901234568e+21"
 * in a workbook): a CSV opened in Excel and saved writes Eventbrite's 22-digit barcodes so. The real value is lost,
 * and such a "code" would match no QR code at the door.
 */
const EXCEL_ROUNDED = /^\s*\d(?:[.,]\d+)?[eE]\+?\d+\s*$/;
export const excelRounded = (value: string) => EXCEL_ROUNDED.test(value);

const filled = (cell: string | undefined) => cell !== undefined && cell !== '' && cell.trim() !== '';

export interface ProblemSink {
  add(p: SyncProblem): void;
}

export class RowReader implements AddonContext {
  private readonly sessions: ListResolver;
  private readonly walks: ListResolver;
  /** What a yes-mark ("x", "ja", WAHR) means in a column whose header names a day, a session or a walk. */
  private readonly markMeaning = new Map<number, string>();
  /** The status column says whether someone cancelled ("Storniert": x): a yes-mark means cancelled. */
  private readonly cancelColumn: boolean;
  /** A column is mapped as a name or the e-mail address (see nobody). */
  private readonly identifying: boolean;

  constructor(
    private readonly cols: ColumnPlan, private readonly days: readonly EventDay[], lists: readonly ListRef[],
    private readonly sameTime: SameTime = new SameTime([]),
  ) {
    this.sessions = new ListResolver(lists, 'session');
    this.walks = new ListResolver(lists, 'walk');
    for (const i of cols.multi.days ?? []) this.markFor(i, dayOfHeader(cols.headers[i]!, days));
    for (const i of cols.multi.sessions ?? []) this.markFor(i, listOfHeader(cols.headers[i]!, this.sessions)?.id ?? null);
    for (const i of cols.multi.walks ?? []) this.markFor(i, listOfHeader(cols.headers[i]!, this.walks)?.id ?? null);
    const status = cols.single.status;
    this.cancelColumn = status !== undefined && isCancelHeader(cols.headers[status]!);
    this.identifying = cols.single.email !== undefined || NAME_FIELDS.some((f) => cols.single[f] !== undefined);
  }

  private markFor(index: number, meaning: string | null): void {
    if (meaning !== null) this.markMeaning.set(index, meaning);
  }

  /** One mapped single-value cell, tidied ('' when the field is not mapped). A method, not a closure per row. */
  private cell(row: TableRow, field: SyncField): string {
    const i = this.cols.single[field];
    return i === undefined ? '' : tidy(row.cells[i] ?? '');
  }

  /** parseStatus, each distinct cell text once. */
  private status(text: string): 'registered' | 'cancelled' | null {
    let status = this.statusCells.get(text);
    if (status === undefined) {
      const mark = this.cancelColumn ? parseMark(text) : null;
      status = mark === null ? parseStatus(text) : mark ? 'cancelled' : 'registered';
      if (this.statusCells.size < 1000) this.statusCells.set(text, status);
    }
    return status;
  }

  /** What identifies a row and its status, read without building the whole record. */
  keyOf(row: TableRow): { sourceId: string | null; code: string | null; status: 'registered' | 'cancelled' | null } {
    return { sourceId: this.sourceIdOf(row), code: this.cell(row, 'code') || null, status: this.status(this.cell(row, 'status')) };
  }

  /** The row's status cell says cancelled (an add-on taken back). */
  cancelled(row: TableRow): boolean {
    return this.status(this.cell(row, 'status')) === 'cancelled';
  }

  /**
   * The session or walk an add-on product names, read as a cell of a sessions or walks column is: its variation
   * where that names one ("Stadtrundgang" – "Altstadt"), else the product; null when it names none (a lunch).
   */
  addonList(product: string, variation: string): ListRef | null {
    for (const text of variation ? [variation, product] : [product]) {
      const session = this.sessions.resolve(text);
      const walk = this.walks.resolve(text);
      if (session && walk) return this.walks.named(text) && !this.sessions.named(text) ? walk : session;
      if (session ?? walk) return session ?? walk;
    }
    return null;
  }

  private sourceIdOf(row: TableRow): string | null {
    return this.cols.byIdentity ? identityOf(this.email(row), this.names(row)) : this.cell(row, 'sourceId') || null;
  }

  /**
   * The e-mail address, '' when the cell has none: an anonymous Microsoft Forms answer says "anonymous" there, a
   * list kept by hand "keine" or "-". Such text is no address to recognise or write to anyone by.
   */
  private email(row: TableRow, problems?: ProblemSink): string {
    const cell = this.cell(row, 'email');
    if (cell.includes('@')) return cell;
    if (cell !== '' && problems) {
      problems.add({ code: 'notAnEmail', severity: 'warning', line: row.line, column: this.cols.headers[this.cols.single.email!] ?? null, params: { value: cell.slice(0, 80) } });
    }
    return '';
  }

  /** The row's first and last name, read as for the person (a full name split). */
  namesOf(row: TableRow): { firstName: string; lastName: string } {
    return this.names(row);
  }

  private names(row: TableRow): { firstName: string; lastName: string } {
    const firstName = this.cell(row, 'firstName');
    const lastName = this.cell(row, 'lastName');
    if (firstName || lastName) return { firstName, lastName };
    const full = this.cell(row, 'fullName');
    return full ? splitFullName(full) : { firstName, lastName };
  }

  /**
   * Whether a row cannot be a registration: no e-mail address, no name (a number or a word like "Gesamt" in a name
   * column is none), and fewer than half of the columns (at most two in a list of fewer than six) filled. What
   * people write under a list in Excel looks like this ("Gesamt: 250", a count under the names, "Stand: 01.11.");
   * a person's row with the name missing does not (see FOOTER_ROWS in plan.ts).
   */
  nobody(row: TableRow): boolean {
    const { single } = this.cols;
    // Without a name or e-mail column (another sheet of a workbook, chosen with the first one's mapping) no row can
    // be told from a line under the list: the dry run says that no column is a name.
    if (!this.identifying) return false;
    if (single.email !== undefined && filled(row.cells[single.email])) return false;
    for (const f of NAME_FIELDS) {
      const i = single[f];
      if (i !== undefined && filled(row.cells[i]) && !FOOTER_TEXT.test(row.cells[i]!)) return false;
    }
    let n = 0;
    for (const c of row.cells) if (filled(c)) n++;
    return n <= 2 || 2 * n < this.cols.headers.length;
  }

  /** The text of a row as it reads: its filled cells, shortened for a message. */
  static text(row: TableRow): string {
    const text = row.cells.map((c) => tidy(c)).filter((c) => c !== '').join(' · ');
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  }

  /** The warnings a row gives (status, days, sessions, walks), for a row that is otherwise known to be unchanged. */
  warnings(row: TableRow, problems: ProblemSink): void {
    const statusCell = this.cell(row, 'status');
    if (this.status(statusCell) === null) {
      const i = this.cols.single.status;
      problems.add({ code: statusProblem(statusCell), severity: 'warning', line: row.line, column: this.cols.headers[i ?? -1] ?? null, params: { value: statusCell.slice(0, 80) } });
    }
    // Only the problems: the values themselves are not needed for an unchanged row.
    this.email(row, problems);
    for (const index of this.cols.multi.days ?? []) this.report(row, index, this.dayColumn(index, row.cells[index] ?? ''), problems);
    // The lists themselves only for one warning: two of them at the same time (when the programme has such two).
    const lists: string[] = [];
    for (const [field, resolver] of [['sessions', this.sessions], ['walks', this.walks]] as const) {
      for (const index of this.cols.multi[field] ?? []) {
        const r = this.listColumn(field, resolver, index, row.cells[index] ?? '');
        this.report(row, index, r, problems);
        if (this.sameTime.any) lists.push(...r.value);
      }
    }
    const { addons } = row as RowWithAddons;
    if (addons && this.sameTime.any) for (const a of addons) if (a.list) lists.push(a.list.id);
    this.sameTime.check(lists, row.line, problems);
  }

  private report(row: TableRow, index: number, r: CellResult<string[]>, problems: ProblemSink): void {
    const column = this.cols.headers[index] ?? null;
    for (const b of r.bad) {
      // A tick in pretix's column of a question's option: the message names the option (the walk to set up, or to
      // name so, under "Programm"), not the column, which cannot be renamed there. `context` picks that message.
      const option = (b.code === 'markedSession' || b.code === 'markedWalk') && column !== null ? optionOfHeader(column) : null;
      const params: Record<string, string> = option ? { value: b.value, option, context: 'option' } : b.within !== undefined ? { value: b.value, within: b.within, context: 'within' } : { value: b.value };
      problems.add({ code: b.code, severity: 'warning', line: row.line, column, params });
    }
  }

  private readonly statusCells = new Map<string, 'registered' | 'cancelled' | null>();

  read(row: TableRow, problems: ProblemSink): Incoming {
    const { firstName, lastName } = this.names(row);
    for (const field of KEY_FIELDS) {
      const i = this.cols.single[field];
      if (i !== undefined && excelRounded(row.cells[i] ?? '')) {
        problems.add({ code: 'excelRounded', severity: 'error', line: row.line, column: this.cols.headers[i] ?? null, params: { context: field } });
      }
    }
    const statusCell = this.cell(row, 'status');
    let status = this.status(statusCell);
    if (status === null) {
      problems.add({ code: statusProblem(statusCell), severity: 'warning', line: row.line, column: this.cols.headers[this.cols.single.status ?? -1] ?? null, params: { value: statusCell.slice(0, 80) } });
      status = 'registered';
    }
    const extra: Record<string, string> = {};
    for (const { index, name } of this.cols.extra) {
      const v = (row.cells[index] ?? '').trim();
      if (v !== '') extra[name] = v;
    }
    // In this order, so the row's problems are said in the order of its fields.
    const sourceId = this.sourceIdOf(row);
    const code = this.opt(row, 'code');
    const email = this.email(row, problems) || null;
    const days = this.readDays(row, problems);
    let sessionIds = this.readLists(row, 'sessions', this.sessions, problems);
    let walkIds = this.readLists(row, 'walks', this.walks, problems);
    const { addons } = row as RowWithAddons;
    if (addons) [sessionIds, walkIds] = withAddons(addons, sessionIds, walkIds, extra);
    this.sameTime.check([...sessionIds, ...walkIds], row.line, problems);
    return {
      line: row.line, sourceId, code, firstName, lastName,
      email, organisation: this.opt(row, 'organisation'), town: this.opt(row, 'town'),
      federalState: this.opt(row, 'federalState'), sector: this.opt(row, 'sector'), role: this.opt(row, 'role'), notes: this.opt(row, 'notes'), status,
      days,
      sessionIds,
      walkIds,
      extra,
    };
  }

  private opt(row: TableRow, field: SyncField): string | null {
    return this.cell(row, field) || null;
  }

  private readonly dayCells = new Map<string, CellResult<string[]>>();
  private readonly listCells = { sessions: new Map<string, CellResult<string[]>>(), walks: new Map<string, CellResult<string[]>>() };

  /** The same few cell texts come back in most rows: each distinct one is read once. */
  private cached<T>(cache: Map<string, CellResult<T>>, text: string, read: (text: string) => CellResult<T>): CellResult<T> {
    let r = cache.get(text);
    if (!r) {
      r = read(text);
      if (cache.size < 50_000) cache.set(text, r);
    }
    return r;
  }

  private readDays(row: TableRow, problems: ProblemSink): string[] {
    const dates = new Set<string>();
    for (const index of this.cols.multi.days ?? []) {
      const r = this.dayColumn(index, row.cells[index] ?? '');
      for (const d of r.value) dates.add(d);
      this.report(row, index, r, problems);
    }
    return dates.size < 2 ? [...dates] : [...dates].sort();
  }

  /** A cell of a column whose header names one day, session or walk: a mark says yes or no; `null` for other text. */
  private marked(index: number, text: string): CellResult<string[]> | null {
    const meaning = this.markMeaning.size === 0 ? undefined : this.markMeaning.get(index);
    if (meaning === undefined) return null;
    const mark = parseMark(text);
    return mark === null ? null : { value: mark ? [meaning] : [], bad: [] };
  }

  private dayColumn(index: number, text: string): CellResult<string[]> {
    return this.marked(index, text) ?? this.notAMark(index, text, this.dayCells.get(text) ?? this.cached(this.dayCells, text, (t) => this.dayCell(t)));
  }

  /**
   * In a column whose header names one day, session or walk, a cell that is neither a mark nor a day or list that
   * exists ("vielleicht", "später") is said as what it is — no tick — not as a walk or date of that name.
   */
  private notAMark(index: number, text: string, r: CellResult<string[]>): CellResult<string[]> {
    if (r.value.length > 0 || r.bad.length === 0 || !this.markMeaning.has(index)) return r;
    return { value: [], bad: [{ code: 'notAMark', value: text.trim().slice(0, 80) }] };
  }

  private dayCell(text: string): CellResult<string[]> {
    const mark = parseDay(text, this.days) === null ? parseMark(text) : null;
    if (mark !== null) return unmatchedMark(mark, 'markedDay', text);
    const known = new Set(this.days.map((d) => d.date));
    const value: string[] = [];
    const bad: CellResult<string[]>['bad'] = [];
    for (const part of splitMulti(text)) {
      const tokens = dayTokens(part, this.days);
      for (const token of tokens) {
        const parsed = parseDay(token, this.days);
        if (!parsed) {
          const value = token.trim().slice(0, 80);
          bad.push(tokens.length > 1 ? { code: 'unreadableDate', value, within: part.slice(0, 80) } : { code: 'unreadableDate', value });
          continue;
        }
        for (const d of parsed) {
          if (known.size > 0 && !known.has(d)) bad.push({ code: 'dayNotInEvent', value: token.trim().slice(0, 80) });
          value.push(d);
        }
      }
    }
    return { value, bad };
  }

  private listColumn(field: 'sessions' | 'walks', resolver: ListResolver, index: number, text: string): CellResult<string[]> {
    return this.marked(index, text) ?? this.notAMark(index, text, this.listCell(field, resolver, text));
  }

  private listCell(field: 'sessions' | 'walks', resolver: ListResolver, text: string): CellResult<string[]> {
    const hit = this.listCells[field].get(text);
    if (hit) return hit;
    return this.cached(this.listCells[field], text, (t) => {
      const code = field === 'sessions' ? 'unknownSession' : 'unknownWalk';
      const { lists, unknown } = resolver.resolveCell(splitMulti(t));
      const mark = lists.length === 0 ? parseMark(t) : null;
      if (mark !== null) return unmatchedMark(mark, field === 'sessions' ? 'markedSession' : 'markedWalk', t);
      return { value: lists.map((l) => l.id), bad: unknown.map((v) => ({ code, value: v.slice(0, 80) })) };
    });
  }

  private readLists(row: TableRow, field: 'sessions' | 'walks', resolver: ListResolver, problems: ProblemSink): string[] {
    const ids = new Set<string>();
    for (const index of this.cols.multi[field] ?? []) {
      const r = this.listColumn(field, resolver, index, row.cells[index] ?? '');
      for (const id of r.value) ids.add(id);
      this.report(row, index, r, problems);
    }
    return ids.size < 2 ? [...ids] : [...ids].sort();
  }
}

/**
 * A person's sessions and walks with those their add-ons name; the add-ons that name none listed in the extra
 * field ADDON_FIELD (after a column of that name, if the list has one).
 */
function withAddons(addons: readonly { text: string; list: ListRef | null }[], sessionIds: string[], walkIds: string[], extra: Record<string, string>): [string[], string[]] {
  const sessions = new Set(sessionIds);
  const walks = new Set(walkIds);
  const other: string[] = [];
  for (const a of addons) {
    if (a.list?.kind === 'session') sessions.add(a.list.id);
    else if (a.list?.kind === 'walk') walks.add(a.list.id);
    else other.push(a.text);
  }
  if (other.length > 0) extra[ADDON_FIELD] = [extra[ADDON_FIELD], ...other].filter(Boolean).join('; ');
  return [[...sessions].sort(), [...walks].sort()];
}

/** A status cell read as registered for want of a better word: on a waiting list, not approved or not paid yet (said as such), or unknown. */
function statusProblem(cell: string): 'waitlisted' | 'approvalPending' | 'unpaid' | 'unknownStatus' {
  return isWaitlist(cell) ? 'waitlisted' : isApprovalPending(cell) ? 'approvalPending' : isUnpaid(cell) ? 'unpaid' : 'unknownStatus';
}
