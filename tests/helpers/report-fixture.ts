import type { Db } from '../../db/open';
import { insertCheckIn, insertRefusedScan } from '../../db/queries/check-ins';
import { insertList } from '../../db/queries/lists';
import { insertAssignment, insertRegistration } from '../../db/queries/registrations';
import { insertStation } from '../../db/queries/stations';
import { FIRST_NAMES, LAST_NAMES } from '../../electron/core/demo/demo-names';
import { ORGANISATIONS, TOWN_STATES } from '../../electron/core/demo/demo-organisations';
import { chance, mulberry32, pick, randInt, type Rng } from '../../electron/core/demo/prng';
import { writeNewEvent } from '../../electron/core/event/new-event';
import type { IdGenerator } from '../../electron/core/ports';
import { searchTextOf } from '../../electron/core/text/fold';

/**
 * Attendance for tests, e2e and benchmarks, written straight into an event file that already has a programme and
 * registrations (e.g. the demo event): entries at the entrance in the morning rush, sessions and walks people
 * chose, duplicate scans, refused cancelled and unknown codes, an override, undone mistakes, several stations
 * and late uploads. Deterministic for a seed.
 */
export interface SimulationOptions {
  seed?: number;
  ids: IdGenerator;
  /** Keep adding session visits until the log has this many records (check-ins + refused scans). */
  targetRecords?: number;
}

interface Person { id: string; code: string; status: string; days: string; }
interface List { id: string; kind: string; day: string | null; startsAt: string | null; admission: string; }

/** October 2023 in Germany is UTC+2: 09:00 local is 07:00Z. */
function at(day: string, minutesLocal: number, rng: Rng): string {
  const ms = Date.parse(`${day}T00:00:00Z`) + (minutesLocal - 120) * 60_000 + randInt(rng, 0, 59) * 1000 + randInt(rng, 0, 999);
  return new Date(ms).toISOString();
}

