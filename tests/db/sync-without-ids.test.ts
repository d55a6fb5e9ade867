import { describe, expect, it } from 'vitest';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { scan } from '../../electron/core/checkin/scan';
import { registerWalkIn } from '../../electron/core/registrations/walk-in';
import { applyPlan } from '../../electron/core/sync/apply';
import type { Mapping } from '../../electron/core/sync/fields';
import { identityOf } from '../../electron/core/sync/incoming';
import { planSync, type SyncPlan } from '../../electron/core/sync/plan';
import { sourceMapping } from '../../electron/core/sync/sync-service';
import { readTable } from '../../electron/core/tabular/read-table';
import { smallEvent } from '../helpers/event-fixture';

// A list kept by hand, or a Google Forms export: no id, no code. People are known by e-mail address and name.
const HEADER = 'Zeitstempel;Vorname;Nachname;E-Mail-Adresse;Organisation';
const anna = '01.09.2023 10:00:00;Anna;Schmidt;poststelle@burgenlandkreis.de;Burgenlandkreis';
const heike = '01.09.2023 10:05:00;Heike;Schäfer;Poststelle@Burgenlandkreis.de;Burgenlandkreis';
const omer = '02.09.2023 09:00:00;Ömer;Yılmaz;oemer@example.org;Stadt Halle';
const ida = '03.09.2023 11:30:00;Ida;Groß;;Verein Miteinander';

type Fixture = ReturnType<typeof smallEvent>;
/** Entered before any list (walk-1 needs someone): of another name than the lists' people. */
const BEFORE = [{ id: 'reg-1', code: 'AAAA-1111', firstName: 'Vorab', lastName: 'Eingetragen' }];

async function plan(f: Fixture, rows: string[], header = HEADER, source = 'src', mapping: Mapping = {}): Promise<SyncPlan> {
  const table = await readTable(Buffer.from(`${[header, ...rows].join('\r\n')}\r\n`), 'liste.csv');
  return planSync(f.db, { table, mapping: { ...sourceMapping(f.db, table.headers, null), ...mapping }, sourceId: source, ids: f.ids });
}

