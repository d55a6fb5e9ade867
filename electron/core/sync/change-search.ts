import { queryTerms } from '../text/fold';
import type { ChangeField } from './fields';
import type { PlannedChange, SyncPlan } from './plan';
import { SearchTextCache } from './search-text';

export type ChangeKind = PlannedChange['kind'];

/** The fields of a change that tell who it is about, before and after: a person renamed is found by either name. */
const WHO: ReadonlySet<ChangeField> = new Set(['code', 'firstName', 'lastName', 'organisation', 'town']);

/**
 * What a dry run's changes are searched in, folded as the people search folds (searchTextOf: "Yıldız" is found by
 * "yildiz", "Müller" by "muller" and "mueller"). Made once per plan, at its first search: a plan is searched again
 * at each keystroke, and most dry runs are never searched at all.
 */
interface ChangeIndex {
  /** Per planned insert: its search text as it will be stored (first and last name, organisation, town, code), split. */
  added: string[];
  /**
   * Per entry of plan.changes: name and code, the values before and after of the fields in WHO, and organisation
   * and town as they will be (of those the plan writes: a change of another field does not name them).
   */
  changes: string[];
}

/**
 * The positions of the matching changes, per kind: `added` into plan.ops.inserts, the others into plan.changes;
 * `changes` all of plan.changes found, in its order (the list of every kind).
 */
export type ChangeHits = Record<ChangeKind, number[]> & { changes: number[] };

const indexes = new WeakMap<SyncPlan, ChangeIndex>();
/** The last search of each plan: "Mehr anzeigen" asks for the next page of the same search. */
const lastSearch = new WeakMap<SyncPlan, { terms: string; hits: ChangeHits }>();

function indexOf(plan: SyncPlan): ChangeIndex {
  let index = indexes.get(plan);
  if (!index) {
    const cache = new SearchTextCache();
    const written = new Map(plan.ops.updates.map((u) => [u.row.id, u.row]));
    const changes = plan.changes.map((c) => {
      const row = written.get(c.registrationId);
      return cache.of([
        c.name, c.code, row?.organisation, row?.town, ...c.fields.flatMap((f) => (WHO.has(f.field) ? [f.before, f.after] : [])),
      ]);
    });
    index = { added: plan.ops.inserts.searchTexts().map(indexWords), changes: changes.map(indexWords) };
    indexes.set(plan, index);
  }
  return index;
}

/**
 * Words split as the people search's index splits them (on anything but letters and digits): "Kaya" is a word of
 * "Yıldız-Kaya". A code or an e-mail address becomes words in a row ("b 2"), which a query's "B-2" is then looked for as.
 */
const JOINED = /[@.+-]/;
const splitWords = (text: string) => (JOINED.test(text) ? text.replace(/[@.+-]/g, ' ') : text);

/** A text to search in: split (splitWords), and each joined word once more without its joins, as a code typed without its dash ("hgxy81rg"). */
function indexWords(text: string): string {
  if (!JOINED.test(text)) return text;
  const compact = text.split(' ').filter((w) => JOINED.test(w)).map((w) => w.replace(/[@.+-]/g, ''));
  return `${splitWords(text)} ${compact.join(' ')}`;
}

/** Every term at the start of a word of the text (the people search's prefix match): "yild kay" finds "Yıldız-Kaya". */
function matcher(terms: readonly string[]): (text: string) => boolean {
  const needles = terms.map((t) => ` ${t}`);
  if (needles.length === 1) {
    const [needle] = needles as [string];
    return (text) => text.includes(needle);
  }
  return (text) => needles.every((n) => text.includes(n));
}

/**
 * How organisers name a person ("Frau Yıldız", "Herr Dr. Krüger"): no part of the name, so left out when a word
 * follows them; alone, "Fr" or "Herr" may be the start of a name still being typed ("Herrmann").
 */
const ADDRESS = new Set(['frau', 'fr', 'herr', 'hr', 'dr', 'prof']);

/** The words of a search, as this search and the history's (sync.runChanges) look for them. */
export function termsOf(query: string): string[] {
  const terms = queryTerms(query).map((t) => splitWords(t).trim()).filter(Boolean);
  return terms.filter((t, i) => i === terms.length - 1 || !ADDRESS.has(t));
}

/** The changes of each kind the query finds; null for a query of no words (only spaces or punctuation): no search. */
export function searchChanges(plan: SyncPlan, query: string): ChangeHits | null {
  const terms = termsOf(query);
  if (terms.length === 0) return null;
  const key = terms.join('\u0001');
  const last = lastSearch.get(plan);
  if (last?.terms === key) return last.hits;
  const index = indexOf(plan);
  const matches = matcher(terms);
  const hits: ChangeHits = { added: [], updated: [], cancelled: [], keptLocal: [], changes: [] };
  const { added, changes } = index;
  for (let i = 0; i < added.length; i++) if (matches(added[i]!)) hits.added.push(i);
  for (let i = 0; i < changes.length; i++) {
    if (!matches(changes[i]!)) continue;
    const c = plan.changes[i]!;
    hits.changes.push(i);
    if (c.kind !== 'keptLocal' && c.kind !== 'added') hits[c.kind].push(i);
    // As the kinds are counted (changesOf): everyone with a field kept as corrected in the app, also with other changes.
    if (c.kind === 'keptLocal' || c.fields.some((f) => f.keptLocal)) hits.keptLocal.push(i);
  }
  lastSearch.set(plan, { terms: key, hits });
  return hits;
}

/** How many changes of each kind the search found ("Auch unter „Neu“: 2"). */
export function hitCounts(hits: ChangeHits): Record<ChangeKind, number> {
  return { added: hits.added.length, updated: hits.updated.length, cancelled: hits.cancelled.length, keptLocal: hits.keptLocal.length };
}
