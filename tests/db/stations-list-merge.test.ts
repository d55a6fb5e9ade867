// A hub that loads registration lists and a station that is sometimes offline (QA15): what the station recorded
// meanwhile about people the list changed, through the real core (collect, merge, pull pages, over the wire schema).
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { admittedAfterCancellation, duplicateKey, possibleDuplicates, possibleTwinsOf } from '../../db/queries/person-conflicts';
import { markConflictSeen } from '../../db/queries/sync-conflicts';
import { scan } from '../../electron/core/checkin/scan';
import { insertAssignment } from '../../db/queries/registrations';
import { registerWalkIn } from '../../electron/core/registrations/walk-in';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync } from '../../electron/core/sync/plan';
import { removeSource } from '../../electron/core/sync/remove-source';
import { readTable } from '../../electron/core/tabular/read-table';
import { exchange, hubEvent, joinStation, pull, push } from '../helpers/stations-fixture';

type Hub = ReturnType<typeof hubEvent>;

/** Loads (or re-loads) the list "anmeldungen.csv" at the hub: rows of ID;Code;Vorname;Nachname;Organisation;Status. */
async function loadList(hub: Hub, rows: string[], sourceId = 'src-list'): Promise<void> {
  const table = await readTable(Buffer.from(`ID;Code;Vorname;Nachname;Organisation;Status\n${rows.join('\n')}\n`), 'anmeldungen.csv');
  const plan = await planSync(hub.db, { table, mapping: mergeMapping(table.headers, null), sourceId, ids: hub.ids });
  const at = hub.clock.now().toISOString();
  applyPlan(hub.db, {
    plan, runId: hub.ids.next(), startedAt: at, at, stationId: hub.station.id,
    source: { id: sourceId, kind: 'file', label: 'anmeldungen.csv', location: 'anmeldungen.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
}

/**
 * The clock the file's triggers stamp versions with, set to this wall time (the tests' clocks are fixed in 2023,
 * the triggers read SQLite's): as a station keeps the hub's time, so that versions and scans compare.
 */
function versionClockAt(db: Db, iso: string): void {
  db.prepare('UPDATE sync_state SET hlc = 0, clock_correction_ms = ?').run(Date.parse(iso) - Date.now());
}

const idOf = (db: Db, code: string) => db.prepare('SELECT id FROM registrations WHERE code = ?').pluck().get(code) as string;
const entries = (db: Db, id: string) => db.prepare("SELECT count(*) FROM check_ins WHERE registration_id = ? AND type = 'entry'").pluck().get(id) as number;

describe('stations: a walk-in at an offline station whom the list adds at the hub meanwhile (QA15 H3)', () => {
  it('is shown as a possible double on both, and her e-mail code says "already checked in" instead of a second entry', async () => {
    const hub = hubEvent();
    await loadList(hub, ['1000;WSF-5000;Jörg;Jäger;Stadt Zeitz;']);
    const st = joinStation(hub, 'Einlass 2');
    // Offline: the desk registers Renate as a walk-in and lets her in.
    const walkIn = registerWalkIn(st.event, st.ports, { firstName: 'Renate', lastName: 'Weiß', organisation: 'Stadt Naumburg', town: 'Naumburg', listId: hub.entrance1 });
    expect(walkIn.result?.status).toBe('admitted');
    // Meanwhile the hub loads the list's new version with her row.
    await loadList(hub, ['1000;WSF-5000;Jörg;Jäger;Stadt Zeitz;', '1030;WSF-5030;Renate;Weiss;Stadt Naumburg;']);
    exchange(hub, st);
    exchange(hub, st);
    const listed = idOf(hub.db, 'WSF-5030');
    for (const db of [hub.db, st.db]) {
      expect(possibleTwinsOf(db, listed).map((t) => t.code), db === hub.db ? 'hub' : 'station').toEqual([walkIn.registration.code]);
      expect(possibleTwinsOf(db, walkIn.registration.id).map((t) => t.code)).toEqual(['WSF-5030']);
      expect(possibleDuplicates(db, 10).map((d) => [d.walkIn.code, d.listed.code])).toEqual([[walkIn.registration.code, 'WSF-5030']]);
    }
    // Her e-mail's QR code at the station: already in, as the walk-in, with that name and entry; no second entry.
    const again = scan(st.event, st.ports, { listId: hub.entrance1, code: 'WSF-5030', method: 'scanner' });
    expect(again).toMatchObject({
      status: 'already_checked_in', registration: { id: listed },
      firstEntry: { registrationId: walkIn.registration.id, stationName: 'Einlass 2' },
      possibleTwin: { id: walkIn.registration.id, code: walkIn.registration.code, walkIn: true },
    });
    expect(entries(st.db, listed)).toBe(0);
    // The same at the hub's desk.
    expect(scan(hub.event, hub.ports, { listId: hub.entrance1, code: 'WSF-5030', method: 'camera' }).status).toBe('already_checked_in');
    // Someone else of the list is let in as ever.
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'WSF-5000', method: 'camera' }).status).toBe('admitted');
    // Told apart at the station („Verschiedene Personen“): no longer a double there, and her code lets her in; the
    // hub, where nobody said so, still lists them.
    markConflictSeen(st.db, 'duplicate', duplicateKey(walkIn.registration.id, listed), '2023-10-18T09:00:00Z');
    expect(possibleDuplicates(st.db, 10)).toEqual([]);
    expect(possibleTwinsOf(st.db, listed)).toEqual([]);
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'WSF-5030', method: 'scanner' }).status).toBe('admitted');
    expect(possibleDuplicates(hub.db, 10)).toHaveLength(1);
  });

  it('is no double with another address or another organisation, nor once the walk-in is cancelled', async () => {
    const hub = hubEvent();
    const st = joinStation(hub, 'Einlass 2');
    const other = registerWalkIn(st.event, st.ports, { firstName: 'Renate', lastName: 'Weiß', organisation: 'Landkreis Harz' });
    const mailed = registerWalkIn(st.event, st.ports, { firstName: 'Renate', lastName: 'Weiß', email: 'renate@example.org' });
    await loadList(hub, ['1030;WSF-5030;Renate;Weiß;Stadt Naumburg;']);
    exchange(hub, st);
    expect(possibleTwinsOf(st.db, other.registration.id)).toEqual([]);
    expect(possibleTwinsOf(st.db, mailed.registration.id)).toEqual([]);
    expect(possibleDuplicates(hub.db, 10)).toEqual([]);
  });
});

