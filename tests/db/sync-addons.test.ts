import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { nodeTranslator } from '../../electron/core/messages';
import { applyPlan } from '../../electron/core/sync/apply';
import { FooterCount, planSync, type SyncPlan } from '../../electron/core/sync/plan';
import { sourceMapping } from '../../electron/core/sync/sync-service';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventWithProgramme } from '../helpers/event-fixture';

// pretix's order positions with sessions and a walk sold as add-on products: each add-on a row of its own (own
// secret, no attendee name), "Add-on to position ID" naming the ticket's position in the same order.
const text = (name: string) => readFileSync(new URL(`../fixtures/registrations/${name}`, import.meta.url), 'utf8');
const EN = 'pretix-order-positions-addons.csv';
const DE = 'pretix-bestellzeilen-addons.csv';

function setup() {
  return eventWithProgramme([
    ['f1', 'session', 'Fachforum 1: Migration und Inklusion', 1], ['f2', 'session', 'Fachforum 2: Strukturwandel und Energiewende', 2],
    ['w1', 'walk', 'Stadtrundgang: Altstadt und Schloss Neu-Augustusburg', 3], ['w2', 'walk', 'Stadtrundgang: Engagement im Quartier', 4],
  ]);
}
type Fixture = ReturnType<typeof setup>;

