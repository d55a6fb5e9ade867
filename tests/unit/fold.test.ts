import { describe, expect, it } from 'vitest';
import { foldQuery, queryTerms, searchTextOf } from '../../electron/core/text/fold';

describe('German folding', () => {
  it('stores both spellings so stripped and transliterated queries match', () => {
    const text = searchTextOf(['Jürgen', 'Müller-Lüdenscheidt', 'Straße der Einheit', 'Ørsted', 'Yıldırım']);
    for (const q of ['jurgen', 'juergen', 'mueller', 'muller', 'ludenscheidt', 'luedenscheidt', 'strasse', 'orsted', 'yildirim']) {
      expect(text).toContain(foldQuery(q));
    }
  });

  it('folds queries: case, accents, ß; punctuation splits terms', () => {
    expect(foldQuery('MÜLLER')).toBe('muller');
    expect(foldQuery('Straße')).toBe('strasse');
    expect(foldQuery('Éléonore')).toBe('eleonore');
    expect(foldQuery('Yıldırım')).toBe('yildirim');
    expect(foldQuery('İlkay Łukasz')).toBe('ilkay lukasz');
    expect(queryTerms('  hei,  sch ')).toEqual(['hei', 'sch']);
    expect(queryTerms('')).toEqual([]);
  });
});
