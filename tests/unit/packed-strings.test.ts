import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedStringIndex, PackedStrings } from '../../db/packed-strings';

/** Values as the event file may hold them: empty, umlauts, emoji (two UTF-16 units), repeated. */
const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'Müller', 'A-1', '😀x', 'A-1 '), fc.string({ unit: 'grapheme', maxLength: 6 }));
const values = fc.array(fc.option(value, { nil: null }), { maxLength: 300 });

function packedBoth(vs: (string | null)[]): PackedStrings[] {
  const sep = '\u001f';
  const joined = vs.length === 0 ? null : vs.map((v) => v ?? '').join(sep);
  const split = vs.some((v) => v?.includes(sep)) ? null : PackedStrings.split(joined, sep, vs.length, (i) => vs[i] === null);
  return split ? [PackedStrings.of(vs), split] : [PackedStrings.of(vs)];
}

describe('packed strings: many short values as one string and offsets', () => {
  it('gives back every value, null as null, and compares without cutting a value out', () => {
    fc.assert(fc.property(values, value, (vs, probe) => {
      for (const p of packedBoth(vs)) {
        expect(p.length).toBe(vs.length);
        vs.forEach((v, i) => {
          expect(p.at(i)).toBe(v);
          expect(p.isNull(i)).toBe(v === null);
          expect(p.equals(i, probe)).toBe(v === probe);
          if (v !== null) expect(p.equals(i, v)).toBe(true);
        });
      }
    }));
  });

  it('the index finds each value at its position (the later one where a value repeats) and nothing else', () => {
    fc.assert(fc.property(values, fc.array(value, { maxLength: 20 }), (vs, probes) => {
      for (const p of packedBoth(vs)) {
        const index = new PackedStringIndex(p);
        const expected = new Map<string, number>();
        vs.forEach((v, i) => v !== null && expected.set(v, i));
        for (const [v, i] of expected) expect(index.get(v)).toBe(i);
        for (const probe of probes) expect(index.get(probe)).toBe(expected.get(probe));
        expect(index.has('\u0000not-there')).toBe(false);
      }
    }));
  });

  it('a text with more or fewer parts than people is refused, so the caller reads the values one by one', () => {
    expect(PackedStrings.split('a\u001fb\u001fc', '\u001f', 2)).toBeNull();
    expect(PackedStrings.split('a\u001fb', '\u001f', 3)).toBeNull();
    expect(PackedStrings.split(null, '\u001f', 1)).toBeNull();
    expect(PackedStrings.split(null, '\u001f', 0)?.length).toBe(0);
    const one = PackedStrings.split('', '\u001f', 1, () => false)!;
    expect([one.length, one.at(0), one.isNull(0)]).toEqual([1, '', false]);
    expect(() => one.at(1)).toThrow(RangeError);
  });

  it('100 000 codes: every one found, in a table of typed arrays', () => {
    const codes = Array.from({ length: 100_000 }, (_, i) => `K${(i * 7919).toString(36).toUpperCase()}-${i % 97}`);
    const index = new PackedStringIndex(PackedStrings.split(codes.join('\u001f'), '\u001f', codes.length)!);
    for (let i = 0; i < codes.length; i += 1) if (index.get(codes[i]!) !== i) throw new Error(`code ${i} not found`);
    expect(index.get('K0-1')).toBeUndefined();
  });
});
