// A registration list removed with its personal data at the hub: the erasure reaches every station through the
// real core (collect, merge, pull pages, over the wire schema); a station that had checked the person in keeps
// them and brings them back; a station that still has the person without anything recorded does not.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setPulledSeq } from '../../db/queries/hub-link';
import { outboxCount, queueEverything } from '../../db/queries/sync-state';
import { scan } from '../../electron/core/checkin/scan';
import { takeOverAsHub } from '../../electron/core/stations/hub';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync } from '../../electron/core/sync/plan';
import { removeSource } from '../../electron/core/sync/remove-source';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventFileSet } from '../../electron/core/reports/purge';
import { tempDir } from '../helpers/event-fixture';
import { checkInsOf, exchange, hubEvent, joinStation, pull, push, registrationsOf } from '../helpers/stations-fixture';
import type { Db } from '../../db/open';

type Hub = ReturnType<typeof hubEvent>;

/** Another event's list, loaded at the hub by mistake. */
async function loadWrongList(hub: Hub): Promise<void> {
  const rows = Array.from({ length: 12 }, (_, i) => `w${i};WRONG-${100 + i};Quirina${i};Zwiebelfisch${i};quirina${i}@fremde-tagung.example`);
  const table = await readTable(Buffer.from(`ID;Code;Vorname;Nachname;E-Mail\n${rows.join('\n')}\n`), 'andere-tagung.csv');
  const plan = await planSync(hub.db, { table, mapping: mergeMapping(table.headers, null), sourceId: 'src-wrong', ids: hub.ids });
  const at = hub.clock.now().toISOString();
  applyPlan(hub.db, {
    plan, runId: hub.ids.next(), startedAt: at, at, stationId: hub.station.id,
    source: { id: 'src-wrong', kind: 'file', label: 'andere-tagung.csv', location: 'andere-tagung.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
}

function removeWithData(hub: Hub) {
  return removeSource(hub.db, { sourceId: 'src-wrong', runId: hub.ids.next(), at: hub.clock.now().toISOString(), stationId: hub.station.id, erase: true });
}

const wrongPeople = (db: Db) => db.prepare("SELECT count(*) FROM registrations WHERE code LIKE 'WRONG-%'").pluck().get() as number;
const idOf = (db: Db, code: string) => db.prepare('SELECT id FROM registrations WHERE code = ?').pluck().get(code) as string | undefined;
const inFile = (file: string, needles: string[]) => {
  const raw = Buffer.concat(eventFileSet(file).filter(existsSync).map((x) => readFileSync(x)));
  return needles.filter((n) => raw.includes(Buffer.from(n)));
};
const found = (db: Db, word: string) => db.prepare('SELECT count(*) FROM registrations_fts WHERE registrations_fts MATCH ?').pluck().get(word) as number;

describe('stations: a list erased at the hub', () => {
  it('is erased at every station, with what hangs on its people, and stays erased for stations that join later', async () => {
    const hub = hubEvent();
    await loadWrongList(hub);
    // A station's file on disk, in WAL mode, as the app keeps it.
    const dir = tempDir();
    const file = join(dir.dir, 'station.einlass');
    const a = joinStation(hub, 'Einlass 2', 1000, file);
    expect(wrongPeople(a.db)).toBe(12);
    expect(found(a.db, 'zwiebelfisch3')).toBe(1);
    const traces = ['Zwiebelfisch3', 'zwiebelfisch3', 'quirina3@fremde-tagung.example', 'WRONG-103'];
    a.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(inFile(file, traces)).toEqual(traces);

    expect(removeWithData(hub)).toMatchObject({ erased: 12 });
    const outcomes = pull(hub, a);
    expect(outcomes.some((o) => o.people)).toBe(true);
    expect(wrongPeople(a.db)).toBe(0);
    expect(found(a.db, 'zwiebelfisch3')).toBe(0);
    expect(a.db.prepare('SELECT count(*) FROM erased_registrations').pluck().get()).toBe(12);
    expect(outboxCount(a.db)).toBe(0);
    expect(registrationsOf(a.db)).toEqual(registrationsOf(hub.db));
    // Nothing of them left in the station's file, its WAL or shared memory.
    expect(inFile(file, traces)).toEqual([]);
    expect(inFile(file, ['AAAA-1111'])).toEqual(['AAAA-1111']);
    a.db.close();
    dir.cleanup();
    // The people of the event are untouched.
    expect(wrongPeople(hub.db)).toBe(0);
    expect(registrationsOf(hub.db).length).toBeGreaterThan(0);

    const b = joinStation(hub, 'Einlass 3');
    expect(wrongPeople(b.db)).toBe(0);
    expect(registrationsOf(b.db)).toEqual(registrationsOf(hub.db));
  });

  it('a person checked in at a station that had not heard of the erasure yet is kept and comes back to the hub with the check-in, cancelled', async () => {
    for (const pushFirst of [true, false]) {
      const hub = hubEvent();
      await loadWrongList(hub);
      const st = joinStation(hub, 'Einlass 2');
      // Offline: the station lets Quirina4 in while the hub erases the list.
      expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'WRONG-104', method: 'camera' }).status).toBe('admitted');
      expect(removeWithData(hub)).toMatchObject({ erased: 12 });
      const quirina = idOf(st.db, 'WRONG-104')!;

      // The check-in may reach the hub before the station hears of the erasure (parked there), or after.
      if (pushFirst) {
        push(hub, st);
        expect(hub.db.prepare('SELECT count(*) FROM sync_parked').pluck().get()).toBe(1);
      }
      pull(hub, st);
      expect(wrongPeople(st.db)).toBe(1);
      exchange(hub, st);
      expect(idOf(hub.db, 'WRONG-104')).toBe(quirina);
      expect(checkInsOf(hub.db)).toEqual(checkInsOf(st.db));
      expect(hub.db.prepare('SELECT count(*) FROM check_ins WHERE registration_id = ?').pluck().get(quirina)).toBe(1);
      expect(hub.db.prepare('SELECT count(*) FROM sync_parked').pluck().get()).toBe(0);
      expect(hub.db.prepare('SELECT count(*) FROM erased_registrations WHERE id = ?').pluck().get(quirina)).toBe(0);
      // Back as the removal left everyone it could not erase: cancelled, of the removed list; the station follows.
      const atHub = () => hub.db.prepare('SELECT status, sync_source_id AS list FROM registrations WHERE id = ?').get(quirina);
      expect(atHub()).toEqual({ status: 'cancelled', list: 'src-wrong' });
      pull(hub, st);
      expect(st.db.prepare('SELECT status FROM registrations WHERE id = ?').pluck().get(quirina)).toBe('cancelled');
      // The others of the list are gone at both; another station gets Quirina4 back as well.
      expect(wrongPeople(hub.db)).toBe(1);
      const other = joinStation(hub, 'Einlass 3');
      expect(idOf(other.db, 'WRONG-104')).toBe(quirina);
      expect(wrongPeople(other.db)).toBe(1);
    }
  });

  for (const knows of ['new hub', 'other station'] as const) {
    it(`after the hub was replaced, the erasure holds when the ${knows} had heard of it: nobody comes back`, async () => {
      const hub = hubEvent();
      await loadWrongList(hub);
      const a = joinStation(hub, 'Einlass 2');
      const b = joinStation(hub, 'Einlass 3');
      removeWithData(hub);
      pull(hub, knows === 'new hub' ? a : b);
      // The hub's laptop is gone: A takes its place, B joins A (pulls from the start, sends everything it has).
      takeOverAsHub(a.db);
      setPulledSeq(b.db, 0);
      queueEverything(b.db);
      const newHub = { ...a, station: { id: a.id, name: a.name } } as unknown as Hub;
      exchange(newHub, b);
      exchange(newHub, b);
      expect([wrongPeople(a.db), wrongPeople(b.db)]).toEqual([0, 0]);
      expect([found(a.db, 'zwiebelfisch3'), found(b.db, 'zwiebelfisch3')]).toEqual([0, 0]);
      expect(registrationsOf(b.db)).toEqual(registrationsOf(a.db));
    });
  }
});
