import { accessSync, constants, existsSync } from 'node:fs';
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
    // Said as what it is, not as a file that is no event file (QA17 M7).
    if (exists) {
      try {
        accessSync(file, constants.R_OK);
      } catch {
        throw new AppError('event_file_unreadable', { file });
      }
    }
  }
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (err) {
    throw eventFileError(err, file) ?? new AppError('event_file_corrupt', { file, cause: String(err) });
  }
  try {
    // Only reads, before anything is written: switching another program's database to WAL, or giving an empty
    // file the schema, changed files the message then said were left unchanged (QA17 M6).
    identify(db, file, inMemory || options.create === true);
    configure(db, inMemory);
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw eventFileError(err, file) ?? new AppError('event_file_corrupt', { file, cause: String(err) });
  }
}

/**
 * An error of SQLite or the file system that says what is wrong with the event file itself: another program holds
 * it (a write lock longer than the busy timeout), it is read-only, or it may not be read. Null for anything else.
 */
export function eventFileError(err: unknown, file: string): AppError | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return new AppError('event_file_busy', { file });
  if (code.startsWith('SQLITE_READONLY')) return new AppError('event_file_readonly', { file });
  if (code === 'EACCES' || code === 'EPERM') return new AppError('event_file_unreadable', { file });
  return null;
}

/**
 * Whether the file is an Einlass event file, by reading its header only. A file that exists must carry Einlass's
 * application id: an empty one (0 bytes) is not made into an event (`fresh`: a file being created, or memory).
 */
function identify(db: Db, file: string, fresh: boolean): void {
  // Reading a pragma is the first access to the file's header: a file that is not SQLite fails here.
  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') throw new AppError('event_file_corrupt', { file, cause: String(check) });
  if (fresh) return;
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new AppError('event_file_foreign', { file });
}

function configure(db: Db, inMemory: boolean): void {
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
    if (tables.n > 0) throw new AppError('event_file_foreign', { file });
  } else if (appId !== APPLICATION_ID) {
    throw new AppError('event_file_foreign', { file });
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
