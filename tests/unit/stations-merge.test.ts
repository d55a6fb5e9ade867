// Merging records between a hub and its stations through the real core: snapshot, idempotency under duplicate and
// reordered delivery, dependencies arriving late, last-writer-wins per field with conflicts kept, double
// admissions, undo, moves and programme changes travelling both ways.
import { describe, expect, it } from 'vitest';
import { getRegistration } from '../../db/queries/registrations';
import { doubleAdmissions, fieldConflicts, markConflictSeen } from '../../db/queries/sync-conflicts';
import type { Db } from '../../db/open';
import { setPulledSeq } from '../../db/queries/hub-link';
import { outboxCount, outboxPage, queueEverything } from '../../db/queries/sync-state';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { decide } from '../../electron/core/checkin/decide';
import { scan } from '../../electron/core/checkin/scan';
import { undoCheckIn } from '../../electron/core/checkin/undo';
import { moveBetweenLists } from '../../electron/core/programme/moves';
import { registerWalkIn } from '../../electron/core/registrations/walk-in';
import { acceptRecords, pullPage, takeOverAsHub } from '../../electron/core/stations/hub';
import { collectPush } from '../../electron/core/stations/link';
import { readRecords } from '../../electron/core/stations/records';
import { editRegistration, revertLocalField } from '../../electron/core/sync/registration-edit';
import { localFieldsOf } from '../../db/queries/local-fields';
import { syncFingerprint } from '../../db/queries/sync';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';
import { searchTextOf } from '../../electron/core/text/fold';
import { removeSource } from '../../electron/core/sync/remove-source';
import { getList, insertList } from '../../db/queries/lists';
import { deleteUnusedList } from '../../db/queries/programme';
import { checkInsOf, exchange, hubEvent, joinStation, overTheWire, pull, push, registrationsOf } from '../helpers/stations-fixture';

/** A registration list (CSV text) synced at the hub as list "src-1"; its plan. */
async function loadAtHub(hub: ReturnType<typeof hubEvent>, csv: string) {
  const table = await readTable(Buffer.from(csv), 'liste.csv');
  const mapping = mergeMapping(table.headers, null);
  const plan = await planSync(hub.db, { table, mapping, sourceId: 'src-1', ids: hub.ids });
  const at = hub.clock.now().toISOString();
  applyPlan(hub.db, {
    plan, runId: hub.ids.next(), startedAt: at, at, stationId: hub.station.id,
    source: { id: 'src-1', kind: 'file', label: 'liste.csv', location: 'liste.csv', options: '{}', mapping: JSON.stringify(mapping), intervalMinutes: null, lastRunId: null, createdAt: at },
  });
  return plan;
}

const ofKind = (kind: string) => (db: Db, id: string) =>
  db.prepare('SELECT a.list_id FROM assignments a JOIN check_in_lists l ON l.id = a.list_id WHERE a.registration_id = ? AND l.kind = ? ORDER BY a.list_id')
    .pluck().all(id, kind) as string[];
const walksOf = ofKind('walk');
const sessionsOf = ofKind('session');

const search = (db: Db, word: string) =>
  (db.prepare('SELECT count(*) AS n FROM registrations_fts WHERE registrations_fts MATCH ?').get(word) as { n: number }).n;

