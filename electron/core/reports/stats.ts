import type { Db } from '../../../db/open';
import { getEvent } from '../../../db/queries/event';
import { entranceEntryTimes } from '../../../db/queries/reports';
import { expectedAt, loadAttendance, type AttendanceData, type PersonAttendance } from './attendance';
import { organisationType } from './organisation-type';
import { localDate, localTime } from './time';
import type { StatsData, StatsGroup, StatsList } from '../../contract/report-methods';

/**
 * Anonymous statistics: counts only, nothing that names a person. The same object feeds the on-screen charts,
 * the statistics exports, and is what the purge keeps when the organiser asks to keep the statistics.
 * Its shape is defined once, in the contract (statsData).
 */
export type { StatsData, StatsGroup, StatsList };

const SLOT_MINUTES = 15;

function groupBy(people: PersonAttendance[], key: (p: PersonAttendance) => string | null): StatsGroup[] {
  const groups = new Map<string | null, StatsGroup>();
  for (const p of people) {
    const k = key(p)?.trim() || null;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key: k, registered: 0, present: 0 }));
    if (p.person.status === 'registered') g.registered++;
    if (p.present) g.present++;
  }
  // Largest groups first; "not stated" last, whatever its size.
  return [...groups.values()].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : b.present - a.present || b.registered - a.registered || a.key.localeCompare(b.key, 'de')));
}

function listStats(data: AttendanceData, counted: PersonAttendance[]): StatsList[] {
  return data.lists.map((list) => {
    let registered = 0;
    let present = 0;
    let presentRegistered = 0;
    let onSite = 0;
    for (const p of counted) {
      const expected = expectedAt(p, list);
      const there = p.firstEntry.has(list.id);
      if (expected) registered++;
      if (there) present++;
      if (there && expected) presentRegistered++;
      if (there && p.person.registeredOnSite) onSite++;
    }
    const signsUp = list.kind === 'entrance' || list.admission === 'assigned' || registered > 0;
    return {
      name: list.name, kind: list.kind, day: list.day, startsAt: list.startsAt, capacity: list.capacity,
      registered: signsUp ? registered : null, present, presentRegistered: signsUp ? presentRegistered : null, onSite,
    };
  });
}

function arrivals(db: Db, data: AttendanceData): StatsData['arrivals'] {
  const byDay = new Map<string, Map<string, number>>();
  for (const e of entranceEntryTimes(db)) {
    const date = localDate(e.scannedAt, data.timezone);
    const [h, m] = localTime(e.scannedAt, data.timezone).split(':').map(Number);
    const slotMin = Math.floor(m! / SLOT_MINUTES) * SLOT_MINUTES;
    const time = `${String(h).padStart(2, '0')}:${String(slotMin).padStart(2, '0')}`;
    let slots = byDay.get(date);
    if (!slots) byDay.set(date, (slots = new Map()));
    slots.set(time, (slots.get(time) ?? 0) + 1);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, slots]) => ({ date, slots: fillSlots(slots) }));
}

/** Every quarter hour from the first to the last arrival, empty ones included, so a chart's time axis is even. */
function fillSlots(slots: Map<string, number>): { time: string; count: number }[] {
  const minutes = [...slots.keys()].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  const from = Math.min(...minutes);
  const to = Math.max(...minutes);
  const out: { time: string; count: number }[] = [];
  for (let m = from; m <= to; m += SLOT_MINUTES) {
    const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    out.push({ time, count: slots.get(time) ?? 0 });
  }
  return out;
}

export function computeStats(db: Db, now: Date, data: AttendanceData = loadAttendance(db)): StatsData {
  const e = getEvent(db);
  // Cancelled people who never came are not part of any figure but "cancelled".
  const counted = data.people.filter((p) => p.person.status === 'registered' || p.present);
  const entranceByDay = data.lists.filter((l) => l.kind === 'entrance' && l.day);
  const days = [...new Set(entranceByDay.map((l) => l.day!))];
  return {
    version: 1,
    generatedAt: now.toISOString(),
    event: {
      name: e?.name ?? '', place: e?.place ?? null, startsOn: e?.startsOn ?? null, endsOn: e?.endsOn ?? null,
      timezone: data.timezone, organiser: e?.organiser ?? null,
    },
    totals: {
      registrations: data.people.length,
      registered: data.people.filter((p) => p.person.status === 'registered').length,
      cancelled: data.people.filter((p) => p.person.status === 'cancelled').length,
      onSite: data.people.filter((p) => p.person.registeredOnSite).length,
      present: counted.filter((p) => p.present).length,
      absent: counted.filter((p) => p.absent).length,
      presentCancelled: counted.filter((p) => p.present && p.person.status === 'cancelled').length,
    },
    byDay: days.map((date) => {
      const lists = entranceByDay.filter((l) => l.day === date);
      return {
        date,
        registered: counted.filter((p) => lists.some((l) => expectedAt(p, l))).length,
        present: counted.filter((p) => p.daysPresent.includes(date)).length,
      };
    }),
    bySector: groupBy(counted, (p) => p.person.sector),
    byFederalState: groupBy(counted, (p) => p.person.federalState),
    byOrganisationType: groupBy(counted, (p) => organisationType(p.person.organisation, p.person.sector)),
    lists: listStats(data, counted),
    arrivals: arrivals(db, data),
  };
}

/** Share as a fraction (0..1), or null when there is nothing to divide by. */
export function share(part: number, whole: number | null): number | null {
  return whole ? part / whole : null;
}
