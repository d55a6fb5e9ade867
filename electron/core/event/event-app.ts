import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../db/migrations';
import { renameStation } from '../../../db/queries/stations';
import type { EventFile } from '../../contract/entities';
import type { AppContext } from '../app-context';
import type { Handlers } from '../handler';
import { DEMO_FILE_NAME, writeDemoEvent } from './demo';
import { eventFileName, writeNewEvent } from './new-event';

function listEventFiles(ctx: AppContext): EventFile[] {
  const files = readdirSync(ctx.dataDir).filter((f) => f.endsWith('.einlass'));
  return files
    .map((fileName): EventFile => {
      const file = join(ctx.dataDir, fileName);
      const modifiedAt = statSync(file).mtime.toISOString();
      try {
        const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: ctx.nativeBinding });
        try {
          const row = db.prepare('SELECT name, starts_on AS startsOn FROM event LIMIT 1').get() as
            | { name: string; startsOn: string | null }
            | undefined;
          return { fileName, name: row?.name ?? null, startsOn: row?.startsOn ?? null, modifiedAt, error: null };
        } finally {
          db.close();
        }
      } catch {
        return { fileName, name: null, startsOn: null, modifiedAt, error: 'event_file_corrupt' };
      }
    })
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

export const eventHandlers: Handlers<
  'app.info' | 'event.files' | 'event.openDemo' | 'event.create' | 'event.open' | 'event.close' | 'station.rename'
> = {
  'app.info': (ctx) => ({
    version: ctx.version,
    schemaVersion: SCHEMA_VERSION,
    event: ctx.summary(),
    station: ctx.event ? { ...ctx.event.station } : null,
  }),
  'event.files': (ctx) => ({ files: listEventFiles(ctx) }),
  'event.openDemo': (ctx) => {
    const file = join(ctx.dataDir, DEMO_FILE_NAME);
    if (existsSync(file)) ctx.openFile(file);
    else ctx.createFile(file, (db) => writeDemoEvent(db, ctx, ctx.stationName));
    return ctx.summary()!;
  },
  'event.create': (ctx, input) => {
    const fileName = eventFileName(input.name, input.startsOn, (f) => existsSync(join(ctx.dataDir, f)));
    ctx.createFile(join(ctx.dataDir, fileName), (db) => writeNewEvent(db, ctx, input, ctx.stationName));
    return ctx.summary()!;
  },
  'event.open': (ctx, input) => {
    ctx.openFile(ctx.fileInDataDir(input.fileName));
    return ctx.summary()!;
  },
  'event.close': (ctx) => {
    ctx.closeEvent();
    return {};
  },
  'station.rename': (ctx, input) => {
    const event = ctx.requireEvent();
    renameStation(event.db, event.station.id, input.name);
    event.station.name = input.name;
    return { ...event.station };
  },
};

