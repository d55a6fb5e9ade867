import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { loadAttendance } from '../../electron/core/reports/attendance';
import { attendanceTable } from '../../electron/core/reports/attendance-table';
import { insertSource } from '../../db/queries/sync';
import { extraFieldLists, extraFieldNames, registrationListCount } from '../../db/queries/reports';
import { columnInfo } from '../../electron/core/reports/columns';
import { presentRegistered } from '../../electron/contract/report-methods';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { computeStats } from '../../electron/core/reports/stats';
import { statsRows } from '../../electron/core/reports/stats-tables';
import { knownEvent } from '../helpers/known-event';
import { KNOWN } from '../helpers/report-fixture';

let db: Db | undefined;
afterEach(() => db?.close());

describe('attendance derived from the records', () => {
  it('counts effective entries only (an undone entry does not count) and derives days from the entrance lists', async () => {
    const k = await knownEvent();
    db = k.db;
    const data = loadAttendance(db);
    const by = (id: string) => data.people.find((p) => p.person.id === id)!;
    expect(data.people.map((p) => p.person.lastName)).toEqual(['+SUM(1;2)', 'Çelik', 'Müller', 'Storniert', 'Weiß', 'Yılmaz-Öztürk']);
    expect(by('p1').daysPresent).toEqual([KNOWN.day1, KNOWN.day2]);
    expect([...by('p1').firstEntry.keys()].sort()).toEqual([k.lists.e1, k.lists.e2, 'workshop'].sort());
    expect(by('p2').firstEntry.has('workshop')).toBe(false);
    expect(by('p2').daysPresent).toEqual([KNOWN.day1]);
    expect(by('p3')).toMatchObject({ present: false, absent: true });
    expect(by('p4')).toMatchObject({ present: false, absent: false });
    expect(by('p5')).toMatchObject({ present: true, absent: false, daysPresent: [KNOWN.day2] });
  });

  it('statistics: totals, days, sectors, organisation types, programme items, arrivals', async () => {
    const k = await knownEvent();
    db = k.db;
    const s = computeStats(db, new Date('2023-10-20T08:00:00Z'));
    expect(s.totals).toEqual({ registrations: 6, registered: 5, cancelled: 1, onSite: 1, present: 4, absent: 1, presentCancelled: 0 });
    expect(s.byDay).toEqual([
      { date: KNOWN.day1, registered: 5, present: 3 },
      { date: KNOWN.day2, registered: 4, present: 2 },
    ]);
    expect(s.bySector).toEqual([
      { key: 'Verwaltung', registered: 2, present: 1 },
      { key: 'Wissenschaft', registered: 1, present: 1 },
      { key: 'Zivilgesellschaft', registered: 1, present: 1 },
      { key: null, registered: 1, present: 1 },
    ]);
    expect(s.byOrganisationType.map((g) => g.key)).toEqual(['association', 'municipality', 'other', 'research', 'district']);
    const workshop = s.lists.find((l) => l.name.startsWith('Workshop 3'))!;
    expect(workshop).toMatchObject({ capacity: 2, registered: 2, present: 2, presentRegistered: 1, onSite: 1 });
    const walk = s.lists.find((l) => l.kind === 'walk')!;
    expect(walk).toMatchObject({ registered: 1, present: 0, presentRegistered: 0 });
    expect(s.arrivals).toEqual([
      { date: KNOWN.day1, slots: [{ time: '09:00', count: 2 }, { time: '09:15', count: 0 }, { time: '09:30', count: 1 }] },
      { date: KNOWN.day2, slots: [{ time: '08:45', count: 1 }, { time: '09:00', count: 0 }, { time: '09:15', count: 1 }] },
    ]);
    // Nothing in the statistics names a person.
    const text = JSON.stringify(s);
    for (const p of KNOWN.people) for (const v of [`${p.firstName} ${p.lastName}`, p.code, p.email]) expect(text).not.toContain(v);
  });

  it('someone let in although cancelled is present, but the rate and the absent are of the registered: the figures add up', async () => {
    const k = await knownEvent();
    db = k.db;
    admitRegistration({ db, file: ':memory:', station: { id: k.stationId, name: 'Einlass 1' } }, k.env, { listId: k.lists.e1, registrationId: 'p4', method: 'search', override: true, note: 'zahlt vor Ort' });
    const s = computeStats(db, new Date('2023-10-20T08:00:00Z'));
    expect(s.totals).toMatchObject({ registered: 5, present: 5, presentCancelled: 1, absent: 1 });
    expect(presentRegistered(s.totals) + s.totals.absent).toBe(s.totals.registered);
    const rows = statsRows(s, k.env.t).filter((r) => r.section === 'Überblick');
    expect(rows.map((r) => [r.category, r.registered, r.present, r.rate])).toEqual([
      ['Angemeldet', 5, 4, 0.8],
      ['Nicht erschienen', null, 1, 0.2],
      ['Anwesend, Anmeldung storniert', null, 1, null],
      ['Storniert', null, 1, null],
      ['Nachmeldungen', null, 1, null],
    ]);
    // Statistics kept before this was counted read as before.
    const { presentCancelled: _, ...older } = s.totals;
    expect(presentRegistered(older)).toBe(5);
  });
});