async function sync(f: Fixture, rows: string[], header = HEADER, source = 'src', mapping: Mapping = {}): Promise<SyncPlan> {
  const p = await plan(f, rows, header, source, mapping);
  expect(p.blocked).toBe(false);
  const at = f.clock.now().toISOString();
  applyPlan(f.db, {
    plan: p, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: { id: source, kind: 'file', label: `${source}.xlsx`, location: `${source}.xlsx`, options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
  return p;
}

const people = (f: Fixture) => f.db.prepare(
  "SELECT first_name || ' ' || last_name AS name, organisation, status FROM registrations WHERE sync_source_id IS NOT NULL ORDER BY created_at, rowid",
).all() as { name: string; organisation: string; status: string }[];

describe('a list without ids or codes', () => {
  it('is keyed by e-mail address and name: colleagues sharing an office address are two people', () => {
    expect(identityOf(' Poststelle@Burgenlandkreis.de ', { firstName: 'Heike', lastName: 'Schäfer' })).toBe('poststelle@burgenlandkreis.de · heike schafer');
    expect(identityOf('', { firstName: 'Ida', lastName: 'Groß' })).toBe('ida gross');
    expect(identityOf('a@example.org', { firstName: '', lastName: '' })).toBe('a@example.org');
    expect(identityOf(' ', { firstName: '', lastName: '' })).toBeNull();
  });

  it('loads, says how people are recognised, and re-syncs: reordered unchanged, a change updated, a removal cancelled', async () => {
    const f = smallEvent(BEFORE);
    const first = await sync(f, [anna, heike, omer, ida]);
    expect(first.counts).toMatchObject({ added: 4, cancelled: 0 });
    expect(first.problems.items).toEqual([{ code: 'keyByEmailAndName', severity: 'warning', line: null, column: null }]);
    expect(people(f).map((p) => p.name)).toEqual(['Anna Schmidt', 'Heike Schäfer', 'Ömer Yılmaz', 'Ida Groß']);

    expect((await sync(f, [omer, ida, heike, anna])).counts).toMatchObject({ added: 0, updated: 0, cancelled: 0, unchanged: 4 });

    // Ida moves organisation; Ömer, checked in meanwhile, is taken off the list: cancelled, his check-in kept.
    const omerId = (f.db.prepare("SELECT id FROM registrations WHERE first_name = 'Ömer'").get() as { id: string }).id;
    admitRegistration(f.event, f.ports, { listId: f.entrance1, registrationId: omerId, method: 'search', override: false });
    const third = await sync(f, [anna, heike, ida.replace('Verein Miteinander', 'Stadt Zeitz')]);
    expect(third.counts).toMatchObject({ added: 0, updated: 1, cancelled: 1, unchanged: 2 });
    expect(people(f)).toMatchObject([
      { name: 'Anna Schmidt', status: 'registered' }, { name: 'Heike Schäfer', status: 'registered' },
      { name: 'Ömer Yılmaz', status: 'cancelled' }, { name: 'Ida Groß', organisation: 'Stadt Zeitz' },
    ]);
    expect(f.db.prepare('SELECT count(*) AS n FROM check_ins WHERE registration_id = ?').get(omerId)).toEqual({ n: 1 });
  });

  it('a name corrected at the same e-mail address is the same person (code and check-ins kept); anything less clear is new', async () => {
    const f = smallEvent(BEFORE);
    await sync(f, [anna, heike, omer]);
    const code = (first: string) => (f.db.prepare('SELECT code FROM registrations WHERE first_name = ?').get(first) as { code: string }).code;
    const annaCode = code('Anna');
    // Anna's surname corrected; Heike shares her office address but is listed as before.
    const renamed = await sync(f, [anna.replace('Schmidt', 'Schmitt'), heike, omer]);
    expect(renamed.counts).toMatchObject({ added: 0, updated: 1, cancelled: 0, unchanged: 2 });
    expect(renamed.changes[0]).toMatchObject({ kind: 'updated', name: 'Anna Schmitt', fields: [{ field: 'lastName', before: 'Schmidt', after: 'Schmitt' }] });
    expect(code('Anna')).toBe(annaCode);
    expect((await sync(f, [anna.replace('Schmidt', 'Schmitt'), heike, omer])).counts).toMatchObject({ unchanged: 3 });
    // Name and e-mail both changed: a new person, the old one cancelled.
    expect((await sync(f, [anna.replace('Schmidt', 'Schmitt'), heike, omer.replace('Ömer;Yılmaz;oemer@', 'Omar;Yilmaz;omar@')])).counts)
      .toMatchObject({ added: 1, cancelled: 1 });
    // Two new rows at an address where one person went missing: which is which is not clear, so both are new.
    const two = await sync(f, [heike, anna.replace('Anna;Schmidt', 'Anne;Schmitt'), anna.replace('Anna;Schmidt', 'Lea;Lang')]);
    expect(two.counts).toMatchObject({ added: 2, cancelled: 2, unchanged: 1 });
  });

  it('the same person twice is refused with both lines, readably; a list of names only is keyed by name', async () => {
    const f = smallEvent(BEFORE);
    const twice = await plan(f, [anna, omer, anna.replace('10:00:00', '12:00:00')]);
    expect(twice.blocked).toBe(true);
    expect(twice.problems.items).toContainEqual(expect.objectContaining({
      code: 'duplicateKey', line: 4, params: { value: 'poststelle@burgenlandkreis.de · anna schmidt', first: 2 },
    }));
    const names = await sync(f, ['Anna;Schmidt', 'Ida;Groß'], 'Vorname;Nachname');
    expect(names.problems.items).toEqual([{ code: 'keyByName', severity: 'warning', line: null, column: null }]);
    expect((await sync(f, ['Ida;Groß', 'Anna;Schmidt'], 'Vorname;Nachname')).counts).toMatchObject({ unchanged: 2, added: 0 });
    // A sheet of figures (no names either): what to fix is said, not how people would be recognised.
    const figures = await plan(f, ['Weißenfels;120', 'Zeitz;40'], 'Ort;Anzahl', 'src-2');
    expect(figures.problems.items.filter((p) => p.line === null)).toEqual([{ code: 'noNameColumn', severity: 'error', line: null, column: null }]);
    // Last names without a column of first names (a form plugin's "Name (Vorname)" not known, say): said, not refused.
    const surnames = await plan(f, ['1;Seidel;h.seidel@example.org', '2;Ziegler;i.ziegler@example.org'], 'Nr.;Nachname;E-Mail', 'src-3');
    expect(surnames.blocked).toBe(false);
    expect(surnames.problems.items.filter((p) => p.line === null)).toEqual([
      { code: 'oneNamePart', severity: 'warning', line: null, column: null, params: { context: 'noFirst' } },
    ]);
    const firstNames = await plan(f, ['1;Hanna', '2;Ingo'], 'Nr.;Vorname', 'src-4');
    expect(firstNames.problems.items.filter((p) => p.code === 'oneNamePart')).toMatchObject([{ params: { context: 'noLast' } }]);
  });

  it("two lists numbered on their own: the second one's Nr. 1 is not the first one's, and loads once recognised by name", async () => {
    const f = smallEvent(BEFORE);
    const header = 'Nr.;Vorname;Nachname;E-Mail';
    await sync(f, ['1;Anna;Schmidt;anna@example.org', '2;Bernd;Müller;bernd@example.org'], header, 'fachtag');
    const before = people(f);
    const second = ['1;Lea;Lang;lea@example.org', '2;Max;Kurz;', '3;Carla;Neu;carla@example.org'];
    const refused = await plan(f, second, header, 'nachmeldungen');
    expect(refused.blocked).toBe(true);
    // Lea and Max would have overwritten Anna and Bernd; Nr. 3 is new either way.
    expect(refused.problems.items.filter((p) => p.severity === 'error')).toEqual([
      { code: 'idOfOtherPerson', severity: 'error', line: 2, column: 'Nr.', params: { value: '1', name: 'Anna Schmidt', incoming: 'Lea Lang', source: 'fachtag.xlsx' } },
      { code: 'idOfOtherPerson', severity: 'error', line: 3, column: 'Nr.', params: { value: '2', name: 'Bernd Müller', incoming: 'Max Kurz', source: 'fachtag.xlsx' } },
    ]);
    // The same person in another source's list (a re-export, the API instead of the file) still moves to it.
    expect((await plan(f, ['1;Anna;Schmitt;anna@example.org'], header, 'api')).blocked).toBe(false);
    expect(people(f)).toEqual(before);
    // Read with the numbers as an extra field, the second list is people recognised by e-mail and name.
    const taken = await sync(f, second, header, 'nachmeldungen', { 'Nr.': 'extra' });
    expect(taken.counts).toMatchObject({ added: 3, unchanged: 0 });
    expect(people(f).map((p) => p.name)).toEqual(['Anna Schmidt', 'Bernd Müller', 'Lea Lang', 'Max Kurz', 'Carla Neu']);
  });

  it('a new person of the same name as someone of another list or entered by hand is a warning, not a merge', async () => {
    const f = smallEvent([...BEFORE, { id: 'reg-2', code: 'BBBB-2222', firstName: 'Ida', lastName: 'Groß' }]);
    // Two walk-ins of one name: which one the list means is not clear.
    registerWalkIn(f.event, f.ports, { firstName: 'Ömer', lastName: 'Yilmaz' });
    registerWalkIn(f.event, f.ports, { firstName: 'Ömer', lastName: 'Yilmaz' });
    await sync(f, ['1;Anna;Schmidt;Poststelle@Burgenlandkreis.de', '2;Bernd;Müller;bernd@example.org'], 'Nr.;Vorname;Nachname;E-Mail', 'referierende');
    const p = await sync(f, [anna, omer, ida, heike.replace('Poststelle@', 'heike@')]);
    expect(p.counts.added).toBe(4);
    expect(p.problems.items.filter((x) => x.code.startsWith('maybe'))).toEqual([
      { code: 'maybeInOtherList', severity: 'warning', line: 2, column: null, params: { name: 'Anna Schmidt', source: 'referierende.xlsx', sourceId: 'referierende' } },
      // The same name folded ("Yılmaz", "Yilmaz").
      // A person of no list is named by id (the organiser may say the row is them, PlanInput.sameAs); not one of two
      // of that name, nor someone of another list.
      { code: 'maybeWalkIn', severity: 'warning', line: 3, column: null, params: { name: 'Ömer Yilmaz', source: '' } },
      // Without an e-mail address on one side, the name decides.
      { code: 'maybeEnteredByHand', severity: 'warning', line: 4, column: null, params: { name: 'Ida Groß', source: '', registrationId: 'reg-2' } },
    ]);
    expect(f.db.prepare('SELECT count(*) AS n FROM registrations').get()).toEqual({ n: 10 });
    // The same name at two other addresses is two people: nothing said.
    expect((await plan(f, [anna, omer, ida, heike, '04.09.2023 08:00:00;Bernd;Müller;b.mueller@example.org;Stadt Zeitz'])).problems.items
      .filter((x) => x.code.startsWith('maybe') && x.params?.name === 'Bernd Müller')).toEqual([]);
  });

  it("a list's new version loaded as a list of its own takes its people over: a new row of such a name is not said to be in the old list", async () => {
    const f = smallEvent(BEFORE);
    const header = 'Nr.;Vorname;Nachname';
    await sync(f, ['1;Anna;Schmidt', '2;Bernd;Müller'], header, 'fachtag');
    const p = await plan(f, ['1;Anna;Schmidt', '2;Bernd;Müller', '3;Anna;Schmidt'], header, 'fachtag-neu');
    expect(p.counts).toMatchObject({ added: 1, unchanged: 2 });
    expect(p.problems.items.filter((x) => x.code === 'maybeInOtherList')).toEqual([]);
    // Someone of the old list this version does not take over is still said.
    const q = await plan(f, ['1;Anna;Schmidt', '3;Bernd;Müller'], header, 'fachtag-neu');
    expect(q.problems.items.filter((x) => x.code === 'maybeInOtherList')).toEqual([
      { code: 'maybeInOtherList', severity: 'warning', line: 3, column: null, params: { name: 'Bernd Müller', source: 'fachtag.xlsx', sourceId: 'fachtag' } },
    ]);
  });

  it('someone registered at the door and then entered into the registration system is one person: the walk-in, with the check-ins', async () => {
    const f = smallEvent(BEFORE);
    const walkIn = registerWalkIn(f.event, f.ports, { firstName: 'Ömer', lastName: 'Yilmaz', email: 'OEMER@example.org' }).registration;
    admitRegistration(f.event, f.ports, { listId: f.entrance1, registrationId: walkIn.id, method: 'search', override: false });
    const header = 'Code;Vorname;Nachname;E-Mail';
    const p = await sync(f, ['T-7;Ömer;Yılmaz;oemer@example.org', 'T-8;Anna;Schmidt;anna@example.org'], header);
    expect(p.counts).toMatchObject({ added: 1, updated: 1 });
    expect(p.problems.items).toContainEqual({ code: 'walkInTaken', severity: 'warning', line: 2, column: null, params: { name: 'Ömer Yılmaz' } });
    expect(f.db.prepare('SELECT code, last_name AS lastName, sync_source_id AS source, registered_on_site AS onSite FROM registrations WHERE id = ?').get(walkIn.id))
      .toEqual({ code: 'T-7', lastName: 'Yılmaz', source: 'src', onSite: 1 });
    expect(f.db.prepare('SELECT registration_id FROM check_ins').pluck().all()).toEqual([walkIn.id]);
    expect(f.db.prepare("SELECT count(*) FROM registrations WHERE first_name = 'Ömer'").pluck().get()).toBe(1);
    // The code he was given at the door (on his badge) still admits him, as the list's code does.
    expect(scan(f.event, f.ports, { listId: f.entrance1, code: walkIn.code, method: 'camera' })).toMatchObject({ status: 'already_checked_in', registration: { id: walkIn.id } });
    expect(scan(f.event, f.ports, { listId: f.entrance1, code: 'T-7', method: 'camera' })).toMatchObject({ status: 'already_checked_in', registration: { id: walkIn.id } });
    // The next sync: unchanged; and taken off the list, the walk-in stays (people registered on site are never cancelled).
    expect((await sync(f, ['T-7;Ömer;Yılmaz;oemer@example.org', 'T-8;Anna;Schmidt;anna@example.org'], header)).counts).toMatchObject({ unchanged: 2 });
    expect((await sync(f, ['T-8;Anna;Schmidt;anna@example.org'], header)).counts).toMatchObject({ cancelled: 0, unchanged: 1 });
    // Without an e-mail at the door, another organisation says it is someone else of that name.
    registerWalkIn(f.event, f.ports, { firstName: 'Jan', lastName: 'Berg', organisation: 'Stadt Zeitz' });
    registerWalkIn(f.event, f.ports, { firstName: 'Eva', lastName: 'Ring', organisation: 'Landkreis Harz' });
    const orgs = await sync(f, ['T-8;Anna;Schmidt;anna@example.org', 'T-9;Jan;Berg;jan@example.org', 'T-10;Eva;Ring;eva@example.org'], header);
    expect(orgs.problems.items.filter((x) => x.code === 'walkInTaken').map((x) => x.params?.name)).toEqual(['Jan Berg', 'Eva Ring']);
    registerWalkIn(f.event, f.ports, { firstName: 'Ole', lastName: 'Ohm', organisation: 'Stadt Zeitz' });
    const withOrg = (org: string) => plan(f, ['T-8;Anna;Schmidt;anna@example.org;', `T-11;Ole;Ohm;;${org}`], 'Code;Vorname;Nachname;E-Mail;Organisation');
    expect((await withOrg('Burgenlandkreis')).problems.items.filter((x) => x.code === 'walkInTaken')).toEqual([]);
    expect((await withOrg('stadt zeitz')).problems.items.filter((x) => x.code === 'walkInTaken')).toHaveLength(1);
    // A walk-in once taken by a list is that list's person: another list's row of the name is said (they were at the door), not taken.
    const later = await plan(f, ['S-1;Jan;Berg;jan@example.org'], 'Code;Vorname;Nachname;E-Mail', 'referierende');
    expect(later.problems.items.map((x) => x.code)).toEqual(['maybeWalkIn']);
    expect(later.counts).toMatchObject({ added: 1 });
  });

  it('a running number renumbered after an insertion is refused; read by e-mail and name instead, everyone keeps code and check-ins', async () => {
    const f = smallEvent(BEFORE);
    const header = 'lfd. Nr.;Vorname;Nachname;E-Mail';
    const names = [['Anna', 'Schmidt'], ['Bernd', 'Müller'], ['Clara', 'Fuchs'], ['Dora', 'Klein'], ['Emil', 'Engel']];
    const list = (people: string[][]) => people.map(([first, last], i) => `${i + 1};${first};${last};${first!.toLowerCase()}@example.org`);
    await sync(f, list(names), header);
    const codes = () => f.db.prepare("SELECT first_name || ':' || code FROM registrations WHERE sync_source_id = 'src' ORDER BY first_name").pluck().all();
    const before = codes();
    const dora = (f.db.prepare("SELECT id FROM registrations WHERE first_name = 'Dora'").get() as { id: string }).id;
    admitRegistration(f.event, f.ports, { listId: f.entrance1, registrationId: dora, method: 'search', override: false });
    // Someone inserted at the top: every number now names the person who was above.
    const renumbered = [['Aaron', 'Alt'], ...names];
    const refused = await plan(f, list(renumbered), header);
    expect(refused.blocked).toBe(true);
    expect(refused.problems.items.filter((p) => p.severity === 'error')).toEqual([{
      code: 'renumbered', severity: 'error', line: null, column: 'lfd. Nr.',
      params: { count: 5, examples: '1: Anna Schmidt → Aaron Alt; 2: Bernd Müller → Anna Schmidt; 3: Clara Fuchs → Bernd Müller' },
    }]);
    const taken = await sync(f, list(renumbered), header, 'src', { 'lfd. Nr.': 'extra' });
    expect(taken.counts).toMatchObject({ added: 1, updated: 5, cancelled: 0 });
    expect(codes().filter((c) => !String(c).startsWith('Aaron'))).toEqual(before);
    expect(f.db.prepare('SELECT registration_id FROM check_ins').pluck().all()).toEqual([dora]);
    // From now on by e-mail and name: sorting the list changes their numbers (an extra field), no one is added or cancelled.
    expect((await sync(f, list([...renumbered].reverse()), header, 'src', { 'lfd. Nr.': 'extra' })).counts).toMatchObject({ added: 0, cancelled: 0, updated: 6 });
  });

  it('one ticket passed on to a colleague (same code, another person) is taken, with a note to check', async () => {
    const f = smallEvent(BEFORE);
    const header = 'Code;Vorname;Nachname;E-Mail';
    await sync(f, ['T-1;Anna;Schmidt;anna@example.org', 'T-2;Bernd;Müller;bernd@example.org', 'T-3;Clara;Fuchs;'], header);
    const p = await sync(f, ['T-1;Lea;Lang;lea@example.org', 'T-2;Bernd;Müller;bernd@example.org', 'T-3;Clara;Fuchs;'], header);
    expect(p.counts).toMatchObject({ updated: 1, unchanged: 2 });
    expect(p.problems.items.filter((x) => x.code === 'personReplaced')).toEqual([
      { code: 'personReplaced', severity: 'warning', line: 2, column: 'Code', params: { before: 'Anna Schmidt', after: 'Lea Lang' } },
    ]);
    expect(f.db.prepare("SELECT first_name FROM registrations WHERE code = 'T-1'").pluck().get()).toBe('Lea');
    // A ticketing system's list: three of three passed on are three notes, not a renumbering.
    const all = await sync(f, ['T-1;Max;Kurz;max@example.org', 'T-2;Nora;Neu;nora@example.org', 'T-3;Olga;Ost;'], header);
    expect(all.problems.items.map((x) => x.code)).toEqual(['personReplaced', 'personReplaced', 'personReplaced']);
  });
});
