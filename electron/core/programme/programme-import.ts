import { insertList, listListsWithCounts } from '../../../db/queries/lists';
import { dayIdOf, nextListPosition, updateList } from '../../../db/queries/programme';
import type { Db } from '../../../db/open';
import type { Ports } from '../event/new-event';
import type { Table } from '../tabular/read-table';
import { foldQuery } from '../text/fold';

/** One programme item read from a file, before it is matched against the event. */
export interface ImportedItem {
  line: number;
  kind: 'session' | 'walk';
  name: string;
  day: string | null;
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  capacity: number | null;
  host: string | null;
  description: string | null;
}

export interface ImportProblem {
  line: number | null;
  column: string | null;
  /** i18n key under programme.import.problem.* */
  code: 'noTitleColumn' | 'missingTitle' | 'badDate' | 'unknownDay' | 'badTime' | 'badCapacity' | 'duplicate';
  value?: string;
}

type Field = Exclude<keyof ImportedItem, 'line'>;

/** Column names as organisers and common tools write them, German and English, compared after folding. */
const COLUMNS: Record<Field, string[]> = {
  name: ['titel', 'title', 'name', 'programmpunkt', 'veranstaltung', 'session', 'bezeichnung', 'thema'],
  kind: ['art', 'typ', 'type', 'kind', 'format', 'kategorie', 'category'],
  day: ['tag', 'datum', 'date', 'day'],
  startsAt: ['beginn', 'start', 'von', 'uhrzeit', 'startzeit', 'starts', 'from', 'time'],
  endsAt: ['ende', 'end', 'bis', 'endzeit', 'ends', 'to', 'until'],
  location: ['ort', 'raum', 'treffpunkt', 'location', 'room', 'place', 'meeting point', 'venue'],
  capacity: ['platze', 'plaetze', 'kapazitat', 'kapazitaet', 'capacity', 'max teilnehmende', 'teilnehmerzahl', 'seats', 'places'],
  host: ['leitung', 'fuhrung', 'fuehrung', 'moderation', 'referent in', 'host', 'guide', 'speaker', 'referent'],
  description: ['beschreibung', 'description', 'text', 'details', 'info'],
};

const WALK_WORDS = /stadtrundgang|rundgang|fuhrung|walk|tour|exkursion/;

export function mapColumns(headers: readonly string[]): Partial<Record<Field, number>> {
  const folded = headers.map((h) => foldQuery(h).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim());
  const map: Partial<Record<Field, number>> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const i = folded.findIndex((h, idx) => COLUMNS[field].includes(h) && !Object.values(map).includes(idx));
    if (i >= 0) map[field] = i;
  }
  return map;
}

