// "Liste entfernen" with "Personendaten löschen": in a real event file (WAL, as the app keeps it), who is erased and
// who stays (also someone a station's check-in waits for), that nothing of the erased people is left in the raw bytes, and that the list can be loaded again.
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { erasableOnRemoveBySource } from '../../db/queries/erasure';
import { parkRecord } from '../../db/queries/sync-conflicts';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { scan } from '../../electron/core/checkin/scan';
import { registerWalkIn } from '../../electron/core/registrations/walk-in';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync } from '../../electron/core/sync/plan';
import { editRegistration } from '../../electron/core/sync/registration-edit';
import { eraseRemovedSource, removeSource } from '../../electron/core/sync/remove-source';
import { AppError } from '../../electron/core/errors';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventFiles, foundInFile } from '../helpers/event-fixture';
import { joinStation, pull } from '../helpers/stations-fixture';
import { becomeHub } from '../../electron/core/stations/hub';

const HEADER = 'ID;Code;Vorname;Nachname;E-Mail;Organisation;Status';
/** Another event's list: names no other test data has, so finding them in the raw file means they survived. */
const wrongList = Array.from({ length: 30 }, (_, i) =>
  `w${i};WRONG-${1000 + i};Quirina${i};Zwiebelfisch${i};quirina${i}@fremde-tagung.example;Fremdverein ${i};bezahlt`);
const rightList = ['r1;RIGHT-1;Anna;Schmidt;anna@weissenfels.example;Stadt Weißenfels;bezahlt'];

const files = eventFiles();
afterEach(() => files.closeAll());
const eventFile = () => files.create();
type Fixture = ReturnType<typeof eventFile>;