describe('stations: cancelled at the hub, admitted at an offline station (QA15 H4)', () => {
  it('is listed as a conflict, and the desk says the cancellation came first', () => {
    const hub = hubEvent();
    const st = joinStation(hub, 'Einlass 2');
    // The hub cancels Heike at 07:30 (a list's new version); the station, offline, lets her in at 07:40.
    versionClockAt(hub.db, '2023-10-18T07:30:00.000Z');
    hub.db.prepare("UPDATE registrations SET status = 'cancelled' WHERE id = 'reg-2'").run();
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'BBBB-2222', method: 'search' }).status).toBe('admitted');
    exchange(hub, st);
    exchange(hub, st);
    for (const db of [hub.db, st.db]) {
      expect(admittedAfterCancellation(db, 10)).toEqual([expect.objectContaining({
        registrationId: 'reg-2', name: 'Heike Schäfer', listName: 'Einlass Tag 1', station: 'Einlass 2',
        cancelledAt: expect.stringMatching(/^2023-10-18T07:30:/),
      })]);
    }
    const again = scan(st.event, st.ports, { listId: hub.entrance1, code: 'BBBB-2222', method: 'camera' });
    expect(again.status).toBe('already_checked_in');
    if (again.status !== 'already_checked_in') return;
    expect(again.cancelled).toBe(true);
    expect(again.cancelledAt! < again.firstEntry.scannedAt).toBe(true);
    // Looked at at the hub: listed no more there.
    const [conflict] = admittedAfterCancellation(hub.db, 10);
    markConflictSeen(hub.db, 'cancelled', conflict!.checkInId, '2023-10-18T09:00:00Z');
    expect(admittedAfterCancellation(hub.db, 10)).toEqual([]);
    expect(admittedAfterCancellation(st.db, 10)).toHaveLength(1);
  });

  it('is no conflict when the entry came first: the desk says the cancellation came after', () => {
    const hub = hubEvent();
    const st = joinStation(hub, 'Einlass 2');
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    versionClockAt(hub.db, '2023-10-18T07:50:00.000Z');
    hub.db.prepare("UPDATE registrations SET status = 'cancelled' WHERE id = 'reg-1'").run();
    exchange(hub, st);
    exchange(hub, st);
    expect(admittedAfterCancellation(hub.db, 10)).toEqual([]);
    const again = scan(st.event, st.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    if (again.status !== 'already_checked_in') throw new Error(again.status);
    expect(again.cancelled).toBe(true);
    expect(again.cancelledAt! > again.firstEntry.scannedAt).toBe(true);
  });
});

