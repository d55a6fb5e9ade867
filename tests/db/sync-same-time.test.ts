import { describe, expect, it } from 'vitest';
import { insertList } from '../../db/queries/lists';
import { applyPlan } from '../../electron/core/sync/apply';
import { planSync, type SyncPlan } from '../../electron/core/sync/plan';
import type { SyncProblem } from '../../electron/core/sync/problems';
import { SameTime } from '../../electron/core/sync/same-time';
import { sourceMapping } from '../../electron/core/sync/sync-service';
import { readTable } from '../../electron/core/tabular/read-table';
import { smallEvent } from '../helpers/event-fixture';

// A person registered for two sessions or walks that take place at the same time (the parallel forums, the walks
// that all start at 16:00): ticked by hand in two columns, or chosen twice in a form. Said on the dry run.

function setup() {
  const f = smallEvent([{ id: 'reg-1', code: 'AAAA-1111', firstName: 'Vorab', lastName: 'Eingetragen' }]);
  const day = (date: string) => (f.db.prepare('SELECT id FROM days WHERE date = ?').get(date) as { id: string }).id;
  const at = f.clock.now().toISOString();
  const session = (id: string, name: string, date: string | null, startsAt: string | null, endsAt: string | null, kind: 'session' | 'walk' = 'session') =>
    insertList(f.db, { id, kind, name, admission: 'assigned', dayId: date ? day(date) : null, startsAt, endsAt, position: 10, createdAt: at });
  session('f1', 'Forum Migration', '2023-10-18', '13:30', '15:30');
  session('f2', 'Forum Strukturwandel', '2023-10-18', '13:30', '15:30');
  session('f3', 'Forum Sicherheit', '2023-10-18', '15:30', '17:00');
  session('f4', 'Forum Beteiligung', '2023-10-19', '13:30', '15:30');
  session('f5', 'Forum ohne Zeit', '2023-10-18', null, null);
  session('w2', 'Stadtrundgang Quartier', '2023-10-18', '14:00', '15:00', 'walk');
  return f;
}
type Fixture = ReturnType<typeof setup>;

const LIST = [
  'Nr.;Vorname;Nachname;Workshop;Stadtrundgang',
  '1;Anna;Anschluss;Forum Migration, Forum Sicherheit;', // one after the other: fine
  '2;Bernd;Zweitag;Forum Migration, Forum Beteiligung;', // another day: fine
  '3;Clara;Doppel;Forum Migration, Forum Strukturwandel;',
  '4;Dirk;Doppel;Forum Strukturwandel, Forum Migration;',
  '5;Eva;Rundgang;Forum Migration;Stadtrundgang Quartier',
  '6;Falk;Ohnezeit;Forum Migration, Forum ohne Zeit;',
].join('\r\n') + '\r\n';

async function plan(f: Fixture): Promise<SyncPlan> {
  const table = await readTable(Buffer.from(LIST), 'liste.csv');
  return planSync(f.db, { table, mapping: sourceMapping(f.db, table.headers, null), sourceId: 'src', ids: f.ids });
}

const sameTime = (p: SyncPlan) => p.problems.grouped().filter((g) => g.code === 'sameTime').map((g) => ({ lines: g.lines, params: g.params }));

describe('sessions and walks at the same time', () => {
  it('a row registering someone for two of them is a warning with both names and the time they share; the same two are one entry', async () => {
    const f = setup();
    const first = await plan(f);
    expect(first.blocked).toBe(false);
    const expected = [
      { lines: [4, 5], params: { first: 'Forum Migration', second: 'Forum Strukturwandel', day: '18.10.2023', from: '13:30', to: '15:30' } },
      { lines: [6], params: { first: 'Forum Migration', second: 'Stadtrundgang Quartier', day: '18.10.2023', from: '14:00', to: '15:00' } },
    ];
    expect(sameTime(first)).toEqual(expected);
    // Taken all the same (which of the two it is, the organiser knows); and said again for rows that did not change.
    const at = f.clock.now().toISOString();
    applyPlan(f.db, {
      plan: first, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
      source: { id: 'src', kind: 'file', label: 'liste.csv', location: 'liste.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
    });
    expect(f.db.prepare("SELECT count(*) AS n FROM assignments WHERE list_id IN ('f1', 'f2')").get()).toEqual({ n: 8 });
    const again = await plan(f);
    expect(again.counts).toMatchObject({ unchanged: 6 });
    expect(sameTime(again)).toEqual(expected);
  });

  it('a list named twice in a row (ticked and written out) is one list: the pair is said once', () => {
    const sameTime = new SameTime([
      { id: 'a', name: 'Forum A', day: '2023-10-18', startsAt: '13:30', endsAt: '15:30' },
      { id: 'b', name: 'Forum B', day: '2023-10-18', startsAt: '14:00', endsAt: '16:00' },
    ]);
    const said: SyncProblem[] = [];
    sameTime.check(['a', 'b', 'a'], 7, { add: (p) => said.push(p) });
    expect(said).toEqual([{ code: 'sameTime', severity: 'warning', line: 7, column: null, params: { first: 'Forum A', second: 'Forum B', day: '18.10.2023', from: '14:00', to: '15:30' } }]);
  });
});
