import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One thing, one name, on the sync screens: a walkthrough found the list of a sync's errors and notes called
 * „Meldungen“ in one place and „Hinweise“ in the next (where „Hinweis“ is also the badge of one kind of item in it),
 * and a value corrected in the app that a sync keeps called „Lokal beibehalten“ on the count but „lokale Änderung
 * bleibt“ in the list below it.
 */

type Catalogue = Record<string, unknown>;
const read = (lang: string): Catalogue =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../resources/locales/${lang}.json`, import.meta.url)), 'utf8')) as Catalogue;
const catalogues = { de: read('de'), en: read('en') };

function text(c: Catalogue, path: string): string {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Catalogue | undefined)?.[key], c);
  if (typeof value !== 'string') throw new Error(`${path} is not a text`);
  return value;
}

/** The word the heading over the list uses ("3 Meldungen" → "Meldungen"). */
const nameOfList = (c: Catalogue, form: 'one' | 'other') => text(c, `sync.problems.title_${form}`).replace('{{count, number}}', '').trim();

describe.each(Object.entries(catalogues))('wording of the sync screens (%s)', (_, c) => {
  it('the list of errors and notes is called as its heading calls it, wherever it is spoken of', () => {
    const plural = nameOfList(c, 'other');
    expect(text(c, 'sync.severity.warning').toLowerCase()).not.toBe(nameOfList(c, 'one').toLowerCase());
    expect(text(c, 'sync.history.problems_one')).toContain(nameOfList(c, 'one'));
    const mentions = [
      'sync.history.problems_other', 'sync.history.problemsOf', 'sync.history.showProblems', 'sync.history.problemsErased',
      'sync.remove.eraseHint_one', 'sync.remove.eraseHint_other', 'sync.cli.moreProblems', 'programme.import.problems',
    ];
    expect(mentions.filter((key) => !text(c, key).toLowerCase().includes(plural.toLowerCase()))).toEqual([]);
  });

  it('a value corrected in the app that a sync keeps has one name on the count, the switch and the badge in the list', () => {
    expect(text(c, 'sync.change.keptLocal').toLowerCase()).toBe(text(c, 'sync.count.keptLocal').toLowerCase());
    expect(text(c, 'sync.cli.counts').toLowerCase()).toContain(`${text(c, 'sync.count.keptLocal').toLowerCase()}:`);
  });
});
