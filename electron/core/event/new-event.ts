import type { Db } from '../../../db/open';
import { insertEvent } from '../../../db/queries/event';
import { insertDay, insertList } from '../../../db/queries/lists';
import { insertStation } from '../../../db/queries/stations';
import type { Clock, IdGenerator } from '../ports';

export interface NewEventInput {
  name: string;
  place?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  organiser?: string | null;
  description?: string | null;
  timezone?: string;
  isDemo?: boolean;
}

export interface Ports {
  clock: Clock;
  ids: IdGenerator;
}

/** Every date from start to end inclusive (ISO dates, no time zone involved). */
export function eventDates(startsOn?: string | null, endsOn?: string | null): string[] {
  if (!startsOn) return [];
  const dates: string[] = [];
  const end = endsOn ?? startsOn;
  for (let d = new Date(`${startsOn}T00:00:00Z`); dates.length < 31; d.setUTCDate(d.getUTCDate() + 1)) {
    const iso = d.toISOString().slice(0, 10);
    if (iso > end) break;
    dates.push(iso);
  }
  return dates;
}

function dayLabel(date: string, index: number): string {
  const weekday = new Intl.DateTimeFormat('de-DE', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  const [y, m, d] = date.split('-');
  return `Tag ${index + 1} · ${weekday}, ${d}.${m}.${y}`;
}

/**
 * Writes a new event: the event row, this station, one day per date and an entrance list per day
 * ("Einlass Tag 1", …); an event without dates starts with a single list "Einlass".
 * Returns the day ids by date so callers can hang programme items on them.
 */
export function writeNewEvent(db: Db, ports: Ports, input: NewEventInput, stationName: string): Map<string, string> {
  const createdAt = ports.clock.now().toISOString();
  insertEvent(db, {
    id: ports.ids.next(),
    name: input.name,
    place: input.place ?? null,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? input.startsOn ?? null,
    timezone: input.timezone ?? 'Europe/Berlin',
    organiser: input.organiser ?? null,
    description: input.description ?? null,
    isDemo: input.isDemo ?? false,
    createdAt,
  });
  insertStation(db, { id: ports.ids.next(), name: stationName, isLocal: true, createdAt });
  const dayIds = new Map<string, string>();
  const dates = eventDates(input.startsOn, input.endsOn);
  dates.forEach((date, i) => {
    const dayId = ports.ids.next();
    dayIds.set(date, dayId);
    insertDay(db, { id: dayId, date, label: dayLabel(date, i) });
    insertList(db, { id: ports.ids.next(), kind: 'entrance', name: `Einlass Tag ${i + 1}`, dayId, position: i, createdAt });
  });
  if (dates.length === 0) {
    insertList(db, { id: ports.ids.next(), kind: 'entrance', name: 'Einlass', position: 0, createdAt });
  }
  return dayIds;
}

/** A file name for a new event: readable, safe on every OS, unique in the folder. */
export function eventFileName(name: string, startsOn: string | null | undefined, taken: (f: string) => boolean): string {
  const base =
    `${name} ${startsOn?.slice(0, 4) ?? ''}`
      .toLowerCase()
      .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
      .normalize('NFKD').replace(/\p{M}+/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/-(\d{4})-\1$/, '-$1')
      .slice(0, 60) || 'veranstaltung';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}.einlass` : `${base}-${n}.einlass`;
    if (!taken(candidate)) return candidate;
  }
}
