// The history of applied syncs says whom each changed how (migration 016): kept when a sync is applied, paged by
// kind, and gone with the people's data (an erasure, a list removed with its data, the whole-event purge).
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { eraseRegistrations } from '../../db/queries/erasure';
import { insertRun } from '../../db/queries/sync';
import { ADDED } from '../../db/queries/sync-run-changes';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { purgePersonalData } from '../../electron/core/reports/purge';
import { applyPlan } from '../../electron/core/sync/apply';
import { editRegistration } from '../../electron/core/sync/registration-edit';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync } from '../../electron/core/sync/plan';
import { removeSource } from '../../electron/core/sync/remove-source';
import { runChangesView } from '../../electron/core/sync/run-changes';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventFiles, foundInFile } from '../helpers/event-fixture';

const HEADER = 'ID;Code;Vorname;Nachname;E-Mail;Organisation;Ort;Status';
const row = (i: number, o: { last?: string; org?: string; status?: string } = {}) =>
  `${i};CODE-${1000 + i};Vorname${i};${o.last ?? `Nachname${i}`};p${i}@example.org;${o.org ?? 'Stadt Weißenfels'};Weißenfels;${o.status ?? 'bezahlt'}`;
const list = (n: number, change: (i: number) => string | null = (i) => row(i)) =>
  Array.from({ length: n }, (_, k) => change(k + 1)).filter((r): r is string => r !== null);

const files = eventFiles();
afterEach(() => files.closeAll());
const eventFile = () => files.create();
type Fixture = ReturnType<typeof eventFile>;

