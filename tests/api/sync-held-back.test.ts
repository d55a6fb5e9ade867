import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { CheckInList, ScanResult } from '../../electron/contract/entities';
import type { PlanSummary, SyncSourceView } from '../../electron/contract/sync-methods';
import { syncServiceOf } from '../../electron/core/sync/sync-service';
import { inProcess } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

let header = '';
let rows: string[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/csv' });
    res.end([header, ...rows].join('\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anmeldungen.csv`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/**
 * A new event with the test server's list as a URL source checked every 5 minutes, loaded once (read with
 * `options`, as chosen when it was loaded).
 */
async function setup(h: Awaited<ReturnType<typeof inProcess>>, walkIn?: { firstName: string; lastName: string; email?: string }, options?: { delimiter: ';' }) {
  value(await h.client.call('event.create', { name: 'Fachtag' }));
  if (walkIn) value(await h.client.call('registrations.walkIn', walkIn));
  const preview = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { url }));
  const plan = value<PlanSummary>(await h.client.call('sync.plan', {
    uploadId: preview.uploadId, mapping: preview.mapping, options, newSource: { kind: 'url', location: url, intervalMinutes: 5 },
  }));
  value(await h.client.call('sync.apply', { planId: plan.planId }));
  const scheduler = syncServiceOf(h.ctx).scheduler;
  const clock = h.ctx.clock as unknown as { advance(ms: number): void };
  const card = async () => value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!;
  const tick = async () => {
    clock.advance(5 * 60_000);
    await scheduler.tick();
    return (await card()).check!;
  };
  const db = h.ctx.requireEvent().db;
  return { plan, preview, tick, card, db };
}

