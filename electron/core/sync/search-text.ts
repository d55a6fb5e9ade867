import { searchTextOf } from '../text/fold';

/** A field of only ASCII letters, digits and @.+- (a ticket code, an e-mail address): it folds to itself in lower case. */
const PLAIN = /^[A-Za-z0-9@.+-]+$/;

/**
 * searchTextOf for many people at once: the same towns and organisations come back thousands of times, so each
 * distinct value is folded once. Gives exactly what searchTextOf gives for the same fields (words in order,
 * each once), which the FTS index (migration 002) is built on.
 */
export class SearchTextCache {
  private readonly words = new Map<string, string[]>();

  of(fields: readonly (string | null | undefined)[]): string {
    // A handful of words per person: a list is cheaper than a Set here.
    const seen: string[] = [];
    for (const field of fields) {
      if (!field) continue;
      // Unique per person (codes, e-mail addresses) and plain: folded directly, not kept in the cache.
      if (PLAIN.test(field)) {
        const word = field.toLowerCase();
        if (!seen.includes(word)) seen.push(word);
        continue;
      }
      let w = this.words.get(field);
      if (!w) {
        w = searchTextOf([field]).trim().split(' ').filter(Boolean);
        if (this.words.size < 200_000) this.words.set(field, w);
      }
      for (const word of w) if (!seen.includes(word)) seen.push(word);
    }
    return ` ${seen.join(' ')} `;
  }
}