const count = (db: { prepare: (s: string) => { get: () => unknown } }, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('stations: snapshot and exchange', () => {
  it('gives a new station a full copy, in pages, that it can work with at once', () => {
    const hub = hubEvent();
    scan(hub.event, hub.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    const st = joinStation(hub, 'Einlass 2', 2);
    expect(registrationsOf(st.db)).toEqual(registrationsOf(hub.db));
    expect(checkInsOf(st.db)).toEqual(checkInsOf(hub.db));
    expect(count(st.db, 'check_in_lists')).toBe(count(hub.db, 'check_in_lists'));
    expect(count(st.db, 'days')).toBe(2);
    expect(count(st.db, 'assignments')).toBe(1);
    expect(st.db.prepare('SELECT name FROM event').get()).toEqual({ name: 'Testtagung' });
    // Nothing pulled is waiting to be sent back.
    expect(outboxCount(st.db)).toBe(0);
    // The person checked in at the hub is "already checked in" at the new station.
    const again = scan(st.event, st.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    expect(again.status).toBe('already_checked_in');
    // The search index was filled for pulled people.
    expect(st.db.prepare("SELECT count(*) AS n FROM registrations_fts WHERE registrations_fts MATCH 'muller'").get()).toEqual({ n: 1 });
  });

  it('brings check-ins from every station to the hub and from there to the others, exactly once', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    const b = joinStation(hub, 'Einlass 3');
    scan(a.event, a.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    scan(b.event, b.ports, { listId: hub.entrance1, code: 'BBBB-2222', method: 'camera' });
    scan(b.event, b.ports, { listId: hub.entrance1, code: 'CCCC-3333', method: 'camera' });
    expect(outboxCount(a.db)).toBe(1);
    expect(outboxCount(b.db)).toBe(2);
    exchange(hub, a);
    exchange(hub, b);
    exchange(hub, a);
    expect(outboxCount(a.db)).toBe(0);
    expect(count(hub.db, 'check_ins')).toBe(2);
    expect(count(hub.db, 'refused_scans')).toBe(1);
    expect(checkInsOf(a.db)).toEqual(checkInsOf(hub.db));
    expect(checkInsOf(b.db)).toEqual(checkInsOf(hub.db));
    // The hub keeps when a record arrived apart from when it was scanned.
    const sql = "SELECT scanned_at AS s, uploaded_at AS u FROM check_ins WHERE registration_id = 'reg-1'";
    const atHub = hub.db.prepare(sql).get() as { s: string; u: string };
    const atStation = a.db.prepare(sql).get() as { s: string; u: string };
    expect(atStation.u).toBe(atStation.s);
    expect(atHub.s).toBe(atStation.s);
    expect(atHub.u).not.toBe(atHub.s);
  });

  it('stores a record once however often and in whatever order it arrives', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    for (const code of ['AAAA-1111', 'BBBB-2222']) scan(a.event, a.ports, { listId: hub.entrance1, code, method: 'camera' });
    const entry = a.db.prepare("SELECT id FROM check_ins WHERE type = 'entry' LIMIT 1").get() as { id: string };
    undoCheckIn(a.event, a.ports, entry.id);
    const { records } = collectPush(a.db, 100);
    const delivered = overTheWire([...records].reverse());
    // Reversed (the undo before the entry it undoes), duplicated inside one batch, and the batch three times.
    acceptRecords(hub.db, hub.ports, a.id, [...delivered, ...delivered], 0);
    acceptRecords(hub.db, hub.ports, a.id, delivered, 0);
    const third = acceptRecords(hub.db, hub.ports, a.id, overTheWire(records), 0);
    expect(third.added).toBe(0);
    expect(third.duplicates).toBe(records.length);
    expect(count(hub.db, 'check_ins')).toBe(3);
    expect(count(hub.db, 'sync_parked')).toBe(0);
    expect(checkInsOf(hub.db)).toEqual(checkInsOf(a.db));
  });

  it('parks a record whose person has not arrived yet, and places it when the person comes', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    const walkIn = registerWalkIn(a.event, a.ports, { firstName: 'Nora', lastName: 'Neu', listId: hub.entrance1 });
    const records = overTheWire(collectPush(a.db, 100).records);
    const checkIn = records.filter((r) => r.kind === 'check_in');
    const person = records.filter((r) => r.kind === 'registration');
    expect(acceptRecords(hub.db, hub.ports, a.id, checkIn, 0).parked).toBe(1);
    expect(count(hub.db, 'sync_parked')).toBe(1);
    acceptRecords(hub.db, hub.ports, a.id, person, 0);
    expect(count(hub.db, 'sync_parked')).toBe(0);
    expect(hub.db.prepare('SELECT count(*) AS n FROM check_ins WHERE registration_id = ?').get(walkIn.registration.id)).toEqual({ n: 1 });
  });

  it('sends a walk-in together with its check-in even when the check-in comes first in the outbox', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    registerWalkIn(a.event, a.ports, { firstName: 'Nora', lastName: 'Neu', listId: hub.entrance1 });
    expect(outboxPage(a.db, 10).map((e) => e.kind)).toEqual(['registration', 'check_in']);
    // Put the person's entry behind the check-in (as a rewrite of the row would): a page of one is then the check-in.
    const person = outboxPage(a.db, 1)[0]!;
    a.db.prepare('DELETE FROM sync_outbox WHERE kind = ? AND key = ?').run(person.kind, person.key);
    a.db.prepare('INSERT INTO sync_outbox (kind, key, rev) VALUES (?, ?, ?)').run(person.kind, person.key, person.rev);
    expect(collectPush(a.db, 1).records.map((r) => r.kind)).toEqual(['registration', 'check_in']);
    push(hub, a, 1);
    expect(count(hub.db, 'sync_parked')).toBe(0);
    expect(outboxCount(a.db)).toBe(0);
    expect(count(hub.db, 'check_ins')).toBe(1);
  });
});

