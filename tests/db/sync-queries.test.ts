import { describe, expect, it } from 'vitest';
import { openEventFile } from '../../db/open';
import { ERASABLE_BY_SOURCE_SQL } from '../../db/queries/erasure';

const plan = (db: ReturnType<typeof openEventFile>, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('sync queries use indexes where a 100 000-person event needs them', () => {
  const db = openEventFile(':memory:');

  it('the details of changed people are looked up by id, not by scanning', () => {
    expect(plan(db, 'SELECT id FROM registrations WHERE id IN (SELECT value FROM json_each(?))')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_registrations_1/);
    expect(plan(db, 'SELECT list_id FROM assignments WHERE registration_id IN (SELECT value FROM json_each(?))')).toMatch(/USING PRIMARY KEY/);
    expect(plan(db, 'SELECT field FROM registration_local_fields WHERE registration_id IN (SELECT value FROM json_each(?))')).toMatch(/USING PRIMARY KEY/);
  });

  it('whom removing a list could erase is counted by index look-ups, never a scan of check-ins, refused scans or walk changes', () => {
    // A scan of the refused scans once per person took 73 s for 100 000 people and 20 000 refused scans.
    const detail = (db.prepare(`EXPLAIN QUERY PLAN ${ERASABLE_BY_SOURCE_SQL}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(detail).toMatch(/SEARCH s USING COVERING INDEX refused_scans_by_registration/);
    expect(detail).toMatch(/SEARCH c USING COVERING INDEX check_ins_by_registration/);
    expect(detail).toMatch(/SEARCH m USING COVERING INDEX assignment_moves_by_registration/);
    expect(detail).not.toMatch(/SCAN (c|s|m)\b/);
  });

  it('migration 003 only adds: the registrations of an older file keep every column', () => {
    const columns = (db.prepare('PRAGMA table_info(registrations)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['id', 'source_id', 'code', 'search_text', 'sync_source_id', 'sync_hash']));
  });
});