export function simulateAttendance(db: Db, options: SimulationOptions): { checkIns: number; refused: number } {
  const rng = mulberry32(options.seed ?? 7);
  const ids = options.ids;
  const stations = ['Einlass 1', 'Einlass 2', 'Laptop Rundgänge'].map((name) => {
    const existing = db.prepare('SELECT id FROM stations WHERE name = ?').get(name) as { id: string } | undefined;
    if (existing) return existing.id;
    const id = ids.next();
    insertStation(db, { id, name, isLocal: false, createdAt: '2023-10-17T08:00:00.000Z' });
    return id;
  });
  const people = db.prepare('SELECT id, code, status, days FROM registrations ORDER BY rowid').all() as Person[];
  const lists = db.prepare('SELECT l.id, l.kind, d.date AS day, l.starts_at AS startsAt, l.admission FROM check_in_lists l LEFT JOIN days d ON d.id = l.day_id').all() as List[];
  const assigned = new Map<string, string[]>();
  for (const a of db.prepare('SELECT registration_id AS r, list_id AS l FROM assignments').all() as { r: string; l: string }[]) {
    assigned.set(a.r, [...(assigned.get(a.r) ?? []), a.l]);
  }
  const insertCheckIn = db.prepare(
    `INSERT INTO check_ins (id, list_id, registration_id, type, undoes_id, method, override, override_reason, scanned_at, uploaded_at, station_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRefused = db.prepare(
    `INSERT INTO refused_scans (id, list_id, registration_id, raw_code, raw_truncated, reason, method, scanned_at, station_id)
     VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  let checkIns = 0;
  let refused = 0;
  const entry = (listId: string, p: Person, scannedAt: string, station: string, extra: { override?: string } = {}) => {
    const id = ids.next();
    const uploadedAt = new Date(Date.parse(scannedAt) + (station === stations[2] ? randInt(rng, 600, 7200) : randInt(rng, 0, 3)) * 1000).toISOString();
    insertCheckIn.run(id, listId, p.id, 'entry', null, pick(rng, ['camera', 'camera', 'camera', 'scanner', 'search']), extra.override ? 1 : 0, extra.override ?? null, scannedAt, uploadedAt, station);
    checkIns++;
    return id;
  };
  const refuse = (listId: string, p: Person | null, raw: string, reason: string, scannedAt: string, station: string) => {
    insertRefused.run(ids.next(), listId, p?.id ?? null, raw, reason, 'camera', scannedAt, station);
    refused++;
  };
  const entrances = lists.filter((l) => l.kind === 'entrance' && l.day);
  const visitable = lists.filter((l) => l.kind !== 'entrance' && l.day);

  db.transaction(() => {
    for (const p of people) {
      const days = JSON.parse(p.days) as string[];
      for (const list of entrances) {
        if (days.length > 0 && !days.includes(list.day!)) continue;
        const desk = pick(rng, stations.slice(0, 2));
        const time = at(list.day!, randInt(rng, 8 * 60, 9 * 60 + 40), rng);
        if (p.status === 'cancelled') {
          if (chance(rng, 0.3)) refuse(list.id, p, p.code, 'cancelled', time, desk);
          continue;
        }
        if (!chance(rng, 0.88)) continue;
        const first = entry(list.id, p, time, desk);
        if (chance(rng, 0.05)) refuse(list.id, p, p.code, 'already_checked_in', at(list.day!, randInt(rng, 10 * 60, 12 * 60), rng), desk);
        if (chance(rng, 0.02)) {
          // A mistaken check-in (wrong person picked in the search), undone a minute later.
          insertCheckIn.run(ids.next(), list.id, p.id, 'undo', first, 'manual', 0, null, new Date(Date.parse(time) + 60_000).toISOString(), new Date(Date.parse(time) + 61_000).toISOString(), desk);
          checkIns++;
        }
      }
      for (const listId of assigned.get(p.id) ?? []) {
        const list = lists.find((l) => l.id === listId);
        if (!list?.day || p.status === 'cancelled' || !chance(rng, 0.85)) continue;
        const [h, m] = (list.startsAt ?? '14:00').split(':').map(Number);
        entry(list.id, p, at(list.day, h! * 60 + m! - randInt(rng, 0, 12), rng), list.kind === 'walk' ? stations[2]! : stations[0]!);
      }
    }
    const cancelled = people.find((p) => p.status === 'cancelled');
    if (cancelled && entrances[0]) entry(entrances[0].id, cancelled, at(entrances[0].day!, 9 * 60 + 5, rng), stations[0]!, { override: 'cancelled: hat sich umentschieden' });
    for (let i = 0; i < 6 && entrances[0]; i++) refuse(entrances[0].id, null, `XXXX-${1000 + i}`, 'unknown_code', at(entrances[0].day!, 8 * 60 + 30 + i, rng), stations[1]!);
    // More visits, for benchmark-sized logs.
    const registered = people.filter((p) => p.status === 'registered');
    for (let guard = 0; options.targetRecords && checkIns + refused < options.targetRecords && guard < options.targetRecords * 3; guard++) {
      const list = pick(rng, visitable);
      entry(list.id, pick(rng, registered), at(list.day!, randInt(rng, 9 * 60, 17 * 60), rng), stations[0]!);
    }
  })();
  return { checkIns, refused };
}

/** More fictitious registrations (beyond the demo's 200), for benchmarks with 10 000 people. */
export function addPeople(db: Db, count: number, ids: IdGenerator, seed = 11): void {
  const rng = mulberry32(seed);
  const orgs = ORGANISATIONS.filter((o) => o.weight > 0);
  const insert = db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const firstName = pick(rng, FIRST_NAMES);
      const lastName = pick(rng, LAST_NAMES);
      const org = pick(rng, orgs);
      const code = `B${String(i).padStart(3, '0')}-${randInt(rng, 1000, 9999)}`;
      insertRegistration(db, {
        id: ids.next(), sourceId: `B-${i}`, code, firstName, lastName, email: `person${i}@example.org`,
        organisation: org.name, town: org.town, federalState: TOWN_STATES[org.town] ?? null, sector: org.sector,
        role: 'Teilnehmer*in', notes: null, status: chance(rng, 0.03) ? 'cancelled' : 'registered', registeredOnSite: chance(rng, 0.02),
        days: chance(rng, 0.8) ? ['2023-10-18', '2023-10-19'] : ['2023-10-18'], extra: { Essen: pick(rng, ['vegetarisch', 'vegan', 'alles']) },
        searchText: searchTextOf([firstName, lastName, org.name, code]), createdAt: '2023-09-01T10:00:00.000Z',
      });
    }
  });
  insert();
}