describe('stations: a list removed with its personal data while a station was offline (QA15 M3)', () => {
  const parked = (db: Db) => db.prepare('SELECT count(*) FROM sync_parked').pluck().get() as number;

  it("drops the station's walk set for an erased person instead of keeping it parked for ever; a check-in still brings its person back", async () => {
    const hub = hubEvent();
    await loadList(hub, ['2000;NF-7000;Wiebke;Ohlsen;Amt Föhr-Amrum;', '2001;NF-7001;Tjark;Brödersen;Amt Föhr-Amrum;'], 'src-wrong');
    const st = joinStation(hub, 'Einlass 2');
    // Offline: the station books Tjark on the walk and lets Wiebke in, while the hub removes the list with its data.
    const tjark = idOf(st.db, 'NF-7001');
    const wiebke = idOf(st.db, 'NF-7000');
    insertAssignment(st.db, { registrationId: tjark, listId: 'walk-1', origin: 'local', createdAt: st.ports.clock.now().toISOString() });
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'NF-7000', method: 'camera' }).status).toBe('admitted');
    expect(removeSource(hub.db, { sourceId: 'src-wrong', runId: hub.ids.next(), at: hub.clock.now().toISOString(), stationId: hub.station.id, erase: true }))
      .toMatchObject({ erased: 2 });
    push(hub, st);
    expect(parked(hub.db)).toBe(1); // Wiebke's check-in waits for her to come back
    pull(hub, st);
    exchange(hub, st);
    expect(parked(hub.db)).toBe(0);
    expect(hub.db.prepare('SELECT count(*) FROM registrations WHERE id = ?').pluck().get(tjark)).toBe(0);
    expect(hub.db.prepare('SELECT count(*) FROM erased_registrations WHERE id = ?').pluck().get(tjark)).toBe(1);
    expect(entries(hub.db, wiebke)).toBe(1);
    for (const db of [hub.db, st.db]) expect(db.prepare('SELECT count(*) FROM registrations WHERE id = ?').pluck().get(tjark)).toBe(0);
  });

  it('also lets go of such a record parked by an earlier version, at the next merge', async () => {
    const hub = hubEvent();
    await loadList(hub, ['2001;NF-7001;Tjark;Brödersen;Amt Föhr-Amrum;'], 'src-wrong');
    const st = joinStation(hub, 'Einlass 2');
    const tjark = idOf(hub.db, 'NF-7001');
    removeSource(hub.db, { sourceId: 'src-wrong', runId: hub.ids.next(), at: hub.clock.now().toISOString(), stationId: hub.station.id, erase: true });
    const record = { kind: 'assignment', registrationId: tjark, listId: 'walk-1', row: { origin: 'local', created_at: '2023-10-18T07:41:00.000Z' }, v: [1, st.id] };
    hub.db.prepare(`INSERT INTO sync_parked (kind, key, payload, registration_id, origin, reason, received_at)
      VALUES ('assignment', ?, ?, NULL, ?, 'missing_reference', '2023-10-18T07:42:00.000Z')`).run(`${tjark}|walk-1`, JSON.stringify(record), st.id);
    expect(parked(hub.db)).toBe(1);
    expect(scan(st.event, st.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' }).status).toBe('admitted');
    push(hub, st);
    expect(parked(hub.db)).toBe(0);
  });
});
