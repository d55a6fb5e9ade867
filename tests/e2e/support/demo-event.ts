import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_FILE_NAME } from '../../../electron/core/event/demo';

/** A new demo event file in `dir`, made by the command line as an organiser would; returns its path. */
export function createDemoEvent(dir: string, station: string): string {
  const file = join(dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file, '--station', station]);
  return file;
}

/** How many people of the event file match `where`, read from the file itself beside the running station. */
export function countRegistrations(file: string, where: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM registrations WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
