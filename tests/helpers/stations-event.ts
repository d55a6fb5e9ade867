// An event file for multi-station runs: two days with their entrance lists and `people` registered people with
// predictable codes (T-00001, …), written in one transaction before any server opens it.
import { openEventFile } from '../../db/open';
import { insertRegistration } from '../../db/queries/registrations';
import { writeNewEvent } from '../../electron/core/event/new-event';
import { randomIds, systemClock } from '../../electron/core/ports';
import { searchTextOf } from '../../electron/core/text/fold';

export const codeOf = (i: number) => `T-${String(i).padStart(5, '0')}`;

export interface MadeEvent {
  day1: string;
  day2: string;
  codes: string[];
}

export function makeEventFile(file: string, people: number, options: { entryExit?: boolean } = {}): MadeEvent {
  const db = openEventFile(file, { create: true });
  try {
    const ports = { clock: systemClock, ids: randomIds };
    db.transaction(() => {
      writeNewEvent(db, ports, { name: 'Fachtag Stationen', startsOn: '2023-10-18', endsOn: '2023-10-19' }, 'Hauptstation');
      const at = new Date().toISOString();
      for (let i = 1; i <= people; i++) {
        const code = codeOf(i);
        const person = { firstName: `Vorname${i}`, lastName: `Nachname${i}`, organisation: `Gemeinde ${i % 37}`, town: 'Weißenfels' };
        insertRegistration(db, {
          id: ports.ids.next(), sourceId: null, code, ...person, email: null, federalState: null, sector: null, role: null, notes: null,
          status: 'registered', registeredOnSite: false, days: [], extra: {},
          searchText: searchTextOf([person.firstName, person.lastName, person.organisation, person.town, code]), createdAt: at,
        });
      }
      if (options.entryExit) db.prepare('UPDATE check_in_lists SET entry_exit = 1').run();
    }).immediate();
    const list = (name: string) => (db.prepare('SELECT id FROM check_in_lists WHERE name = ?').get(name) as { id: string }).id;
    return { day1: list('Einlass Tag 1'), day2: list('Einlass Tag 2'), codes: Array.from({ length: people }, (_, i) => codeOf(i + 1)) };
  } finally {
    db.close();
  }
}
