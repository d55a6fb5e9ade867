import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { CheckInList, ScanResult } from '../../electron/contract/entities';
import type { PlanSummary, SyncSourceView } from '../../electron/contract/sync-methods';
import { inProcess, type Harness } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const HEADER = 'ID;Code;Vorname;Nachname;Status';
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/** A dry run of the file as the next version of the list it belongs to, as the load step proposes it. */
async function dryRun(h: Harness, fileName: string, rows: string[]): Promise<PlanSummary> {
  const uploadId = value<{ uploadId: string }>(await h.client.call('sync.uploadChunk', {
    fileName, index: 0, dataBase64: Buffer.from([HEADER, ...rows].join('\n')).toString('base64'), last: true,
  })).uploadId;
  const preview = value<{ mapping: Record<string, string>; sourceId: string | null }>(await h.client.call('sync.preview', { uploadId }));
  return value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping, sourceId: preview.sourceId }));
}

async function load(h: Harness, fileName: string, rows: string[]): Promise<void> {
  value(await h.client.call('sync.apply', { planId: (await dryRun(h, fileName, rows)).planId }));
}

describe('the desk refusing someone cancelled says why they are', () => {
  it('cancelled in the list, missing from its last version, or of a list removed: each as it is', async () => {
    const h = await inProcess();
    open.push(h);
    value(await h.client.call('event.create', { name: 'Fachtag', startsOn: '2023-10-18', endsOn: '2023-10-18' }));
    await load(h, 'anmeldungen.csv', ['1;AAA-1;Anna;Schmidt;bezahlt', '2;BBB-2;Bernd;Becker;bezahlt', '3;CCC-3;Clara;Fuchs;bezahlt']);
    // The next version: Anna cancelled in it, Bernd left out; the dry run says the two apart.
    const next = await dryRun(h, 'anmeldungen.csv', ['1;AAA-1;Anna;Schmidt;storniert', '3;CCC-3;Clara;Fuchs;bezahlt']);
    expect(next).toMatchObject({ counts: { cancelled: 2 }, cancelledGone: 1 });
    value(await h.client.call('sync.apply', { planId: next.planId }));
    const entrance = value<{ lists: CheckInList[] }>(await h.client.call('lists.list', {})).lists.find((l) => l.kind === 'entrance')!;
    const scan = async (code: string) => value<ScanResult>(await h.client.call('checkin.scan', { listId: entrance.id, code, method: 'scanner' }));

    const anna = await scan('AAA-1');
    expect(anna).toMatchObject({ status: 'refused', reason: 'cancelled' });
    expect(anna).not.toHaveProperty('cancelledBy');
    const bernd = await scan('BBB-2');
    expect(bernd).toMatchObject({ status: 'refused', reason: 'cancelled', cancelledBy: { why: 'goneFromList', source: 'anmeldungen.csv', at: expect.any(String) } });

    const source = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!;
    value(await h.client.call('sync.removeSource', { sourceId: source.id }));
    expect(await scan('CCC-3')).toMatchObject({ status: 'refused', reason: 'cancelled', cancelledBy: { why: 'listRemoved', source: 'anmeldungen.csv' } });
  });
});

describe('a new version lacking half of its people or more', () => {
  it('is applied only with the organiser\'s confirmation that it is the whole list', async () => {
    const h = await inProcess();
    open.push(h);
    value(await h.client.call('event.create', { name: 'Fachtag' }));
    const everyone = Array.from({ length: 20 }, (_, i) => `${i};CODE-${i};Tina${i};Tagfeld;bezahlt`);
    await load(h, 'tagesliste.csv', everyone);
    // Exported with a filter still set: 12 of 20 missing.
    const filtered = await dryRun(h, 'tagesliste.csv', everyone.slice(0, 8));
    expect(filtered.counts.cancelled).toBe(12);
    const refused = await h.client.call('sync.apply', { planId: filtered.planId });
    expect(refused).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.confirmCancel' } } });
    const registered = () => h.ctx.requireEvent().db.prepare("SELECT count(*) FROM registrations WHERE status = 'registered'").pluck().get();
    expect(registered()).toBe(20);
    value(await h.client.call('sync.apply', { planId: filtered.planId, confirmCancel: true }));
    expect(registered()).toBe(8);
    // The whole list again: the twelve are registered again, said apart from other changes.
    const whole = await dryRun(h, 'tagesliste.csv', everyone);
    expect(whole).toMatchObject({ counts: { updated: 12 }, restored: 12 });
  });
});

describe('a file older than the one last applied', () => {
  it('is applied only with the organiser\'s word that it is the newest all the same', async () => {
    const h = await inProcess();
    open.push(h);
    value(await h.client.call('event.create', { name: 'Fachtag' }));
    const morning = Array.from({ length: 10 }, (_, i) => `${i};CODE-${i};Tina${i};Tagfeld;bezahlt`);
    const noon = [...morning, '10;CODE-10;Nora;Neu;bezahlt', '11;CODE-11;Nils;Neu;bezahlt'];
    await load(h, 'tagesliste.csv', morning);
    await load(h, 'tagesliste.csv', noon);
    const older = await dryRun(h, 'tagesliste.csv', morning);
    expect(older.problemCounts).toMatchObject({ olderFile: 1 });
    expect(await h.client.call('sync.apply', { planId: older.planId })).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.confirmOlder' } } });
    const registered = () => h.ctx.requireEvent().db.prepare("SELECT count(*) FROM registrations WHERE status = 'registered'").pluck().get();
    expect(registered()).toBe(12);
    value(await h.client.call('sync.apply', { planId: older.planId, confirmOlder: true }));
    expect(registered()).toBe(10);
  });
});