describe('the registration list a person came from', () => {
  const source = (id: string, label: string) => ({
    id, kind: 'file' as const, label, location: `${label}.csv`, options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: '2023-10-01T08:00:00Z',
  });

  it('is a column „Anmeldeliste“, picked by default once people came from more than one list; empty for people entered otherwise', async () => {
    const k = await knownEvent();
    db = k.db;
    insertSource(db, source('s1', 'Anmeldungen'));
    insertSource(db, source('s2', 'Warteliste'));
    db.prepare("UPDATE registrations SET sync_source_id = 's1' WHERE id IN ('p1', 'p2')").run();
    const column = () => attendanceTable(loadAttendance(db!), [], k.env.t).columns.find((c) => c.id === 'sourceList')!;
    // One list: no choice to show, so the column is there to pick but not picked.
    expect(column()).toMatchObject({ header: 'Anmeldeliste', personal: false, defaultOn: false });
    db.prepare("UPDATE registrations SET sync_source_id = 's2' WHERE id = 'p3'").run();
    const table = attendanceTable(loadAttendance(db), [], k.env.t);
    const col = table.columns.find((c) => c.id === 'sourceList')!;
    expect(col.defaultOn).toBe(true);
    // The columns the export dialog offers, read without the people: the same default.
    expect(registrationListCount(db)).toBe(2);
    const offered = attendanceTable({ eventName: '', timezone: 'Europe/Berlin', lists: [], people: [] }, [], k.env.t, { several: registrationListCount(db) > 1 });
    expect(offered.columns.find((c) => c.id === 'sourceList')!.defaultOn).toBe(true);
    // Extra fields say which lists they are of, so that "Order date" of one and "Order Date" of another are told apart.
    db.prepare(`UPDATE registrations SET extra = '{"Order date":"2023-09-01","Essen":"vegan"}' WHERE id = 'p1'`).run();
    db.prepare(`UPDATE registrations SET extra = '{"Order Date":"01.09.2023","Essen":"keins"}' WHERE id = 'p3'`).run();
    expect(Object.fromEntries(extraFieldLists(db))).toEqual({ 'Order date': 'Anmeldungen', 'Order Date': 'Warteliste', Essen: 'Anmeldungen, Warteliste' });
    const withExtras = attendanceTable(loadAttendance(db), extraFieldNames(db), k.env.t, { extraFrom: extraFieldLists(db) }).columns.map(columnInfo);
    expect(withExtras.find((c) => c.id === 'extra:Order Date')).toMatchObject({ header: 'Order Date', from: 'Warteliste' });
    const byId = new Map([...table.rows].map((r) => [r.person.id, col.value(r)]));
    expect(Object.fromEntries(byId)).toMatchObject({ p1: 'Anmeldungen', p2: 'Anmeldungen', p3: 'Warteliste', p4: null });
  });
});
