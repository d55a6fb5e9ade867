import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTranslator } from '../../electron/core/messages';
import { applyPlan } from '../../electron/core/sync/apply';
import type { Mapping } from '../../electron/core/sync/fields';
import { planSync, type SyncPlan } from '../../electron/core/sync/plan';
import { sourceMapping } from '../../electron/core/sync/sync-service';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventWithProgramme, smallEvent } from '../helpers/event-fixture';

// A list kept by hand in Excel: a column per day, forum and walk with checkboxes or an "x", and a column "Storniert".
const fixture = (name: string) => readFileSync(new URL(`../fixtures/registrations/${name}`, import.meta.url));

function setup() {
  return eventWithProgramme([
    ['f1', 'session', 'Fachforum 1: Migration und Inklusion', 1], ['f2', 'session', 'Fachforum 2: Strukturwandel und Energiewende', 2],
    ['w1', 'walk', 'Stadtrundgang: Altstadt und Schloss Neu-Augustusburg', 3], ['w2', 'walk', 'Stadtrundgang: Engagement im Quartier', 4],
  ]);
}
type Fixture = ReturnType<typeof setup>;

async function sync(f: Fixture, bytes: Buffer, name: string, mapping?: Mapping): Promise<SyncPlan> {
  const table = await readTable(bytes, name);
  const plan = await planSync(f.db, { table, mapping: mapping ?? sourceMapping(f.db, table.headers, null), sourceId: 'src', ids: f.ids });
  if (plan.blocked) return plan;
  const at = f.clock.now().toISOString();
  applyPlan(f.db, {
    plan, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: { id: 'src', kind: 'file', label: name, location: name, options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
  return plan;
}

const people = (f: Fixture) => f.db.prepare(
  `SELECT r.source_id AS id, r.status, r.days, r.extra,
          (SELECT group_concat(list_id, ' ') FROM (SELECT list_id FROM assignments a WHERE a.registration_id = r.id ORDER BY list_id)) AS lists
   FROM registrations r WHERE r.sync_source_id = 'src' ORDER BY r.source_id`,
).all();

describe('a list with a column per day, forum and walk, marked with checkboxes or "x"', () => {
  it('the same list from Excel (truth values) and from its German CSV (WAHR/FALSCH) reads the same', async () => {
    const xlsx = await readTable(fixture('ankreuzliste.xlsx'), 'ankreuzliste.xlsx');
    const csv = await readTable(fixture('ankreuzliste.csv'), 'ankreuzliste.csv');
    expect(csv.encoding).toBe('windows-1252');
    expect(xlsx.rows.map((r) => r.cells)).toEqual(csv.rows.map((r) => r.cells));
    expect(xlsx.rows[0]!.cells.slice(4)).toEqual(['WAHR', 'WAHR', 'x', '', 'x', '', 'FALSCH', 'WAHR']);
  });

  it('marks become days, sessions and walks; a mark under "Storniert" cancels; a switch of format changes nothing', async () => {
    const f = setup();
    const first = await sync(f, fixture('ankreuzliste.xlsx'), 'ankreuzliste.xlsx');
    expect(first.problems.items).toEqual([]);
    expect(first.counts).toMatchObject({ added: 3, cancelled: 0 });
    expect(people(f)).toEqual([
      { id: '31', status: 'registered', days: '["2023-10-18","2023-10-19"]', extra: '{"Newsletter":"WAHR"}', lists: 'f1 w1' },
      { id: '32', status: 'registered', days: '["2023-10-18"]', extra: '{"Newsletter":"FALSCH"}', lists: 'f2 w2' },
      { id: '33', status: 'cancelled', days: '["2023-10-19"]', extra: '{"Newsletter":"FALSCH"}', lists: null },
    ]);
    const again = await sync(f, fixture('ankreuzliste.csv'), 'ankreuzliste.csv');
    expect(again.counts).toMatchObject({ added: 0, updated: 0, cancelled: 0, unchanged: 3 });

    // Lena no longer goes on the walk, Paul cancels with a tick, Sven comes after all: marks read both ways.
    const changed = readFileSync(new URL('../fixtures/registrations/ankreuzliste.csv', import.meta.url), 'latin1')
      .replace('WAHR;WAHR;x;;x;;FALSCH', 'WAHR;WAHR;x;;;;FALSCH')
      .replace('x;;x;FALSCH;FALSCH', 'x;;x;ja;FALSCH')
      .replace(';;;;WAHR;FALSCH', ';;;;nein;FALSCH');
    const third = await sync(f, Buffer.from(changed, 'latin1'), 'ankreuzliste.csv');
    expect(third.problems.items).toEqual([]);
    expect(third.counts).toMatchObject({ updated: 2, cancelled: 1, unchanged: 0 });
    expect(people(f)).toMatchObject([{ id: '31', lists: 'f1' }, { id: '32', status: 'cancelled' }, { id: '33', status: 'registered' }]);
  });

  it("pretix's order data as Excel (2026 layout): the sheet of the tickets, each ticket's own e-mail and id, its statuses, a question's options (Ja/Nein) as walks", async () => {
    const f = setup();
    const table = await readTable(fixture('pretix-bestelldaten.xlsx'), 'pretix-bestelldaten.xlsx');
    expect(table).toMatchObject({ sheet: 'Bestellzeilen', sheets: ['Bestellungen', 'Bestellzeilen', 'Gebühren'] });
    const mapping = sourceMapping(f.db, table.headers, null);
    expect(Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== 'extra'))).toEqual({
      Status: 'status', 'Name Teilnehmer*in: Vorname': 'firstName', 'Name Teilnehmer*in: Nachname': 'lastName',
      'E-Mail Teilnehmer*in': 'email', 'Teilnehmer*innen-Firma': 'organisation', Stadt: 'town', Bundesstaat: 'federalState', 'Pseudonyme ID': 'sourceId', 'Ticket-Code': 'code',
      'Welchen Stadtrundgang möchten Sie besuchen? – Altstadt und Schloss': 'walks', 'Welchen Stadtrundgang möchten Sie besuchen? – Engagement im Quartier': 'walks',
    });
    const plan = await sync(f, fixture('pretix-bestelldaten.xlsx'), 'pretix-bestelldaten.xlsx');
    // "Freigabe ausstehend" (waiting for the organiser's approval) is a status pretix writes: not unknown, but no
    // valid ticket yet in pretix, so said (and read as registered all the same).
    expect(plan.problems.items.map((p) => [p.code, p.line, p.params])).toEqual([['approvalPending', 5, { value: 'Freigabe ausstehend' }]]);
    expect(f.db.prepare(`SELECT r.source_id AS id, r.first_name AS name, r.email, r.status, r.organisation AS org,
                                (SELECT group_concat(a.list_id) FROM assignments a WHERE a.registration_id = r.id) AS lists
                         FROM registrations r WHERE r.sync_source_id = 'src' ORDER BY r.first_name`).all()).toEqual([
      { id: 'K3PZQ8WM2D', name: 'Heike', email: 'heike@example.org', status: 'registered', org: 'Landkreis Burgenlandkreis', lists: 'w2' },
      { id: '7UAZGX3VHC', name: 'Jürgen', email: 'juergen.mueller@example.org', status: 'registered', org: 'Stadt Weißenfels', lists: 'w1' },
      { id: 'R7TNV4XH9B', name: 'Olga', email: 'olga@example.org', status: 'cancelled', org: 'Verein "Miteinander" e. V.', lists: null },
      // No e-mail of his own: the buyer's on the order is not taken for him.
      { id: 'W9CJD2KF5S', name: 'Tom', email: null, status: 'registered', org: null, lists: null },
    ]);
    // The first sheet is still there to be chosen.
    expect((await readTable(fixture('pretix-bestelldaten.xlsx'), 'x.xlsx', { sheet: 'Bestellungen' })).headers[2]).toBe('Bestellnummer');
  });

  it('ticked columns before the programme is set up: each tick says the column names no session or walk yet, "nein" says nothing', async () => {
    const f = smallEvent([{ id: 'reg-1', code: 'AAAA-1111', firstName: 'Vorab', lastName: 'Eingetragen' }]);
    const table = await readTable(fixture('ankreuzliste.csv'), 'ankreuzliste.csv');
    const mapping = { ...sourceMapping(f.db, table.headers, null), 'Fachforum 2': 'sessions' as const, 'Engagement im Quartier': 'walks' as const };
    const plan = await planSync(f.db, { table, mapping, sourceId: 'src', ids: f.ids });
    expect(plan.problems.items.map((p) => [p.code, p.line, p.column, p.params?.value])).toEqual([
      ['markedSession', 2, 'Fachforum 1', 'x'], ['markedSession', 3, 'Fachforum 2', 'x'], ['markedWalk', 3, 'Engagement im Quartier', 'x'],
    ]);
  });

  it('a mark where the header names nothing of the programme is a problem of its line, not a silent yes', async () => {
    const f = setup();
    const list = 'Nr.;Vorname;Nachname;Stadtrundgang;Töpferkurs\r\n1;Anna;Schmidt;x;x\r\n';
    const plan = await sync(f, Buffer.from(list), 'liste.csv', { 'Nr.': 'sourceId', Vorname: 'firstName', Nachname: 'lastName', Stadtrundgang: 'walks', Töpferkurs: 'sessions' });
    expect(plan.problems.items.map((p) => [p.code, p.line, p.column, p.params])).toEqual([
      ['markedSession', 2, 'Töpferkurs', { value: 'x' }], ['markedWalk', 2, 'Stadtrundgang', { value: 'x' }],
    ]);
  });

  it('a tick in pretix\'s column of a question\'s option names the walk to set up, not the column to rename', async () => {
    const f = setup();
    const list = 'Nr.;Vorname;Nachname;Welchen Stadtrundgang möchten Sie besuchen? – Kirchen und Klöster;Stadtrundgang\r\n1;Anna;Schmidt;Ja;x\r\n';
    const plan = await sync(f, Buffer.from(list), 'pretix.csv', {
      'Nr.': 'sourceId', Vorname: 'firstName', Nachname: 'lastName', 'Welchen Stadtrundgang möchten Sie besuchen? – Kirchen und Klöster': 'walks', Stadtrundgang: 'walks',
    });
    const t = await nodeTranslator('de');
    expect(plan.problems.items.map((p) => t(`sync.problem.${p.code}`, { column: p.column, ...p.params }))).toEqual([
      '„Ja“ ist angekreuzt, aber einen Stadtrundgang „Kirchen und Klöster“ gibt es in dieser Veranstaltung nicht. Unter „Programm“ anlegen, oder ihn dort so nennen wie hier.',
      // A header of no question: the column is what to name as the walk.
      '„x“ ist angekreuzt, aber einen Stadtrundgang „Stadtrundgang“ gibt es in dieser Veranstaltung nicht. Die Spalte muss so heißen wie der Stadtrundgang (oder er ist noch anzulegen).',
    ]);
  });

  it('in a column of one day, session or walk, a cell that is no mark is said as no tick, not as an unknown walk or date', async () => {
    const f = setup();
    const list = 'Nr.;Vorname;Nachname;Teilnahme 18.10.2023;Fachforum 1: Migration und Inklusion;Stadtrundgang: Engagement im Quartier\r\n'
      + '1;Anna;Schmidt;vielleicht;später;Engagement im Quartier\r\n2;Bernd;Müller;x;ja;X\r\n';
    const plan = await sync(f, Buffer.from(list), 'liste.csv');
    expect(plan.problems.items.map((p) => [p.code, p.line, p.column, p.params])).toEqual([
      ['notAMark', 2, 'Teilnahme 18.10.2023', { value: 'vielleicht' }], ['notAMark', 2, 'Fachforum 1: Migration und Inklusion', { value: 'später' }],
    ]);
    // The walk's own name in its column is taken as that walk.
    expect(people(f)).toEqual([
      { id: '1', status: 'registered', days: '[]', extra: '{}', lists: 'w2' },
      { id: '2', status: 'registered', days: '["2023-10-18"]', extra: '{}', lists: 'f1 w2' },
    ]);
  });
});

describe('exports of registration systems as they are, through a whole sync', () => {
  it('Eventbrite in German: "Nimmt teil", "Eingecheckt" and "Nimmt nicht teil" are statuses, not problems; the barcode is the code', async () => {
    const f = setup();
    const plan = await sync(f, fixture('eventbrite-teilnehmer-de.csv'), 'eventbrite-teilnehmer-de.csv');
    expect(plan.problems.items).toEqual([]);
    expect(plan.counts).toMatchObject({ added: 3 });
    expect(f.db.prepare(`SELECT r.source_id AS id, r.code, r.last_name AS name, r.status,
                                (SELECT group_concat(a.list_id) FROM assignments a WHERE a.registration_id = r.id) AS lists
                         FROM registrations r WHERE r.sync_source_id = 'src' ORDER BY r.source_id`).all()).toEqual([
      { id: '1700001', code: '1700001001', name: 'Krüger', status: 'registered', lists: 'w1' },
      { id: '1700002', code: '1700002001', name: 'Groß', status: 'cancelled', lists: null },
      { id: '1700003', code: '1700003001', name: 'Becker', status: 'registered', lists: 'w2' },
    ]);
  });

  it("pretix's German check-in list: keyed by the secret, the text pretix shows at check-in is the note for the desk", async () => {
    const f = setup();
    const plan = await sync(f, fixture('pretix-checkin-de.csv'), 'pretix-checkin-de.csv');
    expect(plan.problems.items).toEqual([]);
    expect(f.db.prepare(`SELECT code, first_name AS first, last_name AS last, email, organisation AS org, town, notes, extra
                         FROM registrations WHERE sync_source_id = 'src' ORDER BY code`).all()).toEqual([
      { code: 'a1b2c3d4e5f6g7h8', first: 'Anna', last: 'Schmidt', email: 'anna@example.org', org: 'Universität Halle', town: 'Halle (Saale)', notes: null, extra: expect.stringContaining('"Kommentar":"Rechnung an Fakultät"') },
      { code: 'f6g7h8i9j0k1l2m3', first: 'Ömer', last: 'Yılmaz', email: 'oemer@example.org', org: 'Stadt Halle (Saale)', town: 'Halle (Saale)', notes: 'Braucht einen stufenlosen Platz, bitte in Reihe 1', extra: expect.stringContaining('"Benötigt besondere Behandlung":"Ja"') },
    ]);
  });
});