/**
 * A small event whose every figure is known (see tests/unit/reports-*.test.ts): two days, a workshop with two
 * places, a walk, six people — with umlauts, ß, Turkish ı, a walk-in, a cancelled person, an undone check-in, a
 * refused unknown code, and a person whose fields are spreadsheet formulas.
 */
export const KNOWN = {
  day1: '2023-10-18',
  day2: '2023-10-19',
  hostile: { firstName: '=HYPERLINK("http://evil.example","klick")', lastName: '+SUM(1;2)', organisation: '@cmd|calc', email: '-x@example.org', notes: '\tTAB' },
  people: [
    { id: 'p1', code: 'AAAA-1111', firstName: 'Jürgen', lastName: 'Müller', email: 'juergen.mueller@stadt-weissenfels.example', organisation: 'Stadt Weißenfels', sector: 'Verwaltung', federalState: 'Sachsen-Anhalt', days: ['2023-10-18', '2023-10-19'], extra: { Essen: 'vegetarisch', Telefon: '+49 171 0000000' } },
    { id: 'p2', code: 'BBBB-2222', firstName: 'Işıl', lastName: 'Yılmaz-Öztürk', email: 'isil@integration.example', organisation: 'Integrationsnetzwerk Burgenlandkreis e.V.', sector: 'Zivilgesellschaft', federalState: 'Sachsen-Anhalt', days: ['2023-10-18'], extra: {} },
    { id: 'p3', code: 'CCCC-3333', firstName: 'Grete', lastName: 'Weiß', email: 'grete.weiss@blk.example', organisation: 'Landkreis Burgenlandkreis', sector: 'Verwaltung', federalState: 'Sachsen-Anhalt', days: ['2023-10-18', '2023-10-19'], extra: {} },
    { id: 'p4', code: 'DDDD-4444', firstName: 'Klaus', lastName: 'Storniert', email: 'klaus@example.org', organisation: 'Stadt Leipzig', sector: 'Verwaltung', federalState: 'Sachsen', days: [], extra: {}, status: 'cancelled' as const },
    { id: 'p5', code: 'EEEE-5555', firstName: 'Ömer', lastName: 'Çelik', email: 'oemer@example.org', organisation: 'Hochschule Merseburg', sector: 'Wissenschaft', federalState: 'Sachsen-Anhalt', days: [], extra: {}, onSite: true },
    { id: 'p6', code: 'FFFF-6666', firstName: '=HYPERLINK("http://evil.example","klick")', lastName: '+SUM(1;2)', email: '-x@example.org', organisation: '@cmd|calc', sector: null, federalState: null, days: [], extra: {}, notes: '\tTAB' },
  ],
} as const;

