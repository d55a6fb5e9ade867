import { foldQuery } from '../text/fold';
import type { ProblemSink } from './incoming';

interface Person {
  firstName: string;
  lastName: string;
  email: string | null;
}

/** Whether two records of a person agree in anything that names them: first name, last name or e-mail address. */
export function shareAnything(a: Person, b: Person): boolean {
  const same = (x: string | null, y: string | null) => !!x && !!y && foldQuery(x) === foldQuery(y);
  return same(a.firstName, b.firstName) || same(a.lastName, b.lastName) || same(a.email, b.email);
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

  /** `known`: rows of the list that matched someone already in the event. */
  report(known: number, column: string | null, problems: ProblemSink): void {
    const n = this.found.length;
    if (n >= RENUMBERED_MIN && n >= known * RENUMBERED_SHARE) {
      const examples = this.found.slice(0, 3).map((f) => `${f.key}: ${f.before} → ${f.after}`).join('; ');
      problems.add({ code: 'renumbered', severity: 'error', line: null, column, params: { count: n, examples } });
      return;
    }
    for (const f of this.found) {
      problems.add({ code: 'personReplaced', severity: 'warning', line: f.line, column, params: { before: f.before, after: f.after } });
    }
  }
}
