import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayTokens, parseDay, type EventDay } from '../../electron/core/sync/day-cells';

/** A cell of a days column as the sync reads it (see dayCell in incoming.ts): its days, and the text that is none. */
function read(cell: string, days: readonly EventDay[]): { days: string[]; unreadable: string[] } {
  const found = new Set<string>();
  const unreadable: string[] = [];
  for (const token of dayTokens(cell, days)) {
    const parsed = parseDay(token, days);
    if (parsed) parsed.forEach((d) => found.add(d));
    else unreadable.push(token);
  }
  return { days: [...found].sort(), unreadable };
}

// Wednesday and Thursday, with the labels a new event gets.
const days = [{ date: '2023-10-18', label: 'Tag 1 · Mittwoch, 18.10.2023' }, { date: '2023-10-19', label: 'Tag 2 · Donnerstag, 19.10.2023' }];
const both = ['2023-10-18', '2023-10-19'];

describe('a cell of days', () => {
  // A QA walkthrough (qa13, A3): two days in one cell kept only the first, without a word.
  it.each([
    ['18.10.2023 und 19.10.2023'], ['18.10. und 19.10.'], ['2023-10-18 2023-10-19'], ['19.10.2023 & 18.10.2023'],
    ['18.10.2023 + 19.10.2023'], ['18./19.10.2023'], ['Mittwoch und Donnerstag'], ['18.10.2023/19.10.2023'],
    ['18.10.2023 and 19.10.2023'], ['18. und 19.10.2023'], ['18.10. 19.10.'], ['Mi/Do'], ['Tag 1 und 2'], ['Tag 1 + Tag 2'],
    ['18.10., 19.10.2023'], ['beide Tage (18. und 19.10.)'], ['45217 45218'],
    ['18. und 19. Oktober 2023'], ['Mittwoch, 18. Oktober und Donnerstag, 19. Oktober'], ['18.-19. Okt. 2023'], ['Oct 18 & Oct 19, 2023'],
  ])('%j is both days', (cell) => {
    expect(read(cell, days)).toEqual({ days: both, unreadable: [] });
  });

  it.each([
    ['2023-10-18 09:00'], ['2023-10-18T09:00'], ['2023-10-18T09:00:00.000Z'], ['2023-10-18T09:00:00+02:00'], ['18.10.2023 09:00'],
    ['18.10.2023, 9:00 Uhr'], ['18.10. 09:00'], ['Mi, 18.10.'], ['Mittwoch, 18.10.2023'], ['Tag 1 · Mittwoch, 18.10.2023'], ['18.10.23'],
  ])('%j, a date with its time or weekday, is one day', (cell) => {
    expect(dayTokens(cell, days)).toEqual([cell]);
    expect(read(cell, days)).toEqual({ days: ['2023-10-18'], unreadable: [] });
  });

  // Month names, as form tools and people write them.
  it.each([
    ['18. Oktober 2023'], ['18. Okt.'], ['Mittwoch, 18. Oktober 2023'], ['18 October 2023'], ['October 18, 2023'], ['Oct 18th'], ['18.Oktober'],
  ])('%j, a date with its month\'s name, is one day', (cell) => {
    expect(read(cell, days)).toEqual({ days: ['2023-10-18'], unreadable: [] });
  });

  it.each([
    ['18.10.2023 (nur vormittags)', ['2023-10-18'], ['(nur vormittags)']],
    ['18.10.2023 und vielleicht 19.10.', both, ['vielleicht']],
    ['2023-10-18 morgens', ['2023-10-18'], ['morgens']],
    ['18.10.2023 09:00-12:00', ['2023-10-18'], ['-12:00']],
    // The weekday says one day and the date another: the organiser says which.
    ['Mittwoch, 19.10.2023', [], ['Mittwoch, 19.10.2023']],
    ['Freitag und Samstag', [], ['Freitag', 'Samstag']],
    ['morgen', [], ['morgen']],
  ])('%j: the days in it, and the rest said as no day, not dropped', (cell, expected, unreadable) => {
    expect(read(cell, days)).toEqual({ days: expected, unreadable });
  });

  // Spans as German forms write them ("18.–19.10."): the event's days from the first to the last.
  it.each([
    ['18.-19.10.2023', both], ['18.–19.10.', both], ['18. bis 19.10.2023', both], ['18.10.-19.10.2023', both], ['18.10. bis 19.10.', both],
    ['17.-19.10.2023', both], ['18.10.2023 und 19.-20.10.2023', both], ['19.-20.10.', ['2023-10-19']],
    // No day of the event in it: its first and last day, said as outside the event; backwards or no date: unreadable.
    ['01.-03.11.2023', ['2023-11-01', '2023-11-03']], ['19.-18.10.2023', null], ['30.-31.02.2023', null],
  ])('the span %j → %j', (cell, expected) => {
    expect(dayTokens(cell, days).flatMap((t) => parseDay(t, days) ?? ['?']).filter((d) => d !== '?').sort()).toEqual(expected ?? []);
    if (expected === null) expect(read(cell, days).unreadable).toEqual([cell]);
  });

  // qa13, B3: a date in a workbook cell without a date format is Excel's number of it.
  it.each([
    ['45217', ['2023-10-18']], ['45218', ['2023-10-19']], ['45217,5', ['2023-10-18']], ['45217.375', ['2023-10-18']],
    ['20000', ['1954-10-03']], ['79999', ['2119-01-10']], ['19999', null], ['80000', null], ['12345', null], ['4521', null],
  ])('Excel date number %j → %j', (cell, expected) => {
    expect(parseDay(cell, days)).toEqual(expected);
  });

  it('a day\'s own label, also one of its own words, and "beide Tage" are read as a whole', () => {
    const named = [{ date: '2023-10-18', label: 'Fachtag Mobilität' }, { date: '2023-10-19', label: 'Exkursion 19.10.' }];
    expect(read('Fachtag Mobilität', named)).toEqual({ days: ['2023-10-18'], unreadable: [] });
    expect(read('Exkursion 19.10.', named)).toEqual({ days: ['2023-10-19'], unreadable: [] });
    expect(read('beide Tage', days)).toEqual({ days: both, unreadable: [] });
  });

  it('a new event\'s day label splits, without the days, into pieces that all name that day', () => {
    expect(dayTokens('Tag 1 · Mittwoch, 18.10.2023').map((t) => parseDay(t, days))).toEqual([['2023-10-18'], ['2023-10-18']]);
  });
});

