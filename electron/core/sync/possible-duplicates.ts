import type { Db } from '../../../db/open';
import { peopleOfOtherSources, registeredWithEmailOf } from '../../../db/queries/sync';
import { foldQuery } from '../text/fold';
import type { PackedRegistrations } from './packed-rows';
import type { ProblemSink } from './incoming';
import { fullName } from './same-person';

/** How many new people are checked against the event's others (a first import of a large list is not checked). */
const CHECKED_NEW_PEOPLE = 5000;

interface Other {
  /** Set for a person of no list: the organiser may say the new row is them (see PlanInput.sameAs). */
  id: string | null;
  name: string;
  email: string | null;
  where: 'onSite' | 'source' | 'manual';
  source: string | null;
}

/**
 * New people of a list who may already be in the event under another source: registered on site (a walk-in later
 * entered into the registration system) or in another list (a speaker on the speakers' list and in pretix). Same
 * first and last name, and the same e-mail address or one of the two without any. Said as a warning on the dry run;
 * nobody is merged (two people of the same name exist) unless the organiser says so for a person of no list (the
 * warning names them by `registrationId`; see PlanInput.sameAs).
 */
export function warnPossibleDuplicates(db: Db, sourceId: string, inserts: PackedRegistrations, lines: readonly number[], problems: ProblemSink): void {
  if (inserts.length === 0 || inserts.length > CHECKED_NEW_PEOPLE) return;
  const byName = new Map<string, Other[]>();
  const rows = peopleOfOtherSources(db, sourceId);
  for (const r of rows) {
    const name = foldQuery(fullName(r));
    if (!name) continue;
    const other: Other = {
      id: r.free === 1 ? r.id : null, name: fullName(r), email: r.email?.trim().toLowerCase() || null,
      where: r.onSite ? 'onSite' : r.source !== null ? 'source' : 'manual', source: r.source,
    };
    byName.set(name, [...(byName.get(name) ?? []), other]);
  }
  if (byName.size === 0) return;
  for (let i = 0; i < inserts.length; i++) {
    const p = inserts.get(i);
    const email = p.email?.trim().toLowerCase() || null;
    const fits = (byName.get(foldQuery(fullName(p))) ?? []).filter((o) => o.email === null || email === null || o.email === email);
    const same = fits[0];
    if (!same) continue;
    // Which of several people of that name the row is, the organiser cannot say here.
    const chosable = fits.length === 1 && same.id !== null;
    problems.add({
      code: same.where === 'onSite' ? 'maybeWalkIn' : same.where === 'source' ? 'maybeInOtherList' : 'maybeEnteredByHand',
      severity: 'warning', line: lines[i] ?? null, column: null,
      params: { name: same.name, source: same.source ?? '', ...(chosable ? { registrationId: same.id! } : {}) },
    });
  }
}

/**
 * Someone registered twice in the same list (two orders, a form sent twice): a new row with the name and e-mail
 * address of another new row, or of a registered person of this list. Two QR codes for one person, counted twice
 * in every report: said as a warning, with the earlier line where there is one. Without an address on both sides
 * the name alone says nothing (two Thomas Müllers at a conference of 800 are two people); colleagues sharing an
 * office address have other names.
 */
export function warnTwiceInList(
  db: Db, sourceId: string, plan: { inserts: PackedRegistrations; insertLines: readonly number[]; cancelledIds: ReadonlySet<string> }, problems: ProblemSink,
): void {
  const { inserts, insertLines: lines } = plan;
  if (inserts.length === 0 || inserts.length > CHECKED_NEW_PEOPLE) return;
  const key = (p: { firstName: string; lastName: string }, email: string) => `${foldQuery(fullName(p))}\u0001${email.trim().toLowerCase()}`;
  const before = new Set<string>();
  // Not those this sync cancels (an order cancelled and placed again: the new row replaces them).
  for (const r of registeredWithEmailOf(db, sourceId)) if (!plan.cancelledIds.has(r.id)) before.add(key(r, r.email));
  const seen = new Map<string, number>();
  for (let i = 0; i < inserts.length; i++) {
    const p = inserts.get(i);
    if (!p.email?.trim() || !foldQuery(fullName(p))) continue;
    const k = key(p, p.email);
    const line = lines[i] ?? null;
    const first = seen.get(k);
    if (first !== undefined) {
      problems.add({ code: 'twiceInList', severity: 'warning', line, column: null, params: { name: fullName(p), first } });
    } else if (before.has(k)) {
      problems.add({ code: 'alreadyInList', severity: 'warning', line, column: null, params: { name: fullName(p) } });
    } else if (line !== null) seen.set(k, line);
  }
}
