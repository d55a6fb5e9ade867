import type { Db } from '../../../db/open';
import { peopleOfOtherSources, registeredWithEmailOf } from '../../../db/queries/sync';
import { foldQuery } from '../text/fold';
import type { PackedRegistrations } from './packed-rows';
import type { ProblemSink } from './incoming';
import type { PlannedChange } from './plan';
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
  sourceId: string | null;
}

/** A new person of the dry run, with what the checks compare: the folded name and the address in lower case. */
interface NewPerson {
  name: string;
  folded: string;
  email: string | null;
  line: number | null;
}

/**
 * The possible duplicates among the new people of a dry run (see inOtherSources and twiceInList), each said as a
 * warning; for up to CHECKED_NEW_PEOPLE of them (a first import of a large list is not checked).
 */
export function warnPossibleDuplicates(
  db: Db, sourceId: string,
  plan: { inserts: PackedRegistrations; insertLines: readonly number[]; cancels: readonly string[]; changes: readonly PlannedChange[]; rehash: readonly { id: string }[] },
  problems: ProblemSink,
): void {
  const { inserts, insertLines } = plan;
  if (inserts.length === 0 || inserts.length > CHECKED_NEW_PEOPLE) return;
  const people: NewPerson[] = [];
  for (let i = 0; i < inserts.length; i++) {
    const p = inserts.get(i);
    people.push({ name: fullName(p), folded: foldQuery(fullName(p)), email: p.email?.trim().toLowerCase() || null, line: insertLines[i] ?? null });
  }
  // People of another list this sync takes over (a new version of that list under another name) are this list's
  // then: a new row of their name is no one "in the other list".
  const takenOver = new Set(plan.rehash.map((r) => r.id));
  inOtherSources(db, sourceId, people, takenOver, problems);
  // Not those this sync cancels (an order cancelled and placed again: the new row replaces them).
  const cancelled = new Set([...plan.cancels, ...plan.changes.filter((c) => c.kind === 'cancelled').map((c) => c.registrationId)]);
  twiceInList(db, sourceId, people, cancelled, problems);
}

/**
 * New people of a list who may already be in the event under another source: registered on site (a walk-in later
 * entered into the registration system) or in another list (a speaker on the speakers' list and in pretix). Same
 * first and last name, and the same e-mail address or one of the two without any. Nobody is merged (two people of
 * the same name exist) unless the organiser says so for a person of no list (the warning names them by
 * `registrationId`; see PlanInput.sameAs).
 */
function inOtherSources(db: Db, sourceId: string, people: readonly NewPerson[], takenOver: ReadonlySet<string>, problems: ProblemSink): void {
  const byName = new Map<string, Other[]>();
  for (const r of peopleOfOtherSources(db, sourceId)) {
    const name = foldQuery(fullName(r));
    if (!name || takenOver.has(r.id)) continue;
    const other: Other = {
      id: r.free === 1 ? r.id : null, name: fullName(r), email: r.email?.trim().toLowerCase() || null,
      where: r.onSite ? 'onSite' : r.source !== null ? 'source' : 'manual', source: r.source, sourceId: r.sourceId,
    };
    byName.set(name, [...(byName.get(name) ?? []), other]);
  }
  if (byName.size === 0) return;
  for (const p of people) {
    const fits = (byName.get(p.folded) ?? []).filter((o) => o.email === null || p.email === null || o.email === p.email);
    const same = fits[0];
    if (!same) continue;
    // Which of several people of that name the row is, the organiser cannot say here.
    const chosable = fits.length === 1 && same.id !== null;
    problems.add({
      code: same.where === 'onSite' ? 'maybeWalkIn' : same.where === 'source' ? 'maybeInOtherList' : 'maybeEnteredByHand',
      severity: 'warning', line: p.line, column: null,
      params: { name: same.name, source: same.source ?? '', ...(same.sourceId ? { sourceId: same.sourceId } : {}), ...(chosable ? { registrationId: same.id! } : {}) },
    });
  }
}

/**
 * Someone registered twice in the same list (two orders, a form sent twice): a new row with the name and e-mail
 * address of another new row, or of a registered person of this list this sync does not cancel. Two QR codes for
 * one person, counted twice in every report: said as a warning, with the earlier line where there is one. Without
 * an address on both sides the name alone says nothing (two Thomas Müllers at a conference of 800 are two people);
 * colleagues sharing an office address have other names.
 */
function twiceInList(db: Db, sourceId: string, people: readonly NewPerson[], cancelled: ReadonlySet<string>, problems: ProblemSink): void {
  const before = new Set<string>();
  for (const r of registeredWithEmailOf(db, sourceId)) {
    if (!cancelled.has(r.id)) before.add(`${foldQuery(fullName(r))}\u0001${r.email.trim().toLowerCase()}`);
  }
  const seen = new Map<string, number>();
  for (const p of people) {
    if (!p.email || !p.folded) continue;
    const k = `${p.folded}\u0001${p.email}`;
    const first = seen.get(k);
    if (first !== undefined) {
      problems.add({ code: 'twiceInList', severity: 'warning', line: p.line, column: null, params: { name: p.name, first } });
    } else if (before.has(k)) {
      problems.add({ code: 'alreadyInList', severity: 'warning', line: p.line, column: null, params: { name: p.name } });
    } else if (p.line !== null) seen.set(k, p.line);
  }
}
