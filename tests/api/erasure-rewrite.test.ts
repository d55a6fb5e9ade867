import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { PlanSummary, SyncSourceView } from '../../electron/contract/sync-methods';
import { AppContext } from '../../electron/core/app-context';
import { eventFileSet } from '../../electron/core/reports/purge';
import { syncServiceOf } from '../../electron/core/sync/sync-service';
import { inProcess, type Harness } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Another event's list: names nothing else has, so finding them in the raw files means they survived. */
const LIST = ['ID;Code;Vorname;Nachname;E-Mail;Status',
  ...Array.from({ length: 40 }, (_, i) => `w${i};WRONG-${1000 + i};Quirina${i};Zwiebelfisch${i};quirina${i}@fremde-tagung.example;bezahlt`)].join('\n');
const needles = Array.from({ length: 40 }, (_, i) => `Zwiebelfisch${i}`);

const found = (file: string) => {
  const raw = Buffer.concat(eventFileSet(file).filter(existsSync).map((x) => readFileSync(x)));
  return needles.filter((n) => raw.includes(Buffer.from(n)));
};

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

/** A new event with the wrong list loaded, and another program reading its file the whole time (its read transaction open). */
async function loadedAndRead(): Promise<{ h: Harness; file: string; sourceId: string; reader: Database.Database }> {
  const h = await inProcess();
  open.push(h);
  value(await h.client.call('event.create', { name: 'Fachtag' }));
  const uploadId = value<{ uploadId: string }>(await h.client.call('sync.uploadChunk', {
    fileName: 'andere-tagung.csv', index: 0, dataBase64: Buffer.from(LIST).toString('base64'), last: true,
  })).uploadId;
  const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
  value(await h.client.call('sync.apply', { planId: value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping })).planId }));
  const sourceId = value<{ sources: SyncSourceView[] }>(await h.client.call('sync.sources', {})).sources[0]!.id;
  const { file } = h.ctx.requireEvent();
  const reader = new Database(file, { readonly: true });
  open.push(reader);
  reader.prepare('BEGIN').run();
  reader.prepare('SELECT count(*) FROM registrations').get();
  return { h, file, sourceId, reader };
}

const pending = (h: Harness) => h.ctx.requireEvent().db.prepare('SELECT rewrite_pending FROM event').pluck().get();

describe("an erasure's rewrite that another program keeps from going through", () => {
  it('is said, kept as pending in the file, and done at the periodic look once the reader lets go: then no name is left', async () => {
    const { h, file, sourceId, reader } = await loadedAndRead();
    expect(value(await h.client.call('sync.removeSource', { sourceId, erase: true })))
      .toEqual({ cancelled: 40, keptLocal: 0, erased: 40, keptCancelled: 0, rewritten: false });
    expect(pending(h)).toBe(1);
    // Still in the file's old pages and its WAL: what the later rewrite has to clear.
    expect(found(file).length).toBeGreaterThan(0);

    reader.prepare('COMMIT').run();
    await syncServiceOf(h.ctx).scheduler.tick();
    expect(pending(h)).toBe(0);
    expect(found(file)).toEqual([]);
    expect(h.ctx.requireEvent().db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is done when the event is opened again, if the app was closed before', async () => {
    const { h, file, sourceId, reader } = await loadedAndRead();
    value(await h.client.call('sync.removeSource', { sourceId, erase: false }));
    expect(value(await h.client.call('sync.eraseRemovedSource', { sourceId }))).toEqual({ erased: 40, rewritten: false });
    // The app quits while the other program still reads (the rewrite at closing cannot go through either).
    h.ctx.close();
    expect(found(file).length).toBeGreaterThan(0);
    reader.prepare('COMMIT').run();

    const again = new AppContext({ dataDir: h.ctx.dataDir });
    open.push(again);
    again.openFile(file);
    expect(again.requireEvent().db.prepare('SELECT rewrite_pending FROM event').pluck().get()).toBe(0);
    expect(found(file)).toEqual([]);
  });
});