describe('stations: conflicts', () => {
  it('keeps both admissions of a person admitted at two stations that could not see each other, and lists them', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    const b = joinStation(hub, 'Einlass 3');
    expect(scan(a.event, a.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    expect(scan(b.event, b.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    exchange(hub, a);
    exchange(hub, b);
    exchange(hub, a);
    expect(hub.db.prepare("SELECT count(*) AS n FROM check_ins WHERE registration_id = 'reg-1'").get()).toEqual({ n: 2 });
    const doubles = doubleAdmissions(hub.db, 10);
    expect(doubles).toHaveLength(1);
    expect(doubles[0]).toMatchObject({ name: 'Jürgen Müller', listName: 'Einlass Tag 1', firstStation: 'Einlass 2', secondStation: 'Einlass 3' });
    expect(doubleAdmissions(a.db, 10)).toHaveLength(1);
    // At the hub the person is inside: a third scan is "already checked in" with the first entry.
    const list = getList(hub.db, hub.entrance1)!;
    const decision = decide(hub.event, list, getRegistration(hub.db, 'reg-1')!, new Date('2023-10-18T08:00:00Z'));
    expect(decision).toMatchObject({ kind: 'already', firstEntry: { stationName: 'Einlass 2' } });
    // Letting someone in again on purpose (override) is no conflict.
    admitRegistration(hub.event, hub.ports, { listId: hub.entrance1, registrationId: 'reg-2', method: 'search', override: false });
    admitRegistration(hub.event, hub.ports, { listId: hub.entrance1, registrationId: 'reg-2', method: 'search', override: true });
    expect(doubleAdmissions(hub.db, 10)).toHaveLength(1);
    // Looked at („Gesehen“): no longer listed on that laptop; the others still list it.
    expect(markConflictSeen(hub.db, 'double', doubles[0]!.secondId, '2023-10-18T09:00:00Z')).toBe(true);
    expect(doubleAdmissions(hub.db, 10)).toEqual([]);
    expect(doubleAdmissions(a.db, 10)).toHaveLength(1);
  });

  it('merges a registration changed at two stations field by field; the later value wins and the other is kept', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    const b = joinStation(hub, 'Einlass 3');
    editRegistration(a.event, a.ports, { id: 'reg-2', fields: { organisation: 'Burgenlandkreis (A)', town: 'Naumburg' } });
    editRegistration(b.event, b.ports, { id: 'reg-2', fields: { organisation: 'Burgenlandkreis (B)' } });
    exchange(hub, a);
    exchange(hub, b);
    exchange(hub, a);
    for (const db of [hub.db, a.db, b.db]) {
      expect(getRegistration(db, 'reg-2')).toMatchObject({ organisation: 'Burgenlandkreis (B)', town: 'Naumburg' });
    }
    const conflicts = fieldConflicts(hub.db, 10);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      field: 'organisation', winnerValue: 'Burgenlandkreis (B)', winnerStation: 'Einlass 3', loserValue: 'Burgenlandkreis (A)', loserStation: 'Einlass 2',
    });
    expect(['later', 'same_time']).toContain(conflicts[0]!.reason);
    markConflictSeen(hub.db, 'field', conflicts[0]!.id, '2023-10-18T09:00:00Z');
    expect(fieldConflicts(hub.db, 10)).toEqual([]);
    // Marked twice: nothing more.
    expect(markConflictSeen(hub.db, 'field', conflicts[0]!.id, '2023-10-18T09:05:00Z')).toBe(false);
    // The search finds the merged values.
    expect(hub.db.prepare("SELECT count(*) AS n FROM registrations_fts WHERE registrations_fts MATCH 'naumburg'").get()).toEqual({ n: 1 });
  });

  it('does not call it a conflict when a station changes a value after it has seen the other change', () => {
    const hub = hubEvent();
    const a = joinStation(hub, 'Einlass 2');
    const b = joinStation(hub, 'Einlass 3');
    editRegistration(a.event, a.ports, { id: 'reg-1', fields: { town: 'Weißenfels' } });
    exchange(hub, a);
    exchange(hub, b);
    editRegistration(b.event, b.ports, { id: 'reg-1', fields: { town: 'Leißling' } });
    exchange(hub, b);
    exchange(hub, a);
    expect(getRegistration(a.db, 'reg-1')!.town).toBe('Leißling');
    expect(fieldConflicts(hub.db, 10)).toEqual([]);
  });

  it('orders writes by hybrid logical clock: a station whose clock is an hour behind still wins with a later edit', () => {
    const hub = hubEvent();
    const slow = joinStation(hub, 'Einlass 2');
    editRegistration(hub.event, hub.ports, { id: 'reg-1', fields: { notes: 'vom Büro' } });
    // The slow station's triggers stamp an hour behind the hub …
    slow.db.prepare('UPDATE sync_state SET clock_correction_ms = ?').run(-3600_000);
    exchange(hub, slow);
    // … but having seen the hub's edit, its own later edit is newer, and wins everywhere.
    editRegistration(slow.event, slow.ports, { id: 'reg-1', fields: { notes: 'am Einlass korrigiert' } });
    exchange(hub, slow);
    expect(getRegistration(hub.db, 'reg-1')!.notes).toBe('am Einlass korrigiert');
    expect(fieldConflicts(hub.db, 10)).toEqual([]);
  });
});

