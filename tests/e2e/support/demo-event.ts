import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DEMO_FILE_NAME } from '../../../electron/core/event/demo';
import { tempDir } from '../../helpers/event-fixture';
import { launchWithCamera } from './browser';
import { startStation, type RunningStation } from './station';

/** A new demo event file in `dir`, made by the command line as an organiser would; returns its path. */
export function createDemoEvent(dir: string, station: string): string {
  const file = join(dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file, '--station', station]);
  return file;
}

/** How many people of the event file match `where`, read from the file itself beside the running station. */
/** One registration's code, read from the event file (the e2e tests type it as a scanner would). */
export function codeOf(file: string, where: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT code FROM registrations WHERE ${where}`).get() as { code: string }).code;
  } finally {
    db.close();
  }
}

export function countRegistrations(file: string, where: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM registrations WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export interface DemoInBrowser {
  /** A folder of the test's own, removed on close. */
  dir: string;
  eventFile: string;
  station: RunningStation;
  page: Page;
  close(): Promise<void>;
}

/** A new demo event served by a real station (`serve` with `stationArgs` too), open in Chromium at a laptop's size (1366 × 768). */
export async function openDemoInBrowser(prefix: string, stationName: string, stationArgs: string[] = []): Promise<DemoInBrowser> {
  const dir = tempDir(prefix);
  const eventFile = createDemoEvent(dir.dir, stationName);
  const station = await startStation(['--event', eventFile, ...stationArgs]);
  const browser = await launchWithCamera();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(station.openUrl);
  return {
    dir: dir.dir, eventFile, station, page,
    async close() {
      await browser.close();
      await station.stop();
      dir.cleanup();
    },
  };
}