/** 18.10.2023, 18.10.23, 2023-10-18 → ISO date; "Tag 2" / "2" → the event's second day. */
function parseDay(text: string, eventDays: readonly string[]): { day: string | null; problem?: ImportProblem['code'] } {
  const t = text.trim();
  if (!t) return { day: null };
  let iso: string | null = null;
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(t);
  if (m) iso = `${m[3]!.length === 2 ? `20${m[3]}` : m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t))) iso = `${m[1]}-${m[2]}-${m[3]}`;
  else if ((m = /^(?:tag|day)?\s*(\d{1,2})$/i.exec(t))) {
    const day = eventDays[Number(m[1]) - 1];
    return day ? { day } : { day: null, problem: 'unknownDay' };
  } else return { day: null, problem: 'badDate' };
  return eventDays.includes(iso) ? { day: iso } : { day: null, problem: 'unknownDay' };
}

/** 9:30, 09.30, 930, "09:30 Uhr" → 09:30. */
function parseTime(text: string): string | null | 'bad' {
  const t = text.trim().replace(/\s*uhr$/i, '');
  if (!t) return null;
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(t);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return 'bad';
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** Reads a programme table: every row a session or walk, with problems named by line and column. */
export function readProgramme(table: Table, eventDays: readonly string[]): { items: ImportedItem[]; problems: ImportProblem[] } {
  const map = mapColumns(table.headers);
  const problems: ImportProblem[] = [];
  if (map.name === undefined) return { items: [], problems: [{ line: null, column: null, code: 'noTitleColumn' }] };
  const col = (f: Field) => (map[f] === undefined ? null : table.headers[map[f]!]!);
  const items: ImportedItem[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const cell = (f: Field) => (map[f] === undefined ? '' : (row.cells[map[f]!] ?? '').trim());
    if (row.cells.every((c) => c.trim() === '')) continue;
    const report = (f: Field, code: ImportProblem['code'], value?: string) => problems.push({ line: row.line, column: col(f), code, value });
    const name = cell('name');
    if (!name) {
      report('name', 'missingTitle');
      continue;
    }
    const { day, problem: dayProblem } = parseDay(cell('day'), eventDays);
    if (dayProblem) report('day', dayProblem, cell('day'));
    const startsAt = parseTime(cell('startsAt'));
    const endsAt = parseTime(cell('endsAt'));
    if (startsAt === 'bad') report('startsAt', 'badTime', cell('startsAt'));
    if (endsAt === 'bad') report('endsAt', 'badTime', cell('endsAt'));
    const capText = cell('capacity');
    const capacity = capText === '' ? null : /^\d{1,6}$/.test(capText) ? Number(capText) : NaN;
    if (Number.isNaN(capacity)) report('capacity', 'badCapacity', capText);
    // A row whose day is given but not one of the event's would land on no day at all: reported and left out.
    if (dayProblem) continue;
    const key = `${foldQuery(name)}|${day ?? ''}`;
    if (seen.has(key)) report('name', 'duplicate', name);
    seen.add(key);
    const kindText = foldQuery(`${cell('kind')} ${name}`);
    items.push({
      line: row.line, name, day, kind: WALK_WORDS.test(kindText) ? 'walk' : 'session',
      startsAt: startsAt === 'bad' ? null : startsAt, endsAt: endsAt === 'bad' ? null : endsAt,
      location: cell('location') || null, capacity: Number.isNaN(capacity) ? null : capacity,
      host: cell('host') || null, description: cell('description') || null,
    });
  }
  return { items, problems };
}

export type ImportAction = 'add' | 'update' | 'unchanged';

/**
 * Matches imported items to the event's programme by title and day: an existing item is updated (its check-in
 * rules and assignments stay as they are), a new one is added; `apply` false only plans. One transaction.
 */
export function applyProgramme(
  db: Db,
  ports: Ports,
  items: readonly ImportedItem[],
  apply: boolean,
): { item: ImportedItem; action: ImportAction }[] {
  const lists = listListsWithCounts(db).filter((l) => l.kind !== 'entrance');
  const byKey = new Map(lists.map((l) => [`${foldQuery(l.name)}|${l.day ?? ''}`, l]));
  const plan = items.map((item) => {
    const existing = byKey.get(`${foldQuery(item.name)}|${item.day ?? ''}`);
    if (!existing) return { item, action: 'add' as const, existing: null };
    const same = existing.kind === item.kind && existing.startsAt === item.startsAt && existing.endsAt === item.endsAt
      && existing.location === item.location && existing.capacity === item.capacity && existing.host === item.host
      && (item.description === null || existing.description === item.description);
    return { item, action: same ? ('unchanged' as const) : ('update' as const), existing };
  });
  if (apply) {
    db.transaction(() => {
      const createdAt = ports.clock.now().toISOString();
      for (const { item, action, existing } of plan) {
        const fields = {
          kind: item.kind, name: item.name, dayId: item.day ? dayIdOf(db, item.day) : null, startsAt: item.startsAt,
          endsAt: item.endsAt, location: item.location, capacity: item.capacity, host: item.host,
        };
        if (action === 'add') {
          insertList(db, {
            id: ports.ids.next(), ...fields, description: item.description, format: item.kind === 'walk' ? 'walk' : null,
            admission: item.kind === 'walk' ? 'assigned' : 'all', position: nextListPosition(db), createdAt,
          });
        } else if (action === 'update' && existing) {
          updateList(db, {
            ...existing, ...fields, id: existing.id, description: item.description ?? existing.description,
            dayId: fields.dayId, format: existing.format,
          });
        }
      }
    }).immediate();
  }
  return plan.map(({ item, action }) => ({ item, action }));
}