describe('stations: local corrections and taking them back', () => {
  const marks = (db: Db, id: string) => localFieldsOf(db, id).map((m) => [m.field, m.listValue]);

  it("a code the list changed at the hub: a station admits the person by the new code and by the one in their e-mail", async () => {
    const hub = hubEvent();
    await loadAtHub(hub, 'ID;Code;Vorname;Nachname\n1;L-1;Lea;Lang\n');
    const st = joinStation(hub, 'Einlass 2');
    await loadAtHub(hub, 'ID;Code;Vorname;Nachname\n1;L-1-NEU;Lea;Lang\n');
    exchange(hub, st);
    const lea = hub.db.prepare("SELECT id FROM registrations WHERE source_id = '1'").pluck().get() as string;
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'L-1', method: 'camera' })).toMatchObject({ status: 'admitted', registration: { id: lea } });
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'L-1-NEU', method: 'camera' })).toMatchObject({ status: 'already_checked_in' });
  });

  it("a correction carries the list's value; the hub's later list value reaches the stations; taken back, it stays taken back", async () => {
    const hub = hubEvent();
    const load = (town: string) => loadAtHub(hub, `ID;Code;Vorname;Nachname;Ort\n1;L-1;Lea;Lang;${town}\n2;L-2;Max;Mohr;Halle\n`);
    await load('Zeitz');
    const lea = hub.db.prepare("SELECT id FROM registrations WHERE source_id = '1'").pluck().get() as string;
    const a = joinStation(hub, 'Einlass 2');
    const b = joinStation(hub, 'Einlass 3');
    editRegistration(a.event, a.ports, { id: lea, fields: { town: 'Naumburg' } });
    exchange(hub, a);
    exchange(hub, b);
    expect(marks(b.db, lea)).toEqual([['town', '"Zeitz"']]);
    // An hour later the hub loads a newer list: the correction is kept, what the list says now travels with it
    // (the later look at the list wins, by the clock: the test stations' clocks run ten minutes ahead of the hub's).
    hub.clock.advance(3600_000);
    expect((await load('Gera')).counts).toMatchObject({ keptLocal: 1 });
    exchange(hub, a);
    exchange(hub, b);
    for (const db of [hub.db, a.db, b.db]) {
      expect(getRegistration(db, lea)!.town).toBe('Naumburg');
      expect(marks(db, lea)).toEqual([['town', '"Gera"']]);
    }
    // Station B changes something else of hers while station A takes the correction back.
    editRegistration(b.event, b.ports, { id: lea, fields: { notes: 'Rollstuhl' } });
    revertLocalField(a.event, a.ports, { id: lea, field: 'town' });
    exchange(hub, a);
    exchange(hub, b);
    exchange(hub, a);
    // B's record still had the mark: the later taking back wins everywhere.
    for (const db of [hub.db, a.db, b.db]) {
      expect(getRegistration(db, lea)).toMatchObject({ town: 'Gera', notes: 'Rollstuhl' });
      expect(marks(db, lea)).toEqual([['notes', 'null']]);
    }
    // The list rules the town again.
    expect((await load('Halle')).counts).toMatchObject({ updated: 1, keptLocal: 0 });
    exchange(hub, a);
    expect(getRegistration(a.db, lea)!.town).toBe('Halle');
  });

  it('a correction made at a station while the hub loaded a new list version wins over the list, in either order of exchange (QA15 H1)', async () => {
    for (const order of ['push first', 'pull first'] as const) {
      const hub = hubEvent();
      const load = (name: string, town: string) => loadAtHub(hub, `ID;Code;Vorname;Nachname;Ort\n1;L-1;Dörte;${name};${town}\n2;L-2;Max;Mohr;Halle\n`);
      await load('Schütze', 'Zeitz');
      const id = hub.db.prepare("SELECT id FROM registrations WHERE source_id = '1'").pluck().get() as string;
      const a = joinStation(hub, 'Einlass 2');
      const b = joinStation(hub, 'Einlass 3');
      // Station A, offline: the badge's spelling corrected. The hub, meanwhile, loads a version that renames her and
      // moves her town; station B (online) gets it at once.
      editRegistration(a.event, a.ports, { id, fields: { lastName: 'Schütz' } });
      hub.clock.advance(60_000);
      expect((await load('Schütze-Lindner', 'Gera')).counts).toMatchObject({ updated: 1 });
      exchange(hub, b);
      if (order === 'push first') push(hub, a);
      else {
        pull(hub, a);
        expect(getRegistration(a.db, id)!.lastName).toBe('Schütz');
        push(hub, a);
      }
      exchange(hub, a);
      exchange(hub, b);
      for (const db of [hub.db, a.db, b.db]) {
        // The correction wins; the list's other change is taken; what the list says now is kept with the correction.
        expect(getRegistration(db, id), order).toMatchObject({ lastName: 'Schütz', town: 'Gera' });
        expect(marks(db, id), order).toEqual([['lastName', '"Schütze-Lindner"']]);
        // No "two stations changed it at once": it was a list and a correction.
        expect(fieldConflicts(db, 10), order).toEqual([]);
      }
      // The next version of the list keeps the correction, and says what is new in the list.
      hub.clock.advance(60_000);
      expect((await load('Schütze', 'Gera')).counts, order).toMatchObject({ keptLocal: 1, updated: 0 });
      expect(marks(hub.db, id), order).toEqual([['lastName', '"Schütze"']]);
    }
  });

  it('a walk changed at a station while the hub loaded a version that moved the person to another walk: one walk, the station\'s (QA15 H2)', async () => {
    for (const order of ['push first', 'pull first'] as const) {
      const hub = hubEvent();
      for (const [id, name] of [['walk-2', 'Stadtrundgang Neustadt'], ['walk-3', 'Stadtrundgang Schloss']] as const) {
        insertList(hub.db, { id, kind: 'walk', name, admission: 'assigned', position: 6, createdAt: hub.clock.now().toISOString() });
      }
      const load = (walk: string) => loadAtHub(hub, `ID;Code;Vorname;Nachname;Stadtrundgang\n1;L-1;Uwe;Köhler;${walk}\n2;L-2;Max;Mohr;Altstadt\n`);
      await load('Altstadt');
      const uwe = hub.db.prepare("SELECT id FROM registrations WHERE source_id = '1'").pluck().get() as string;
      const a = joinStation(hub, 'Einlass 2');
      const b = joinStation(hub, 'Einlass 3');
      editRegistration(a.event, a.ports, { id: uwe, fields: {}, walks: ['walk-3'] });
      hub.clock.advance(60_000);
      await load('Neustadt');
      exchange(hub, b);
      if (order === 'push first') push(hub, a);
      else {
        pull(hub, a);
        expect(walksOf(a.db, uwe), order).toEqual(['walk-3']);
        push(hub, a);
      }
      exchange(hub, a);
      exchange(hub, b);
      for (const db of [hub.db, a.db, b.db]) {
        expect(walksOf(db, uwe), order).toEqual(['walk-3']);
        expect(marks(db, uwe), order).toEqual([['walks', '["walk-2"]']]);
      }
      // Max, not corrected, follows the list as before.
      hub.clock.advance(60_000);
      await loadAtHub(hub, 'ID;Code;Vorname;Nachname;Stadtrundgang\n1;L-1;Uwe;Köhler;Neustadt\n2;L-2;Max;Mohr;Neustadt\n');
      exchange(hub, a);
      const max = hub.db.prepare("SELECT id FROM registrations WHERE source_id = '2'").pluck().get() as string;
      expect(walksOf(a.db, max)).toEqual(['walk-2']);
      expect(walksOf(a.db, uwe)).toEqual(['walk-3']);
    }
  });

  it('a session the correction kept stays when a later version of the list drops it, also on a station that missed all of it', async () => {
    const hub = hubEvent();
    for (const [id, name] of [['s-a', 'Forum A'], ['s-b', 'Forum B']] as const) {
      insertList(hub.db, { id, kind: 'session', name, admission: 'assigned', position: 6, createdAt: hub.clock.now().toISOString() });
    }
    await loadAtHub(hub, 'ID;Code;Vorname;Nachname;Workshops\n1;L-1;Lea;Lang;Forum A\n');
    const lea = hub.db.prepare("SELECT id FROM registrations WHERE source_id = '1'").pluck().get() as string;
    const a = joinStation(hub, 'Einlass 2');
    const late = joinStation(hub, 'Einlass 3');
    // Forum B added to her Forum A at station A; the hub hears of it, then loads a list without Forum A.
    editRegistration(a.event, a.ports, { id: lea, fields: {}, sessions: ['s-a', 's-b'] });
    exchange(hub, a);
    hub.clock.advance(60_000);
    expect((await loadAtHub(hub, 'ID;Code;Vorname;Nachname;Workshops\n1;L-1;Lea;Lang;\n')).counts).toMatchObject({ keptLocal: 1 });
    exchange(hub, late);
    for (const db of [hub.db, late.db]) expect(sessionsOf(db, lea)).toEqual(['s-a', 's-b']);
  });

  it('a page with 150 renamed people and an erasure: the station searches the new names, its index intact', async () => {
    const hub = hubEvent();
    await loadAtHub(hub, `ID;Code;Vorname;Nachname;E-Mail\n${Array.from({ length: 150 }, (_, i) => `m${i};MAIN-${1000 + i};Anna${i};Altname${i};a${i}@x.example`).join('\n')}\n`);
    const wrong = await readTable(Buffer.from(`ID;Code;Vorname;Nachname;E-Mail\n${Array.from({ length: 5 }, (_, i) => `w${i};WRONG-${100 + i};Quirina${i};Zwiebelfisch${i};q${i}@y.example`).join('\n')}\n`), 'wrong.csv');
    const at = hub.clock.now().toISOString();
    applyPlan(hub.db, {
      plan: await planSync(hub.db, { table: wrong, mapping: mergeMapping(wrong.headers, null), sourceId: 'src-wrong', ids: hub.ids }),
      runId: hub.ids.next(), startedAt: at, at, stationId: hub.station.id,
      source: { id: 'src-wrong', kind: 'file', label: 'wrong.csv', location: 'wrong.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
    });
    const st = joinStation(hub, 'Einlass 2');
    // 150 people renamed at the hub (by any writer; the capture triggers send them all).
    const rename = hub.db.prepare('UPDATE registrations SET last_name = ?, search_text = ? WHERE id = ?');
    for (const r of hub.db.prepare("SELECT id, first_name AS f, code FROM registrations WHERE code LIKE 'MAIN-%'").all() as { id: string; f: string; code: string }[]) {
      rename.run(`Neuname${r.code}`, searchTextOf([r.f, `Neuname${r.code}`, r.code]), r.id);
    }
    removeSource(hub.db, { sourceId: 'src-wrong', runId: hub.ids.next(), at: hub.clock.now().toISOString(), stationId: hub.station.id, erase: true });
    // One page: the renamed people (their index in two passes) and the erasure.
    pull(hub, st, 1000);
    expect(() => st.db.exec("INSERT INTO registrations_fts (registrations_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect([search(st.db, '"neunamemain"*'), search(st.db, 'altname7'), search(st.db, 'zwiebelfisch*')]).toEqual([150, 0, 0]);
    expect(search(st.db, 'anna*')).toBe(150);
  });

  it("a list's longest cells reach the stations: a note of 8 000 characters, long extra fields", async () => {
    const hub = hubEvent();
    const note = 'Rollstuhl, Begleitperson. '.repeat(320).trim();
    const extra = Array.from({ length: 8 }, (_, i) => `Antwort ${i}: ${'x'.repeat(9000)}`);
    await loadAtHub(hub, `ID;Code;Vorname;Nachname;Hinweise;${extra.map((_, i) => `Frage ${i}`).join(';')}\n1;L-1;Lea;Lang;${note};${extra.join(';')}\n`);
    const st = joinStation(hub, 'Einlass 2');
    const lea = st.db.prepare("SELECT notes, extra FROM registrations WHERE source_id = '1'").get() as { notes: string; extra: string };
    expect(lea.notes).toBe(note);
    expect(Object.keys(JSON.parse(lea.extra) as object)).toHaveLength(8);
  });

  it('a dry run made before a station\'s taking back of a correction arrives is no longer applied', async () => {
    const hub = hubEvent();
    await loadAtHub(hub, 'ID;Code;Vorname;Nachname\np1;P-1;Paula;Alt\nq1;Q-1;Quentin;Quast\n');
    const id = (sourceId: string) => hub.db.prepare('SELECT id FROM registrations WHERE source_id = ?').pluck().get(sourceId) as string;
    editRegistration(hub.event, hub.ports, { id: id('p1'), fields: { lastName: 'Korrigiert' } });
    const st = joinStation(hub, 'Einlass 2');
    revertLocalField(st.event, st.ports, { id: id('p1'), field: 'lastName' });
    // A later correction at the hub: the taking back arrives with an older time than the newest mark.
    hub.clock.advance(3600_000);
    editRegistration(hub.event, hub.ports, { id: id('q1'), fields: { lastName: 'Quast-Neu' } });
    const before = syncFingerprint(hub.db);
    push(hub, st);
    expect(marks(hub.db, id('p1'))).toEqual([]);
    expect(syncFingerprint(hub.db)).not.toBe(before);
  });

  it('a walk changed at a station travels with its mark, though no field of the person changed', () => {
    const hub = hubEvent();
    const walk = hub.db.prepare("SELECT id FROM check_in_lists WHERE kind = 'walk'").pluck().get() as string;
    const a = joinStation(hub, 'Einlass 2');
    editRegistration(a.event, a.ports, { id: 'reg-2', fields: {}, walks: [walk] });
    exchange(hub, a);
    expect(marks(hub.db, 'reg-2')).toEqual([['walks', '[]']]);
  });
});

describe('stations: programme and moves travel too', () => {
  it('moves at a station and programme changes at the hub reach everyone', () => {
    const hub = hubEvent();
    hub.db.prepare(
      "INSERT INTO check_in_lists (id, kind, name, admission, position, created_at) VALUES ('walk-2', 'walk', 'Stadtrundgang Neustadt', 'assigned', 6, '2023-10-18T07:00:00Z')",
    ).run();
    const a = joinStation(hub, 'Rundgang');
    moveBetweenLists(a.event, a.ports, { registrationId: 'reg-1', fromListId: 'walk-1', toListId: 'walk-2' });
    exchange(hub, a);
    expect(hub.db.prepare("SELECT list_id AS l FROM assignments WHERE registration_id = 'reg-1'").all()).toEqual([{ l: 'walk-2' }]);
    expect(count(hub.db, 'assignment_moves')).toBe(1);
    hub.db.prepare("UPDATE check_in_lists SET capacity = 12 WHERE id = 'walk-2'").run();
    deleteUnusedList(hub.db, 'walk-1');
    pull(hub, a);
    expect(getList(a.db, 'walk-2')!.capacity).toBe(12);
    expect(getList(a.db, 'walk-1')).toBeNull();
  });

  describe('a station takes the place of a hub that is gone: deletions travel too', () => {
    /** Hub, stations A and B; one walk change (reg-1 from walk-1 to walk-2) made at the hub reaches `knows` only. */
    function walkChangeSeenBy(knows: 'a' | 'b') {
      const hub = hubEvent();
      hub.db.prepare(
        "INSERT INTO check_in_lists (id, kind, name, admission, position, created_at) VALUES ('walk-2', 'walk', 'Stadtrundgang Neustadt', 'assigned', 6, '2023-10-18T07:00:00Z')",
      ).run();
      const a = joinStation(hub, 'Einlass 2');
      const b = joinStation(hub, 'Einlass 3');
      moveBetweenLists(hub.event, hub.ports, { registrationId: 'reg-1', fromListId: 'walk-1', toListId: 'walk-2' });
      pull(hub, knows === 'a' ? a : b);
      // The hub's laptop is gone: A takes its place, B joins A (pulls from the start, sends everything it has).
      takeOverAsHub(a.db);
      setPulledSeq(b.db, 0);
      queueEverything(b.db);
      const newHub = { ...a, station: { id: a.id, name: a.name } } as unknown as ReturnType<typeof hubEvent>;
      exchange(newHub, b);
      const walks = (db: Db) => (db.prepare("SELECT list_id AS l FROM assignments WHERE registration_id = 'reg-1'").all() as { l: string }[]).map((r) => r.l);
      return { a: walks(a.db), b: walks(b.db) };
    }

    it('the new hub hands on a deletion it pulled: a station that missed it deletes the row instead of keeping it', () => {
      expect(walkChangeSeenBy('a')).toEqual({ a: ['walk-2'], b: ['walk-2'] });
    });

    it('a station hands on a deletion the new hub missed, and does not get the deleted row back', () => {
      expect(walkChangeSeenBy('b')).toEqual({ a: ['walk-2'], b: ['walk-2'] });
    });
  });

  it('a page brings along a person changed after their check-in, so it can be applied on its own', () => {
    const hub = hubEvent();
    scan(hub.event, hub.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    editRegistration(hub.event, hub.ports, { id: 'reg-1', fields: { town: 'Zeitz' } });
    const seq = (hub.db.prepare("SELECT seq FROM sync_changes WHERE kind = 'check_in'").get() as { seq: number }).seq;
    // The person's change is now after the check-in in the sequence; a page holding only the check-in brings them.
    const page = pullPage(hub.db, 'another-station', seq - 1, 1);
    expect(page.records.map((r) => r.kind)).toEqual(['registration', 'check_in']);
    expect(page.upTo).toBe(seq);
    expect(page.more).toBe(true);
    expect(readRecords(hub.db, [{ kind: 'nonsense', key: 'x' }])).toEqual([]);
  });
});

describe('stations: many people changed at once', () => {
  const trigger = (db: Db) => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'registrations_fts_update'").pluck().get();

  it('a list re-synced at the hub with 110 renamed people: hub and station search the new names, index and trigger intact', async () => {
    const hub = hubEvent();
    const list = (renamed: boolean) => Array.from({ length: 120 }, (_, i) => `${i + 1};L-${i};Vor${i};${renamed && i < 110 ? `Neu${i}` : `Alt${i}`}`);
    const load = (rows: string[]) => loadAtHub(hub, `ID;Code;Vorname;Nachname\n${rows.join('\n')}\n`);
    await load(list(false));
    const st = joinStation(hub, 'Einlass 2');
    const before = trigger(st.db);
    expect((await load(list(true))).counts).toMatchObject({ updated: 110, unchanged: 10 });
    const outcomes = pull(hub, st);
    expect(outcomes.reduce((n, o) => n + o.updated, 0)).toBe(110);
    for (const db of [hub.db, st.db]) {
      expect(trigger(db)).toBe(before);
      expect(() => db.exec("INSERT INTO registrations_fts (registrations_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
      expect([search(db, 'neu7'), search(db, 'alt7'), search(db, 'alt115'), search(db, 'neu115')]).toEqual([1, 0, 1, 0]);
    }
    expect(registrationsOf(st.db)).toEqual(registrationsOf(hub.db));
  });
});
