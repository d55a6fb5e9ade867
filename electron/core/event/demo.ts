import type { Db } from '../../../db/open';
import { insertList } from '../../../db/queries/lists';
import { insertAssignment, insertRegistration } from '../../../db/queries/registrations';
import { buildDemoEvent } from '../demo/demo-event';
import { searchTextOf } from '../text/fold';
import { writeNewEvent, type Ports } from './new-event';

export const DEMO_FILE_NAME = 'demo-partnerfachtagung-2023.einlass';

/** Fills an empty event file with the demo event: programme, walks and about 200 fictitious registrations. */
export function writeDemoEvent(db: Db, ports: Ports, stationName: string): void {
  const demo = buildDemoEvent();
  const dayIds = writeNewEvent(db, ports, { ...demo.event, isDemo: true }, stationName);
  const createdAt = ports.clock.now().toISOString();
  const listIds = new Map<string, string>();
  demo.programme.forEach((item, i) => {
    const id = ports.ids.next();
    listIds.set(item.key, id);
    insertList(db, {
      id, kind: item.kind, format: item.format, name: item.title, dayId: dayIds.get(item.day) ?? null,
      startsAt: item.startsAt, endsAt: item.endsAt, location: item.location, capacity: item.capacity,
      host: item.host, description: item.description, admission: item.admission, position: 10 + i, createdAt,
    });
  });
  for (const r of demo.registrations) {
    const id = ports.ids.next();
    insertRegistration(db, {
      id, sourceId: r.sourceId, code: r.code, firstName: r.firstName, lastName: r.lastName, email: r.email,
      organisation: r.organisation, town: r.town, federalState: r.federalState, sector: r.sector, role: r.role,
      notes: r.notes, status: r.status, registeredOnSite: false, days: r.days, extra: {},
      searchText: searchTextOf([r.firstName, r.lastName, r.organisation, r.town, r.code]),
      createdAt,
    });
    for (const key of r.choices) {
      const listId = listIds.get(key);
      if (listId) insertAssignment(db, { registrationId: id, listId, origin: 'registration', createdAt });
    }
  }
}
