import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { compactCode, compactCodeSql, compactQuery } from '../../db/queries/compact-code';
import { findFormerCodesByCompactCode, findRegistrationIdsByCompactCode, listRegistrations } from '../../db/queries/registrations';
import { searchRegistrations } from '../../db/queries/search';
import { scan } from '../../electron/core/checkin/scan';
import { queryTerms } from '../../electron/core/text/fold';
import { smallEvent } from '../helpers/event-fixture';

// QA14 B1: Lukas Krause's code M6FY-PPZK, read off a phone and typed as "m6fyppzk", was "nicht angemeldet" at the
// desk, which then offered a walk-in registration; the searches found nobody either.
// smallEvent assigns reg-1 to its walk.
const people = [
  { id: 'reg-1', code: 'M6FY-PPZK', firstName: 'Lukas', lastName: 'Krause' },
  { id: 'heike', code: 'BBBB-2222', firstName: 'Heike', lastName: 'Schäfer' },
  { id: 'pretix', code: 'a8kq3mzt2rw7xy4nb6cd9ef5gh2jk3pq', firstName: 'Petra', lastName: 'Tix' },
  { id: 'ab-lower', code: 'ab-123', firstName: 'Anna', lastName: 'Klein' },
  { id: 'ab-upper', code: 'AB.123', firstName: 'Anton', lastName: 'Groß' },
];

