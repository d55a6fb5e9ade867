import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { CheckInList, ScanResult } from '../../electron/contract/entities';
import type { PlanSummary, SyncSourceView } from '../../electron/contract/sync-methods';
import { getSource } from '../../db/queries/sync';
import { AppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { fixedClock } from '../../electron/core/ports';
import { syncServiceOf } from '../../electron/core/sync/sync-service';
import { inProcess } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const HEADER = 'ID;Vorname;Nachname;Status';
let header = HEADER;
let rows: string[] = [];
let status = 200;
let requests = 0;
let lastPath = '';
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    lastPath = req.url ?? '';
    res.writeHead(status, { 'Content-Type': 'text/csv' });
    res.end([header, ...rows].join('\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anmeldungen.csv`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A new event whose list is the test server's URL, re-fetched every 5 minutes, loaded once; its first dry run. */
async function loadUrlSource(h: Awaited<ReturnType<typeof inProcess>>): Promise<PlanSummary> {
  value(await h.client.call('event.create', { name: 'Fachtag' }));
  const preview = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { url }));
  const plan = value<PlanSummary>(await h.client.call('sync.plan', {
    uploadId: preview.uploadId, mapping: preview.mapping, newSource: { kind: 'url', location: url, intervalMinutes: 5 },
  }));
  value(await h.client.call('sync.apply', { planId: plan.planId }));
  return plan;
}

/** A new event whose list is the test server's, loaded once (see loadUrlSource); its scheduler and clock. */
async function urlSourceLoaded(first: string[]) {
  const h = await inProcess();
  rows = first;
  await loadUrlSource(h);
  return { h, scheduler: syncServiceOf(h.ctx).scheduler, clock: h.ctx.clock as unknown as { advance(ms: number): void } };
}

describe('periodic re-fetch of a URL source', () => {
  it('applies clean additions on its own, holds back cancellations for approval, reports failures', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    try {
      const sources = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      const registered = () => (h.ctx.requireEvent().db.prepare("SELECT count(*) AS n FROM registrations WHERE status = 'registered'").get() as { n: number }).n;

      rows.push('3;Clara;Fuchs;bezahlt');
      await scheduler.tick();
      expect((await sources())[0]!.check).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      expect(registered()).toBe(3);

      // Not due again before the interval has passed.
      rows.push('4;Dora;Datum;bezahlt');
      await scheduler.tick();
      expect(registered()).toBe(3);
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(registered()).toBe(4);

      // Someone cancelled: the plan waits for an organiser.
      rows[0] = '1;Anna;Schmidt;storniert';
      clock.advance(5 * 60_000);
      await scheduler.tick();
      const check = (await sources())[0]!.check!;
      expect(check).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 }, planId: expect.any(String) });
      expect(registered()).toBe(4);
      // Made again (as with an organiser's word on who is who): the check now waits on the new dry run.
      const again = value<PlanSummary>(await h.client.call('sync.replan', { planId: check.planId, sameAs: [] }));
      expect(again.counts).toMatchObject({ cancelled: 1 });
      expect((await sources())[0]!.check).toMatchObject({ outcome: 'pending', planId: again.planId });
      value(await h.client.call('sync.apply', { planId: again.planId }));
      expect(registered()).toBe(3);
      expect((await sources())[0]!.check).toMatchObject({ outcome: 'applied', planId: null });

      status = 500;
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect((await sources())[0]!.check).toMatchObject({ outcome: 'error', messageKey: 'sync.error.urlStatus' });
      expect(value<{ runs: unknown[] }>(await h.client.call('sync.runs', {})).runs).toHaveLength(4);

      // Paired as a station of another laptop's event: the list is the hub's now, so it is not even fetched.
      status = 200;
      h.ctx.requireEvent().db.prepare("UPDATE sync_state SET role = 'station'").run();
      rows.push('5;Emil;Engel;bezahlt');
      const asked = requests;
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(requests).toBe(asked);
      expect(registered()).toBe(3);
      expect((await sources())[0]!.check).toMatchObject({ outcome: 'error', messageKey: 'sync.error.urlStatus' });
    } finally {
      status = 200;
      await h.close();
    }
  });

  it('a removed list is no longer fetched, and what its last check found is no longer shown', async () => {
    const { h, scheduler } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    try {
      rows[0] = '1;Anna;Schmidt;storniert';
      await scheduler.tick();
      const [source] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      expect(source!.check).toMatchObject({ outcome: 'pending' });
      expect(value(await h.client.call('sync.updateSource', { sourceId: source!.id, authName: 'Authorization', authValue: 'Token geheim-4711' })))
        .toMatchObject({ hasAuth: true });
      expect(value(await h.client.call('sync.removeSource', { sourceId: source!.id }))).toEqual({ cancelled: 2, keptLocal: 0, erased: 0, keptCancelled: 2, rewritten: true });
      expect(scheduler.check(source!.id)).toBeNull();
      // Nothing will fetch it again: its API token is not kept.
      const options = h.ctx.requireEvent().db.prepare('SELECT options FROM sync_sources WHERE id = ?').pluck().get(source!.id) as string;
      expect(options).not.toContain('geheim-4711');
      expect(JSON.parse(options)).not.toHaveProperty('authName');
      // Its waiting dry run went with it.
      expect(await h.client.call('sync.apply', { planId: source!.check!.planId! })).toMatchObject({ ok: false });
      const asked = requests;
      (h.ctx.clock as unknown as { advance(ms: number): void }).advance(60 * 60_000);
      await scheduler.tick();
      expect(requests).toBe(asked);
    } finally {
      await h.close();
    }
  });

  it('what the last check found is still shown after a restart, without its dry run; the next check makes it again', async () => {
    const { h, scheduler } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    let restarted: AppContext | null = null;
    try {
      rows[0] = '1;Anna;Schmidt;storniert';
      await scheduler.tick();
      const file = basename(h.ctx.requireEvent().file);
      value(await h.client.call('event.close', {}));
      // The app starts again on the same data: its memory (and the dry run) are gone, the event file is not.
      restarted = new AppContext({ dataDir: h.ctx.dataDir, version: '9.9.9', clock: fixedClock('2023-10-18T09:00:00.000Z', 1000), stationName: 'Einlass 1' });
      value(await dispatch(restarted, 'event.open', { fileName: file }));
      const [source] = value<{ sources: SyncSourceView[] }>(await dispatch(restarted, 'sync.sources', {})).sources;
      expect(source!.check).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 }, planId: null, restored: true, at: expect.stringMatching(/^2023-10-18T07:/) });
      // The first check after the start makes the dry run again, to be reviewed.
      await syncServiceOf(restarted).scheduler.tick();
      const [after] = value<{ sources: SyncSourceView[] }>(await dispatch(restarted, 'sync.sources', {})).sources;
      expect(after!.check).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 }, planId: expect.any(String), restored: false });
      // A fetch that fails is kept as well, next to the changes that wait.
      status = 500;
      await syncServiceOf(restarted).scheduler.refresh(getSource(restarted.requireEvent().db, source!.id)!);
      expect(JSON.parse(restarted.requireEvent().db.prepare('SELECT last_check FROM sync_sources').pluck().get() as string))
        .toMatchObject({ outcome: 'pending', counts: { cancelled: 1 }, messageKey: 'sync.error.urlStatus' });
    } finally {
      status = 200;
      restarted?.close();
      await h.close();
    }
  });

  it('after a restart the desk still says whose cancellation waits for approval, offline too, until the next check', async () => {
    const { h, scheduler } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt', '4;Dora;Datum;bezahlt']);
    let restarted: AppContext | null = null;
    try {
      rows = ['1;Anna;Schmidt;storniert', '2;Bernd;Becker;storniert', '3;Clara;Fuchs;bezahlt', '4;Dora;Datum;storniert'];
      await scheduler.tick();
      const file = basename(h.ctx.requireEvent().file);
      const db0 = h.ctx.requireEvent().db;
      const code = (id: string) => db0.prepare('SELECT code FROM registrations WHERE source_id = ?').pluck().get(id) as string;
      const [anna, bernd, clara, dora] = [code('1'), code('2'), code('3'), code('4')];
      value(await h.client.call('event.close', {}));
      // Restarted at the venue without network: nothing can be fetched, no list screen opened yet.
      status = 500;
      restarted = new AppContext({ dataDir: h.ctx.dataDir, version: '9.9.9', clock: fixedClock('2023-10-18T09:00:00.000Z', 1000), stationName: 'Einlass 1' });
      value(await dispatch(restarted, 'event.open', { fileName: file }));
      const day = value<{ lists: CheckInList[] }>(await dispatch(restarted, 'lists.list', {})).lists.find((l) => l.kind === 'entrance')!;
      const scanAt = async (c: string) => value<ScanResult>(await dispatch(restarted!, 'checkin.scan', { listId: day.id, code: c, method: 'camera' }));
      expect(await scanAt(anna)).toMatchObject({ status: 'admitted', cancellationWaiting: { source: expect.stringContaining('anmeldungen'), at: expect.stringMatching(/^2023-10-18T07:/) } });
      expect(await scanAt(clara)).not.toHaveProperty('cancellationWaiting');
      // A failed check keeps what waits.
      await syncServiceOf(restarted).scheduler.tick();
      expect(await scanAt(bernd)).toMatchObject({ status: 'admitted', cancellationWaiting: { source: expect.stringContaining('anmeldungen') } });
      // Back online, the registration system took the cancellations back: nothing waits any more.
      status = 200;
      rows = ['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt', '4;Dora;Datum;bezahlt'];
      const [source] = value<{ sources: SyncSourceView[] }>(await dispatch(restarted, 'sync.sources', {})).sources;
      await syncServiceOf(restarted).scheduler.refresh(getSource(restarted.requireEvent().db, source!.id)!);
      const admitted = await scanAt(dora);
      expect(admitted.status).toBe('admitted');
      expect(admitted).not.toHaveProperty('cancellationWaiting');
    } finally {
      status = 200;
      restarted?.close();
      await h.close();
    }
  });

  it('a list whose export moved gets its new address under "Bearbeiten"; checks fetch from there, the mapping stays', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    try {
      const [source] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      const moved = url.replace('/anmeldungen.csv', '/export/v2/anmeldungen.csv?event=fachtag');
      expect(value(await h.client.call('sync.updateSource', { sourceId: source!.id, location: moved }))).toMatchObject({ location: moved });
      rows = ['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt'];
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(lastPath).toBe('/export/v2/anmeldungen.csv?event=fachtag');
      expect(value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!.check).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      // Not an address: refused, the list keeps its address.
      const bad = await h.client.call('sync.updateSource', { sourceId: source!.id, location: 'ftp://example.org/liste.csv' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', details: { messageKey: 'sync.error.urlInvalid' } } });
      expect(value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!.location).toBe(moved);
      // Loaded by hand from yet another address and chosen as this list: fetched from there from now on.
      const third = url.replace('/anmeldungen.csv', '/export/v3.csv');
      const preview = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { url: third }));
      const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId: preview.uploadId, mapping: preview.mapping, sourceId: source!.id }));
      value(await h.client.call('sync.apply', { planId: plan.planId }));
      expect(value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources.map((x) => x.location)).toEqual([third]);
    } finally {
      await h.close();
    }
  });

  it('fetched copies of the list do not pile up while changes wait, and none is left after an erasure or closing', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(Array.from({ length: 9 }, (_, i) => `${i};Person${i};Nachname${i};bezahlt`));
    try {
      const uploads = join(h.ctx.dataDir, '.uploads');
      // The organiser's own dry run of the list, not applied: its file stays while periodic checks push it out.
      const mine = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { url }));
      const [listed] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      value(await h.client.call('sync.plan', { uploadId: mine.uploadId, mapping: mine.mapping, sourceId: listed!.id }));
      // Someone cancels before every check: each check's dry run waits for approval.
      for (let k = 0; k < 7; k++) {
        rows[k] = `${k};Person${k};Nachname${k};storniert`;
        clock.advance(5 * 60_000);
        await scheduler.tick();
      }
      expect(readdirSync(uploads).length).toBeLessThanOrEqual(5);
      expect(await h.client.call('sync.preview', { uploadId: mine.uploadId, sourceId: listed!.id })).toMatchObject({ ok: true });
      // A copy left by a run of the app that crashed an hour ago.
      const leftover = join(uploads, 'from-a-crash.upload');
      writeFileSync(leftover, '1;Anna;Schmidt;storniert');
      utimesSync(leftover, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
      const [source] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      value(await h.client.call('sync.removeSource', { sourceId: source!.id, erase: true }));
      expect(readdirSync(uploads)).toEqual([]);
      // Closing the event drops what its dry runs were read from.
      value(await h.client.call('sync.preview', { url }));
      expect(readdirSync(uploads)).toHaveLength(1);
      value(await h.client.call('event.close', {}));
      expect(readdirSync(uploads)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('a dry run waiting for approval stays while the organiser reads it; the card says what was done last', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    try {
      const check = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!.check!;
      const uploads = () => readdirSync(join(h.ctx.dataDir, '.uploads')).length;

      rows[0] = '1;Anna;Schmidt;storniert';
      await scheduler.tick();
      const first = await check();
      expect(first).toMatchObject({ outcome: 'pending', counts: { cancelled: 1 } });
      // The list answers the same at the next checks: the dry run being read is the one that waits, not a new one.
      for (let i = 0; i < 3; i++) {
        clock.advance(5 * 60_000);
        await scheduler.tick();
      }
      expect((await check()).planId).toBe(first.planId);
      expect(uploads()).toBe(1);
      // The list changed meanwhile, with one more cancellation: a new dry run waits, and the one on screen can
      // still be applied.
      rows[1] = '2;Bernd;Becker;storniert';
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect((await check()).planId).not.toBe(first.planId);
      value(await h.client.call('sync.apply', { planId: first.planId }));
      expect(await check()).toMatchObject({ outcome: 'applied', planId: null, counts: { cancelled: 1 } });
      rows[1] = '2;Bernd;Becker;bezahlt';
      rows.push('3;Clara;Fuchs;bezahlt');

      // A row without a name (amid the list, not under it): it cannot be applied as it is, said as such, not as
      // waiting for approval.
      rows.splice(1, 0, '5;;;bezahlt');
      clock.advance(5 * 60_000);
      await scheduler.tick();
      const blocked = await check();
      expect(blocked).toMatchObject({ outcome: 'blocked', params: { errors: 1 } });
      // Discarded by the organiser: not "no changes".
      value(await h.client.call('sync.cancel', { planId: blocked.planId! }));
      expect(await check()).toMatchObject({ outcome: 'discarded', planId: null });

      // A failed fetch, then a refresh by hand that is applied: the card no longer shows the failure.
      rows.splice(1, 1);
      status = 500;
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(await check()).toMatchObject({ outcome: 'error' });
      status = 200;
      const [source] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      const preview = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { sourceId: source!.id }));
      const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId: preview.uploadId, mapping: preview.mapping, sourceId: source!.id }));
      value(await h.client.call('sync.apply', { planId: plan.planId }));
      expect(await check()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      expect((h.ctx.requireEvent().db.prepare("SELECT count(*) AS n FROM registrations WHERE status = 'registered'").get() as { n: number }).n).toBe(2);

      // An answer that cannot be read is not kept on disk: it holds people all the same.
      header = '{"results": [{"id": 1, "name": "Anna Schm';
      rows = [];
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(await check()).toMatchObject({ outcome: 'error' });
      expect(uploads()).toBe(0);
    } finally {
      status = 200;
      header = HEADER;
      await h.close();
    }
  });

  it('after the personal data were deleted, nothing is fetched or loaded again: the people would come back', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt']);
    try {
      const db = () => h.ctx.requireEvent().db;
      const [source] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      value(await h.client.call('sync.updateSource', { sourceId: source!.id, authName: 'Authorization', authValue: 'Token geheim-4711' }));
      // A check waits for approval, holding a dry run with the people of the list.
      rows[0] = '1;Anna;Schmidt;storniert';
      await scheduler.tick();
      const waiting = scheduler.check(source!.id)!.planId!;
      expect(waiting).toEqual(expect.any(String));

      const purged = await h.client.call('event.purge', { confirmation: 'LÖSCHEN', keepStatistics: true, withoutExport: true });
      expect(purged).toMatchObject({ ok: true });
      expect(value<{ event: { personalDataPurgedAt: string | null } }>(await h.client.call('app.info', {})).event.personalDataPurgedAt).toEqual(expect.any(String));
      // The waiting dry run and what the check found are gone; the list keeps its name, not its token or interval.
      expect(scheduler.check(source!.id)).toBeNull();
      expect(await h.client.call('sync.apply', { planId: waiting })).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.planGone' } } });
      const row = db().prepare('SELECT label, options, interval_minutes AS interval FROM sync_sources WHERE id = ?').get(source!.id) as { label: string; options: string; interval: number | null };
      expect(row).toMatchObject({ label: source!.label, interval: null });
      expect(row.options).not.toContain('geheim-4711');
      // Never fetched again on its own; loading the list by hand is refused with what happened, nobody comes back.
      const asked = requests;
      clock.advance(60 * 60_000);
      await scheduler.tick();
      expect(requests).toBe(asked);
      const preview = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { url }));
      expect(await h.client.call('sync.plan', { uploadId: preview.uploadId, mapping: preview.mapping, sourceId: source!.id }))
        .toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.purged' } } });
      expect(db().prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a key in the link is not shown, and goes with the list; a list is named after its host and path', async () => {
    const h = await inProcess();
    const plain = url;
    try {
      url = `${plain}?key=geheim42&format=csv`;
      rows = ['1;Anna;Schmidt;bezahlt'];
      await loadUrlSource(h);
      const [source] = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      expect(source).toMatchObject({ label: `${new URL(plain).host} · anmeldungen.csv`, hasAuth: true, keyInAddress: true, authName: null });
      expect(source!.location).toBe(`${plain}?key=•••&format=csv`);
      expect(JSON.stringify(await h.client.call('sync.sources', {}))).not.toContain('geheim42');
      // Renamed by the organiser.
      expect(value(await h.client.call('sync.updateSource', { sourceId: source!.id, label: 'Anmeldungen (pretix)' }))).toMatchObject({ label: 'Anmeldungen (pretix)' });
      value(await h.client.call('sync.removeSource', { sourceId: source!.id }));
      expect(h.ctx.requireEvent().db.prepare('SELECT location FROM sync_sources WHERE id = ?').pluck().get(source!.id)).toBe(plain);
    } finally {
      url = plain;
      await h.close();
    }
  });

  it('new and changed people are applied at once while cancellations wait; a correction in the app stays as corrected', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt', '4;Emil;Engel;bezahlt']);
    try {
      const db = h.ctx.requireEvent().db;
      const check = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!.check!;
      const people = () => Object.fromEntries((db.prepare('SELECT source_id AS id, first_name || \' \' || last_name AS name, status FROM registrations').all() as { id: string; name: string; status: string }[])
        .map((r) => [r.id, `${r.name} (${r.status})`]));
      const runs = async () => value<{ runs: { counts: Record<string, number> }[] }>(await h.client.call('sync.runs', {})).runs;
      const emil = (db.prepare("SELECT id FROM registrations WHERE source_id = '4'").get() as { id: string }).id;
      value(await h.client.call('registrations.update', { id: emil, fields: { firstName: 'Emile' } }));

      // On the morning of the event: Anna cancelled, Bernd is gone from the list, Clara's name was corrected in the
      // registration system, Dora registered late, and the list now spells Emil differently from the correction
      // made here.
      rows = ['1;Anna;Schmidt;storniert', '3;Klara;Fuchs;bezahlt', '4;Emilio;Engel;bezahlt', '5;Dora;Datum;bezahlt'];
      clock.advance(5 * 60_000);
      await scheduler.tick();
      const waiting = await check();
      expect(waiting).toMatchObject({
        outcome: 'pending', planId: expect.any(String),
        applied: { added: 1, updated: 1, cancelled: 0, keptLocal: 1 },
        // Every dry run says where the list differs from a correction made here: the waiting one too.
        counts: { added: 0, updated: 0, cancelled: 2, keptLocal: 1 },
      });
      expect(people()).toEqual({
        1: 'Anna Schmidt (registered)', 2: 'Bernd Becker (registered)', 3: 'Klara Fuchs (registered)', 4: 'Emile Engel (registered)', 5: 'Dora Datum (registered)',
      });
      // Written by the check on its own: the history says so.
      expect((await runs())[0]!.counts).toMatchObject({ added: 1, updated: 1, cancelled: 0, auto: true });
      // What waits is the rest only.
      const plan = value<PlanSummary>(await h.client.call('sync.getPlan', { planId: waiting.planId! }));
      expect(plan.counts).toMatchObject({ added: 0, updated: 0, cancelled: 2, keptLocal: 1 });
      // What the list says about Emil is known on his page; his name stays as corrected here.
      const fields = value<{ fields: { field: string; listValue: string | null }[] }>(await h.client.call('registrations.localFields', { id: emil })).fields;
      expect(fields).toMatchObject([{ field: 'firstName', listValue: 'Emilio' }]);
      // Anna comes to the desk: admitted, as nothing is applied yet, and the desk is told what the list says.
      const { lists } = value<{ lists: CheckInList[] }>(await h.client.call('lists.list'));
      const day = lists.find((l) => l.kind === 'entrance')!;
      const code = (id: string) => (db.prepare('SELECT code FROM registrations WHERE source_id = ?').get(id) as { code: string }).code;
      const anna = value<ScanResult>(await h.client.call('checkin.scan', { listId: day.id, code: code('1'), method: 'camera' }));
      expect(anna).toMatchObject({ status: 'admitted', cancellationWaiting: { source: expect.stringContaining('anmeldungen'), at: waiting.at } });
      const dora = value<ScanResult>(await h.client.call('checkin.scan', { listId: day.id, code: code('5'), method: 'camera' }));
      expect(dora.status).toBe('admitted');
      expect(dora).not.toHaveProperty('cancellationWaiting');

      clock.advance(5 * 60_000);
      await scheduler.tick();
      // The same answer again: the dry run waits on, nothing is written twice, and the card no longer says
      // "Schon übernommen" (that was the earlier check; the history has it).
      expect(await check()).toMatchObject({ outcome: 'pending', planId: waiting.planId, applied: null });
      expect(await runs()).toHaveLength(2);
      // One fetched copy: the one the waiting dry run was read from.
      expect(readdirSync(join(h.ctx.dataDir, '.uploads'))).toHaveLength(1);
      // The registration system fails once: the changes still wait, and can be looked at, next to the failure.
      status = 500;
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(await check()).toMatchObject({ outcome: 'pending', planId: waiting.planId, messageKey: 'sync.error.urlStatus', counts: { cancelled: 2 } });
      status = 200;
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(await check()).toMatchObject({ outcome: 'pending', planId: waiting.planId, messageKey: null });

      value(await h.client.call('sync.apply', { planId: waiting.planId! }));
      expect(people()).toMatchObject({ 1: 'Anna Schmidt (cancelled)', 2: 'Bernd Becker (cancelled)', 4: 'Emile Engel (registered)' });
      // Approved by the organiser: not "automatisch".
      expect((await runs())[0]!.counts).toMatchObject({ cancelled: 2 });
      expect((await runs())[0]!.counts.auto).toBeUndefined();
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect(await check()).toMatchObject({ outcome: 'unchanged', planId: null });

      // A row with an error holds the whole list, the new people too: it cannot be applied as it is.
      rows = ['3;Klara;Fuchs;storniert', '7;;;bezahlt', '4;Emilio;Engel;bezahlt', '5;Dora;Datum;bezahlt', '6;Fritz;Funk;bezahlt'];
      clock.advance(5 * 60_000);
      await scheduler.tick();
      const held = await check();
      expect(held).toMatchObject({ outcome: 'blocked', counts: { added: 1, cancelled: 1 }, applied: null });
      expect(people()[6]).toBeUndefined();
      expect(people()[3]).toBe('Klara Fuchs (registered)');
    } finally {
      await h.close();
    }
  });

  it('a warning holds only its own row, and a warning about the whole list holds it all until an organiser applied it once', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;E-Mail;Status';
      rows = ['1;Anna;Schmidt;keine;bezahlt', '2;Bernd;Becker;bernd@example.org;bezahlt'];
      const first = await loadUrlSource(h);
      expect(first.problems.map((p) => p.code)).toEqual(['notAnEmail']);
      const scheduler = syncServiceOf(h.ctx).scheduler;
      const clock = h.ctx.clock as unknown as { advance(ms: number): void };
      const check = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!.check!;
      const has = (id: string) => h.ctx.requireEvent().db.prepare('SELECT 1 FROM registrations WHERE source_id = ?').get(id) !== undefined;
      const tick = async () => {
        clock.advance(5 * 60_000);
        await scheduler.tick();
        return check();
      };

      // Anna's row still says "keine" where the address should be: applied with it once, it holds nothing now.
      rows.push('3;Clara;Fuchs;clara@example.org;bezahlt');
      expect(await tick()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      // A new row with a warning of its own waits; the other new one is loaded.
      rows.push('4;Dora;Datum;dora(at)example.org;bezahlt', '5;Emil;Engel;emil@example.org;bezahlt');
      const dora = await tick();
      expect(dora).toMatchObject({ outcome: 'pending', applied: { added: 1 }, counts: { added: 1 } });
      expect([has('4'), has('5')]).toEqual([false, true]);
      const plan = value<PlanSummary>(await h.client.call('sync.getPlan', { planId: dora.planId! }));
      expect(plan.problems.filter((p) => p.code === 'notAnEmail').map((p) => p.line)).toEqual([2, 5]);
      value(await h.client.call('sync.apply', { planId: dora.planId! }));
      expect(has('4')).toBe(true);
      expect(await tick()).toMatchObject({ outcome: 'unchanged' });

      // The list now comes with a title above it: a warning about the whole list holds it all.
      header = `Anmeldungen zum Fachtag (Stand: heute);;;;\n${header}`;
      rows.push('6;Fritz;Funk;fritz@example.org;bezahlt');
      const gone = await tick();
      expect(gone).toMatchObject({ outcome: 'pending', applied: null, counts: { added: 1 } });
      expect(has('6')).toBe(false);
      expect(value<PlanSummary>(await h.client.call('sync.getPlan', { planId: gone.planId! })).problems.map((p) => p.code)).toContain('rowsAboveHeader');
      value(await h.client.call('sync.apply', { planId: gone.planId! }));
      // Applied once by the organiser, the same warning holds nothing more.
      rows.push('7;Gerda;Gans;gerda@example.org;bezahlt');
      expect(await tick()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      expect(has('7')).toBe(true);
    } finally {
      header = HEADER;
      await h.close();
    }
  });

  it('a published sheet without ids (people known by e-mail and name) is applied on its own too', async () => {
    const h = await inProcess();
    try {
      header = 'Vorname;Nachname;E-Mail';
      rows = ['Anna;Schmidt;anna@example.org'];
      const plan = await loadUrlSource(h);
      expect(plan.problems.map((p) => p.code)).toEqual(['keyByEmailAndName']);
      rows.push('Bernd;Becker;bernd@example.org');
      await syncServiceOf(h.ctx).scheduler.tick();
      const sources = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources;
      expect(sources[0]!.check).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
    } finally {
      header = HEADER;
      await h.close();
    }
  });

  it('the card says when the next check comes and while one fetches; a new key is tried at the next look, and the failure with the old one goes', async () => {
    const { h, scheduler, clock } = await urlSourceLoaded(['1;Anna;Schmidt;bezahlt']);
    scheduler.start();
    try {
      const card = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!;
      const now = () => h.ctx.clock.now().getTime();
      const sourceId = () => (h.ctx.requireEvent().db.prepare('SELECT id FROM sync_sources').get() as { id: string }).id;
      // (The test clock moves on a second at every reading.)
      const minutesAhead = async () => (Date.parse((await card()).nextCheckAt!) - now()) / 60_000;
      // Not looked at since the station started: due at its next look.
      expect(await minutesAhead()).toBeLessThanOrEqual(0);
      expect((await card()).nextCheckSoon).toBe(true);
      const seenFetching: boolean[] = [];
      const stopListening = h.ctx.push.subscribe((m) => {
        if (m.type === 'sync.changed') seenFetching.push(scheduler.timing(getSource(h.ctx.requireEvent().db, sourceId())!).fetching);
      });
      await scheduler.tick();
      stopListening();
      // The card was told when the fetch began (fetching) and when it ended (not any more).
      expect(seenFetching[0]).toBe(true);
      expect(seenFetching.at(-1)).toBe(false);
      expect((await card()).fetching).toBe(false);
      expect(await minutesAhead()).toBeGreaterThan(4.5);
      expect(await minutesAhead()).toBeLessThanOrEqual(5);
      expect((await card()).nextCheckSoon).toBe(false);

      // The registration system refuses the key: shown until the key is changed.
      status = 401;
      clock.advance(5 * 60_000);
      await scheduler.tick();
      expect((await card()).check).toMatchObject({ outcome: 'error', messageKey: 'sync.error.urlUnauthorized' });
      status = 200;
      const seen = requests;
      const saved = value<SyncSourceView>(await h.client.call('sync.updateSource', { sourceId: sourceId(), authName: 'Authorization', authValue: 'Token neu' }));
      // The failure was about the old key; the list is fetched with the new one at the next look, not in 5 minutes.
      expect(saved.check).toBeNull();
      expect(await minutesAhead()).toBeLessThanOrEqual(0);
      await scheduler.tick();
      expect((await card()).check?.outcome).toBe('unchanged');
      expect(requests).toBe(seen + 1);

      // A new name alone is not a new access: nothing is fetched, the next check stays where it was.
      const next = (await card()).nextCheckAt;
      value(await h.client.call('sync.updateSource', { sourceId: sourceId(), label: 'Anmeldungen' }));
      expect((await card()).fetching).toBe(false);
      expect((await card()).nextCheckAt).toBe(next);
      expect(requests).toBe(seen + 1);
    } finally {
      scheduler.stop();
      status = 200;
      await h.close();
    }
  });
});