async function sync(f: Fixture, bytes: Buffer | string, name: string): Promise<SyncPlan> {
  const table = await readTable(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, name);
  const plan = await planSync(f.db, { table, mapping: sourceMapping(f.db, table.headers, null), sourceId: 'src', ids: f.ids });
  if (plan.blocked) return plan;
  const at = f.clock.now().toISOString();
  applyPlan(f.db, {
    plan, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: { id: 'src', kind: 'file', label: name, location: name, options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
  return plan;
}

const people = (f: Fixture) => (f.db.prepare(
  `SELECT r.source_id AS id, r.first_name || ' ' || r.last_name AS name, r.code, r.status, r.extra,
          (SELECT group_concat(list_id, ' ') FROM (SELECT list_id FROM assignments a WHERE a.registration_id = r.id ORDER BY list_id)) AS lists
   FROM registrations r WHERE r.sync_source_id = 'src' ORDER BY r.source_id`,
).all() as { id: string; name: string; code: string; status: string; extra: string; lists: string | null }[])
  .map(({ extra, ...p }) => ({ ...p, addons: (JSON.parse(extra) as Record<string, string>).Zusatzprodukte ?? null }));

/** Who the fixtures are once read: the add-ons with their people, nobody of an add-on row. */
const EXPECTED = [
  { id: 'LM2RX8PV', name: 'Jonas Albrecht', code: '9hq2wz5kx3nd7rfa', status: 'registered', lists: 'w2', addons: expect.stringMatching(/^(Lunch package|Mittagessen)$/) },
  { id: 'PX7KQ2LM', name: 'Ines Vogt', code: 'rn4k8f2xq9zv6tyb', status: 'registered', lists: 'f1', addons: null },
  { id: 'TQ8MB3HW', name: 'Olga Nowak', code: 'p4kz8vn2xw6qc3ty', status: 'cancelled', lists: null, addons: null },
  { id: 'ZT4HN9QS', name: 'Renate Baum', code: 'k3v8yb2nq6mx4pde', status: 'registered', lists: 'f2', addons: null },
];

const lineOf = (csv: string, needle: string) => csv.split(/\r?\n/).findIndex((l) => l.includes(needle)) + 1;

describe("pretix's order positions with add-on products", () => {
  it('add-on rows without a name are no people: their forums and walk (product + variation) go to the person of their position', async () => {
    for (const name of [EN, DE]) {
      const f = setup();
      const plan = await sync(f, text(name), name);
      expect(plan.blocked).toBe(false);
      expect(plan.problems.errors).toBe(0);
      expect(plan.rows).toBe(9);
      expect(plan.counts).toMatchObject({ added: 4, cancelled: 0 });
      expect(people(f)).toEqual(EXPECTED);
      // Said once: how many rows were add-ons, and where they went (the cancelled order's forum assigned to nobody).
      const note = plan.problems.items.find((p) => p.code === 'addonRows');
      expect(note).toMatchObject({ severity: 'warning', line: null, column: name === EN ? 'Add-on to position ID' : 'Zusatzprodukt zu Position', params: { count: 5, lists: 3, extra: 1, cancelled: 1 } });
    }
  });

  it('the notes read in German and English', async () => {
    const f = setup();
    const plan = await sync(f, text(DE), DE);
    const de = await nodeTranslator('de');
    const en = await nodeTranslator('en');
    const say = (t: typeof de) => plan.problems.sorted().map((p) => t(`sync.problem.${p.code}`, { column: p.column, ...p.params }));
    expect(say(de)).toEqual([
      '5 Zeilen sind Zusatzprodukte, keine eigenen Anmeldungen: Sie gehören zur Person ihrer Bestellung (als Programmpunkt oder Stadtrundgang: 3, im Zusatzfeld „Zusatzprodukte“: 1, storniert und nicht zugeordnet: 1).',
      'Das Zusatzprodukt „Mittagessen“ ist kein Programmpunkt und kein Stadtrundgang dieser Veranstaltung: Es steht bei der Person im Zusatzfeld „Zusatzprodukte“. Ist es doch einer, unter „Programm“ anlegen (oder dort so nennen wie hier) und die Liste erneut laden.',
      // The fixture's order not paid yet.
      '„ausstehend“: Die Bestellung ist im Anmeldesystem noch nicht bezahlt. Als angemeldet übernommen – am Einlass wird die Person eingelassen. Soll sie erst nach der Zahlung kommen, im Anmeldesystem stornieren oder nicht mit exportieren.',
    ]);
    expect(say(en)[0]).toBe('5 rows are add-on products, not registrations of their own: they belong to the person of their order (as a session or city walk: 3, in the extra field “Zusatzprodukte”: 1, cancelled and not assigned: 1).');
  });

  it('an add-on that names no session or walk (a lunch) is an extra field of its person and a note, not an error', async () => {
    const f = setup();
    const csv = text(EN);
    const plan = await sync(f, csv, EN);
    expect(plan.problems.items.filter((p) => p.code === 'addonNotInProgramme')).toEqual([
      { code: 'addonNotInProgramme', severity: 'warning', line: lineOf(csv, 'Lunch package'), column: 'Product', params: { value: 'Lunch package', count: 1, field: 'Zusatzprodukte' } },
    ]);
    expect(people(f).find((p) => p.name === 'Jonas Albrecht')?.addons).toBe('Lunch package');
  });

  it('add-ons carrying the attendee\'s name (pretix asks attendee data for add-ons) are not a second person', async () => {
    const f = setup();
    // The forum row of Ines Vogt's order with her name and e-mail address, as pretix writes it then.
    const named = text(EN).replace(',Fachforum 1: Migration und Inklusion,,0.00,0.00,,0.00,,,,,,', ',Fachforum 1: Migration und Inklusion,,0.00,0.00,,0.00,Ines Vogt,,Ines,Vogt,i.vogt@weissenfels.example,');
    expect(named).not.toBe(text(EN));
    const plan = await sync(f, named, EN);
    expect(plan.counts).toMatchObject({ added: 4 });
    expect(plan.problems.items.map((p) => p.code)).not.toContain('twiceInList');
    expect(people(f)).toEqual(EXPECTED);
  });

  it('an add-on whose position is not in the file (an export with a filter) is a warning on its line, and given to nobody', async () => {
    const f = setup();
    const filtered = text(EN).split('\n').filter((l) => !l.startsWith('kfb23,AB3XK,1,')).join('\n');
    const plan = await sync(f, filtered, EN);
    expect(plan.blocked).toBe(false);
    expect(plan.problems.items.filter((p) => p.code === 'addonWithoutParent')).toEqual([{
      code: 'addonWithoutParent', severity: 'warning', line: lineOf(filtered, 'Fachforum 1: Migration und Inklusion,,0.00,0.00,,0.00,,,,,,,,,,,,,QW8ZT3NB'), column: 'Add-on to position ID',
      params: { value: 'Fachforum 1: Migration und Inklusion', position: '1', order: 'AB3XK' },
    }]);
    expect(plan.counts.added).toBe(3);
    expect(people(f).map((p) => p.lists)).toEqual(['w2', null, 'f2']);
  });

  it('a cancelled add-on assigns nothing', async () => {
    const f = setup();
    // The walk of Jonas Albrecht's order taken back (the add-on's own status).
    const csv = text(EN).replace('kfb23,AB3XK,4,paid,', 'kfb23,AB3XK,4,canceled,');
    const plan = await sync(f, csv, EN);
    expect(plan.problems.items.find((p) => p.code === 'addonRows')?.params).toMatchObject({ count: 5, lists: 2, extra: 1, cancelled: 2 });
    expect(people(f).find((p) => p.name === 'Jonas Albrecht')).toMatchObject({ status: 'registered', lists: null });
  });

  it('the same file again changes nothing; an add-on gone from the next version takes its session back, a new one assigns', async () => {
    const f = setup();
    await sync(f, text(EN), EN);
    const again = await sync(f, text(EN), EN);
    expect(again.counts).toEqual({ added: 0, updated: 0, cancelled: 0, unchanged: 4, keptLocal: 0 });
    expect(again.ops.assign).toEqual([]);
    expect(again.ops.unassign).toEqual([]);
    expect(again.changes).toEqual([]);

    // Ines Vogt's forum taken out of her order, Renate Baum books the walk to the old town as well.
    const next = text(EN).split('\n').filter((l) => !l.startsWith('kfb23,AB3XK,2,')).join('\n')
      .replace(/(kfb23,CD7PL,2,[^\n]*\n)/, (line) => `${line}${line.replace(',2,', ',3,').replace('Fachforum 2: Strukturwandel und Energiewende', 'City walk,Altstadt und Schloss').replace(',,0.00,0.00', ',0.00,0.00').replace('VD5PL2XG', 'VD5PL2XH')}`);
    const third = await sync(f, next, EN);
    expect(third.problems.errors).toBe(0);
    expect(third.counts).toMatchObject({ added: 0, updated: 2, cancelled: 0, unchanged: 2 });
    expect(third.changes.find((c) => c.name === 'Ines Vogt')?.fields).toEqual([
      { field: 'sessions', before: 'Fachforum 1: Migration und Inklusion', after: null, keptLocal: false },
    ]);
    expect(people(f)).toMatchObject([
      { name: 'Jonas Albrecht', lists: 'w2' }, { name: 'Ines Vogt', lists: null }, { name: 'Olga Nowak', lists: null }, { name: 'Renate Baum', lists: 'f2 w1' },
    ]);
    const fourth = await sync(f, next, EN);
    expect(fourth.counts).toMatchObject({ updated: 0, unchanged: 4 });
  });

  it('the same list as an Excel workbook (positions as numbers) reads the same', async () => {
    const f = setup();
    const [header, ...rows] = text(EN).trim().split('\n').map((l) => parseCsvLine(l));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Order positions');
    ws.addRow(header!);
    for (const r of rows) ws.addRow(r.map((c, i) => ((header![i] === 'Position ID' || header![i] === 'Add-on to position ID') && c !== '' ? Number(c) : c)));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const plan = await sync(f, bytes, 'kfb23_orders.xlsx');
    expect(plan.problems.errors).toBe(0);
    expect(people(f)).toEqual(EXPECTED);
  });

  it('before the dry run, add-on rows at the end of the list are not counted as lines under it', async () => {
    const table = await readTable(Buffer.from(text(EN)), EN);
    const f = setup();
    const footer = new FooterCount(table, sourceMapping(f.db, table.headers, null));
    for (const row of table.rows) footer.see(row);
    expect(footer.rows).toBe(0);
  });
});

/** A line of the fixture (commas, no quotes in it but around none). */
function parseCsvLine(line: string): string[] {
  expect(line).not.toContain('"');
  return line.split(',');
}