const planOf = (db: ReturnType<typeof smallEvent>['db'], sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join('\n');

describe('a code typed without its dash or with spaces', () => {
  it('admits its person at the desk: without the dash, in small letters, in groups', () => {
    for (const code of ['m6fyppzk', 'M6FYPPZK', 'M6FY PPZK', 'm6fy ppzk', ' M6FY  PPZK ', 'm6fy.ppzk', 'M6FY_PPZK']) {
      const { event, ports, entrance1 } = smallEvent(people);
      expect(scan(event, ports, { listId: entrance1, code, method: 'manual' }), code)
        .toMatchObject({ status: 'admitted', registration: { id: 'reg-1' } });
    }
    const { db, event, ports, entrance1 } = smallEvent(people);
    expect(scan(event, ports, { listId: entrance1, code: 'm6fyppzk', method: 'manual' })).not.toHaveProperty('formerCode');
    expect(scan(event, ports, { listId: entrance1, code: 'M6FY PPZK', method: 'manual' })).toMatchObject({ status: 'already_checked_in', registration: { id: 'reg-1' } });
    expect(db.prepare("SELECT count(*) FROM refused_scans WHERE reason IN ('unknown_code', 'invalid_code')").pluck().get()).toBe(0);
  });

  it('is refused as unknown when two people have codes that look alike without separators and case', () => {
    const { db, event, ports, entrance1 } = smallEvent(people);
    // "ab-123" and "AB.123" are both "AB123": the desk cannot tell whose, so it guesses nobody.
    for (const code of ['ab123', 'AB123']) {
      expect(scan(event, ports, { listId: entrance1, code, method: 'manual' }), code).toMatchObject({ status: 'refused', reason: 'unknown_code', registration: null });
    }
    // Typed in groups, text that is nobody's code stays what it was before: no code (as a name typed by mistake).
    expect(scan(event, ports, { listId: entrance1, code: 'ab 123', method: 'manual' })).toMatchObject({ status: 'refused', reason: 'invalid_code', registration: null });
    // Each as written is still theirs.
    expect(scan(event, ports, { listId: entrance1, code: 'ab-123', method: 'manual' })).toMatchObject({ status: 'admitted', registration: { id: 'ab-lower' } });
    expect(scan(event, ports, { listId: entrance1, code: 'AB.123', method: 'manual' })).toMatchObject({ status: 'admitted', registration: { id: 'ab-upper' } });
    expect(db.prepare('SELECT reason, raw_code AS raw FROM refused_scans ORDER BY scanned_at').all()).toEqual([
      { reason: 'unknown_code', raw: 'ab123' }, { reason: 'unknown_code', raw: 'AB123' }, { reason: 'invalid_code', raw: 'ab 123' },
    ]);
  });

  it('still refuses what is no one\'s code, as before: unknown, or not a code at all', () => {
    const { event, ports, entrance1 } = smallEvent(people);
    expect(scan(event, ports, { listId: entrance1, code: 'm6fyppzx', method: 'manual' })).toMatchObject({ status: 'refused', reason: 'unknown_code', code: 'm6fyppzx' });
    expect(scan(event, ports, { listId: entrance1, code: 'Lukas Krause', method: 'manual' })).toMatchObject({ status: 'refused', reason: 'invalid_code', code: 'Lukas Krause' });
    // The compact form of the code is not a prefix match: a part of a code is nobody's.
    expect(scan(event, ports, { listId: entrance1, code: 'm6fyppz', method: 'manual' })).toMatchObject({ status: 'refused', reason: 'unknown_code' });
  });

  it('a code the list replaced admits by its compact form too, said to be an old code', () => {
    const { db, event, ports, entrance1 } = smallEvent(people);
    db.prepare("UPDATE registrations SET code = 'NEU1-NEU1' WHERE id = 'reg-1'").run();
    expect(scan(event, ports, { listId: entrance1, code: 'm6fy ppzk', method: 'manual' }))
      .toMatchObject({ status: 'admitted', registration: { id: 'reg-1' }, formerCode: { replacedAt: expect.any(String) } });
    // Two people who once had look-alike codes: nobody's.
    db.prepare("UPDATE registrations SET code = 'NEU2-NEU2' WHERE id = 'ab-lower'").run();
    db.prepare("UPDATE registrations SET code = 'NEU3-NEU3' WHERE id = 'ab-upper'").run();
    expect(scan(event, ports, { listId: entrance1, code: 'ab123', method: 'manual' })).toMatchObject({ status: 'refused', reason: 'unknown_code' });
  });

  it('is found by the front-desk search and the people list, first, and from its beginning on', () => {
    const { db, entrance1 } = smallEvent(people);
    const search = (q: string) => searchRegistrations(db, queryTerms(q), q, entrance1, 10).map((h) => h.id);
    const list = (q: string) => listRegistrations(db, { folded: queryTerms(q), compact: compactQuery(q), limit: 10, offset: 0 }).items.map((p) => p.id);
    for (const q of ['m6fyppzk', 'M6FYPPZK', 'M6FY PPZK', 'm6fy-ppzk', 'm6fyp', 'M6FYPP']) {
      expect(search(q), q).toEqual(['reg-1']);
      expect(list(q), q).toEqual(['reg-1']);
    }
    // A pretix secret in capitals; both look-alike codes (a search may show both, the scan may not pick one).
    expect(search('A8KQ3MZT2RW7XY4NB6CD9EF5GH2JK3PQ')).toEqual(['pretix']);
    expect(search('ab123').sort()).toEqual(['ab-lower', 'ab-upper']);
    expect(list('ab123').sort()).toEqual(['ab-lower', 'ab-upper']);
    // Names are found as before; a few letters are no code.
    expect(search('krause')).toEqual(['reg-1']);
    expect(list('krau')).toEqual(['reg-1']);
    expect(search('m6fyx')).toEqual([]);
    expect(list('m6fyx')).toEqual([]);
  });

  it('puts the person whose code it is first, before people whose names begin with the same letters', () => {
    const { db } = smallEvent([...people, { id: 'name', code: 'ZZZZ-9999', firstName: 'Bbbb2222x', lastName: 'Name' }]);
    expect(searchRegistrations(db, queryTerms('bbbb2222'), 'bbbb2222', null, 10).map((h) => h.id)).toEqual(['heike', 'name']);
  });

  it('is looked up through the indexes of compact codes (migration 018), not by folding every code', () => {
    const { db } = smallEvent(people);
    const code = compactCodeSql('code');
    expect(planOf(db, `SELECT id FROM registrations WHERE ${code} = ?`, 'X')).toMatch(/USING INDEX registrations_by_compact_code/);
    expect(planOf(db, `SELECT rowid FROM registrations WHERE ${code} >= ? AND ${code} < ? || char(1114111)`, 'X', 'X'))
      .toMatch(/USING (COVERING )?INDEX registrations_by_compact_code/);
    expect(planOf(db, `SELECT registration_id FROM former_codes WHERE ${code} = ?`, 'X')).toMatch(/USING INDEX former_codes_by_compact_code/);
    expect(findRegistrationIdsByCompactCode(db, 'm6fy ppzk')).toEqual(['reg-1']);
    expect(findFormerCodesByCompactCode(db, 'm6fy ppzk')).toEqual([]);
  });

  it('compacts in JavaScript exactly as in SQL: capitals of ASCII letters only, without - . _ and spaces', () => {
    const db = new Database(':memory:');
    for (const s of ['m6fy-ppzk', 'M6FY PPZK', 'a.b_c-d e', 'müller-ß', 'Ǆx–y', '  x  ']) {
      expect(compactCode(s), s).toBe(db.prepare(`SELECT ${compactCodeSql('?')}`).pluck().get(s));
    }
    expect(compactQuery(' m6f ')).toBeNull();
    expect(compactQuery('m6-fy')).toBe('M6FY');
    db.close();
  });

  it('a file of version 17 gets the indexes, its codes in them', () => {
    const raw = new Database(':memory:');
    for (const m of migrations) if (m.version <= 17) raw.exec(m.sql);
    raw.exec("INSERT INTO registrations (id, source_id, code, first_name, last_name, created_at, updated_at) VALUES ('x', 'x', 'M6FY-PPZK', 'L', 'K', 't', 't')");
    for (const m of migrations) if (m.version > 17) raw.exec(m.sql);
    expect(raw.prepare(`SELECT id FROM registrations INDEXED BY registrations_by_compact_code WHERE ${compactCodeSql('code')} = 'M6FYPPZK'`).pluck().all()).toEqual(['x']);
    raw.close();
  });
});