/** Loads the list into source `sourceId` as the app does (dry run, then applied); the run's id. */
async function sync(f: Fixture, rows: string[], sourceId = 'src-1'): Promise<string> {
  const table = await readTable(Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`), 'liste.csv');
  const plan = await planSync(f.db, { table, mapping: mergeMapping(table.headers, null), sourceId, ids: f.ports.ids });
  const at = f.ports.clock.now().toISOString();
  const runId = f.ports.ids.next();
  applyPlan(f.db, {
    plan, runId, startedAt: at, at, stationId: f.station.id, lineKind: 'line',
    source: { id: sourceId, kind: 'file', label: 'liste.csv', location: 'liste.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
  return runId;
}

const stored = (d: Db) => d.prepare('SELECT count(*) FROM sync_run_changes').pluck().get() as number;
const idOf = (d: Db, sourceId: string) => d.prepare('SELECT id FROM registrations WHERE source_id = ?').pluck().get(sourceId) as string;
const found = foundInFile;

describe('what an applied sync changed, in its history', () => {
  it('a first import keeps no rows: its added people are the list\'s people created at the run, paged in the list\'s order', async () => {
    const f = eventFile();
    const run = await sync(f, list(120, (i) => row(i, i === 7 ? { status: 'storniert' } : {})));
    expect(stored(f.db)).toBe(0);
    const first = runChangesView(f.db, run, undefined, 0, 50);
    expect(first).toMatchObject({ kept: true, kind: 'added', total: 120, totals: { added: 120, updated: 0, cancelled: 0, restored: 0 } });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({ kind: 'added', name: 'Vorname1 Nachname1', code: 'CODE-1001', line: null });
    expect(first.items[0]!.fields).toEqual([
      { field: 'organisation', before: null, after: 'Stadt Weißenfels', keptLocal: false },
      { field: 'town', before: null, after: 'Weißenfels', keptLocal: false },
    ]);
    // Added as cancelled (the list had them so): said, as the dry run said it.
    expect(first.items[6]!.fields[0]).toEqual({ field: 'status', before: null, after: 'cancelled', keptLocal: false });
    const last = runChangesView(f.db, run, 'added', 100, 50);
    expect(last.items.map((c) => c.code)).toEqual(Array.from({ length: 20 }, (_, k) => `CODE-${1101 + k}`));
  });

  it('a re-sync keeps whom it changed (field by field), cancelled and registered again; an unchanged one keeps nothing', async () => {
    const f = eventFile();
    await sync(f, list(60, (i) => row(i, i === 3 ? { status: 'storniert' } : {})));
    // Nachname2 marries, 5 to 59 move to the Landkreis, 4 leaves the list, 3 is registered again, 61 is new.
    const run = await sync(f, [
      ...list(60, (i) => (i === 4 ? null : row(i, { last: i === 2 ? 'Schmidt' : undefined, org: i >= 5 && i <= 59 ? 'Landkreis' : undefined }))),
      row(61),
    ]);
    const view = runChangesView(f.db, run, undefined, 0, 50);
    expect(view.totals).toEqual({ updated: 56, cancelled: 1, restored: 1, added: 1, keptLocal: 0 });
    expect(view).toMatchObject({ kept: true, lineKind: 'line', kind: 'updated', total: 56 });
    expect(view.items).toHaveLength(50);
    expect(view.items[0]).toMatchObject({
      kind: 'updated', name: 'Vorname2 Schmidt', code: 'CODE-1002', line: 3,
      fields: [{ field: 'lastName', before: 'Nachname2', after: 'Schmidt', keptLocal: false }],
    });
    expect(view.items[1]!.fields).toEqual([{ field: 'organisation', before: 'Stadt Weißenfels', after: 'Landkreis', keptLocal: false }]);
    // The next page: the rest, in the list's order.
    const next = runChangesView(f.db, run, 'updated', 50, 50);
    expect(next.items.map((c) => c.code)).toEqual(['CODE-1054', 'CODE-1055', 'CODE-1056', 'CODE-1057', 'CODE-1058', 'CODE-1059']);
    expect(runChangesView(f.db, run, 'cancelled', 0, 50).items).toEqual([expect.objectContaining({
      kind: 'cancelled', code: 'CODE-1004', line: null, fields: [{ field: 'status', before: 'registered', after: 'cancelled', keptLocal: false }],
    })]);
    expect(runChangesView(f.db, run, 'restored', 0, 50).items).toEqual([expect.objectContaining({
      kind: 'restored', code: 'CODE-1003', fields: [{ field: 'status', before: 'cancelled', after: 'registered', keptLocal: false }],
    })]);
    // Searched: the totals and the page of those found, by name, by a code with or without its dash, by town.
    expect(runChangesView(f.db, run, 'updated', 0, 50, 'schmidt')).toMatchObject({ total: 1, totals: { updated: 1, cancelled: 0, restored: 0, added: 0 }, items: [{ code: 'CODE-1002' }] });
    expect(runChangesView(f.db, run, undefined, 0, 50, 'code-1004').totals).toEqual({ updated: 0, cancelled: 1, restored: 0, added: 0, keptLocal: 0 });
    expect(runChangesView(f.db, run, 'cancelled', 0, 50, 'code1004').items.map((c) => c.code)).toEqual(['CODE-1004']);
    expect(runChangesView(f.db, run, 'added', 0, 50, 'vorname61').items.map((c) => c.code)).toEqual(['CODE-1061']);
    expect(runChangesView(f.db, run, 'updated', 0, 50, 'vorname5 weissenfels').items.map((c) => c.code)).toEqual(['CODE-1005', ...Array.from({ length: 10 }, (_, k) => `CODE-${1050 + k}`)]);
    expect(runChangesView(f.db, run, undefined, 0, 50, 'niemand').totals).toEqual({ updated: 0, cancelled: 0, restored: 0, added: 0, keptLocal: 0 });
    expect(runChangesView(f.db, run, 'added', 0, 50).items.map((c) => c.code)).toEqual(['CODE-1061']);

    // The same list again: nothing changed, nothing more is kept.
    const before = stored(f.db);
    const unchanged = await sync(f, [
      ...list(60, (i) => (i === 4 ? null : row(i, { last: i === 2 ? 'Schmidt' : undefined, org: i >= 5 && i <= 59 ? 'Landkreis' : undefined }))),
      row(61),
    ]);
    expect(stored(f.db)).toBe(before);
    expect(runChangesView(f.db, unchanged, undefined, 0, 50)).toMatchObject({ kept: true, kind: null, total: 0, items: [] });
  });

  it('a cancellation of someone inside says so; the name shown is the one they have now', async () => {
    const f = eventFile();
    await sync(f, list(3));
    admitRegistration(f.event, f.ports, { listId: f.entrance, registrationId: idOf(f.db, '2'), method: 'camera', override: false });
    const run = await sync(f, list(3, (i) => row(i, { status: i === 2 ? 'storniert' : undefined })));
    await sync(f, list(3, (i) => row(i, { status: i === 2 ? 'storniert' : undefined, last: i === 2 ? 'Neu' : undefined })));
    expect(runChangesView(f.db, run, 'cancelled', 0, 50).items).toEqual([expect.objectContaining({ name: 'Vorname2 Neu', line: 3, checkedIn: true })]);
  });

  it('a sync that only kept corrections made in the app keeps whom, with what the list said and where it said something new', async () => {
    const f = eventFile();
    await sync(f, list(3));
    editRegistration(f.event, f.ports, { id: idOf(f.db, '2'), fields: { lastName: 'Nachname-Korrigiert' } });
    // The list now spells her anew: nothing is written, but the run keeps that the list said so.
    const run = await sync(f, list(3, (i) => row(i, { last: i === 2 ? 'Nachname2b' : undefined })));
    const view = runChangesView(f.db, run, undefined, 0, 50);
    expect(view).toMatchObject({ kept: true, kind: 'keptLocal', total: 1, totals: { updated: 0, cancelled: 0, restored: 0, added: 0, keptLocal: 1 } });
    expect(view.items).toEqual([expect.objectContaining({
      kind: 'keptLocal', name: 'Vorname2 Nachname-Korrigiert', line: 3,
      fields: [expect.objectContaining({ field: 'lastName', before: 'Nachname-Korrigiert', after: 'Nachname2b', keptLocal: true })],
    })]);
    expect(JSON.parse(f.db.prepare('SELECT counts FROM sync_runs WHERE id = ?').pluck().get(run) as string)).toMatchObject({ keptLocal: 1, keptLocalKept: true });
    // And again: what the list says new since the last run is marked so in the history too.
    const again = await sync(f, list(3, (i) => row(i, { last: i === 2 ? 'Nachname2c' : undefined })));
    expect(runChangesView(f.db, again, 'keptLocal', 0, 50).items[0]!.fields).toEqual([
      { field: 'lastName', before: 'Nachname-Korrigiert', after: 'Nachname2c', keptLocal: true, listChanged: true },
    ]);
    // Erased with the person, as every kept change.
    f.db.transaction(() => eraseRegistrations(f.db, [idOf(f.db, '2')], f.ports.clock.now().toISOString()))();
    expect(runChangesView(f.db, run, undefined, 0, 50).totals.keptLocal).toBe(0);
  });

  it('a run of an earlier version kept nothing: said, not shown as nobody', async () => {
    const f = eventFile();
    const run = await sync(f, list(2));
    const at = f.ports.clock.now().toISOString();
    insertRun(f.db, {
      id: 'run-old', sourceId: 'src-1', startedAt: at, finishedAt: at, applied: true, problems: '[]', stationId: f.station.id,
      counts: JSON.stringify({ added: 0, updated: 3, cancelled: 1, unchanged: 0, keptLocal: 0 }),
    });
    expect(runChangesView(f.db, 'run-old', undefined, 0, 50)).toMatchObject({ kept: false, kind: null, total: 0 });
    expect(runChangesView(f.db, run, undefined, 0, 50).kept).toBe(true);
    expect(() => runChangesView(f.db, 'keiner', undefined, 0, 50)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('query plans of the history', () => {
  it('finds a run\'s added people by the index of their list, in its order, and a page of changes by its key', () => {
    const f = eventFile();
    const plan = (sql: string) => (f.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('a', 'b') as { detail: string }[]).map((r) => r.detail);
    const added = plan(`SELECT id ${ADDED} ORDER BY rowid LIMIT 50`);
    expect(added).toEqual(['SEARCH registrations USING INDEX registrations_by_sync_source (sync_source_id=?)']);
    expect(plan('SELECT c.fields FROM sync_run_changes c WHERE c.run_id = ? AND c.kind = ? ORDER BY c.position LIMIT 50'))
      .toEqual(['SEARCH c USING PRIMARY KEY (run_id=? AND kind=?)']);
    // Erasing a person looks up their rows by index (a foreign key without one scans the table for each person).
    expect(plan("SELECT 1 FROM sync_run_changes WHERE registration_id = ? AND ? <> ''"))
      .toEqual([expect.stringContaining('USING COVERING INDEX sync_run_changes_by_registration')]);
  });
});

describe('what a sync changed goes with the personal data', () => {
  /** Two lists; the first one's people renamed (the old names live only in the kept changes), then some cancelled. */
  async function history(f: Fixture) {
    await sync(f, list(10));
    await sync(f, ['r1;RIGHT-1;Anna;Schmidt;anna@weissenfels.example;Stadt Weißenfels;Weißenfels;bezahlt'], 'src-right');
    await sync(f, list(10, (i) => (i > 8 ? null : row(i, { last: `Zwiebelfisch${i}` }))));
    const rightRun = await sync(f, ['r1;RIGHT-1;Anna;Schmitt;anna@weissenfels.example;Stadt Weißenfels;Weißenfels;bezahlt'], 'src-right');
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    return { rightRun };
  }

  it('erasing a person deletes what the syncs kept of them, and nothing of anyone else', async () => {
    const f = eventFile();
    await history(f);
    const id = idOf(f.db, '1');
    expect(f.db.prepare('SELECT count(*) FROM sync_run_changes WHERE registration_id = ?').pluck().get(id)).toBe(1);
    const all = stored(f.db);
    f.db.transaction(() => eraseRegistrations(f.db, [id], f.ports.clock.now().toISOString()))();
    expect(f.db.prepare('SELECT count(*) FROM sync_run_changes WHERE registration_id = ?').pluck().get(id)).toBe(0);
    expect(stored(f.db)).toBe(all - 1);
  });

  it('removing a list with its data deletes what its syncs kept (of people kept for their check-ins too), not in the raw bytes either', async () => {
    const f = eventFile();
    const { rightRun } = await history(f);
    // Nachname1 came: kept, cancelled; what the syncs kept of them goes with the list's data all the same.
    admitRegistration(f.event, f.ports, { listId: f.entrance, registrationId: idOf(f.db, '1'), method: 'camera', override: false });
    const oldNames = Array.from({ length: 10 }, (_, k) => `Nachname${k + 1}`).filter((n) => n !== 'Nachname1');
    expect(found(f.file, oldNames)).toHaveLength(oldNames.length);
    removeSource(f.db, { sourceId: 'src-1', runId: 'run-remove', at: f.ports.clock.now().toISOString(), stationId: f.station.id, erase: true });
    expect(f.db.prepare("SELECT count(*) FROM sync_run_changes WHERE run_id IN (SELECT id FROM sync_runs WHERE source_id = 'src-1')").pluck().get()).toBe(0);
    expect(found(f.file, oldNames)).toEqual([]);
    // The other list's history stays.
    expect(runChangesView(f.db, rightRun, 'updated', 0, 50).items).toEqual([expect.objectContaining({
      name: 'Anna Schmitt', fields: [{ field: 'lastName', before: 'Schmidt', after: 'Schmitt', keptLocal: false }],
    })]);
  });

  it('the whole-event purge deletes every kept change: no former name is left in the raw bytes', async () => {
    const f = eventFile();
    const { rightRun } = await history(f);
    const oldNames = [...Array.from({ length: 10 }, (_, k) => `Nachname${k + 1}`), 'Schmidt'];
    expect(found(f.file, oldNames)).toHaveLength(oldNames.length);
    const result = purgePersonalData(f.db, f.file, f.ports, false);
    expect(result.removed.sync_run_changes).toBeGreaterThan(0);
    expect(result.verification).toEqual({ checked: expect.any(Number) as number, found: 0 });
    expect(stored(f.db)).toBe(0);
    expect(found(f.file, oldNames)).toEqual([]);
    expect(runChangesView(f.db, rightRun, undefined, 0, 50)).toMatchObject({ kept: true, kind: null, total: 0, items: [] });
  });
});