/** Local time in Weißenfels on a day in October 2023 (UTC+2) as an ISO instant. */
export const berlin = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00Z`) - 2 * 3600_000).toISOString();

export function writeKnownEvent(db: Db, ports: { clock: { now(): Date }; ids: IdGenerator }): { lists: Record<'e1' | 'e2' | 'workshop' | 'walk', string>; stationId: string } {
  const created = '2023-10-01T10:00:00.000Z';
  const dayIds = writeNewEvent(db, ports, { name: 'Fachtag Zusammenhalt', place: 'Weißenfels', startsOn: KNOWN.day1, endsOn: KNOWN.day2 }, 'Einlass 1');
  const listId = (name: string) => (db.prepare('SELECT id FROM check_in_lists WHERE name = ?').get(name) as { id: string }).id;
  insertList(db, { id: 'workshop', kind: 'session', name: 'Workshop 3: Konflikte moderieren', dayId: dayIds.get(KNOWN.day1)!, startsAt: '14:00', endsAt: '15:30', capacity: 2, host: 'Dr. Hanna Leiterin', admission: 'assigned', position: 10, createdAt: created });
  insertList(db, { id: 'walk', kind: 'walk', name: 'Stadtrundgang Altstadt', dayId: dayIds.get(KNOWN.day2)!, startsAt: '10:00', capacity: 20, admission: 'assigned', position: 11, createdAt: created });
  for (const p of KNOWN.people) {
    insertRegistration(db, {
      id: p.id, sourceId: p.id, code: p.code, firstName: p.firstName, lastName: p.lastName, email: p.email, organisation: p.organisation,
      town: 'Weißenfels', federalState: p.federalState, sector: p.sector, role: null, notes: 'notes' in p ? p.notes : null,
      status: 'status' in p ? p.status : 'registered', registeredOnSite: 'onSite' in p, days: [...p.days], extra: { ...p.extra },
      searchText: searchTextOf([p.firstName, p.lastName, p.organisation, p.code]), createdAt: created,
    });
  }
  for (const [r, l] of [['p1', 'workshop'], ['p3', 'workshop'], ['p2', 'walk']] as const) insertAssignment(db, { registrationId: r, listId: l, origin: 'registration', createdAt: created });
  const stationId = (db.prepare('SELECT id FROM stations WHERE is_local = 1').get() as { id: string }).id;
  const lists = { e1: listId('Einlass Tag 1'), e2: listId('Einlass Tag 2'), workshop: 'workshop', walk: 'walk' };
  const rec = (id: string, listId: string, reg: string, at: string, type: 'entry' | 'undo' = 'entry', undoesId: string | null = null) =>
    insertCheckIn(db, { id, listId, registrationId: reg, type, undoesId, method: 'camera', scannedAt: at, uploadedAt: at, stationId });
  rec('c1', lists.e1, 'p1', berlin(KNOWN.day1, '09:05'));
  rec('c2', lists.e2, 'p1', berlin(KNOWN.day2, '08:55'));
  rec('c3', lists.workshop, 'p1', berlin(KNOWN.day1, '14:02'));
  rec('c4', lists.e1, 'p2', berlin(KNOWN.day1, '09:10'));
  rec('c5', lists.workshop, 'p2', berlin(KNOWN.day1, '14:03'));
  rec('c6', lists.workshop, 'p2', berlin(KNOWN.day1, '14:04'), 'undo', 'c5');
  rec('c7', lists.workshop, 'p5', berlin(KNOWN.day1, '14:06'));
  rec('c8', lists.e2, 'p5', berlin(KNOWN.day2, '09:20'));
  rec('c9', lists.e1, 'p6', berlin(KNOWN.day1, '09:30'));
  insertRefusedScan(db, { id: 'r1', listId: lists.e1, registrationId: 'p4', rawCode: 'DDDD-4444', rawTruncated: false, reason: 'cancelled', method: 'camera', scannedAt: berlin(KNOWN.day1, '09:12'), stationId });
  insertRefusedScan(db, { id: 'r2', listId: lists.e1, registrationId: null, rawCode: 'ZZZZ-9999', rawTruncated: false, reason: 'unknown_code', method: 'scanner', scannedAt: berlin(KNOWN.day1, '09:14'), stationId });
  insertRefusedScan(db, { id: 'r3', listId: lists.e1, registrationId: 'p1', rawCode: 'AAAA-1111', rawTruncated: false, reason: 'already_checked_in', method: 'camera', scannedAt: berlin(KNOWN.day1, '09:40'), stationId });
  return { lists, stationId };
}
