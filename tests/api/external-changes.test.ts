// The running station learns of what another program commits to its event file (QA17 M1, M2, H1): `einlass import`
// run beside it (the command line's own code, on its own connection), a check-in made on another connection. The
// screens are told as after the app's own writes; a periodic check's dry run waiting for approval is judged again,
// and what the other program applied is no longer offered.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, PushMessage } from '../../electron/contract/contract';
import type { PlanSummary, SyncRunView, SyncSourceView } from '../../electron/contract/sync-methods';
import { AppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { ExternalChanges } from '../../electron/core/external-changes';
import { importIntoEvent } from '../../electron/core/sync/import-file';
import { syncServiceOf } from '../../electron/core/sync/sync-service';
import { inProcess } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

let rows: string[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/csv' });
    res.end(['ID;Vorname;Nachname;Status', ...rows].join('\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anmeldungen.csv`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The code of the first person (Anna): the list has no code column, so Einlass made one. */
function codeOf(ctx: AppContext): string {
  return (ctx.requireEvent().db.prepare("SELECT code FROM registrations WHERE first_name = 'Anna'").get() as { code: string }).code;
}

/** A station with an event whose list is the test server's URL, checked every 5 minutes; what it pushes. */
async function station(first: string[]) {
  const h = await inProcess();
  rows = first;
  value(await h.client.call('event.create', { name: 'Fachtag' }));
  const preview = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { url }));
  const plan = value<PlanSummary>(await h.client.call('sync.plan', {
    uploadId: preview.uploadId, mapping: preview.mapping, newSource: { kind: 'url', location: url, intervalMinutes: 5 },
  }));
  value(await h.client.call('sync.apply', { planId: plan.planId }));
  const pushed: PushMessage[] = [];
  h.ctx.push.subscribe((m) => pushed.push(m));
  const watcher = new ExternalChanges(h.ctx);
  // The first look is where changes are counted from.
  expect(await watcher.poll()).toBe(false);
  const sources = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
  const registered = () => (h.ctx.requireEvent().db.prepare("SELECT count(*) AS n FROM registrations WHERE status = 'registered'").get() as { n: number }).n;
  return { h, pushed, watcher, sources, registered, file: h.ctx.requireEvent().file, scheduler: syncServiceOf(h.ctx).scheduler };
}

describe('another program writes to the open event file', () => {
  it('an import on the command line: the screens are told, its run is marked as the command line\'s; the station\'s own writes are not counted', async () => {
    const { h, pushed, watcher, registered, file } = await station(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    try {
      // The station's own check-in: its own push, and no second one from the watcher.
      const lists = value<{ lists: { id: string }[] }>(await h.client.call('lists.list', {})).lists;
      value(await h.client.call('checkin.scan', { listId: lists[0]!.id, code: codeOf(h.ctx), method: 'manual' }));
      pushed.length = 0;
      expect(await watcher.poll()).toBe(false);
      expect(pushed).toEqual([]);

      const csv = join(h.ctx.dataDir, 'nachzuegler.csv');
      writeFileSync(csv, 'ID;Vorname;Nachname\n10;Clara;Fuchs\n11;Dora;Datum\n');
      const outcome = await importIntoEvent({ eventFile: file, source: csv, dryRun: false, options: {} });
      expect(outcome.applied).toBe(true);
      expect(await watcher.poll()).toBe(true);
      expect(pushed).toContainEqual({ type: 'sync.changed' });
      expect(pushed).toContainEqual({ type: 'programme.changed' });
      expect(registered()).toBe(4);
      const runs = value<{ runs: SyncRunView[] }>(await h.client.call('sync.runs', {})).runs;
      expect(runs.find((r) => r.sourceLabel === 'nachzuegler.csv')!.counts).toMatchObject({ added: 2, cli: true });
      expect(runs.find((r) => r.sourceLabel !== 'nachzuegler.csv')!.counts.cli).toBeUndefined();

      // Nothing more written: nothing more said.
      pushed.length = 0;
      expect(await watcher.poll()).toBe(false);
      expect(pushed).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a check-in made on another connection: the desk of its list is told', async () => {
    const { h, pushed, watcher, file } = await station(['1;Anna;Schmidt;bezahlt']);
    const other = new AppContext({ dataDir: h.ctx.dataDir, stationName: 'Einlass 2' });
    try {
      other.openFile(file);
      const lists = value<{ lists: { id: string }[] }>(await dispatch(other, 'lists.list', {})).lists;
      value(await dispatch(other, 'checkin.scan', { listId: lists[0]!.id, code: codeOf(h.ctx), method: 'manual' }));
      expect(await watcher.poll()).toBe(true);
      expect(pushed).toContainEqual({ type: 'checkin.recorded', listId: lists[0]!.id, registrationId: null, status: 'synced' });
    } finally {
      other.close();
      await h.close();
    }
  });

  it('a cancellation a periodic check holds for approval, applied by `einlass import` of the same list: no longer offered, the card says it was loaded elsewhere (QA17 H1, M2)', async () => {
    const { h, watcher, sources, registered, file, scheduler } = await station(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt']);
    try {
      rows[1] = '2;Bernd;Becker;storniert';
      await scheduler.tick();
      const waiting = (await sources())[0]!.check!;
      expect(waiting).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 }, planId: expect.any(String) });

      // A check-in elsewhere changes nothing the dry run compared against: it stays, as the organiser may be reading it.
      const other = new AppContext({ dataDir: h.ctx.dataDir, stationName: 'Einlass 2' });
      other.openFile(file);
      const lists = value<{ lists: { id: string }[] }>(await dispatch(other, 'lists.list', {})).lists;
      value(await dispatch(other, 'checkin.scan', { listId: lists[0]!.id, code: codeOf(h.ctx), method: 'manual' }));
      other.close();
      expect(await watcher.poll()).toBe(true);
      expect((await sources())[0]!.check).toMatchObject({ outcome: 'pending', planId: waiting.planId });

      // The scheduled task imports the same list: the cancellation is applied there.
      const outcome = await importIntoEvent({ eventFile: file, source: url, dryRun: false, options: {} });
      expect(outcome).toMatchObject({ applied: true, plan: { counts: { cancelled: 1 } } });
      expect(registered()).toBe(2);
      expect(await watcher.poll()).toBe(true);
      const card = (await sources())[0]!;
      expect(card.check).toMatchObject({ outcome: 'unchanged', planId: null, elsewhere: true });
      // „Zuletzt übernommen“ is the command line's run.
      const runs = value<{ runs: SyncRunView[] }>(await h.client.call('sync.runs', {})).runs;
      expect(card.lastRun?.finishedAt).toBe(runs[0]!.finishedAt);
      expect(runs[0]!.counts).toMatchObject({ cancelled: 1, cli: true });
      // The dry run the card offered is gone: a screen showing it says so, and "Übernehmen" cannot apply it again.
      const gone = await h.client.call('sync.getPlan', { planId: waiting.planId! });
      expect(gone.ok).toBe(false);
    } finally {
      await h.close();
    }
  });

  it('a waiting dry run that still has changes after the other program\'s import waits on, made again against the file as it is now', async () => {
    const { h, watcher, sources, file, scheduler } = await station(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt']);
    try {
      rows[1] = '2;Bernd;Becker;storniert';
      await scheduler.tick();
      const waiting = (await sources())[0]!.check!;
      expect(waiting).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 } });
      // Another list is loaded on the command line: what the check holds is still to be approved.
      const csv = join(h.ctx.dataDir, 'gaeste.csv');
      writeFileSync(csv, 'ID;Vorname;Nachname\nG1;Gerda;Gast\n');
      expect((await importIntoEvent({ eventFile: file, source: csv, dryRun: false, options: {} })).applied).toBe(true);
      expect(await watcher.poll()).toBe(true);
      const check = (await sources())[0]!.check!;
      expect(check).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 }, elsewhere: false });
      expect(check.planId).not.toBe(waiting.planId);
      // And it can be applied (it fits the file as it is now).
      value(await h.client.call('sync.apply', { planId: check.planId }));
    } finally {
      await h.close();
    }
  });
});