describe('days joined in any way (property)', () => {
  const eventDays = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 5 }).map((offsets) =>
    offsets.sort((a, b) => a - b).map((o) => {
      const date = new Date(Date.UTC(2023, 9, 16 + o)).toISOString().slice(0, 10);
      return { date, label: `Tag ${o + 1}` };
    }));
  const german = (date: string) => `${date.slice(8)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
  const writings = [
    (d: string) => german(d), (d: string) => german(d).slice(0, 6), (d: string) => d, (d: string) => `${d}T09:30:00Z`,
    (d: string) => String(Math.round((Date.parse(d) - Date.UTC(1899, 11, 30)) / 86_400_000)),
  ];
  const joiners = [' und ', ' and ', ' & ', '&', ' + ', '+', ' / ', '/', ' ', '  ', ', ', '; ', ' · '];

  it('any two days of the event, each written as lists write dates, joined by any joiner, are both read', () => {
    fc.assert(fc.property(
      eventDays.chain((ds) => fc.tuple(fc.constant(ds), fc.subarray(ds, { minLength: 2, maxLength: 2 }))),
      fc.constantFrom(...writings), fc.constantFrom(...writings), fc.constantFrom(...joiners), fc.boolean(),
      ([ds, [first, second]], writeFirst, writeSecond, joiner, reversed) => {
        const [a, b] = reversed ? [second!, first!] : [first!, second!];
        // The sync splits on ";" before it reads a part's days (splitMulti).
        const cell = `${writeFirst(a.date)}${joiner}${writeSecond(b.date)}`;
        const parts = joiner.trim() === ';' ? cell.split(';') : [cell];
        const found = parts.map((p) => read(p, ds));
        expect(found.flatMap((f) => f.unreadable)).toEqual([]);
        expect([...new Set(found.flatMap((f) => f.days))].sort()).toEqual([first!.date, second!.date].sort());
      },
    ));
  });

  it('a word that is no day, anywhere beside a day, is said, never dropped', () => {
    const word = fc.constantFrom('vormittags', '(nur vormittags)', 'evtl.', 'bis', 'ggf.', 'Anreise', '-');
    fc.assert(fc.property(fc.constantFrom(...writings), word, fc.constantFrom(...joiners), fc.boolean(), (write, extra, joiner, before) => {
      const cell = before ? `${extra}${joiner}${write('2023-10-19')}` : `${write('2023-10-19')}${joiner}${extra}`;
      fc.pre(!joiner.includes(';'));
      expect(read(cell, days).unreadable).toHaveLength(1);
    }));
  });
});
