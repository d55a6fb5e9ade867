import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openEventFile, type Db } from '../../db/open';
import { insertSource, syncWriters, type SyncedRegistration } from '../../db/queries/sync';
import { PackedRegistrations } from '../../electron/core/sync/packed-rows';
import { HOSTILE } from '../helpers/hostile-strings';

// The planned inserts reach SQLite as JSON blocks read by jsonb_each (db/queries/sync.ts), not as bound values.
// Whatever a value holds, the person must be stored exactly as binding it would have stored it.

const AT = '2023-10-18T07:00:00.000Z';
const COLUMNS = `id, source_id AS sourceId, sync_source_id AS syncSourceId, code, first_name AS firstName, last_name AS lastName, email,
  organisation, town, federal_state AS federalState, sector, role, notes, status, days, extra, search_text AS searchText, sync_hash AS syncHash`;

function eventWithSource(): Db {
  const db = openEventFile(':memory:');
  insertSource(db, { id: 'src', kind: 'file', label: 'Liste', location: 'liste.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: AT });
  return db;
}

/**
 * The oracle: the same people inserted one by one with every value bound. A lone surrogate (a JSON list can hold
 * one) is bound as U+FFFD: bound as it is, better-sqlite3 stores it as three bytes of invalid UTF-8.
 */
function insertBound(db: Db, rows: readonly SyncedRegistration[]): void {
  const insert = db.prepare(`INSERT INTO registrations (id, source_id, sync_source_id, code, first_name, last_name, email, organisation, town,
      federal_state, sector, role, notes, status, days, extra, search_text, sync_hash, created_at, updated_at)
    VALUES (@id, @sourceId, @syncSourceId, @code, @firstName, @lastName, @email, @organisation, @town, @federalState, @sector, @role,
      @notes, @status, @days, @extra, @searchText, @syncHash, '${AT}', '${AT}')`);
  for (const r of rows) insert.run(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.toWellFormed() : v])));
}

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...HOSTILE, '"', '\\', '\\"', '\\u0041', '\\ud800', '\ud800', '\udc00x', '😀', 'Groß', 'Yılmaz', '', ' ', 'null', '[1,2]', '{"a":1}', '\u2028'),
);
const optional = fc.option(text, { nil: null });

const person = (i: number) => fc.record({
  sourceId: optional, firstName: text, lastName: text, email: optional, organisation: optional, town: optional, federalState: optional,
  sector: optional, role: optional, notes: optional, status: fc.constantFrom('registered' as const, 'cancelled' as const),
  days: fc.constantFrom('[]', '["2023-10-18"]'), extra: fc.dictionary(text, text, { maxKeys: 3 }).map((e) => JSON.stringify(e)),
  searchText: text, syncHash: fc.constantFrom('5571618926435012', '0', '4503599627370496'),
}).map((p): SyncedRegistration => ({ ...p, id: `id-${i}`, code: `C${i}`, syncSourceId: 'src', sourceId: p.sourceId === null ? null : `${p.sourceId}#${i}` }));

const people = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => person(i))));

describe('planned inserts written as JSON blocks', () => {
  it('store every value exactly as binding it would, in the order planned (fast-check)', () => {
    fc.assert(fc.property(people, (rows) => {
      const db = eventWithSource();
      const oracle = eventWithSource();
      const packed = new PackedRegistrations();
      for (const r of rows) packed.push(r);
      db.transaction(() => syncWriters(db, AT).insertAll(packed))();
      insertBound(oracle, rows);
      const stored = (d: Db) => d.prepare(`SELECT ${COLUMNS}, created_at, updated_at, registered_on_site FROM registrations ORDER BY rowid`).all();
      expect(stored(db)).toEqual(stored(oracle));
      expect(stored(db).map((r) => (r as { code: string }).code)).toEqual(rows.map((r) => r.code));
      db.close();
      oracle.close();
    }), { numRuns: process.env.CI ? 200 : 500 });
    // 500 runs take about 20 s on 2 cores: more room than the default, for a busy machine.
  }, 90_000);

  it('many blocks go in as one run of people, in the order planned; a failing one takes the transaction with it', () => {
    const db = eventWithSource();
    const packed = new PackedRegistrations();
    const n = 6000; // rows of about 400 bytes: three blocks of 1 MB
    const row = (i: number): SyncedRegistration => ({
      id: `id-${i}`, sourceId: String(100000 + i), syncSourceId: 'src', code: `T${i}`, firstName: 'Jürgen', lastName: `Müller ${i}`,
      email: null, organisation: 'x'.repeat(300), town: 'Weißenfels', federalState: null, sector: null, role: null, notes: null,
      status: 'registered', days: '[]', extra: '{}', searchText: ` jurgen muller ${i} `, syncHash: String(i),
    });
    for (let i = 0; i < n; i++) packed.push(row(i));
    expect([...packed.jsonBlocks()].length).toBeGreaterThanOrEqual(3);
    db.transaction(() => syncWriters(db, AT).insertAll(packed))();
    const codes = db.prepare('SELECT code FROM registrations ORDER BY rowid').pluck().all();
    expect(codes).toEqual(Array.from({ length: n }, (_, i) => `T${i}`));
    expect(db.prepare('SELECT count(*) FROM registrations_fts WHERE registrations_fts MATCH ?').pluck().get('muller')).toBe(n);

    // The last row repeats the first one's code: nothing of this second load stays.
    const again = new PackedRegistrations();
    for (let i = 0; i < n; i++) again.push({ ...row(i), id: `id2-${i}`, sourceId: null, code: i === n - 1 ? 'U0' : `U${i}` });
    expect(() => db.transaction(() => syncWriters(db, AT).insertAll(again))()).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(n);
  });
});
