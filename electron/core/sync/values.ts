import { foldQuery } from '../text/fold';

/** How cells of a registration list are read: status words, multi-valued cells, dates of days, names. */

const CANCELLED = new Set([
  'cancelled', 'canceled', 'c', 'storniert', 'storno', 'abgesagt', 'refunded', 'erstattet', 'ruckerstattet', 'expired',
  'abgelaufen', 'not attending', 'deleted', 'geloscht', 'zuruckgezogen', 'withdrawn', 'declined', 'abgelehnt', 'nein', 'no',
  'inaktiv', 'inactive', 'void', 'ungultig',
  // pretix: a cancelled order that kept a fee; Eventbrite's German attendee report.
  'storniert bezahlte gebuhr', 'canceled paid fee', 'cancelled paid fee', 'nimmt nicht teil',
]);
const REGISTERED = new Set([
  '', 'registered', 'angemeldet', 'paid', 'bezahlt', 'p', 'n', 'pending', 'offen', 'ausstehend', 'attending', 'confirmed',
  'bestatigt', 'active', 'aktiv', 'ok', 'ja', 'yes', 'checked in', 'eingecheckt', 'teilnahme', 'approved', 'genehmigt',
  'completed', 'abgeschlossen', 'placed', 'free', 'kostenlos', 'valid', 'gultig',
  // pretix: a pending order confirmed; Eventbrite (German).
  'ausstehend bestatigt', 'pending confirmed', 'nimmt teil',
]);

/**
 * pretix: an order waiting for the organiser's approval — no valid ticket yet (pretix's check-in lists leave such
 * orders out). Read as registered, with a warning (approvalPending), as a place on the waiting list is.
 */
const APPROVAL_PENDING = new Set(['freigabe ausstehend', 'approval pending', 'genehmigung ausstehend', 'awaiting approval']);

export function isApprovalPending(cell: string): boolean {
  return APPROVAL_PENDING.has(foldQuery(cell));
}

/** On a waiting list: not a registration yet, nor a cancellation. Read as registered, with a warning (waitlisted). */
const WAITLIST = new Set(['warteliste', 'auf warteliste', 'auf der warteliste', 'waitlist', 'waiting list', 'waitlisted', 'nachruckliste']);

export function isWaitlist(cell: string): boolean {
  return WAITLIST.has(foldQuery(cell));
}

export function parseStatus(cell: string): 'registered' | 'cancelled' | null {
  const v = foldQuery(cell);
  if (CANCELLED.has(v)) return 'cancelled';
  if (REGISTERED.has(v)) return 'registered';
  return null;
}

/** Parts of a multi-valued cell: separated by ";", "|" or line breaks (commas stay: names contain them). */
export function splitMulti(cell: string): string[] {
  return cell.split(/[;|\n\r]+/).map((p) => p.trim()).filter(Boolean);
}

/** The days a part of a cell names one by one: "18.10., 19.10.2023" is two; anything else is one token. */
export function dayTokens(part: string): string[] {
  return /^\d{1,2}\.\d{1,2}\.(\d{2,4})?(,\s*\d{1,2}\.\d{1,2}\.(\d{2,4})?)+$/.test(part) ? part.split(',') : [part];
}

/** "Müller, Jürgen" → last, first; "Dr. Anna Maria Schmidt" → "Dr. Anna Maria", "Schmidt". */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  const name = full.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  if (comma > 0) return { lastName: name.slice(0, comma).trim(), firstName: name.slice(comma + 1).trim() };
  const space = name.lastIndexOf(' ');
  if (space < 0) return { firstName: '', lastName: name };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

export interface EventDay {
  date: string;
  label: string;
}

const WEEKDAYS: Record<string, number> = {
  sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  so: 0, mo: 1, di: 2, mi: 3, do: 4, fr: 5, sa: 6,
};
const ALL_DAYS = new Set(['alle', 'alle tage', 'beide', 'beide tage', 'all', 'all days', 'both', 'both days', 'gesamte veranstaltung']);

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * One day named in a cell: "18.10.2023", "18.10.23", "18.10.", "2023-10-18", "Tag 1", "Day 2", "Mittwoch" or an
 * event day's label. `null` when it cannot be read as a day; `all` for "beide Tage".
 */
