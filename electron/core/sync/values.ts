import { foldQuery } from '../text/fold';

/** How cells of a registration list are read: status words, multi-valued cells, names; days in day-cells.ts. */

export { dayTokens, parseDay, type EventDay } from './day-cells';

const CANCELLED = new Set([
  'cancelled', 'canceled', 'c', 'storniert', 'storno', 'abgesagt', 'refunded', 'erstattet', 'ruckerstattet', 'expired',
  'abgelaufen', 'not attending', 'deleted', 'geloscht', 'zuruckgezogen', 'withdrawn', 'declined', 'abgelehnt', 'nein', 'no',
  'inaktiv', 'inactive', 'void', 'ungultig',
  // pretix: a cancelled order that kept a fee; Eventbrite's German attendee report.
  'storniert bezahlte gebuhr', 'canceled paid fee', 'cancelled paid fee', 'nimmt nicht teil',
  // Eventbrite: the order was moved to another ticket type or event, where the attendee has a new record.
  'transferred', 'ubertragen', 'umgebucht',
]);
const REGISTERED = new Set([
  '', 'registered', 'angemeldet', 'paid', 'bezahlt', 'p', 'n', 'offen', 'attending', 'confirmed',
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

/**
 * pretix: an order not paid yet ("pending"/"ausstehend"; pretix's own check-in refuses such tickets unless the
 * organiser allows it). Read as registered — many events let them in and collect the fee — with a warning (unpaid).
 */
const UNPAID = new Set(['pending', 'ausstehend', 'unpaid', 'nicht bezahlt', 'unbezahlt', 'zahlung ausstehend', 'payment pending', 'awaiting payment']);

export function isUnpaid(cell: string): boolean {
  return UNPAID.has(foldQuery(cell));
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

/** "Müller, Jürgen" → last, first; "Dr. Anna Maria Schmidt" → "Dr. Anna Maria", "Schmidt". */
export function splitFullName(full: string): { firstName: string; lastName: string } {
  const name = full.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  if (comma > 0) return { lastName: name.slice(0, comma).trim(), firstName: name.slice(comma + 1).trim() };
  const space = name.lastIndexOf(' ');
  if (space < 0) return { firstName: '', lastName: name };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
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
    return this.exact(value) ?? this.partial(value);
  }

  /** By id or by the whole name. */
  private exact(value: string): ListRef | null {
    return this.lists.find((l) => l.id === value && l.kind === this.kind) ?? this.byName.get(foldQuery(value)) ?? null;
  }

  /** By a part of a name that only one list has, or a name that is the only one within the value. */
  private partial(value: string): ListRef | null {
    const folded = foldQuery(value);
    if (!folded) return null;
    const padded = ` ${folded} `;
    const partial = this.candidates.filter((c) => ` ${c.folded} `.includes(padded) || padded.includes(` ${c.folded} `));
    return partial.length === 1 ? partial[0]!.list : null;
  }

  /**
   * A cell's parts; a part that is not a list by its whole name may be several lists separated by commas (Google
   * Forms joins the ticked options with ", "), each by its name or a unique part of it: read so before the part as a
   * whole is taken for the one list whose full name is in it — that dropped the other list of „Fachforum 1: Migration
   * und Inklusion, Fachforum 3: …“ (the first written shorter than the event's name) without a word.
   */
  resolveCell(parts: readonly string[]): { lists: ListRef[]; unknown: string[] } {
    const lists: ListRef[] = [];
    const unknown: string[] = [];
    for (const part of parts) {
      if (NOTHING.has(foldQuery(part))) continue;
      const exact = this.exact(part);
      if (exact) {
        lists.push(exact);
        continue;
      }
      const pieces = part.split(',').map((p) => p.trim()).filter(Boolean);
      const resolved = pieces.length > 1 ? pieces.map((p) => this.resolve(p)) : [null];
      if (resolved.every((r) => r !== null)) {
        // A name with a comma in it, written in pieces, names its list once.
        for (const r of resolved as ListRef[]) if (!lists.includes(r)) lists.push(r);
        continue;
      }
      const one = this.partial(part);
      if (one) lists.push(one);
      else unknown.push(part);
    }
    return { lists, unknown };
  }
}
