import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations, SCHEMA_VERSION } from '../../db/migrations';
import { APPLICATION_ID, migrate, openEventFile } from '../../db/open';
import { AppError } from '../../electron/core/errors';
import { tempDir } from '../helpers/event-fixture';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
const newDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d.dir;
};

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('event file', () => {
  it('creates a file at the current schema version with WAL, foreign keys and synchronous FULL', () => {
    const file = join(newDir(), 'e.einlass');
    const db = openEventFile(file, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('a file of version 16 keeps the changes its syncs kept when the table is made anew for kept corrections (017)', () => {
    const file = join(newDir(), 'v16.einlass');
    const raw = new Database(file);
    raw.transaction(() => {
      for (const m of migrations) if (m.version <= 16) raw.exec(m.sql);
    })();
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('user_version = 16');
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO sync_run_changes (run_id, kind, position, registration_id, line, fields) VALUES ('run-1', 'updated', 0, 'reg-1', 7, '[]')").run();
    expect(() => raw.prepare("INSERT INTO sync_run_changes (run_id, kind, position, registration_id, line, fields) VALUES ('run-1', 'keptLocal', 0, 'reg-1', 7, '[]')").run()).toThrow(/CHECK/);
    // The row's person and run are left out (foreign keys off): the migration copies rows as they are.
    migrate(raw, file);
    raw.close();
    const db = openEventFile(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT run_id, kind, position, registration_id, line, fields FROM sync_run_changes').all()).toEqual([
      { run_id: 'run-1', kind: 'updated', position: 0, registration_id: 'reg-1', line: 7, fields: '[]' },
    ]);
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO sync_run_changes (run_id, kind, position, registration_id, line, fields) VALUES ('run-1', 'keptLocal', 0, 'reg-1', 7, '[]')").run();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'sync_run_changes' AND type = 'index' AND sql IS NOT NULL").pluck().all()).toEqual(['sync_run_changes_by_registration']);
    db.close();
  });

  it('refuses to create over an existing file and to open a missing one', () => {
    const dir = newDir();
    const file = join(dir, 'e.einlass');
    openEventFile(file, { create: true }).close();
    expect(errorOf(() => openEventFile(file, { create: true })).code).toBe('event_file_exists');
    expect(errorOf(() => openEventFile(join(dir, 'missing.einlass'))).code).toBe('event_file_not_found');
  });

  it('refuses a file from a newer version and leaves it untouched', () => {
    const file = join(newDir(), 'future.einlass');
    openEventFile(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const err = errorOf(() => openEventFile(file));
    expect(err.code).toBe('event_file_newer');
    expect(err.details).toMatchObject({ fileVersion: SCHEMA_VERSION + 5, appVersion: SCHEMA_VERSION });
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    check.close();
  });

  it('refuses a file that is not SQLite, and a foreign SQLite database, without changing them', () => {
    const dir = newDir();
    const garbage = join(dir, 'garbage.einlass');
    writeFileSync(garbage, 'this is not a database, just text '.repeat(200));
    expect(errorOf(() => openEventFile(garbage)).code).toBe('event_file_corrupt');

    const foreign = join(dir, 'foreign.einlass');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    // Said as what it is: another program's database (QA17 M6/M7), not a broken file.
    expect(errorOf(() => openEventFile(foreign)).code).toBe('event_file_foreign');
    const check = new Database(foreign, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type='table'").all()).toEqual([{ name: 'notes' }]);
    check.close();
  });
});
