import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openEventFile, type Db } from '../../db/open';
import { retryPendingRewrite } from '../../db/queries/erasure';
import { getEvent } from '../../db/queries/event';
import { personalDataPurgedAt } from '../../db/queries/report-settings';
import { getLocalStation, renameStation, type StationRow } from '../../db/queries/stations';
import type { EventSummary } from '../contract/entities';
import { AppError } from './errors';
import { randomIds, systemClock, type Clock, type IdGenerator } from './ports';
import { PushBus } from './push-bus';

export interface AppContextOptions {
  /** Folder holding the event files this app lists and creates. */
  dataDir: string;
  version?: string;
  clock?: Clock;
  ids?: IdGenerator;
  /** Name this station gets in event files it creates. */
  stationName?: string;
  /**
   * `serve --event FILE --station NAME`: the name was given on purpose for this file, which is renamed to it when
   * opened under another name for this laptop; the new name travels to the hub and the other stations. Other files
   * keep the name they have (one paired under the name typed in the join form, the desktop app's host name).
   */
  renameStationIn?: string;
  nativeBinding?: string;
  /**
   * Keep the event open at the last stop for reopenLast (the desktop app and `serve`). Off for the command line's
   * one-off commands: exporting another event must not change what the station opens at its next start.
   */
  rememberLastEvent?: boolean;
}

/** The file in the data folder naming the event that was open when the app or station last stopped. */
export const LAST_EVENT_FILE = 'last-event';

export interface OpenEvent {
  db: Db;
  file: string;
  station: StationRow;
}

/**
 * What a running app holds: the data folder, the one open event file and the ports. Every transport dispatches
 * into one of these; it knows nothing of Electron or HTTP.
 */
export class AppContext {
  readonly dataDir: string;
  readonly version: string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly stationName: string;
  private readonly renameStationIn: string | null;
  readonly nativeBinding: string | undefined;
  private readonly rememberLastEvent: boolean;
  readonly push = new PushBus();
  private current: OpenEvent | null = null;

  constructor(options: AppContextOptions) {
    this.dataDir = resolve(options.dataDir);
    this.version = options.version ?? '0.0.0';
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
    this.stationName = options.stationName ?? 'Station 1';
    this.renameStationIn = options.renameStationIn ? resolve(options.renameStationIn) : null;
    this.nativeBinding = options.nativeBinding;
    this.rememberLastEvent = options.rememberLastEvent ?? false;
    mkdirSync(this.dataDir, { recursive: true });
  }

  get event(): OpenEvent | null {
    return this.current;
  }

  requireEvent(): OpenEvent {
    if (!this.current) throw new AppError('no_event_open');
    return this.current;
  }

  /** Opens an existing event file by path, closing the one open before (only once the new one opened). */
  openFile(file: string): OpenEvent {
    const db = openEventFile(file, { nativeBinding: this.nativeBinding });
    let station = getLocalStation(db);
    if (!station || !getEvent(db)) {
      db.close();
      throw new AppError('event_file_corrupt', { file, cause: 'no event or station in file' });
    }
    // QA15 L2: `demo`/`import` made the file under the host name, `serve --station "Orga"` then named nobody.
    if (this.renameStationIn === resolve(file) && this.stationName.trim() && station.name !== this.stationName.trim()) {
      renameStation(db, station.id, this.stationName.trim());
      station = { ...station, name: this.stationName.trim() };
    }
    this.close();
    // An erasure whose rewrite another program kept from going through (see rewriteFile) is finished first.
    retryPendingRewrite(db);
    this.current = { db, file: resolve(file), station };
    this.rememberLast(this.current.file);
    this.push.publish({ type: 'event.changed', event: this.summary() });
    return this.current;
  }

  /**
   * Opens the event that was open when the app or station last stopped (a laptop rebooted in the morning comes back
   * to its front desk, and its periodic list checks and exchanges with the hub go on), unless it was closed on
   * purpose or its file is gone. Null when there is none to open; a file that cannot be opened is said on stderr and
   * left for the start screen, which says what is wrong with it.
   */
  reopenLast(): OpenEvent | null {
    let file: string;
    try {
      file = readFileSync(join(this.dataDir, LAST_EVENT_FILE), 'utf8').trim();
    } catch {
      return null;
    }
    if (!file || !existsSync(file)) {
      this.rememberLast(null);
      return null;
    }
    try {
      return this.openFile(file);
    } catch (err) {
      console.error('Einlass: the event open at the last stop could not be opened again:', err instanceof AppError ? err.code : err);
      return null;
    }
  }

  /** "Veranstaltung schließen": closed on purpose, so the next start shows the start screen. */
  closeEvent(): void {
    this.rememberLast(null);
    this.close();
  }

  private rememberLast(file: string | null): void {
    if (!this.rememberLastEvent) return;
    try {
      const marker = join(this.dataDir, LAST_EVENT_FILE);
      if (file) writeFileSync(marker, `${file}\n`);
      else rmSync(marker, { force: true });
    } catch {
      // A read-only data folder: the event simply is not opened again by itself.
    }
  }

  /** Creates an empty event file and lets `fill` write its first content in one transaction. */
  createFile(file: string, fill: (db: Db) => void): OpenEvent {
    mkdirSync(dirname(file), { recursive: true });
    const db = openEventFile(file, { create: true, nativeBinding: this.nativeBinding });
    try {
      db.transaction(() => fill(db)).immediate();
    } finally {
      db.close();
    }
    return this.openFile(file);
  }

  /** Resolves a file name inside the data folder; refuses anything that would leave it. */
  fileInDataDir(fileName: string): string {
    if (basename(fileName) !== fileName || !fileName.endsWith('.einlass')) {
      throw new AppError('bad_request', { field: 'fileName' });
    }
    return join(this.dataDir, fileName);
  }

  summary(): EventSummary | null {
    if (!this.current) return null;
    const e = getEvent(this.current.db);
    if (!e) return null;
    return {
      id: e.id, name: e.name, place: e.place, startsOn: e.startsOn, endsOn: e.endsOn, timezone: e.timezone,
      organiser: e.organiser, isDemo: e.isDemo, fileName: basename(this.current.file),
      personalDataPurgedAt: personalDataPurgedAt(this.current.db),
    };
  }

  close(): void {
    if (!this.current) return;
    retryPendingRewrite(this.current.db);
    this.current.db.close();
    this.current = null;
    this.push.publish({ type: 'event.changed', event: null });
  }
}