async function sync(f: Fixture, rows: string[], sourceId: string, label: string): Promise<void> {
  const table = await readTable(Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`), label);
  const plan = await planSync(f.db, { table, mapping: mergeMapping(table.headers, null), sourceId, ids: f.ports.ids });
  const at = f.ports.clock.now().toISOString();
  applyPlan(f.db, {
    plan, runId: f.ports.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: { id: sourceId, kind: 'file', label, location: label, options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
}

const bySourceId = (d: Db, sourceId: string) =>
  d.prepare('SELECT id, code, status, first_name AS firstName FROM registrations WHERE source_id = ?').get(sourceId) as
    { id: string; code: string; status: string; firstName: string } | undefined;
const found = foundInFile;

describe('removing a list with its personal data', () => {
  it('erases its people with whom nothing happened, everywhere in the file; keeps who came, walk-ins and people registered again', async () => {
    const f = eventFile();
    // The door knew Quirina5 before the list (a walk-in the list then took); Quirina7 came and was checked in;
    // Quirina9, cancelled in the list, was registered again by hand.
    const walkIn = registerWalkIn(f.event, f.ports, { firstName: 'Quirina5', lastName: 'Zwiebelfisch5', email: 'quirina5@fremde-tagung.example' }).registration;
    await sync(f, wrongList.map((r, i) => (i === 9 ? r.replace('bezahlt', 'storniert') : r)), 'src-wrong', 'andere-tagung.csv');
    await sync(f, rightList, 'src-right', 'anmeldungen.csv');
    expect(bySourceId(f.db, 'w5')!.id).toBe(walkIn.id);
    admitRegistration(f.event, f.ports, { listId: f.entrance, registrationId: bySourceId(f.db, 'w7')!.id, method: 'camera', override: false });
    editRegistration(f.event, f.ports, { id: bySourceId(f.db, 'w9')!.id, fields: { status: 'registered' } });
    // Quirina3's check-in from another station waits to be placed (its list has not arrived yet).
    parkRecord(f.db, {
      kind: 'check_in', key: 'ci-elsewhere', payload: '{}', registrationId: bySourceId(f.db, 'w3')!.id, origin: null,
      reason: 'missing_reference', receivedAt: f.ports.clock.now().toISOString(),
    });
    expect(erasableOnRemoveBySource(f.db)).toEqual(new Map([['src-wrong', 26], ['src-right', 1]]));
    // A note of that list's sync names a person: it goes with the data.
    f.db.prepare("UPDATE sync_runs SET problems = ? WHERE source_id = 'src-wrong'")
      .run(JSON.stringify([{ code: 'twiceInList', severity: 'warning', line: 3, column: null, params: { name: 'Quirina1 Zwiebelfisch1' } }]));

    const erased = wrongList.map((_, i) => i).filter((i) => ![3, 5, 7, 9].includes(i));
    const needles = erased.flatMap((i) => [`quirina${i}@fremde-tagung.example`, `Zwiebelfisch${i}`, `zwiebelfisch${i}`, `Fremdverein ${i}`, `WRONG-${1000 + i}`]);
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    // They are in the file before: the check below can fail.
    expect(found(f.file, needles)).toHaveLength(needles.length);

    const at = f.ports.clock.now().toISOString();
    expect(removeSource(f.db, { sourceId: 'src-wrong', runId: 'run-remove', at, stationId: f.station.id, erase: true }))
      .toEqual({ cancelled: 28, keptLocal: 2, erased: 26, keptCancelled: 2, rewritten: true });

    for (const i of erased) expect(bySourceId(f.db, `w${i}`)).toBeUndefined();
    expect(bySourceId(f.db, 'w5')).toMatchObject({ id: walkIn.id, status: 'registered' });
    expect(bySourceId(f.db, 'w7')).toMatchObject({ status: 'cancelled', firstName: 'Quirina7' });
    expect(bySourceId(f.db, 'w9')).toMatchObject({ status: 'registered' });
    expect(bySourceId(f.db, 'w3')).toMatchObject({ status: 'cancelled' });
    expect(f.db.prepare('SELECT count(*) FROM sync_parked').pluck().get()).toBe(1);
    expect(bySourceId(f.db, 'r1')).toMatchObject({ status: 'registered', firstName: 'Anna' });
    const count = (sql: string) => f.db.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM erased_registrations')).toBe(26);
    expect(count("SELECT count(*) FROM registrations_fts WHERE registrations_fts MATCH 'zwiebelfisch*'")).toBe(4);
    expect(count("SELECT count(*) FROM registrations_fts WHERE registrations_fts MATCH 'zwiebelfisch12'")).toBe(0);
    expect(count("SELECT count(*) FROM sync_runs WHERE source_id = 'src-wrong' AND problems <> '[]'")).toBe(0);
    expect(JSON.parse(f.db.prepare("SELECT counts FROM sync_runs WHERE id = 'run-remove'").pluck().get() as string))
      .toMatchObject({ cancelled: 28, keptLocal: 2, removed: true, erased: 26, keptCancelled: 2 });
    expect(f.db.pragma('secure_delete', { simple: true })).toBe(0);

    // Nothing of them in the file, its WAL or shared memory; the people who stay are still there.
    expect(found(f.file, needles)).toEqual([]);
    expect(found(f.file, ['Zwiebelfisch7', 'quirina5@fremde-tagung.example', 'anna@weissenfels.example'])).toHaveLength(3);
    expect(f.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count("SELECT count(*) FROM registrations_fts WHERE registrations_fts MATCH 'quirina*'")).toBe(4);

    // The list was right after all: loaded again, its erased people come back as new people, with the list's codes.
    await sync(f, wrongList, 'src-again', 'andere-tagung.csv');
    expect(bySourceId(f.db, 'w12')).toMatchObject({ code: 'WRONG-1012', status: 'registered', firstName: 'Quirina12' });
    expect(bySourceId(f.db, 'w7')).toMatchObject({ status: 'registered' });
  });

  it('not even the names a re-sync or a correction replaced are left: pages still in use keep what was freed before', async () => {
    const f = eventFile();
    await sync(f, rightList, 'src-right', 'anmeldungen.csv');
    const version = (v: number) => wrongList.map((r, i) => r.replace(`Zwiebelfisch${i};`, `${'Alt'.repeat(4 - v)}Zwiebelfisch${i};`));
    // Three versions of the wrong list, each renaming everyone (the name index frees the old entries each time);
    // the last leaves a few people out; two people corrected in the app.
    await sync(f, version(1), 'src-wrong', 'andere-tagung.csv');
    await sync(f, version(2), 'src-wrong', 'andere-tagung.csv');
    await sync(f, version(3).filter((_, i) => i % 7 !== 0), 'src-wrong', 'andere-tagung.csv');
    editRegistration(f.event, f.ports, { id: bySourceId(f.db, 'w2')!.id, fields: { lastName: 'Zwiebelfisch-Korrigiert' } });
    editRegistration(f.event, f.ports, { id: bySourceId(f.db, 'w4')!.id, fields: { organisation: 'Fremdverein Korrigiert' } });
    const needles = ['Zwiebelfisch', 'zwiebelfisch', 'Quirina', 'quirina', 'Fremdverein', 'WRONG-'];
    f.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(found(f.file, needles)).toHaveLength(needles.length);
    expect(removeSource(f.db, { sourceId: 'src-wrong', runId: 'run-remove', at: f.ports.clock.now().toISOString(), stationId: f.station.id, erase: true }))
      .toMatchObject({ erased: 30 });
    expect(found(f.file, needles)).toEqual([]);
    expect(found(f.file, ['anna@weissenfels.example', 'Stadt Weißenfels'])).toHaveLength(2);
    expect(f.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(f.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('a scan refused as unknown before the list arrived keeps its record, without the erased person\'s code', async () => {
    const f = eventFile();
    // Scanned at the door before the wrong list was loaded: two codes of it (one as a link), and a code of nobody.
    for (const code of ['WRONG-1003', 'https://tickets.example/t/WRONG-1004?s=1', 'NOBODY-1']) {
      expect(scan(f.event, f.ports, { listId: f.entrance, code, method: 'scanner' })).toMatchObject({ status: 'refused', reason: 'unknown_code' });
    }
    await sync(f, wrongList.slice(0, 10), 'src-wrong', 'andere-tagung.csv');
    removeSource(f.db, { sourceId: 'src-wrong', runId: 'rm', at: f.ports.clock.now().toISOString(), stationId: f.station.id, erase: true });
    expect(f.db.prepare('SELECT raw_code, reason FROM refused_scans ORDER BY scanned_at').all()).toEqual([
      { raw_code: '', reason: 'unknown_code' }, { raw_code: '', reason: 'unknown_code' }, { raw_code: 'NOBODY-1', reason: 'unknown_code' },
    ]);
    expect(found(f.file, ['WRONG-1003', 'WRONG-1004', 'Quirina3'])).toEqual([]);
  });

  it("another list's note that someone there may be a person of the erased list goes with that person's data", async () => {
    const f = eventFile();
    await sync(f, wrongList.slice(0, 5), 'src-wrong', 'andere-tagung.csv');
    // The right list has a namesake (no address) of Quirina2: its dry run said "vielleicht dieselbe Person wie …".
    await sync(f, ['r2;RIGHT-2;quirina2;ZWIEBELFISCH2;;Stadt;bezahlt', ...rightList], 'src-right', 'anmeldungen.csv');
    const notes = () => JSON.parse(f.db.prepare("SELECT problems FROM sync_runs WHERE source_id = 'src-right'").pluck().get() as string) as { code: string }[];
    expect(notes().map((p) => p.code)).toContain('maybeInOtherList');
    // Renamed since (the note names the list by its old name).
    f.db.prepare("UPDATE sync_sources SET label = 'Fremde Tagung' WHERE id = 'src-wrong'").run();
    removeSource(f.db, { sourceId: 'src-wrong', runId: 'rm', at: f.ports.clock.now().toISOString(), stationId: f.station.id, erase: true });
    expect(notes().map((p) => p.code)).not.toContain('maybeInOtherList');
    expect(found(f.file, ['Quirina2 Zwiebelfisch2', 'Zwiebelfisch2'])).toEqual([]);
    // The namesake of the list that stays is still there, as that list has her.
    expect(found(f.file, ['ZWIEBELFISCH2'])).toHaveLength(1);
  });

  it('an erasure that reaches a station leaves nothing there either, not even in the search index', async () => {
    const hub = eventFile();
    becomeHub(hub.db);
    await sync(hub, Array.from({ length: 150 }, (_, i) => `k${i};KEEP-${i};Keep${i};Keepname${i};keep${i}@x.example;Keeporg;bezahlt`), 'src-keep', 'keep.csv');
    await sync(hub, Array.from({ length: 300 }, (_, i) => `w${i};WRONG-${10000 + i};Quirina${i};Zwiebelfisch${i};quirina${i}@fremd.example;Fremdverein${i};bezahlt`), 'src-wrong', 'andere.csv');
    const stationFile = join(dirname(hub.file), 'station.einlass');
    // Pulled in pages of 100: the station's search index is built up in many small segments.
    const st = joinStation({ ...hub, ids: hub.ports.ids, clock: hub.ports.clock } as never, 'Einlass 2', 100, stationFile);
    try {
      removeSource(hub.db, { sourceId: 'src-wrong', runId: 'rm', at: hub.ports.clock.now().toISOString(), stationId: hub.station.id, erase: true });
      pull({ ...hub, ids: hub.ports.ids, clock: hub.ports.clock } as never, st);
      expect(st.db.prepare("SELECT count(*) FROM registrations WHERE code LIKE 'WRONG-%'").pluck().get()).toBe(0);
      // The index keeps words prefix-compressed: their endings are what is left of most of them.
      const needles = ['iebelfisch', 'Zwiebelfisch', 'Quirina', 'quirina', 'fremd.example', 'emdverein', 'WRONG-'];
      expect(found(hub.file, needles)).toEqual([]);
      expect(found(stationFile, needles)).toEqual([]);
      expect(found(stationFile, ['Keepname7', 'keep7@x.example'])).toHaveLength(2);
      expect(st.db.prepare("SELECT count(*) FROM registrations_fts WHERE registrations_fts MATCH 'keepname*'").pluck().get()).toBe(150);
    } finally {
      st.db.close();
    }
  });

  it('without "Personendaten löschen" nobody is erased until asked later; a list whose people all came erases nobody', async () => {
    const f = eventFile();
    await sync(f, wrongList.slice(0, 3), 'src-wrong', 'andere-tagung.csv');
    await sync(f, rightList, 'src-right', 'anmeldungen.csv');
    const at = f.ports.clock.now().toISOString();
    expect(removeSource(f.db, { sourceId: 'src-wrong', runId: 'run-1', at, stationId: f.station.id })).toEqual({ cancelled: 3, keptLocal: 0, erased: 0, keptCancelled: 3, rewritten: true });
    expect(f.db.prepare("SELECT count(*) FROM registrations WHERE sync_source_id = 'src-wrong'").pluck().get()).toBe(3);
    // Learnt later that it was another event's list: its data are erased on their own, as a run of its own.
    expect(() => eraseRemovedSource(f.db, { sourceId: 'src-right', runId: 'run-x', at, stationId: f.station.id })).toThrow(AppError);
    expect(eraseRemovedSource(f.db, { sourceId: 'src-wrong', runId: 'run-later', at, stationId: f.station.id })).toEqual({ erased: 3, rewritten: true });
    expect(f.db.prepare("SELECT count(*) FROM registrations WHERE sync_source_id = 'src-wrong'").pluck().get()).toBe(0);
    expect(JSON.parse(f.db.prepare("SELECT counts FROM sync_runs WHERE id = 'run-later'").pluck().get() as string)).toMatchObject({ erased: 3, erasedLater: true });
    expect(found(f.file, ['Zwiebelfisch1', 'quirina2@fremde-tagung.example', 'WRONG-1000'])).toEqual([]);
    // Nothing left to erase: nothing recorded.
    expect(eraseRemovedSource(f.db, { sourceId: 'src-wrong', runId: 'run-again', at, stationId: f.station.id })).toEqual({ erased: 0, rewritten: true });
    expect(f.db.prepare("SELECT count(*) FROM sync_runs WHERE id = 'run-again'").pluck().get()).toBe(0);
    admitRegistration(f.event, f.ports, { listId: f.entrance, registrationId: bySourceId(f.db, 'r1')!.id, method: 'camera', override: false });
    expect(removeSource(f.db, { sourceId: 'src-right', runId: 'run-2', at, stationId: f.station.id, erase: true })).toEqual({ cancelled: 1, keptLocal: 0, erased: 0, keptCancelled: 1, rewritten: true });
    expect(bySourceId(f.db, 'r1')).toMatchObject({ status: 'cancelled', firstName: 'Anna' });
  });
});
