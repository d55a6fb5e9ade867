import { foldQuery } from '../text/fold';
import { identityOf, type Incoming, type ProblemSink } from './incoming';
import { lettersLost } from './lost-letters';
import type { SyncProblem } from './problems';

interface Person {
  firstName: string;
  lastName: string;
  email: string | null;
}

/** Whether two records of a person agree in anything that names them: first name, last name or e-mail address. */
export function shareAnything(a: Person, b: Person): boolean {
  // A name with letters Excel turned into "?" (see lettersLost) is still the name.
  const same = (x: string | null, y: string | null) => !!x && !!y && (foldQuery(x) === foldQuery(y) || lettersLost(x, y) || lettersLost(y, x));
  return same(a.firstName, b.firstName) || same(a.lastName, b.lastName) || same(a.email, b.email);
}

/**
 * A row whose id is that of a person from another list, with nothing of theirs: neither first nor last name nor
 * e-mail address. Lists kept by hand number their people 1, 2, 3…; the same number in a second list is someone
 * else, and taking the row would overwrite that person. The error to refuse it with, saying what to do; the same
 * person moving to another source (a re-export, the API instead of a file) still agrees in one of them.
 */
export function idOfOtherPerson(
  reg: Person & { sourceId: string | null; syncSourceId: string | null }, inc: Incoming, sourceId: string, sourceLabels: ReadonlyMap<string, string>,
): Omit<SyncProblem, 'column'> | null {
  if (reg.syncSourceId === sourceId || inc.sourceId === null || inc.sourceId !== reg.sourceId || shareAnything(reg, inc)) return null;
  return {
    code: 'idOfOtherPerson', severity: 'error', line: inc.line,
    params: {
      value: inc.sourceId.slice(0, 80), name: fullName(reg), incoming: fullName(inc),
      source: (reg.syncSourceId !== null ? sourceLabels.get(reg.syncSourceId) : undefined) ?? '–',
    },
  };
}

export const fullName = (p: { firstName: string; lastName: string }): string => `${p.firstName} ${p.lastName}`.trim();

/** From this share of a list's known people on, other people under their ids mean the ids were renumbered. */
const RENUMBERED_SHARE = 0.1;
const RENUMBERED_MIN = 3;

/**
 * Rows whose id (or code) is that of a person of this list with nothing in common with them. One or two are a
 * ticket passed on to a colleague: said, for a look. Many are ids that are row numbers ("lfd. Nr."), renumbered when
 * the list was sorted or someone was inserted: taking them would give every person someone else's code and
 * check-ins, so the dry run is refused, saying what to do.
 */
export class Replacements {
  private readonly found: { line: number; before: string; after: string; key: string }[] = [];

  note(line: number, before: Person, after: Person, key: string): void {
    this.found.push({ line, before: fullName(before), after: fullName(after), key });
  }

  /**
   * `known`: rows of the list that matched someone already in the event. `numbered`: the list's people are known by
   * an id column alone; a list with codes (tickets) is a ticketing system's, whose ids are not row numbers.
   */
  report(known: number, numbered: boolean, column: string | null, problems: ProblemSink): void {
    const n = this.found.length;
    if (numbered && n >= RENUMBERED_MIN && n >= known * RENUMBERED_SHARE) {
      const examples = this.found.slice(0, 3).map((f) => `${f.key}: ${f.before} → ${f.after}`).join('; ');
      problems.add({ code: 'renumbered', severity: 'error', line: null, column, params: { count: n, examples } });
      return;
    }
    for (const f of this.found) {
      problems.add({ code: 'personReplaced', severity: 'warning', line: f.line, column, params: { before: f.before, after: f.after } });
    }
  }
}

/**
 * New rows of a list known by e-mail and name (`held`, their key is `identityOf`), and the people of that list no
 * row matched. A row pairs with the person of the same name and address (the list was keyed by its ids before,
 * now by e-mail and name), else one new row and one such person at the same address pair: the name was corrected
 * in the source. Anything less clear stays new (`rest`).
 */
export function pairWithUnmatched<H extends { inc: Incoming }>(held: readonly H[], unmatched: readonly { index: number; person?: Person }[]): {
  pairs: [H, number][];
  rest: H[];
} {
  const byIdentity = new Map<string, number>();
  const byMail = new Map<string, number[]>();
  for (const { index, person } of unmatched) {
    if (!person) continue;
    const key = identityOf(person.email ?? '', person);
    if (key !== null) byIdentity.set(key, index);
    const mail = person.email?.trim().toLowerCase();
    if (mail) byMail.set(mail, [...(byMail.get(mail) ?? []), index]);
  }
  const taken = new Set<number>();
  const pairs: [H, number][] = [];
  const pair = (h: H, index: number) => {
    taken.add(index);
    pairs.push([h, index]);
  };
  const byAddress = held.filter((h) => {
    const index = byIdentity.get(h.inc.sourceId!);
    if (index === undefined || taken.has(index)) return true;
    pair(h, index);
    return false;
  });
  const mailOf = (inc: Incoming) => inc.email?.toLowerCase() ?? '';
  const rows = new Map<string, number>();
  for (const h of byAddress) rows.set(mailOf(h.inc), (rows.get(mailOf(h.inc)) ?? 0) + 1);
  const rest: H[] = [];
  for (const h of byAddress) {
    const mail = mailOf(h.inc);
    const left = (byMail.get(mail) ?? []).filter((i) => !taken.has(i));
    if (mail && rows.get(mail) === 1 && left.length === 1) pair(h, left[0]!);
    else rest.push(h);
  }
  return { pairs, rest };
}

/**
 * People registered on site, by name: a list's new row about one of them is that walk-in (registered at the door,
 * then entered into the registration system), not a second person. Same first and last name, folded; the same
 * e-mail address, or none given at the door and no other organisation; only when exactly one walk-in fits.
 */
export class WalkIns {
  private byName: Map<string, { index: number; email: string | null; organisation: string | null }[]> | null = null;

  constructor(private readonly load: () => { index: number; person: Person & { organisation: string | null } }[]) {}

  find(inc: Incoming, taken: (index: number) => boolean): number | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const { index, person } of this.load()) {
        const name = foldQuery(fullName(person));
        const walkIn = { index, email: person.email?.trim().toLowerCase() || null, organisation: person.organisation ? foldQuery(person.organisation) : null };
        if (name) this.byName.set(name, [...(this.byName.get(name) ?? []), walkIn]);
      }
    }
    if (this.byName.size === 0) return undefined;
    const email = inc.email?.toLowerCase() ?? null;
    const organisation = inc.organisation ? foldQuery(inc.organisation) : null;
    const fits = (this.byName.get(foldQuery(fullName(inc))) ?? []).filter((w) => !taken(w.index)
      && (w.email !== null ? w.email === email : w.organisation === null || organisation === null || w.organisation === organisation));
    return fits.length === 1 ? fits[0]!.index : undefined;
  }
}