// What a periodic check of a URL list leaves to the organiser, found by review: a row read anew with nothing to
// change, a column gone, a warning about the whole list among many row warnings, a walk-in taken over, and a
// form export with hundreds of rows saying "keine" where the address should be.
describe('periodic checks: what waits for the organiser', () => {
  it('a row whose status the app does not know waits, though nothing about the person would change', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;Status';
      rows = ['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt'];
      const { tick, db } = await setup(h);
      // The registration system cancels in words the app does not know: read as registered, with a warning.
      rows[0] = '1;Anna;Schmidt;Storno beantragt';
      const first = await tick();
      expect(first).toMatchObject({ outcome: 'pending', applied: null });
      rows.push('3;Clara;Fuchs;bezahlt');
      const second = await tick();
      expect(second).toMatchObject({ outcome: 'pending', applied: { added: 1 } });
      // Still waiting at the next check, until the organiser has looked.
      expect(await tick()).toMatchObject({ outcome: 'pending', planId: second.planId });
      value(await h.client.call('sync.apply', { planId: second.planId! }));
      expect(await tick()).toMatchObject({ outcome: 'unchanged' });
      expect(db.prepare("SELECT count(*) FROM registrations WHERE status = 'registered'").pluck().get()).toBe(3);
    } finally {
      await h.close();
    }
  });

  it('a second column gone from the list waits, though the organiser approved the first', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;Firma;Status';
      rows = ['1;Anna;Schmidt;ACME;bezahlt', '2;Bernd;Becker;ACME;bezahlt'];
      const { tick, db } = await setup(h);
      header = 'ID;Vorname;Nachname;Status';
      rows = ['1;Anna;Schmidt;bezahlt', '2;Bernd;Becker;bezahlt', '3;Clara;Fuchs;bezahlt'];
      const firma = await tick();
      expect(firma).toMatchObject({ outcome: 'pending', applied: null });
      value(await h.client.call('sync.apply', { planId: firma.planId! }));
      expect(await tick()).toMatchObject({ outcome: 'unchanged' });
      // The status column goes as well: cancellations could no longer arrive. Not applied on its own.
      header = 'ID;Vorname;Nachname';
      rows = ['1;Anna;Schmidt', '2;Bernd;Becker', '3;Clara;Fuchs', '4;Dora;Datum'];
      expect(await tick()).toMatchObject({ outcome: 'pending', applied: null, counts: { added: 1 } });
      const mapping = JSON.parse(db.prepare('SELECT mapping FROM sync_sources').pluck().get() as string) as Record<string, string>;
      expect(Object.values(mapping)).toContain('status');
    } finally {
      await h.close();
    }
  });

  it('a warning about the whole list, approved once, is known again behind hundreds of row warnings', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;E-Mail;Status';
      const bad = Array.from({ length: 210 }, (_, i) => `${1000 + i};P${i};Q${i};keine;bezahlt`);
      rows = [...bad, '0301;Zoe;Zahl;zoe@example.org;bezahlt'];
      const { tick } = await setup(h);
      // Saved again in Excel: the id lost its zeros.
      rows = [...bad, '301;Zoe;Zahl;zoe@example.org;bezahlt'];
      const zeros = await tick();
      expect(zeros).toMatchObject({ outcome: 'pending', applied: null });
      const plan = value<PlanSummary>(await h.client.call('sync.getPlan', { planId: zeros.planId! }));
      expect(plan.problems.map((p) => p.code)).toContain('lostZeros');
      value(await h.client.call('sync.apply', { planId: zeros.planId! }));
      expect(await tick()).toMatchObject({ outcome: 'unchanged' });
      rows.push('2000;Neu;Person;neu@example.org;bezahlt');
      expect(await tick()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
    } finally {
      await h.close();
    }
  });

  it('a walk-in the list takes over is taken at once, so the code in their e-mail works at the desk', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;Status';
      rows = ['1;Anna;Schmidt;bezahlt'];
      const { tick, db } = await setup(h, { firstName: 'Gerda', lastName: 'Gans' });
      const walkIn = db.prepare("SELECT id FROM registrations WHERE first_name = 'Gerda'").pluck().get();
      rows.push('2;Gerda;Gans;bezahlt', '3;Clara;Fuchs;bezahlt');
      expect(await tick()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      const gerda = db.prepare("SELECT id, source_id AS sourceId, sync_source_id AS src FROM registrations WHERE first_name = 'Gerda'").all();
      expect(gerda).toEqual([{ id: walkIn, sourceId: '2', src: expect.any(String) }]);
    } finally {
      await h.close();
    }
  });

  it('someone who may be a walk-in of the same name waits for the organiser to say', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;E-Mail;Status';
      rows = ['1;Anna;Schmidt;anna@example.org;bezahlt'];
      const { tick, db } = await setup(h, { firstName: 'Gerda', lastName: 'Gans', email: 'gerda@example.org' });
      // No address in the list, one given at the desk: maybe her, maybe not.
      rows.push('2;Gerda;Gans;;bezahlt', '3;Clara;Fuchs;clara@example.org;bezahlt');
      const check = await tick();
      expect(check).toMatchObject({ outcome: 'pending', applied: { added: 1 }, counts: { added: 1 } });
      const plan = value<PlanSummary>(await h.client.call('sync.getPlan', { planId: check.planId! }));
      expect(plan.problems.map((p) => p.code)).toContain('maybeWalkIn');
      expect(db.prepare("SELECT count(*) FROM registrations WHERE first_name = 'Gerda'").pluck().get()).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('hundreds of rows saying "keine" for the address hold nothing once applied; a new row saying it too is loaded', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;E-Mail;Status';
      rows = Array.from({ length: 501 }, (_, i) => `${1000 + i};P${i};Q${i};keine;bezahlt`);
      const { tick } = await setup(h);
      expect(await tick()).toMatchObject({ outcome: 'unchanged' });
      rows.push('9999;Neu;Person;neu@example.org;bezahlt');
      expect(await tick()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
      // The same warning, in the same column with the same text, as the organiser applied before: nothing new.
      rows.push('9998;Lea;Busch;keine;bezahlt');
      expect(await tick()).toMatchObject({ outcome: 'applied', counts: { added: 1 } });
    } finally {
      await h.close();
    }
  });

  it('a renamed column holds the whole list; the organiser maps it from the waiting dry run, which waits meanwhile', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Vorname;Nachname;Firma';
      rows = ['1;Anna;Schmidt;ACME', '2;Bernd;Becker;ACME'];
      // The delimiter was chosen when the list was first loaded: it stays the list's.
      const { preview: first, tick, card, db } = await setup(h, undefined, { delimiter: ';' });
      expect(first.mapping.Firma).toBe('organisation');
      const svc = syncServiceOf(h.ctx);
      // The registration system renamed "Firma" to a name the app does not know: a new registration waits with the rest, and the card says why.
      header = 'ID;Vorname;Nachname;Betrieb';
      rows = ['1;Anna;Schmidt;ACME GmbH', '2;Bernd;Becker;ACME', '3;Clara;Fuchs;Stadt Zeitz'];
      const held = await tick();
      expect(held).toMatchObject({ outcome: 'pending', wholeList: true, applied: null, counts: { added: 1 } });
      const waiting = value<PlanSummary>(await h.client.call('sync.getPlan', { planId: held.planId! }));
      expect(waiting.problems.map((p) => p.code)).toContain('mappedColumnGone');

      // "Zuordnung ändern" on the waiting dry run: its file, as the list's, with the list's mapping.
      const again = value<{ uploadId: string; sourceId: string; headers: string[]; mapping: Record<string, string>; delimiter: string }>(
        await h.client.call('sync.preview', { planId: held.planId! }));
      expect(again).toMatchObject({ sourceId: (await card()).id, headers: ['ID', 'Vorname', 'Nachname', 'Betrieb'], delimiter: ';' });
      expect(again.mapping.Betrieb).toBe('extra');
      // A copy: the dry run keeps waiting, on the card too, while the organiser maps.
      expect(again.uploadId).not.toBe(svc.getPlan(held.planId!).uploadId);
      expect(await tick()).toMatchObject({ outcome: 'pending', planId: held.planId });
      // Looked at and left for another screen: it still waits (the card leads back to it).
      value(await h.client.call('sync.cancel', { planId: held.planId!, leftOpen: true }));
      expect((await card()).check).toMatchObject({ outcome: 'pending', planId: held.planId });
      expect(svc.hasPlan(held.planId!)).toBe(true);

      const remapped = value<PlanSummary>(await h.client.call('sync.plan', {
        uploadId: again.uploadId, sourceId: again.sourceId, mapping: { ...again.mapping, Betrieb: 'organisation' },
      }));
      expect(remapped.counts).toMatchObject({ added: 1 });
      value(await h.client.call('sync.apply', { planId: remapped.planId }));
      expect(svc.hasPlan(held.planId!)).toBe(false);
      expect(db.prepare("SELECT organisation FROM registrations WHERE last_name = 'Schmidt'").pluck().get()).toBe('ACME GmbH');
      const source = db.prepare('SELECT mapping, options FROM sync_sources').get() as { mapping: string; options: string };
      expect(JSON.parse(source.mapping)).toMatchObject({ Betrieb: 'organisation' });
      expect(JSON.parse(source.options)).toMatchObject({ delimiter: ';' });
      // From now on, late registrations are loaded on their own again.
      expect(await tick()).toMatchObject({ outcome: 'unchanged' });
      rows.push('4;Dora;Wolf;Stadt Naumburg');
      expect(await tick()).toMatchObject({ outcome: 'applied', wholeList: false, counts: { added: 1 } });
    } finally {
      await h.close();
    }
  });

  it('a cancellation of someone the desk let in while it waited says so, in the dry run and at the desk afterwards', async () => {
    const h = await inProcess();
    try {
      header = 'ID;Code;Vorname;Nachname;Status';
      rows = ['1;C-1;Anna;Schmidt;bezahlt', '2;C-2;Bernd;Becker;bezahlt', '3;C-3;Clara;Fuchs;bezahlt'];
      const { tick } = await setup(h);
      const { lists } = value<{ lists: CheckInList[] }>(await h.client.call('lists.list'));
      const entrance = lists.find((l) => l.kind === 'entrance')!;
      const scan = async (code: string) => value<ScanResult>(await h.client.call('checkin.scan', { listId: entrance.id, code, method: 'camera' }));
      // Bernd was let in and let out again (undone); Anna is inside.
      const bernd = await scan('C-2');
      value(await h.client.call('checkin.undo', { checkInId: (bernd as Extract<ScanResult, { status: 'admitted' }>).checkIn.id }));
      rows = ['1;C-1;Anna;Schmidt;storniert', '2;C-2;Bernd;Becker;storniert', '3;C-3;Clara;Fuchs;bezahlt'];
      const held = await tick();
      expect(held).toMatchObject({ outcome: 'pending', counts: { cancelled: 2 } });
      // Admitted while her cancellation waits: the desk says that it waits.
      expect(await scan('C-1')).toMatchObject({ status: 'admitted', cancellationWaiting: { source: expect.any(String) } });
      const plan = value<PlanSummary>(await h.client.call('sync.getPlan', { planId: held.planId! }));
      expect(plan.cancelledCheckedIn).toBe(1);
      const changes = value<{ items: { name: string; checkedIn?: boolean }[] }>(await h.client.call('sync.changes', { planId: held.planId!, kind: 'cancelled' }));
      expect(changes.items.map((c) => [c.name, c.checkedIn ?? false])).toEqual([['Anna Schmidt', true], ['Bernd Becker', false]]);
      value(await h.client.call('sync.apply', { planId: held.planId! }));
      // Applied: still inside, and the desk is told the registration is cancelled now; Bernd is refused.
      expect(await scan('C-1')).toMatchObject({ status: 'already_checked_in', cancelled: true });
      expect(await scan('C-2')).toMatchObject({ status: 'refused', reason: 'cancelled' });
      expect(await scan('C-3')).toMatchObject({ status: 'admitted' });
      expect(await scan('C-3')).not.toHaveProperty('cancelled');
    } finally {
      await h.close();
    }
  });
});
