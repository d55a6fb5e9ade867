import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventFile, type Db } from '../../db/open';
import { insertList } from '../../db/queries/lists';
import { insertAssignment, insertRegistration } from '../../db/queries/registrations';
import type { OpenEvent } from '../../electron/core/app-context';
import { writeNewEvent } from '../../electron/core/event/new-event';
import { eventFileSet } from '../../electron/core/reports/purge';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { searchTextOf } from '../../electron/core/text/fold';

export function tempDir(prefix = 'einlass-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * New events in real files (WAL), as the app keeps them: the raw bytes can be searched after an erasure.
 * `closeAll` (in afterEach) closes and deletes them.
 */
export function eventFiles() {
  const made: { db: Db; cleanup: () => void }[] = [];
  return {
    create() {
      const d = tempDir();
      const file = join(d.dir, 'tagung.einlass');
      const ports = { clock: fixedClock('2023-10-18T07:30:00.000Z', 1000), ids: sequentialIds() };
      const db = openEventFile(file, { create: true });
      made.push({ db, cleanup: d.cleanup });
      db.transaction(() => writeNewEvent(db, ports, { name: 'Testtagung', startsOn: '2023-10-18', endsOn: '2023-10-19' }, 'Einlass 1'))();
      const station = db.prepare('SELECT id, name FROM stations WHERE is_local = 1').get() as { id: string; name: string };
      const entrance = db.prepare("SELECT id FROM check_in_lists WHERE name = 'Einlass Tag 1'").pluck().get() as string;
      const event: OpenEvent = { db, file, station };
      return { file, ports, db, station, entrance, event };
    },
    closeAll() {
      for (const m of made.splice(0)) {
        if (m.db.open) m.db.close();
        m.cleanup();
      }
    },
  };
}

/** Which of `needles` still stand in the raw bytes of an event file, its WAL and shared memory (after an erasure). */
export function foundInFile(file: string, needles: readonly string[]): string[] {
  const raw = Buffer.concat(eventFileSet(file).filter(existsSync).map((x) => readFileSync(x)));
  return needles.filter((n) => raw.includes(Buffer.from(n)));
}

export interface Person {
  id: string;
  code: string;
  firstName?: string;
  lastName?: string;
  organisation?: string;
  status?: 'registered' | 'cancelled';
}

/** A small event in memory on a fixed clock: two days, their entrance lists, one walk, a few people. */
export function smallEvent(people: Person[] = defaultPeople) {
  const clock = fixedClock('2023-10-18T07:30:00.000Z', 1000);
  const ids = sequentialIds();
  const ports = { clock, ids };
  const db: Db = openEventFile(':memory:');
  db.transaction(() => {
    writeNewEvent(db, ports, { name: 'Testtagung', startsOn: '2023-10-18', endsOn: '2023-10-19' }, 'Einlass 1');
    insertList(db, {
      id: 'walk-1', kind: 'walk', name: 'Stadtrundgang Altstadt', admission: 'assigned', capacity: 20, position: 5,
      createdAt: clock.now().toISOString(),
    });
    for (const p of people) {
      insertRegistration(db, {
        id: p.id, sourceId: p.id, code: p.code, firstName: p.firstName ?? 'Erika', lastName: p.lastName ?? 'Muster',
        email: null, organisation: p.organisation ?? null, town: null, federalState: null, sector: null, role: null,
        notes: null, status: p.status ?? 'registered', registeredOnSite: false, days: [], extra: {},
        searchText: searchTextOf([p.firstName, p.lastName, p.organisation, p.code]), createdAt: clock.now().toISOString(),
      });
    }
    insertAssignment(db, { registrationId: 'reg-1', listId: 'walk-1', origin: 'registration', createdAt: clock.now().toISOString() });
  })();
  const station = db.prepare('SELECT id, name FROM stations WHERE is_local = 1').get() as { id: string; name: string };
  const entrance1 = (db.prepare("SELECT id FROM check_in_lists WHERE name = 'Einlass Tag 1'").get() as { id: string }).id;
  const event: OpenEvent = { db, file: ':memory:', station };
  return { db, event, ports, clock, ids, station, entrance1 };
}

/**
 * A small event for sync tests: one person entered before any list (a sync must leave them alone) and these
 * sessions and walks, each with admission by assignment: [id, kind, name, position].
 */
export function eventWithProgramme(items: readonly (readonly [string, 'session' | 'walk', string, number])[]) {
  const f = smallEvent([{ id: 'reg-1', code: 'AAAA-1111', firstName: 'Vorab', lastName: 'Eingetragen' }]);
  const at = f.clock.now().toISOString();
  f.db.transaction(() => {
    for (const [id, kind, name, position] of items) insertList(f.db, { id, kind, name, admission: 'assigned', position, createdAt: at });
  })();
  return f;
}

export const defaultPeople: Person[] = [
  { id: 'reg-1', code: 'AAAA-1111', firstName: 'Jürgen', lastName: 'Müller', organisation: 'Stadt Weißenfels' },
  { id: 'reg-2', code: 'BBBB-2222', firstName: 'Heike', lastName: 'Schäfer', organisation: 'Landkreis Burgenlandkreis' },
  { id: 'reg-3', code: 'CCCC-3333', firstName: 'Klaus', lastName: 'Storniert', status: 'cancelled' },
];