export function parseDay(token: string, days: readonly EventDay[]): string[] | null {
  const t = token.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(t);
  if (m) return oneOrNull(iso(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})?(?:\s.*)?$/.exec(t);
  if (m) {
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : yearFor(Number(m[2]), days);
    return year === null ? null : oneOrNull(iso(year, Number(m[2]), Number(m[1])));
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return oneOrNull(iso(Number(m[3]), Number(m[1]), Number(m[2])));
  const folded = foldQuery(t);
  if (ALL_DAYS.has(folded)) return days.map((d) => d.date);
  m = /^(?:tag|day)\s*(\d{1,2})$/.exec(folded);
  if (m) return oneOrNull(days[Number(m[1]) - 1]?.date ?? null);
  const word = folded.replace(/[^a-z]/g, '');
  if (word in WEEKDAYS) {
    const matching = days.filter((d) => new Date(`${d.date}T12:00:00Z`).getUTCDay() === WEEKDAYS[word]);
    return matching.length === 1 ? [matching[0]!.date] : null;
  }
  const byLabel = days.filter((d) => foldQuery(d.label) === folded);
  return byLabel.length === 1 ? [byLabel[0]!.date] : null;
}

function oneOrNull(date: string | null): string[] | null {
  return date ? [date] : null;
}

function yearFor(month: number, days: readonly EventDay[]): number | null {
  const match = days.find((d) => Number(d.date.slice(5, 7)) === month) ?? days[0];
  return match ? Number(match.date.slice(0, 4)) : null;
}

/** Answers that mean "none" in a choice column. */
const NOTHING = new Set(['', 'keine', 'kein', 'keiner', 'none', 'nein', 'no', 'n a', 'na', 'nicht', 'keine teilnahme', 'ohne']);

export interface ListRef {
  id: string;
  kind: 'entrance' | 'session' | 'walk';
  name: string;
}

/**
 * Resolves names of sessions or walks to check-in lists: by id, by name (case and umlauts ignored), or by a part
 * of the name that only one list of that kind has ("Altstadt" for "Stadtrundgang Altstadt").
 */
export class ListResolver {
  private readonly byName = new Map<string, ListRef>();
  private readonly candidates: { folded: string; list: ListRef }[];

  constructor(private readonly lists: readonly ListRef[], private readonly kind: 'session' | 'walk') {
    this.candidates = lists.filter((l) => l.kind === kind).map((l) => ({ folded: foldQuery(l.name), list: l }));
    for (const c of this.candidates) if (!this.byName.has(c.folded)) this.byName.set(c.folded, c.list);
  }

  /** The list of exactly this name (case, accents and spacing aside), not one that has it as a part. */
  named(value: string): ListRef | null {
    return this.byName.get(foldQuery(value)) ?? null;
  }

  resolve(value: string): ListRef | null {
    const byId = this.lists.find((l) => l.id === value && l.kind === this.kind);
    if (byId) return byId;
    const folded = foldQuery(value);
    if (!folded) return null;
    const exact = this.byName.get(folded);
    if (exact) return exact;
    const padded = ` ${folded} `;
    const partial = this.candidates.filter((c) => ` ${c.folded} `.includes(padded) || padded.includes(` ${c.folded} `));
    return partial.length === 1 ? partial[0]!.list : null;
  }

  /** A cell's parts; a part that is not a list may still be several lists separated by commas. */
  resolveCell(parts: readonly string[]): { lists: ListRef[]; unknown: string[] } {
    const lists: ListRef[] = [];
    const unknown: string[] = [];
    for (const part of parts) {
      if (NOTHING.has(foldQuery(part))) continue;
      const one = this.resolve(part);
      if (one) {
        lists.push(one);
        continue;
      }
      const pieces = part.split(',').map((p) => p.trim()).filter(Boolean);
      const resolved = pieces.length > 1 ? pieces.map((p) => this.resolve(p)) : [null];
      if (resolved.every((r) => r !== null)) lists.push(...(resolved as ListRef[]));
      else unknown.push(part);
    }
    return { lists, unknown };
  }
}
