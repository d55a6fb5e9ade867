// The desktop app and `serve` open again the event that was open when they last stopped: a laptop rebooted in the
// morning comes back to its front desk, and its list checks and exchanges with the hub go on without anyone opening
// the event first. Closed on purpose, or its file gone: the start screen as before. One-off commands change nothing.
import { existsSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AppContext, LAST_EVENT_FILE } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { tempDir } from '../helpers/event-fixture';

const dirs: ReturnType<typeof tempDir>[] = [];
const contexts: AppContext[] = [];
afterEach(() => {
  contexts.splice(0).forEach((c) => c.close());
  dirs.splice(0).forEach((d) => d.cleanup());
});

function app(dataDir: string, rememberLastEvent = true): AppContext {
  const ctx = new AppContext({ dataDir, stationName: 'Einlass 1', rememberLastEvent });
  contexts.push(ctx);
  return ctx;
}

async function created(ctx: AppContext, name: string): Promise<string> {
  const r = await dispatch(ctx, 'event.create', { name, startsOn: '2023-10-18', endsOn: '2023-10-19' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return ctx.requireEvent().file;
}

it('opens the event open at the last stop again, not one closed on purpose or whose file is gone', async () => {
  const d = tempDir();
  dirs.push(d);
  const first = app(d.dir);
  expect(first.reopenLast()).toBeNull();
  const file = await created(first, 'Fachtag Weißenfels');
  first.close(); // the app quits with the event open

  const second = app(d.dir);
  expect(second.reopenLast()?.file).toBe(file);
  expect(second.summary()?.name).toBe('Fachtag Weißenfels');
  // "Veranstaltung schließen": the next start shows the start screen.
  expect(await dispatch(second, 'event.close', {})).toMatchObject({ ok: true });
  expect(existsSync(join(d.dir, LAST_EVENT_FILE))).toBe(false);
  expect(app(d.dir).reopenLast()).toBeNull();

  // Opened again from the start screen, then its file deleted (the personal data purged with the file).
  const third = app(d.dir);
  expect(await dispatch(third, 'event.open', { fileName: basename(file) })).toMatchObject({ ok: true });
  third.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  expect(app(d.dir).reopenLast()).toBeNull();
  expect(existsSync(join(d.dir, LAST_EVENT_FILE))).toBe(false);
});

it("a command-line command opening another event does not change what the station opens next", async () => {
  const d = tempDir();
  dirs.push(d);
  const station = app(d.dir);
  const file = await created(station, 'Fachtag');
  station.close();
  const cli = app(d.dir, false);
  await created(cli, 'Andere Tagung');
  cli.close();
  expect(app(d.dir).reopenLast()?.file).toBe(file);
});
