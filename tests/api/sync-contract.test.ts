import { readdirSync, readFileSync } from 'node:fs';
import { readTable } from '../../electron/core/tabular/read-table';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { PlanSummary } from '../../electron/contract/sync-methods';
import { syncServiceOf } from '../../electron/core/sync/sync-service';
import { registrationCsv } from '../bench/import-data';
import { inProcess, overHttp, type Harness } from './transports';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/registrations/${name}`, import.meta.url));

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** The list as the UI sends it: 512 KB chunks of base64. */
async function upload(h: Harness, bytes: Uint8Array, fileName: string): Promise<string> {
  const CHUNK = 512 * 1024;
  let uploadId: string | undefined;
  const n = Math.max(1, Math.ceil(bytes.length / CHUNK));
  for (let index = 0; index < n; index++) {
    const dataBase64 = Buffer.from(bytes.subarray(index * CHUNK, (index + 1) * CHUNK)).toString('base64');
    uploadId = value<{ uploadId: string }>(await h.client.call('sync.uploadChunk', { uploadId, fileName, index, dataBase64, last: index === n - 1 })).uploadId;
  }
  return uploadId!;
}

/** A fixture loaded as `fileName` with the mapping recognised, dry run and applied, as an organiser does in one go. */
async function loadList(h: Harness, name: string, fileName: string): Promise<void> {
  const uploadId = await upload(h, fixture(name), fileName);
  const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
  value(await h.client.call('sync.apply', { planId: value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping })).planId }));
}

/** A registration system's export link on loopback: answers as the test tells it to. */
let server: Server;
let base: string;
let respond: (url: string, auth: string | undefined) => { status: number; type: string; body: string } | 'trickle' | 'break' | null;
beforeAll(async () => {
  server = createServer((req, res) => {
    const r = respond(req.url ?? '/', req.headers.authorization);
    if (r === null) return; // Never answers: a time-out.
    if (r === 'trickle') {
      // Starts at once, then a few bytes now and then, never done.
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      const t = setInterval(() => res.write('x;'), 40);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (r === 'break') {
      // The connection breaks off in the middle of the answer.
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': '1000' });
      res.write('ID;Vorname;Nachname\n1;Anna;');
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.writeHead(r.status, { 'Content-Type': r.type });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe.each([
  ['in-process', inProcess],
  ['HTTP', overHttp],
])('registration sync over %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
    value(await h.client.call('event.create', { name: 'Fachtag', startsOn: '2023-10-18', endsOn: '2023-10-19' }));
  });
  afterEach(() => h.close());

  it('uploads in chunks, previews with a proposed mapping, dry-runs and applies in one step', async () => {
    // 1.5 MB: more than the 1 MB HTTP body limit, so it must arrive in chunks.
    const csv = Buffer.from(registrationCsv(8000));
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const uploadId = await upload(h, csv, 'anmeldungen.csv');
    const preview = value<{ headers: string[]; mapping: Record<string, string>; rowCount: number; delimiter: string; sourceId: string | null }>(
      await h.client.call('sync.preview', { uploadId }));
    expect(preview).toMatchObject({ rowCount: 8000, footerRows: 0, delimiter: ';', sourceId: null, blankColumns: [] });
    expect(preview.mapping).toMatchObject({ 'Anmelde-ID': 'sourceId', 'Ticket-Code': 'code', Vorname: 'firstName', Ernährung: 'extra' });
    const plan = value<PlanSummary>(await h.client.call('sync.plan', {
      uploadId, mapping: preview.mapping, newSource: { kind: 'file', location: 'anmeldungen.csv' },
    }));
    expect(plan).toMatchObject({ rows: 8000, blocked: false, counts: { added: 8000, updated: 0, cancelled: 0 }, source: { isNew: true } });
    expect(plan.problemCounts).toMatchObject({ unknownSession: expect.any(Number), unknownWalk: expect.any(Number) });
    expect(value<{ people: number }>(await h.client.call('registrations.list', { limit: 1 }))).toMatchObject({ total: 0 });
    const page = value<{ total: number; items: { kind: string; line: number }[] }>(await h.client.call('sync.changes', { planId: plan.planId, kind: 'added', offset: 10, limit: 5 }));
    expect(page.total).toBe(8000);
    expect(page.items.map((i) => i.line)).toEqual([12, 13, 14, 15, 16]);

    const applied = value<{ counts: { added: number } }>(await h.client.call('sync.apply', { planId: plan.planId }));
    expect(applied.counts.added).toBe(8000);
    expect(value<{ total: number }>(await h.client.call('registrations.list', { limit: 1 })).total).toBe(8000);
    const { runs } = value<{ runs: { sourceLabel: string; applied: boolean; counts: { added: number }; problemCount: number }[] }>(await h.client.call('sync.runs', {}));
    expect(runs).toEqual([expect.objectContaining({ sourceLabel: 'anmeldungen.csv', applied: true, counts: expect.objectContaining({ added: 8000 }) })]);
    // The run keeps only the first 200 problems; the history says how many there were.
    expect(plan.warnings).toBeGreaterThan(200);
    expect(runs[0]).toMatchObject({ problemCount: plan.warnings });
    // Applying deleted the temporary upload; the same plan cannot be applied twice.
    expect(await h.client.call('sync.apply', { planId: plan.planId })).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.planGone' } } });

    // The next version of the same file: recognised as the same source, with its mapping; nothing changed.
    const again = await upload(h, csv, 'anmeldungen.csv');
    const p2 = value<{ sourceId: string; mapping: Record<string, string>; sameColumns: boolean }>(await h.client.call('sync.preview', { uploadId: again }));
    expect(p2.sourceId).toEqual(expect.any(String));
    // Its columns as at the last sync: the app goes to the dry run at once.
    expect(p2.sameColumns).toBe(true);
    const plan2 = value<PlanSummary>(await h.client.call('sync.plan', { uploadId: again, sourceId: p2.sourceId, mapping: p2.mapping }));
    expect(plan2.counts).toMatchObject({ added: 0, updated: 0, cancelled: 0, unchanged: 8000 });

    // A re-export under another name with the same columns is offered as that source; a list of another layout
    // (it would mark all 8000 people cancelled) as a new one.
    const renamed = await upload(h, csv, 'anmeldungen-stand-oktober.csv');
    // Only offered (guessed from its columns): the mapping is shown, with the list to confirm.
    expect(value<{ sourceId: string | null; sameColumns: boolean }>(await h.client.call('sync.preview', { uploadId: renamed }))).toMatchObject({ sourceId: p2.sourceId, sameColumns: false });
    // A new download whose name differs only by its date and time: the same list, the dry run at once (QA16 L3).
    const dated = await upload(h, csv, 'anmeldungen_2023-10-05T1412.csv');
    expect(value<{ sourceId: string | null; sameColumns: boolean }>(await h.client.call('sync.preview', { uploadId: dated }))).toMatchObject({ sourceId: p2.sourceId, sameColumns: true });
    // Chosen as the list's new version ("Neue Fassung laden"): the dry run at once.
    expect(value<{ sameColumns: boolean }>(await h.client.call('sync.preview', { uploadId: renamed, sourceId: p2.sourceId })).sameColumns).toBe(true);
    // The same file name with a column more: the mapping is shown, for the new column.
    const wider = await upload(h, Buffer.from(csv.toString('utf8').replace(/^([^\r\n]*)/, '$1;Neue Spalte')), 'anmeldungen.csv');
    expect(value<{ sourceId: string | null; sameColumns: boolean }>(await h.client.call('sync.preview', { uploadId: wider }))).toMatchObject({ sourceId: p2.sourceId, sameColumns: false });
    const other = await upload(h, fixture('pretix-orders-de.csv'), 'pretix-orders-de.csv');
    expect(value<{ sourceId: string | null }>(await h.client.call('sync.preview', { uploadId: other })).sourceId).toBeNull();
    // The same layout, but another list's people (none of its ids or codes is the list's): a new list too, with a
    // mapping of its own (a walkthrough's unrelated file was taken for the list's new version and cancelled it).
    const [head, ...rows] = csv.toString('utf8').trim().split('\r\n');
    const strangers = [head, ...rows.slice(0, 300).map((r) => r.replace(/^(\d+);([^;]+);/, (_, id: string, code: string) => `9${id};X${code};`))].join('\r\n');
    const stranger = await upload(h, Buffer.from(strangers), 'warteliste.csv');
    const guessed = value<{ sourceId: string | null; mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId: stranger }));
    expect(guessed.sourceId).toBeNull();
    expect(guessed.mapping).toMatchObject({ 'Anmelde-ID': 'sourceId', 'Ticket-Code': 'code' });
    // Its ids, but other people under them (another system numbering its answers 1, 2, 3 too): a new list (QA16 M5).
    const renumbered = [head, ...rows.slice(0, 300).map((r) => r.replace(/^(\d+);([^;]+);([^;]*);([^;]*);/, (_, id: string, code: string) => `${id};Y${code};Zora;Zweig${id};`))].join('\r\n');
    const survey = await upload(h, Buffer.from(renumbered), 'umfrage.csv');
    expect(value<{ sourceId: string | null }>(await h.client.call('sync.preview', { uploadId: survey })).sourceId).toBeNull();
    // A part of the list under another name (300 of its 8000 people) is still offered as the list.
    const part = await upload(h, Buffer.from([head, ...rows.slice(0, 300)].join('\r\n')), 'teilliste.csv');
    expect(value<{ sourceId: string | null }>(await h.client.call('sync.preview', { uploadId: part })).sourceId).toBe(p2.sourceId);
  });

  it('a new person in the dry run shows who they are and what they come to, not just "Neu"', async () => {
    for (const [kind, name] of [['session', 'Workshop Klima'], ['session', 'Workshop Verkehr'], ['walk', 'Altstadt']] as const) {
      value(await h.client.call('programme.saveItem', { kind, name, day: '2023-10-18', admission: 'assigned' }));
    }
    const csv = ['ID;Vorname;Nachname;Organisation;Ort;Tage;Workshops;Stadtrundgang;Status',
      '1;Anna;Schmidt;Stadt Weißenfels;Weißenfels;18.10.2023, 19.10.2023;Workshop Verkehr, Workshop Klima;Altstadt;bezahlt',
      '2;Bernd;Becker;;;;;;storniert'].join('\n');
    const uploadId = await upload(h, Buffer.from(csv), 'neu.csv');
    const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
    const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping, newSource: { kind: 'file', location: 'neu.csv' } }));
    const page = value<{ items: { name: string; fields: { field: string; after: string | null }[] }[] }>(
      await h.client.call('sync.changes', { planId: plan.planId, kind: 'added', offset: 0, limit: 10 }));
    expect(page.items.map((c) => [c.name, c.fields.map((f) => [f.field, f.after])])).toEqual([
      ['Anna Schmidt', [['organisation', 'Stadt Weißenfels'], ['town', 'Weißenfels'], ['days', '2023-10-18, 2023-10-19'],
        ['sessions', 'Workshop Klima, Workshop Verkehr'], ['walks', 'Altstadt']]],
      ['Bernd Becker', [['status', 'cancelled']]],
    ]);
    // The same when all kinds are asked for at once.
    const all = value<{ items: { name: string; fields: { field: string }[] }[] }>(await h.client.call('sync.changes', { planId: plan.planId, offset: 0, limit: 10 }));
    expect(all.items[0]!.fields.map((f) => f.field)).toEqual(['organisation', 'town', 'days', 'sessions', 'walks']);
  });

  it('the preview says when pretix\'s add-on rows will be folded into their people, and which column says so', async () => {
    const addons = await upload(h, fixture('pretix-order-positions-addons.csv'), 'orders.csv');
    const preview = value<{ addonColumn: string | null; rowCount: number }>(await h.client.call('sync.preview', { uploadId: addons }));
    expect(preview.addonColumn).toBe('Add-on to position ID');
    // Counted as registrations: the positions that are people, not their add-ons.
    const table = await readTable(fixture('pretix-order-positions-addons.csv'), 'orders.csv');
    const column = table.headers.indexOf('Add-on to position ID');
    const addonLines = table.rows.filter((r) => r.cells[column] !== '').length;
    expect(addonLines).toBeGreaterThan(0);
    expect(preview.rowCount).toBe(table.rows.length - addonLines);
    const plain = await upload(h, fixture('summenzeile.csv'), 'summenzeile.csv');
    expect(value<{ addonColumn: string | null }>(await h.client.call('sync.preview', { uploadId: plain })).addonColumn).toBeNull();
  });

  it('searches the dry run\'s changes: a page of the finds of one kind, and how many each kind has', async () => {
    const csv = ['ID;Vorname;Nachname;Organisation;Status', '1;Ayşe;Yıldız;Stadt Zeitz;bezahlt', '2;Bernd;Becker;Stadt Zeitz;bezahlt',
      '3;Elif;Yıldız-Kaya;Landkreis;bezahlt'].join('\n');
    const uploadId = await upload(h, Buffer.from(csv), 'suche.csv');
    const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
    const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping, newSource: { kind: 'file', location: 'suche.csv' } }));
    const found = value<{ total: number; items: { name: string }[]; matches?: Record<string, number> }>(
      await h.client.call('sync.changes', { planId: plan.planId, kind: 'added', query: 'yildiz', limit: 1 }));
    expect(found).toMatchObject({ total: 2, items: [{ name: 'Ayşe Yıldız' }], matches: { added: 2, updated: 0, cancelled: 0, keptLocal: 0 } });
    const next = value<{ items: { name: string }[] }>(await h.client.call('sync.changes', { planId: plan.planId, kind: 'added', query: 'yildiz', offset: 1, limit: 1 }));
    expect(next.items.map((c) => c.name)).toEqual(['Elif Yıldız-Kaya']);
    // Without a query, as before: everyone, and no counts of finds.
    const all = value<{ total: number; matches?: unknown }>(await h.client.call('sync.changes', { planId: plan.planId, kind: 'added' }));
    expect(all).toMatchObject({ total: 3 });
    expect(all.matches).toBeUndefined();
    expect(await h.client.call('sync.changes', { planId: plan.planId, query: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('the preview counts the lines under a list apart from the people, as the dry run then skips them', async () => {
    const uploadId = await upload(h, fixture('summenzeile.csv'), 'summenzeile.csv');
    const preview = value<{ mapping: Record<string, string>; rowCount: number; footerRows: number }>(await h.client.call('sync.preview', { uploadId }));
    expect(preview).toMatchObject({ rowCount: 5, footerRows: 2 });
    const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping }));
    expect(plan).toMatchObject({ rows: 5, blocked: false, counts: { added: 3 } });
    // Back to the mapping: the dry run is dropped, the file kept for the next one; discarded, the file is gone too.
    value(await h.client.call('sync.cancel', { planId: (plan as PlanSummary & { planId: string }).planId, keepUpload: true }));
    const again = value<PlanSummary & { planId: string }>(await h.client.call('sync.plan', { uploadId, mapping: { ...preview.mapping, Organisation: 'ignore' } }));
    expect(again).toMatchObject({ rows: 5, counts: { added: 3 } });
    value(await h.client.call('sync.cancel', { planId: again.planId }));
    expect(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A line like that inside the list is a row of the list.
    const inside = await upload(h, Buffer.from('Nr.;Vorname;Nachname\r\n1;Lea;Lang\r\nGesamt;;\r\n2;Max;Kurz\r\n'), 'mitte.csv');
    expect(value<{ rowCount: number; footerRows: number }>(await h.client.call('sync.preview', { uploadId: inside }))).toMatchObject({ rowCount: 3, footerRows: 0 });
    // No column is a name or an e-mail address (another sheet read with the first one's mapping): none is a line under the list.
    const nameless = await upload(h, Buffer.from('Bestellnummer;Betrag\r\nABC12;20\r\nDEF34;0\r\nGHI56;0\r\n'), 'bestellungen.csv');
    expect(value<{ rowCount: number; footerRows: number }>(await h.client.call('sync.preview', { uploadId: nameless }))).toMatchObject({ rowCount: 3, footerRows: 0 });
  });

  it("an anonymous Microsoft Forms form: its own 'E-Mail' column says anonymous, the address is the question's", async () => {
    const csv = 'ID;Startzeit;Fertigstellungszeit;E-Mail;Name;Vorname;Nachname;E-Mail-Adresse\r\n'
      + '1;01.09.2023 10:00:00;01.09.2023 10:02:13;anonymous;;Anna;Schmidt;anna@example.org\r\n'
      + '2;01.09.2023 11:00:00;01.09.2023 11:01:40;anonymous;;Bernd;Müller;bernd@example.org\r\n';
    const uploadId = await upload(h, Buffer.from(csv), 'Anmeldung Fachtag(1-2).csv');
    const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
    expect(preview.mapping).toMatchObject({ ID: 'sourceId', 'E-Mail': 'extra', 'E-Mail-Adresse': 'email' });
    // Mapped the other way, "anonymous" is no address: said once for the column, the field stays empty.
    const plan = value<PlanSummary & { planId: string }>(await h.client.call('sync.plan', {
      uploadId, mapping: { ...preview.mapping, 'E-Mail': 'email', 'E-Mail-Adresse': 'extra' },
    }));
    expect(plan.problems).toEqual([expect.objectContaining({ code: 'notAnEmail', column: 'E-Mail', count: 2, lines: [2, 3], params: { value: 'anonymous' } })]);
    value(await h.client.call('sync.apply', { planId: plan.planId }));
    expect(h.ctx.requireEvent().db.prepare("SELECT count(*) AS n FROM registrations WHERE email IS NULL AND first_name IN ('Anna', 'Bernd')").get()).toEqual({ n: 2 });
  });

  it('bad files get a clear message and leave the event file as it was', async () => {
    const before = h.ctx.requireEvent().db.prepare('SELECT (SELECT count(*) FROM registrations) + (SELECT count(*) FROM sync_sources) AS n').get();
    for (const [name, key] of [
      ['empty.csv', 'sync.table.error.emptyFile'], ['header-only.csv', 'sync.table.error.headerOnly'],
      ['binary.csv', 'sync.table.error.imageFile'], ['truncated.xlsx', 'sync.table.error.xlsxCorrupt'],
      ['kennwort.xlsx', 'sync.table.error.xlsxEncrypted'],
    ] as const) {
      const bytes = fixture(name);
      const uploadId = bytes.length === 0
        ? value<{ uploadId: string }>(await h.client.call('sync.uploadChunk', { fileName: name, index: 0, dataBase64: '', last: true })).uploadId
        : await upload(h, bytes, name);
      expect(await h.client.call('sync.preview', { uploadId })).toMatchObject({ ok: false, error: { code: 'bad_request', details: { messageKey: key } } });
    }
    const uploadId = await upload(h, fixture('problems.csv'), 'problems.csv');
    const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
    const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping }));
    expect(plan).toMatchObject({ blocked: true, errors: 3 });
    expect(plan.problems[0]).toMatchObject({ severity: 'error', code: 'missingName', line: 3 });
    expect(await h.client.call('sync.apply', { planId: plan.planId })).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.planBlocked' } } });
    expect(h.ctx.requireEvent().db.prepare('SELECT (SELECT count(*) FROM registrations) + (SELECT count(*) FROM sync_sources) AS n').get()).toEqual(before);
    // Chunks out of order are refused.
    const first = value<{ uploadId: string }>(await h.client.call('sync.uploadChunk', { fileName: 'a.csv', index: 0, dataBase64: 'QQ==', last: false }));
    expect(await h.client.call('sync.uploadChunk', { uploadId: first.uploadId, fileName: 'a.csv', index: 2, dataBase64: 'QQ==', last: true }))
      .toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.uploadOrder' } } });
  });

  it('a URL source: token header, re-fetch on demand, and time-out, 500 and HTML answers as clear messages', async () => {
    let rows = [fixture('eventbrite-attendees.csv').toString('utf8')];
    respond = (url, auth) => {
      if (url === '/slow') return null;
      if (url === '/trickle') return 'trickle';
      if (url === '/cut') return 'break';
      if (url === '/broken') return { status: 500, type: 'text/plain', body: 'boom' };
      if (url === '/login') return { status: 200, type: 'text/html', body: '<!DOCTYPE html><html><body>Login</body></html>' };
      if (auth !== 'Token geheim') return { status: 401, type: 'text/plain', body: 'no' };
      return { status: 200, type: 'text/csv; charset=utf-8', body: rows.join('') };
    };
    expect(await h.client.call('sync.preview', { url: `${base}/export.csv` })).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.urlUnauthorized', status: 401 } } });
    const preview = value<{ uploadId: string; mapping: Record<string, string>; rowCount: number }>(
      await h.client.call('sync.preview', { url: `${base}/export.csv`, authName: 'Authorization', authValue: 'Token geheim' }));
    expect(preview.rowCount).toBe(2);
    const plan = value<PlanSummary>(await h.client.call('sync.plan', {
      uploadId: preview.uploadId, mapping: preview.mapping, authName: 'Authorization', authValue: 'Token geheim',
      newSource: { kind: 'url', location: `${base}/export.csv`, label: 'Eventbrite' },
    }));
    expect(plan.counts).toMatchObject({ added: 2 });
    value(await h.client.call('sync.apply', { planId: plan.planId }));
    const { sources } = value<{ sources: { id: string; hasAuth: boolean; authName: string; location: string }[] }>(await h.client.call('sync.sources', {}));
    expect(sources).toEqual([expect.objectContaining({ hasAuth: true, keyInAddress: false, authName: 'Authorization', location: `${base}/export.csv` })]);
    expect(JSON.stringify(sources)).not.toContain('geheim');

    // "Jetzt aktualisieren": the stored address and token are used; Käthe is now attending.
    rows = [rows[0]!.replace('Not Attending', 'Attending')];
    const again = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { sourceId: sources[0]!.id }));
    const plan2 = value<PlanSummary>(await h.client.call('sync.plan', { uploadId: again.uploadId, sourceId: sources[0]!.id, mapping: again.mapping }));
    expect(plan2.counts).toMatchObject({ updated: 1, unchanged: 1 });

    syncServiceOf(h.ctx).fetchTimeoutMs = 300;
    for (const [path, key] of [
      ['/slow', 'sync.error.urlTimeout'], ['/trickle', 'sync.error.urlTimeoutReading'], ['/cut', 'sync.error.urlBrokenOff'],
      ['/broken', 'sync.error.urlStatus'], ['/login', 'sync.error.urlHtml'],
    ]) {
      expect(await h.client.call('sync.preview', { url: `${base}${path}` })).toMatchObject({ ok: false, error: { details: { messageKey: key } } });
    }
    expect(await h.client.call('sync.preview', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.urlInvalid' } } });
    // Not sent at all, so not "nicht erreichbar": a name and password in the address, a key with typographic quotes.
    expect(await h.client.call('sync.preview', { url: base.replace('http://', 'http://anna:geheim@') + '/export.csv' }))
      .toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.urlCredentials' } } });
    expect(await h.client.call('sync.preview', { url: `${base}/export.csv`, authName: 'Authorization', authValue: 'Token „geheim“' }))
      .toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.authValueInvalid' } } });
    // The header's name as an API's documentation writes it, with its colon: taken as the name.
    expect(value<{ rowCount: number }>(await h.client.call('sync.preview', { url: `${base}/export.csv`, authName: 'Authorization: ', authValue: 'Token geheim' })).rowCount).toBe(2);
  });

  it('a paginated API (pretix): every page is one list, so a re-sync does not cancel the people of later pages', async () => {
    const position = (i: number, name = `Nachname${i}`) => ({
      id: i, order: `ORD${i}`, secret: `secret-${i}`, attendee_email: `p${i}@example.org`, company: 'Stadt Weißenfels',
      attendee_name_parts: { given_name: `Vorname${i}`, family_name: name },
    });
    let family = (i: number) => `Nachname${i}`;
    const page = (n: number) => ({
      count: 5, next: n < 3 ? `/api/v1/organizers/k3b/events/fachtag/orderpositions/?page=${n + 1}` : null,
      results: [2 * n - 1, 2 * n].filter((i) => i <= 5).map((i) => position(i, family(i))),
    });
    respond = (url, auth) => {
      if (auth !== 'Token geheim') return { status: 401, type: 'text/plain', body: 'no' };
      const m = /\/orderpositions\/(?:\?page=(\d))?$/.exec(url);
      return m ? { status: 200, type: 'application/json', body: JSON.stringify(page(Number(m[1] ?? 1))) } : { status: 404, type: 'text/plain', body: '' };
    };
    const url = `${base}/api/v1/organizers/k3b/events/fachtag/orderpositions/`;
    const preview = value<{ uploadId: string; mapping: Record<string, string>; rowCount: number }>(
      await h.client.call('sync.preview', { url, authName: 'Authorization', authValue: 'Token geheim' }));
    expect(preview.rowCount).toBe(5);
    expect(preview.mapping).toMatchObject({
      id: 'sourceId', secret: 'code', 'attendee_name_parts.given_name': 'firstName', 'attendee_name_parts.family_name': 'lastName',
      attendee_email: 'email', company: 'organisation',
    });
    const plan = value<PlanSummary>(await h.client.call('sync.plan', {
      uploadId: preview.uploadId, mapping: preview.mapping, authName: 'Authorization', authValue: 'Token geheim',
      newSource: { kind: 'url', location: url },
    }));
    expect(plan.counts).toMatchObject({ added: 5 });
    value(await h.client.call('sync.apply', { planId: plan.planId }));

    // Someone on the last page changes their name: one update, nobody cancelled.
    family = (i) => (i === 5 ? 'Neuname' : `Nachname${i}`);
    const { sources } = value<{ sources: { id: string }[] }>(await h.client.call('sync.sources', {}));
    const again = value<{ uploadId: string; mapping: Record<string, string> }>(await h.client.call('sync.preview', { sourceId: sources[0]!.id }));
    const plan2 = value<PlanSummary>(await h.client.call('sync.plan', { uploadId: again.uploadId, sourceId: sources[0]!.id, mapping: again.mapping }));
    expect(plan2.counts).toMatchObject({ added: 0, updated: 1, cancelled: 0, unchanged: 4 });
  });

  it('an applied sync says whom it added and changed, field by field, a page at a time', async () => {
    await loadList(h, 'pretix-orders-de.csv', 'anmeldungen.csv');
    // Heike Schäfer moved: the next version of the list has her in Zeitz.
    const moved = Buffer.from(fixture('pretix-orders-de.csv').toString('utf8').replace('Naumburg', 'Zeitz'));
    const { sources } = value<{ sources: { id: string }[] }>(await h.client.call('sync.sources', {}));
    const uploadId = await upload(h, moved, 'anmeldungen.csv');
    const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId, sourceId: sources[0]!.id }));
    const plan = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, sourceId: sources[0]!.id, mapping: preview.mapping }));
    value(await h.client.call('sync.apply', { planId: plan.planId }));
    const [resync, first] = value<{ runs: { id: string; counts: { changesKept?: boolean } }[] }>(await h.client.call('sync.runs', { limit: 5 })).runs;
    expect(resync!.counts.changesKept).toBe(true);
    type Changes = { kept: boolean; kind: string | null; total: number; totals: Record<string, number>; items: { name: string; code: string; fields: unknown[] }[] };
    const changes = value<Changes>(await h.client.call('sync.runChanges', { runId: resync!.id }));
    expect(changes).toMatchObject({ kept: true, kind: 'updated', total: 1, totals: { updated: 1, cancelled: 0, restored: 0, added: 0 } });
    expect(changes.items).toEqual([expect.objectContaining({
      kind: 'updated', name: 'Heike Schäfer', code: 'x7fh3kq0ab', fields: [{ field: 'town', before: 'Naumburg', after: 'Zeitz', keptLocal: false }],
    })]);
    // The first import added all three; the second of them alone on a page of one.
    const added = value<Changes>(await h.client.call('sync.runChanges', { runId: first!.id, kind: 'added', offset: 1, limit: 1 }));
    expect(added).toMatchObject({ kind: 'added', total: 3 });
    expect(added.items.map((c) => c.name)).toEqual(['Heike Schäfer']);
    expect(await h.client.call('sync.runChanges', { runId: 'keiner' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.client.call('sync.runChanges', { runId: first!.id, kind: 'unchanged' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await h.client.call('sync.runChanges', { runId: first!.id, limit: 500 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('a list loaded by mistake is removed: its people cancelled, the list gone from the sources, the removal in the history', async () => {
    await loadList(h, 'pretix-orders-de.csv', 'andere-veranstaltung.csv');
    type Source = { id: string; label: string; cancelledOnRemove: number };
    const [source] = value<{ sources: Source[] }>(await h.client.call('sync.sources', {})).sources;
    // Three people in the file, one of them cancelled there.
    expect(source).toMatchObject({ label: 'andere-veranstaltung.csv', cancelledOnRemove: 2 });
    expect(value(await h.client.call('sync.removeSource', { sourceId: source!.id }))).toEqual({ cancelled: 2, keptLocal: 0, erased: 0, keptCancelled: 2, rewritten: true });
    expect(value<{ sources: Source[] }>(await h.client.call('sync.sources', {})).sources).toEqual([]);
    expect(value<{ sources: (Source & { removed: boolean })[] }>(await h.client.call('sync.sources', { withRemoved: true })).sources)
      .toEqual([expect.objectContaining({ id: source!.id, removed: true, cancelledOnRemove: 0 })]);
    const [run, applied] = value<{ runs: { id: string; sourceLabel: string; counts: Record<string, unknown> }[] }>(await h.client.call('sync.runs', { limit: 5 })).runs;
    expect(run).toMatchObject({ sourceLabel: 'andere-veranstaltung.csv', counts: { cancelled: 2, removed: true } });
    // What the applied sync said is kept with it, grouped as on its dry run.
    const said = value<{ lineKind: string; problems: { code: string; line: number; column: string }[] }>(
      await h.client.call('sync.runProblems', { runId: applied!.id }));
    expect(said.lineKind).toBe('line');
    expect(said.problems).toContainEqual(expect.objectContaining({ code: 'unknownSession', line: 2, column: 'Welchen Workshop möchten Sie besuchen?' }));
    expect(value<{ problems: unknown[] }>(await h.client.call('sync.runProblems', { runId: run!.id })).problems).toEqual([]);
    expect(await h.client.call('sync.runProblems', { runId: 'keiner' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const listed = value<{ total: number }>(await h.client.call('registrations.list', { syncSourceId: source!.id, show: 'cancelled' }));
    expect(listed.total).toBe(3);
    expect(await h.client.call('sync.removeSource', { sourceId: source!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Learnt later that it was another event's: its people's data are erased after all.
    expect(value(await h.client.call('sync.eraseRemovedSource', { sourceId: source!.id }))).toEqual({ erased: 3, rewritten: true });
    expect(value<{ total: number }>(await h.client.call('registrations.list', { syncSourceId: source!.id, show: 'all' })).total).toBe(0);
    expect(value<{ runs: { counts: Record<string, unknown> }[] }>(await h.client.call('sync.runs', { limit: 1 })).runs[0]!.counts)
      .toMatchObject({ erased: 3, erasedLater: true });
    expect(await h.client.call('sync.updateSource', { sourceId: source!.id, label: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("another event's list is removed with its personal data: its people and its syncs' notes are gone, the run says how many", async () => {
    // The same file once loaded as a list of its own, its dry run left open (the organiser went to another screen).
    const left = await upload(h, fixture('pretix-orders-de.csv'), 'kopie.csv');
    const leftPreview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId: left }));
    value(await h.client.call('sync.plan', { uploadId: left, mapping: leftPreview.mapping }));
    await loadList(h, 'pretix-orders-de.csv', 'andere-veranstaltung.csv');
    type Source = { id: string; cancelledOnRemove: number; erasableOnRemove: number };
    const [source] = value<{ sources: Source[] }>(await h.client.call('sync.sources', {})).sources;
    // Three people, one of them cancelled in the file: all three can be erased.
    expect(source).toMatchObject({ cancelledOnRemove: 2, erasableOnRemove: 3 });
    expect(await h.client.call('sync.removeSource', { sourceId: source!.id, erase: 'ja' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(value(await h.client.call('sync.removeSource', { sourceId: source!.id, erase: true }))).toEqual({ cancelled: 2, keptLocal: 0, erased: 3, keptCancelled: 0, rewritten: true });
    expect(value<{ total: number }>(await h.client.call('registrations.list', { syncSourceId: source!.id, show: 'all' })).total).toBe(0);
    // No copy of the file is left, the one of the dry run left open neither.
    expect(readdirSync(join(h.ctx.dataDir, '.uploads'))).toEqual([]);
    const [run, applied] = value<{ runs: { id: string; counts: Record<string, unknown>; problemCount: number }[] }>(await h.client.call('sync.runs', { limit: 5 })).runs;
    expect(run!.counts).toMatchObject({ cancelled: 2, removed: true, erased: 3 });
    // The notes of its sync named people and quoted their cells: deleted with them; how many there were stays.
    expect(applied!.problemCount).toBeGreaterThan(0);
    expect(value<{ problems: unknown[] }>(await h.client.call('sync.runProblems', { runId: applied!.id })).problems).toEqual([]);
  });

  it('a dry run made again with the word that a new row is a walk-in: updated instead of added, and taken back', async () => {
    const walkIn = value<{ registration: { id: string } }>(await h.client.call('registrations.walkIn', { firstName: 'Heike', lastName: 'Schäfer', organisation: 'Kreis' }));
    const uploadId = await upload(h, fixture('pretix-orders-de.csv'), 'pretix.csv');
    const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
    const first = value<PlanSummary>(await h.client.call('sync.plan', { uploadId, mapping: preview.mapping }));
    expect(first.counts).toMatchObject({ added: 3, updated: 0 });
    const hint = first.problems.find((p) => p.code === 'maybeWalkIn')!;
    expect(hint).toMatchObject({ line: 3, params: { name: 'Heike Schäfer', registrationId: walkIn.registration.id } });
    const sameAs = [{ line: 3, registrationId: walkIn.registration.id }];
    const chosen = value<PlanSummary>(await h.client.call('sync.replan', { planId: first.planId, sameAs }));
    expect(chosen).toMatchObject({ counts: { added: 2, updated: 1 }, sameAs });
    expect(chosen.problems.map((p) => p.code)).toContain('chosenSamePerson');
    // The earlier dry run is gone; the file is still there for the next one.
    expect(await h.client.call('sync.getPlan', { planId: first.planId })).toMatchObject({ ok: false });
    const back = value<PlanSummary>(await h.client.call('sync.replan', { planId: chosen.planId, sameAs: [] }));
    expect(back).toMatchObject({ counts: { added: 3, updated: 0 }, sameAs: [] });
    const again = value<PlanSummary>(await h.client.call('sync.replan', { planId: back.planId, sameAs }));
    value(await h.client.call('sync.apply', { planId: again.planId }));
    const heike = value<{ code: string; organisation: string; registeredOnSite: boolean }>(await h.client.call('registrations.get', { id: walkIn.registration.id }));
    expect(heike).toMatchObject({ code: 'x7fh3kq0ab', organisation: 'Landkreis Burgenlandkreis', registeredOnSite: true });
    expect(await h.client.call('sync.replan', { planId: again.planId, sameAs })).toMatchObject({ ok: false });
  });

  it('local corrections through the contract are marked and listed', async () => {
    await loadList(h, 'formular-windows-1252.csv', 'formular.csv');
    const { items } = value<{ items: { id: string; lastName: string }[] }>(await h.client.call('registrations.list', { query: 'weiss' }));
    const updated = value<{ changed: string[]; localFields: { field: string; stationName: string }[] }>(
      await h.client.call('registrations.update', { id: items[0]!.id, fields: { lastName: 'Weiß-Grün', town: 'Zeitz' } }));
    expect(updated.changed).toEqual(['lastName']);
    expect(updated.localFields).toEqual([expect.objectContaining({ field: 'lastName', stationName: 'Einlass 1', inList: true, listValue: items[0]!.lastName, sameAsList: false })]);
    expect(value<{ total: number }>(await h.client.call('registrations.list', { query: 'gruen' })).total).toBe(1);
    expect(await h.client.call('registrations.update', { id: items[0]!.id, fields: { email: 'keine-mail' } })).toMatchObject({ ok: false, error: { code: 'validation' } });

    // The people list narrowed to what an organiser checks after a sync: local corrections, one list, status, walk-ins.
    type Listed = { total: number; items: { id: string; lastName: string; local: boolean; status: string; registeredOnSite: boolean }[] };
    const list = async (input: Record<string, unknown>) => value<Listed>(await h.client.call('registrations.list', input));
    expect(await list({ show: 'local' })).toMatchObject({ total: 1, items: [{ id: items[0]!.id, lastName: 'Weiß-Grün', local: true }] });
    const all = await list({ limit: 500 });
    expect(all.items.filter((p) => p.local).map((p) => p.id)).toEqual([items[0]!.id]);
    const second = await upload(h, fixture('pretix-orders-de.csv'), 'pretix.csv');
    const p2 = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId: second }));
    value(await h.client.call('sync.apply', { planId: value<PlanSummary>(await h.client.call('sync.plan', { uploadId: second, mapping: p2.mapping })).planId }));
    const { sources } = value<{ sources: { id: string; label: string }[] }>(await h.client.call('sync.sources', {}));
    const pretix = sources.find((x) => x.label === 'pretix.csv')!;
    const ofPretix = await list({ syncSourceId: pretix.id });
    expect(ofPretix.total).toBe(3);
    expect((await list({ syncSourceId: pretix.id, show: 'cancelled' })).items.map((p) => p.status)).toEqual(['cancelled']);
    expect((await list({ syncSourceId: pretix.id, show: 'registered' })).total).toBe(2);
    expect((await list({ syncSourceId: pretix.id, query: 'mueller' })).total).toBe(1);
    expect((await list({ syncSourceId: pretix.id, query: 'gruen' })).total).toBe(0);
    expect((await list({ show: 'onSite' })).total).toBe(0);
    value(await h.client.call('registrations.walkIn', { firstName: 'Vor', lastName: 'Ort' }));
    expect(await list({ show: 'onSite' })).toMatchObject({ total: 1, items: [{ lastName: 'Ort', registeredOnSite: true }] });
    expect((await list({ show: 'registered' })).total + (await list({ show: 'cancelled' })).total).toBe(all.total + 3 + 1);
    expect(await h.client.call('registrations.list', { show: 'deleted' })).toMatchObject({ ok: false, error: { code: 'validation' } });

    // The list catches up with the correction (as a sync would note it): said so, and the mark can go.
    const id = items[0]!.id;
    h.ctx.requireEvent().db.prepare(`UPDATE registration_local_fields SET list_value = '"Weiß-Grün"' WHERE registration_id = ?`).run(id);
    expect(value<{ fields: unknown[] }>(await h.client.call('registrations.localFields', { id })).fields)
      .toEqual([expect.objectContaining({ field: 'lastName', listValue: 'Weiß-Grün', sameAsList: true })]);
    expect(value(await h.client.call('registrations.revertLocal', { id, field: 'lastName' }))).toMatchObject({ changed: [], localFields: [] });
    expect((await list({ show: 'local' })).total).toBe(0);
    expect(await h.client.call('registrations.revertLocal', { id, field: 'lastName' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A walk-in's correction has no list value to go back to: only the mark goes, the value stays.
    const walkIn = (await list({ show: 'onSite' })).items[0]!.id;
    const walkInMarks = value<{ localFields: unknown[] }>(await h.client.call('registrations.update', { id: walkIn, fields: { town: 'Zeitz' } })).localFields;
    expect(walkInMarks).toEqual([expect.objectContaining({ field: 'town', inList: false, listValue: null })]);
    expect(value(await h.client.call('registrations.revertLocal', { id: walkIn, field: 'town' }))).toMatchObject({ changed: [], localFields: [] });
    expect(value<{ town: string }>(await h.client.call('registrations.get', { id: walkIn })).town).toBe('Zeitz');
  });
});

describe('while a large list is compared, the station keeps answering', () => {
  it('a check-in over HTTP is answered before the dry run of 60 000 rows finishes', async () => {
    const h = await overHttp();
    try {
      value(await h.client.call('event.openDemo'));
      const db = h.ctx.requireEvent().db;
      const list = db.prepare("SELECT id FROM check_in_lists WHERE kind = 'entrance' LIMIT 1").get() as { id: string };
      const person = db.prepare("SELECT code FROM registrations WHERE status = 'registered' LIMIT 1").get() as { code: string };
      const uploadId = await upload(h, Buffer.from(registrationCsv(60_000)), 'gross.csv');
      const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
      const planning = new Promise<void>((resolve) => {
        const off = h.ctx.push.subscribe((m) => {
          if (m.type === 'sync.progress' && m.phase === 'plan' && m.share > 0) {
            off();
            resolve();
          }
        });
      });
      const order: string[] = [];
      const plan = h.client.call('sync.plan', { uploadId, mapping: preview.mapping, jobId: 'big-job' }).then((r) => {
        order.push('plan');
        return r;
      });
      await planning;
      const scan = await h.client.call('checkin.scan', { listId: list.id, code: person.code, method: 'camera' });
      order.push('scan');
      expect(scan).toMatchObject({ ok: true, value: { status: 'admitted' } });
      expect(value<PlanSummary>(await plan).counts.added).toBe(60_000);
      expect(order).toEqual(['scan', 'plan']);
    } finally {
      await h.close();
    }
  });

  it('a running dry run can be cancelled', async () => {
    const h = await inProcess();
    try {
      value(await h.client.call('event.create', { name: 'Abbruch' }));
      const uploadId = await upload(h, Buffer.from(registrationCsv(40_000)), 'gross.csv');
      const preview = value<{ mapping: Record<string, string> }>(await h.client.call('sync.preview', { uploadId }));
      const started = new Promise<void>((resolve) => h.ctx.push.subscribe((m) => m.type === 'sync.progress' && m.phase === 'plan' && resolve()));
      const plan = h.client.call('sync.plan', { uploadId, mapping: preview.mapping, jobId: 'cancel-me' });
      await started;
      value(await h.client.call('sync.cancel', { jobId: 'cancel-me' }));
      expect(await plan).toMatchObject({ ok: false, error: { details: { messageKey: 'sync.error.cancelled' } } });
      expect(value<{ total: number }>(await h.client.call('registrations.list', { limit: 1 })).total).toBe(0);
    } finally {
      await h.close();
    }
  });
});
