import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../electron/core/errors';
import { SCHEMA_VERSION, migrations } from './migrations';

export type Db = Database.Database;

/** 'EINL' — marks a SQLite file as an Einlass event file, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x45494e4c;

export interface OpenOptions {
  /** Create a new file; fails if it exists. Without it, the file must exist. */
  create?: boolean;
  /** Path to a better-sqlite3 binary built for another ABI (Electron); see electron/main/native-binding.ts. */
  nativeBinding?: string;
}

export function openEventFile(file: string, options: OpenOptions = {}): Db {
  const inMemory = file === ':memory:';
  if (!inMemory) {
    const exists = existsSync(file);
    if (options.create && exists) throw new AppError('event_file_exists', { file });
    if (!options.create && !exists) throw new AppError('event_file_not_found', { file });
  }
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (err) {
    throw new AppError('event_file_corrupt', { file, cause: String(err) });
  }
  try {
    configure(db, inMemory);
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw new AppError('event_file_corrupt', { file, cause: String(err) });
  }
}

function configure(db: Db, inMemory: boolean): void {
  // Reading a pragma is the first access to the file's header: a file that is not SQLite fails here.
  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') throw new AppError('event_file_corrupt', { cause: String(check) });
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Every check-in must survive a power cut the moment it has been shown as accepted.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}

export function migrate(db: Db, file = ':memory:'): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0 && appId === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw new AppError('event_file_corrupt', { file, cause: 'not an Einlass event file' });
  } else if (appId !== APPLICATION_ID) {
    throw new AppError('event_file_corrupt', { file, cause: 'not an Einlass event file' });
  }
  if (version > SCHEMA_VERSION) {
    throw new AppError('event_file_newer', { file, fileVersion: version, appVersion: SCHEMA_VERSION });
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const m of migrations) if (m.version > version) db.exec(m.sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
