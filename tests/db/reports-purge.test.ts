import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventFile, type Db } from '../../db/open';
import { keptText } from '../../db/queries/purge';
import { recordExport } from '../../db/queries/report-settings';
import { writeDemoEvent } from '../../electron/core/event/demo';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { checkPurgeGuard, deleteEventFiles, eventFileSet, purgePersonalData } from '../../electron/core/reports/purge';
import { statsFor } from '../../electron/core/reports/stats-source';
import { searchTextOf } from '../../electron/core/text/fold';
import { tempDir } from '../helpers/event-fixture';
import { exportBytes } from '../helpers/run-export';
import { exportTranslator } from '../../electron/core/reports/translator';
import { simulateAttendance } from '../helpers/report-fixture';
import { getLocalStation } from '../../db/queries/stations';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';

const dirs: { cleanup: () => void }[] = [];
let db: Db | undefined;
afterEach(() => {
  if (db?.open) db.close();
  dirs.splice(0).forEach((d) => d.cleanup());
});

/** The demo event (200 people) with attendance, in a real file in WAL mode, as the app keeps it. */
function demoFile() {
  const d = tempDir();
  dirs.push(d);
  const file = join(d.dir, 'demo.einlass');
  const ports = { clock: fixedClock('2023-10-20T08:00:00.000Z', 1), ids: sequentialIds() };
  db = openEventFile(file, { create: true });
  db.transaction(() => writeDemoEvent(db!, ports, 'Einlass 1'))();
  simulateAttendance(db, { ids: ports.ids });
  return { file, ports, db };
}

/** What must not survive: every code and e-mail, every first and last name and the folded search words. */
function personalStrings(db: Db): { strict: string[]; names: string[] } {
  const rows = db.prepare('SELECT code, email, first_name AS f, last_name AS l FROM registrations').all() as { code: string; email: string; f: string; l: string }[];
  const strict = new Set<string>();
  const names = new Set<string>();
  for (const r of rows) {
    strict.add(r.code);
    strict.add(r.email);
    names.add(r.f);
    names.add(r.l);
    for (const w of searchTextOf([r.f, r.l]).trim().split(' ')) if (w.length >= 5) names.add(w);
  }
  return { strict: [...strict], names: [...names] };
}

function rawBytes(file: string): Buffer {
  return Buffer.concat(eventFileSet(file).filter(existsSync).map((f) => readFileSync(f)));
}

