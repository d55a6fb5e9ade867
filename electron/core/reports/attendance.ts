import type { Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import {
  assignmentPairs, firstEntries, reportLists, reportPeople, type ReportList, type ReportPerson,
} from '../../../db/queries/reports';

/**
 * Attendance as derived from the append-only records: a person was at a list when they have an entry there that
 * no undo points at; the time shown is their first such entry. Days present are the days of entrance lists with
 * such an entry. "Absent" means registered (not cancelled) and no effective entry anywhere.
 */
export interface PersonAttendance {
  person: ReportPerson;
  /** list id → first effective entry (ISO). */
  firstEntry: Map<string, string>;
  /** Lists the person chose or was assigned to. */
  assigned: Set<string>;
  /** Event days (ISO dates) with an effective entry on that day's entrance list. */
  daysPresent: string[];
  present: boolean;
  absent: boolean;
}

export interface AttendanceData {
  eventName: string;
  timezone: string;
  lists: ReportList[];
  people: PersonAttendance[];
}

export function loadAttendance(db: Db, registrationId?: string): AttendanceData {
  const event = getEvent(db);
  const lists = reportLists(db);
  const people = reportPeople(db, registrationId);
  const entries = new Map<string, Map<string, string>>();
  for (const e of firstEntries(db, registrationId)) {
    let m = entries.get(e.registrationId);
    if (!m) entries.set(e.registrationId, (m = new Map()));
    m.set(e.listId, e.first);
  }
  const assigned = new Map<string, Set<string>>();
  for (const a of assignmentPairs(db)) {
    let s = assigned.get(a.registrationId);
    if (!s) assigned.set(a.registrationId, (s = new Set()));
    s.add(a.listId);
  }
  const entranceDay = new Map(lists.filter((l) => l.kind === 'entrance' && l.day).map((l) => [l.id, l.day!] as const));
  return {
    eventName: event?.name ?? '',
    timezone: event?.timezone ?? 'Europe/Berlin',
    lists,
    people: people.map((person) => {
      const firstEntry = entries.get(person.id) ?? new Map<string, string>();
      const days = new Set<string>();
      for (const listId of firstEntry.keys()) {
        const day = entranceDay.get(listId);
        if (day) days.add(day);
      }
      const present = firstEntry.size > 0;
      return {
        person,
        firstEntry,
        assigned: assigned.get(person.id) ?? new Set<string>(),
        daysPresent: [...days].sort(),
        present,
        absent: !present && person.status === 'registered',
      };
    }),
  };
}

/** Whether a person was expected at a list: the day's entrance if registered for that day, or an assignment. */
export function expectedAt(p: PersonAttendance, list: ReportList): boolean {
  if (p.person.status !== 'registered') return false;
  if (list.kind === 'entrance') return list.day === null || p.person.days.length === 0 || p.person.days.includes(list.day);
  return p.assigned.has(list.id);
}

/** Sessions and walks a person attended, in programme order, with the first entry. */
export function attendedItems(p: PersonAttendance, lists: readonly ReportList[]): { list: ReportList; first: string }[] {
  return lists
    .filter((l) => l.kind !== 'entrance' && p.firstEntry.has(l.id))
    .map((list) => ({ list, first: p.firstEntry.get(list.id)! }));
}
