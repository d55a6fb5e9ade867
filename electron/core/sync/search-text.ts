import { searchTextOf } from '../text/fold';

/**
 * searchTextOf for many people at once: the same towns and organisations come back thousands of times, so each
 * distinct value is folded once. Gives exactly what searchTextOf gives for the same fields (words in order,
 * each once), which the FTS index (migration 002) is built on.
 */
export class SearchTextCache {
  private readonly words = new Map<string, string[]>();

  of(fields: readonly (string | null | undefined)[]): string {
    const seen = new Set<string>();
    for (const field of fields) {
      if (!field) continue;
      let w = this.words.get(field);
      if (!w) {
        w = searchTextOf([field]).trim().split(' ').filter(Boolean);
        if (this.words.size < 200_000) this.words.set(field, w);
      }
      for (const word of w) seen.add(word);
    }
    return ` ${[...seen].join(' ')} `;
  }
}