describe('purge of personal data', () => {
  it('leaves no code, e-mail or name in the raw bytes of the file, its WAL and shared memory', () => {
    const { file, ports } = demoFile();
    // Three people's codes changed since their e-mails went out: the former codes are personal data too.
    const former = db!.prepare('SELECT id, code FROM registrations ORDER BY id LIMIT 3').all() as { id: string; code: string }[];
    for (const p of former) db!.prepare('UPDATE registrations SET code = ? WHERE id = ?').run(`${p.code}-NEU`, p.id);
    const { strict: now, names } = personalStrings(db!);
    const strict = [...now, ...former.map((p) => p.code)];
    expect(strict.length).toBe(403);
    // They are there before: the check below can fail.
    const before = rawBytes(file);
    expect(strict.filter((s) => before.includes(Buffer.from(s))).length).toBe(strict.length);
    expect(names.filter((s) => before.includes(Buffer.from(s))).length).toBe(names.length);

    const result = purgePersonalData(db!, file, ports, false);
    expect(result.removed).toMatchObject({ registrations: 200, assignments: expect.any(Number) as number });
    expect(result.removed.check_ins).toBeGreaterThan(300);
    expect(result.removed.refused_scans).toBeGreaterThan(10);
    expect(result.removed.former_codes).toBe(3);
    expect(result.walCleared).toBe(true);
    expect(result.verification).toEqual({ checked: expect.any(Number) as number, found: 0 });
    // While the file is still open, and again after closing it.
    for (const phase of ['open', 'closed']) {
      if (phase === 'closed') db!.close();
      const after = rawBytes(file);
      expect(strict.filter((s) => after.includes(Buffer.from(s))), phase).toEqual([]);
      // A name may be part of what legitimately stays (the event's place "Weißenfels" contains "Weiß").
      const probe = openEventFile(file);
      const kept = keptText(probe);
      probe.close();
      const leftover = names.filter((n) => after.includes(Buffer.from(n)) || (n.length >= 5 && after.includes(Buffer.from(n.toLowerCase()))));
      expect(leftover.filter((n) => !kept.includes(n.toLowerCase())), phase).toEqual([]);
      expect(leftover.length, phase).toBeLessThan(names.length / 20);
    }
    expect(statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
  });

  it("at a station, forgets whose cancellation waits at the hub (the people's ids and the list's name)", () => {
    const { file, ports } = demoFile();
    const anyone = db!.prepare('SELECT id FROM registrations LIMIT 1').pluck().get() as string;
    db!.prepare(`INSERT INTO hub_link (id, event_id, hub_station_id, addresses, cert_pem, fingerprint, token, paired_at, waiting_cancellations)
      VALUES (1, 'e', 'h', '[]', 'pem', 'fp', 'tok', '2023-10-18T08:00:00Z', ?)`).run(JSON.stringify([{ id: anyone, source: 'Anmeldungen', at: '2023-10-18T08:00:00Z' }]));
    purgePersonalData(db!, file, ports, false);
    expect(db!.prepare('SELECT waiting_cancellations FROM hub_link').pluck().get()).toBeNull();
  });

  it('empties the search index and its shadow tables, and keeps the append-only guard of check-ins', () => {
    const { file, ports } = demoFile();
    purgePersonalData(db!, file, ports, false);
    for (const table of ['registrations', 'check_ins', 'refused_scans', 'assignments']) {
      expect((db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
    }
    expect(db!.prepare("SELECT count(*) AS n FROM registrations_fts WHERE registrations_fts MATCH 'mueller OR muller OR weiss'").get()).toEqual({ n: 0 });
    expect((db!.prepare('SELECT count(*) AS n FROM registrations_fts_docsize').get() as { n: number }).n).toBe(0);
    expect(db!.prepare('SELECT count(*) AS n FROM check_in_lists WHERE host IS NOT NULL OR description IS NOT NULL').get()).toEqual({ n: 0 });
    const triggers = (db!.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'check_ins'").all() as { name: string }[]).map((t) => t.name);
    expect(triggers).toEqual(expect.arrayContaining(['check_ins_append_only_update', 'check_ins_append_only_delete']));
    expect(db!.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db!.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps the anonymous statistics when asked, so the statistics can still be exported', async () => {
    const { file, ports } = demoFile();
    const before = statsFor(db!, ports.clock.now());
    const result = purgePersonalData(db!, file, ports, true);
    expect(result.keptStatistics).toBe(true);
    const after = statsFor(db!, ports.clock.now());
    expect(after.totals).toEqual(before.totals);
    expect(after.bySector).toEqual(before.bySector);
    const env = { ...ports, t: await exportTranslator(), stationId: null };
    const pdf = await exportBytes(db!, { report: 'stats', format: 'pdf' }, env);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const attendance = await exportBytes(db!, { report: 'attendance', format: 'csv' }, env);
    expect(attendance.rows).toBe(0);
    await expect(exportBytes(db!, { report: 'certificates', format: 'pdf' }, env)).rejects.toMatchObject({ details: { reason: 'nobody_present' } });
  });

  it('without kept statistics there is nothing left to report', () => {
    const { file, ports } = demoFile();
    purgePersonalData(db!, file, ports, false);
    expect(() => statsFor(db!, ports.clock.now())).toThrow(expect.objectContaining({ details: { reason: 'purged_without_statistics' } }));
  });

  it('is guarded: the event name or LÖSCHEN, and an export made or an explicit "without export"', () => {
    const { ports } = demoFile();
    const guard = (confirmation: string, withoutExport = false) => () => checkPurgeGuard(db!, { confirmation, withoutExport });
    expect(guard('ja')).toThrow(expect.objectContaining({ details: { reason: 'purge_not_confirmed' } }));
    expect(guard('Partnerfachtagung')).toThrow(expect.objectContaining({ details: { reason: 'purge_not_confirmed' } }));
    expect(guard('LÖSCHEN')).toThrow(expect.objectContaining({ details: { reason: 'purge_without_export' } }));
    expect(guard('löschen', true)).not.toThrow();
    recordExport(db!, { id: ports.ids.next(), report: 'attendance', format: 'xlsx', rows: 1, createdAt: ports.clock.now().toISOString(), stationId: null });
    expect(guard(' Partnerfachtagung 2023 ')).not.toThrow();
  });

  it('a dry run made before the purge is not applied after it: its people would come back', async () => {
    const { file, ports } = demoFile();
    const table = await readTable(Buffer.from('ID;Vorname;Nachname\n1;Anna;Schmidt\n'), 'nachzuegler.csv');
    const plan = await planSync(db!, { table, mapping: mergeMapping(table.headers, null), sourceId: 'late', ids: ports.ids });
    expect(plan.counts.added).toBe(1);
    purgePersonalData(db!, file, ports, false);
    const at = ports.clock.now().toISOString();
    const station = getLocalStation(db!)!;
    expect(() => applyPlan(db!, {
      plan, runId: ports.ids.next(), startedAt: at, at, stationId: station.id,
      source: { id: 'late', kind: 'file', label: 'nachzuegler.csv', location: 'nachzuegler.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
    })).toThrow(expect.objectContaining({ details: { messageKey: 'sync.error.purged' } }));
    expect(db!.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(0);
    expect(db!.prepare('SELECT count(*) FROM sync_sources').pluck().get()).toBe(0);
  });

  it('or deletes the whole file with its companions', () => {
    const { file, ports } = demoFile();
    purgePersonalData(db!, file, ports, false);
    db!.close();
    expect(existsSync(file)).toBe(true);
    const { deleted } = deleteEventFiles(file);
    expect(deleted).toContain(file);
    for (const f of eventFileSet(file)) expect(existsSync(f)).toBe(false);
  });
});
