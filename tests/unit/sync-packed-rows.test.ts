import { describe, expect, it } from 'vitest';
import type { SyncedRegistration } from '../../db/queries/sync';
import { PackedRegistrations } from '../../electron/core/sync/packed-rows';

const person = (i: number, over: Partial<SyncedRegistration> = {}): SyncedRegistration => ({
  id: `id-${i}`, sourceId: i % 3 === 0 ? null : `S${i}`, syncSourceId: 'src', code: `T${i}`, firstName: 'Jürgen', lastName: i % 2 ? 'Yılmaz' : 'Groß',
  email: i % 4 === 0 ? null : `p${i}@example.org`, organisation: 'Stadt Weißenfels', town: null, federalState: 'Sachsen-Anhalt', sector: '',
  role: null, notes: i % 5 === 0 ? 'Rollstuhl; "Aufzug" 😀' : null, status: i % 7 === 0 ? 'cancelled' : 'registered',
  days: '["2023-10-18"]', extra: JSON.stringify({ 'Ernährung': 'vegan', Steuer: '\u0001\u0002' }), searchText: ' jurgen yilmaz ', syncHash: 'a.b',
  ...over,
});

describe('packed planned inserts', () => {
  it('give back every field exactly, nulls and empty text apart, across many blocks', () => {
    const packed = new PackedRegistrations();
    const n = 12_000; // about 3 MB of rows: several blocks of 1 MB
    for (let i = 0; i < n; i++) packed.push(person(i, { notes: i === 777 ? 'x'.repeat(5000) : person(i).notes }));
    expect(packed.length).toBe(n);
    for (const i of [0, 1, 2, 3, 4, 5, 7, 777, 4095, 4096, n - 1]) {
      expect(packed.get(i)).toEqual(person(i, { notes: i === 777 ? 'x'.repeat(5000) : person(i).notes }));
    }
    expect(packed.get(3).sourceId).toBeNull();
    expect(packed.get(1).sector).toBe('');
    // The blocks as they are written: JSON arrays of rows, each the fields in insert order, nulls as null.
    const blocks = [...packed.jsonBlocks()].map((b) => JSON.parse(Buffer.from(b).toString('utf8')) as unknown[][]);
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.flat()).toHaveLength(n);
    const p3 = person(3);
    expect(blocks[0]![3]).toEqual([p3.id, null, 'src', 'T3', 'Jürgen', 'Yılmaz', 'p3@example.org', 'Stadt Weißenfels', null,
      'Sachsen-Anhalt', '', null, null, 'registered', p3.days, p3.extra, p3.searchText, p3.syncHash]);
    expect(blocks.flat()[n - 1]![0]).toBe(`id-${n - 1}`);
    expect(() => packed.get(n)).toThrow(RangeError);
  });

  it('a row larger than a block is kept whole, and a row can be replaced', () => {
    const packed = new PackedRegistrations();
    packed.push(person(1));
    packed.push(person(2, { notes: 'ä'.repeat(1 << 20) }));
    packed.push(person(3));
    expect(packed.get(1).notes).toHaveLength(1 << 20);
    packed.set(0, person(9, { code: 'NEU' }));
    expect(packed.get(0).code).toBe('NEU');
    expect(packed.get(2)).toEqual(person(3));
    expect(packed.length).toBe(3);
    // The replaced row is gone from the blocks too (they are what is written), the order kept.
    const rows = [...packed.jsonBlocks()].flatMap((b) => JSON.parse(Buffer.from(b).toString('utf8')) as string[][]);
    expect(rows.map((r) => r[3])).toEqual(['NEU', 'T2', 'T3']);
  });

  it('blocks stay valid JSON when rows are added after they were handed out', () => {
    const packed = new PackedRegistrations();
    packed.push(person(1));
    expect([...packed.jsonBlocks()].map((b) => JSON.parse(Buffer.from(b).toString('utf8')) as unknown[]).flat()).toHaveLength(1);
    packed.push(person(2));
    expect([...packed.jsonBlocks()].map((b) => JSON.parse(Buffer.from(b).toString('utf8')) as unknown[]).flat()).toHaveLength(2);
  });

  it('a lone surrogate (a JSON list can hold one) is kept as U+FFFD, as SQLite stores a bound string', () => {
    const packed = new PackedRegistrations();
    packed.push(person(1, { lastName: 'Gro\ud800ß', firstName: 'A\udc00\\ud800' }));
    expect(packed.get(0).lastName).toBe('Gro\ufffdß');
    // A backslash followed by "ud" in the text itself is not a surrogate: kept as it is.
    expect(packed.get(0).firstName).toBe('A\ufffd\\ud800');
  });
});
