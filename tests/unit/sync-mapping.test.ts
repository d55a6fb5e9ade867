import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeMapping, proposeFromSample, proposeMapping } from '../../electron/core/sync/auto-mapping';
import { sameNameStem } from '../../electron/core/sync/sync-app';
import { dayColumnName, dayOfHeader, listOfHeader, parseMark } from '../../electron/core/sync/mark-columns';
import { showNumber, shownNumberOf } from '../../electron/core/tabular/number-format';
import { ListResolver, parseDay, parseStatus, splitFullName } from '../../electron/core/sync/values';
import { readTable } from '../../electron/core/tabular/read-table';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/registrations/${name}`, import.meta.url));
const mapped = async (name: string, options = {}) => {
  const t = await readTable(fixture(name), name, options);
  return Object.fromEntries(Object.entries(proposeMapping(t.headers)).filter(([, v]) => v !== 'extra'));
};

describe('column names are recognised in the layouts of common registration systems', () => {
  it('pretix order data (German): attendee name parts win over the invoice address, the question columns are sessions/walks', async () => {
    expect(await mapped('pretix-orders-de.csv')).toEqual({
      Status: 'status', 'E-Mail': 'email', 'Name des Teilnehmers: Vorname': 'firstName', 'Name des Teilnehmers: Nachname': 'lastName',
      'Ticket-Code': 'code', Firma: 'organisation', Stadt: 'town', Bundesland: 'federalState',
      'Welchen Workshop möchten Sie besuchen?': 'sessions', Stadtrundgang: 'walks',
    });
  });

  it("pretix's API: its pseudonymization_id is the id (as the Pseudonyme ID of its CSV exports), not its database id", () => {
    const headers = ['id', 'order', 'positionid', 'item', 'attendee_name', 'attendee_email', 'secret', 'pseudonymization_id', 'company'];
    expect(Object.fromEntries(Object.entries(proposeMapping(headers)).filter(([, v]) => v !== 'extra'))).toEqual({
      pseudonymization_id: 'sourceId', secret: 'code', attendee_name: 'fullName', attendee_email: 'email', company: 'organisation',
    });
  });

  it('pretix check-in list (English): secret is the code, attendee name the full name', async () => {
    expect(await mapped('pretix-checkin-en.csv')).toEqual({
      'Attendee name': 'fullName', Secret: 'code', 'E-mail': 'email', Company: 'organisation', Comment: 'notes',
    });
  });

  it('Eventbrite attendee report: attendee number is the id, the barcode the code; the job title is no role at the event', async () => {
    expect(await mapped('eventbrite-attendees.csv')).toEqual({
      'First Name': 'firstName', 'Last Name': 'lastName', Email: 'email', 'Attendee #': 'sourceId', 'Barcode #': 'code',
      'Attendee Status': 'status', Company: 'organisation', 'Home City': 'town',
    });
  });

  it('pretix check-in list (German, 2026): the name parts of "Teilnehmer*innenname", the secret, the text pretix shows at check-in', async () => {
    expect(await mapped('pretix-checkin-de.csv')).toEqual({
      'Teilnehmer*innenname: Vorname': 'firstName', 'Teilnehmer*innenname: Nachname': 'lastName', Secret: 'code', 'E-Mail': 'email',
      Firma: 'organisation', 'Check-in-Hinweis': 'notes', Stadt: 'town', Bundesstaat: 'federalState',
    });
  });

  it('Eventbrite attendee report in German: "Teilnehmernummer" is the id, "Barcode-Nr." the code, "Teilnehmerstatus" the status', async () => {
    expect(await mapped('eventbrite-teilnehmer-de.csv')).toEqual({
      Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email', Teilnehmernummer: 'sourceId', 'Barcode-Nr.': 'code',
      Teilnehmerstatus: 'status', 'Welchen Stadtrundgang möchten Sie besuchen?': 'walks',
    });
  });

  it('German gender forms name the same column in every spelling; API fields such as check_in stay as they are', () => {
    const forms = ['E-Mail Teilnehmer*in', 'E-Mail Teilnehmer:in', 'E-Mail Teilnehmer_in', 'E-Mail TeilnehmerIn', 'E-Mail Teilnehmer/-in', 'E-Mail Teilnehmer/in'];
    for (const h of forms) expect(proposeMapping([h, 'E-Mail'])).toEqual({ [h]: 'email', 'E-Mail': 'extra' });
    expect(proposeMapping(['Teilnehmer*innenname: Vorname', 'Teilnehmer:innen-Firma', 'Name Referent_in'])).toEqual({
      'Teilnehmer*innenname: Vorname': 'firstName', 'Teilnehmer:innen-Firma': 'organisation', 'Name Referent_in': 'extra',
    });
    expect(proposeMapping(['check_in_code', 'opt_in'])).toEqual({ check_in_code: 'code', opt_in: 'extra' });
  });

  it('form tools as they export: Google Forms, Microsoft Forms and LimeSurvey, German and English', () => {
    const known = (headers: string[]) => Object.fromEntries(Object.entries(proposeMapping(headers)).filter(([, v]) => v !== 'extra'));
    // Google Forms: the timestamp stays an extra field, the collected address is the e-mail ("Email address" in newer sheets).
    expect(known(['Zeitstempel', 'E-Mail-Adresse', 'Punkte', 'Vorname', 'Nachname'])).toEqual({ 'E-Mail-Adresse': 'email', Vorname: 'firstName', Nachname: 'lastName' });
    expect(known(['Timestamp', 'Email address', 'Score', 'Your name'])).toEqual({ 'Email address': 'email', 'Your name': 'fullName' });
    // One column for the whole name, as forms and lists kept by hand name it.
    for (const h of ['Name, Vorname', 'Vorname Nachname', 'Dein Name']) expect(known([h, 'E-Mail'])).toEqual({ [h]: 'fullName', 'E-Mail': 'email' });
    // Microsoft Forms: its response id, the respondent's account and name.
    expect(known(['ID', 'Startzeit', 'Fertigstellungszeit', 'E-Mail', 'Name'])).toEqual({ ID: 'sourceId', 'E-Mail': 'email', Name: 'fullName' });
    expect(known(['Id', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time'])).toEqual({ Id: 'sourceId', Email: 'email', Name: 'fullName' });
    // LimeSurvey with full headers (German, English) and with question codes, participant fields joined.
    expect(known(['Antwort ID', 'Datum Abgeschickt', 'Letzte Seite', 'Start-Sprache', 'Zufallsstartwert', 'Vorname', 'Nachname', 'E-Mail']))
      .toEqual({ 'Antwort ID': 'sourceId', Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email' });
    expect(known(['Response ID', 'Date submitted', 'Last page', 'Start language', 'Seed'])).toEqual({ 'Response ID': 'sourceId' });
    expect(known(['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'token', 'firstname', 'lastname', 'email']))
      .toEqual({ id: 'sourceId', firstname: 'firstName', lastname: 'lastName', email: 'email' });
  });

  it('ti.to ("Ticket Full Name", "Ticket Company Name"), and an organisation\'s name asked for by a form', () => {
    expect(proposeMapping(['Order Company Name', 'Ticket Full Name', 'Ticket Email', 'Ticket Company Name'])).toEqual({
      'Ticket Full Name': 'fullName', 'Ticket Email': 'email', 'Ticket Company Name': 'organisation', 'Order Company Name': 'extra',
    });
    for (const h of ['Firmenname', 'Name der Organisation', 'Company name']) expect(proposeMapping(['Name', h])).toEqual({ Name: 'fullName', [h]: 'organisation' });
    // "Vorname" and "Name", as paper forms and German form tools have them: "Name" is the surname there; beside a
    // column of surnames a whole name is kept as an extra field (it would only be read where both are empty).
    expect(proposeMapping(['Vorname', 'Name'])).toEqual({ Vorname: 'firstName', Name: 'lastName' });
    expect(proposeMapping(['Name', 'Vorname', 'E-Mail'])).toEqual({ Name: 'lastName', Vorname: 'firstName', 'E-Mail': 'email' });
    expect(proposeMapping(['Nachname', 'Name'])).toEqual({ Nachname: 'lastName', Name: 'extra' });
    expect(proposeMapping(['Vorname', 'Nachname', 'Name'])).toEqual({ Vorname: 'firstName', Nachname: 'lastName', Name: 'extra' });
  });

  it('a German form tool and a JSON API', async () => {
    expect(await mapped('formular-windows-1252.csv')).toEqual({
      Nr: 'sourceId', Vorname: 'firstName', Nachname: 'lastName', 'E-Mail': 'email', Organisation: 'organisation', Ort: 'town',
      Bundesland: 'federalState', Bereich: 'sector', Tage: 'days', Workshop: 'sessions', Stadtrundgang: 'walks', Anmerkungen: 'notes',
    });
    expect(await mapped('api-registrations.json')).toEqual({
      id: 'sourceId', code: 'code', first_name: 'firstName', last_name: 'lastName', email: 'email', organisation: 'organisation',
      town: 'town', status: 'status', sessions: 'sessions',
    });
  });

  it('the APIs of pretix (order positions) and Eventbrite (attendees), as JSON', async () => {
    const apiMapping = async (answer: unknown) => {
      const t = await readTable(Buffer.from(JSON.stringify(answer)), 'api.json');
      return Object.fromEntries(Object.entries(proposeMapping(t.headers)).filter(([, v]) => v !== 'extra'));
    };
    const pretix = {
      count: 1, next: null, previous: null,
      results: [{
        id: 23442, order: 'ABC12', positionid: 1, item: 1345, price: '23.00', attendee_name: 'Peter Müller',
        attendee_name_parts: { _scheme: 'given_family', given_name: 'Peter', family_name: 'Müller' }, attendee_email: 'peter@example.org',
        company: 'Stadt Weißenfels', city: 'Weißenfels', country: 'DE', secret: 'z3fsn8jyufm5kpk768q69gkbyr5f4h6w', addon_to: null,
        checkins: [{ list: 44, datetime: '2023-10-18T08:10:00Z', type: 'entry' }],
        answers: [{ question: 12, question_identifier: 'stadtrundgang', answer: 'Altstadt', options: [3] }],
      }],
    };
    expect(await apiMapping(pretix)).toEqual({
      id: 'sourceId', 'attendee_name_parts.given_name': 'firstName', 'attendee_name_parts.family_name': 'lastName',
      attendee_email: 'email', company: 'organisation', city: 'town', secret: 'code', 'answers.stadtrundgang': 'walks',
    });
    const eventbrite = {
      pagination: { object_count: 1, page_number: 1, page_size: 50, page_count: 1, has_more_items: false },
      attendees: [{
        id: '1234567890', status: 'Attending', cancelled: false, ticket_class_name: 'Tagungsticket',
        profile: { first_name: 'Heike', last_name: 'Schäfer', email: 'heike@example.org', company: 'Landkreis', job_title: 'Referentin',
          addresses: { work: { city: 'Naumburg', region: 'ST' } } },
        barcodes: [{ barcode: '1234567890123456789001', status: 'unused' }],
        answers: [{ question: 'Welchen Workshop möchten Sie besuchen?', question_id: '1', type: 'multiple_choice', answer: 'Workshop A' }],
      }],
    };
    expect(await apiMapping(eventbrite)).toEqual({
      id: 'sourceId', status: 'status', 'profile.first_name': 'firstName', 'profile.last_name': 'lastName', 'profile.email': 'email',
      'profile.company': 'organisation', 'profile.addresses.work.city': 'town', 'profile.addresses.work.region': 'federalState',
      'barcodes.barcode': 'code', 'answers.Welchen Workshop möchten Sie besuchen?': 'sessions',
    });
  });

  it('a JSON export with the name, contact and address in objects: each column by its last key ("name.vorname" is the first name)', async () => {
    expect(await mapped('export-verschachtelt.json')).toEqual({
      id: 'sourceId', 'name.vorname': 'firstName', 'name.nachname': 'lastName', 'kontakt.email': 'email', organisation: 'organisation',
      'adresse.ort': 'town', tage: 'days', 'stadtrundgang.name': 'walks', stadtrundgang: 'walks',
    });
  });

  it('a full name beside a column of first or last names is left as an extra field: it would be read only where both are empty', () => {
    expect(proposeMapping(['Name, Vorname', 'Nachname', 'E-Mail'])).toEqual({ 'Name, Vorname': 'extra', Nachname: 'lastName', 'E-Mail': 'email' });
    expect(proposeMapping(['Teilnehmername', 'Vorname'])).toEqual({ Teilnehmername: 'extra', Vorname: 'firstName' });
    expect(proposeMapping(['Teilnehmername', 'Vorname', 'Nachname'])).toEqual({ Teilnehmername: 'extra', Vorname: 'firstName', Nachname: 'lastName' });
  });

  it('a key of an object that names a thing of it ("name", "id", "status") is read with the object', () => {
    const known = (headers: string[]) => Object.fromEntries(Object.entries(proposeMapping(headers)).filter(([, v]) => v !== 'extra'));
    // The person's own objects: their name and id.
    for (const h of ['person.name', 'teilnehmer.name', 'kontakt.name', 'attendee.name']) expect(known([h])).toEqual({ [h]: 'fullName' });
    expect(known(['person.id', 'person.vorname', 'person.nachname'])).toEqual({ 'person.id': 'sourceId', 'person.vorname': 'firstName', 'person.nachname': 'lastName' });
    // Another thing's name is no one's: an event's, a ticket type's; an organisation's is the organisation.
    expect(known(['event.name', 'ticket_typ.name', 'organisation.name'])).toEqual({ 'organisation.name': 'organisation' });
    // A walk's or session's name is the walk or session; its number is not.
    expect(known(['stadtrundgang.id', 'stadtrundgang.name', 'workshop.id', 'workshop.titel'])).toEqual({ 'stadtrundgang.name': 'walks', 'workshop.titel': 'sessions' });
    // A ticket's status is not the registration's, nor beside it; the invoice's name is the buyer's.
    expect(known(['status', 'barcodes.status'])).toEqual({ status: 'status' });
    expect(known(['barcodes.status'])).toEqual({});
    expect(known(['rechnung.vorname', 'rechnung.nachname', 'name.vorname', 'name.nachname', 'rechnung.email', 'kontakt.email'])).toEqual({
      'name.vorname': 'firstName', 'name.nachname': 'lastName', 'kontakt.email': 'email',
    });
    // A top-level column wins over one of the same name in an object, whatever their order.
    expect(known(['kontakt.email', 'email'])).toEqual({ email: 'email' });
  });

  it('column names with a dot that are no JSON path keep their meaning', () => {
    const known = (headers: string[]) => Object.fromEntries(Object.entries(proposeMapping(headers)).filter(([, v]) => v !== 'extra'));
    expect(known(['Nr.', 'Name, Vorname', 'E-Mail-Adr.', 'Barcode-Nr.', 'Tel.Nr', 'Geb.Datum', 'Geb.-Datum', 'lfd. Nr.', 'Bes. Bedürfnisse'])).toEqual({
      'Nr.': 'sourceId', 'Name, Vorname': 'fullName', 'Barcode-Nr.': 'code',
    });
    expect(known(['Teiln.-Nr.', 'Altstadt u. Schloss', 'Anm.Workshop', 'Mi 18.10.'])).toEqual({ 'Anm.Workshop': 'sessions' });
  });

  it('a saved mapping is kept for the next file of the source; new columns are proposed without taking a used field', () => {
    const saved = { Nummer: 'sourceId', Name: 'fullName', Mail: 'ignore' } as const;
    expect(mergeMapping(['Nummer', 'Name', 'Mail', 'ID', 'Stadt'], saved)).toEqual({
      Nummer: 'sourceId', Name: 'fullName', Mail: 'ignore', ID: 'extra', Stadt: 'town',
    });
  });
});

describe('cell values', () => {
  const days = [{ date: '2023-10-18', label: 'Tag 1 · Mittwoch, 18.10.2023' }, { date: '2023-10-19', label: 'Tag 2 · Donnerstag, 19.10.2023' }];

  it.each([
    ['18.10.2023', ['2023-10-18']], ['19.10.23', ['2023-10-19']], ['18.10.', ['2023-10-18']], ['2023-10-19', ['2023-10-19']],
    ['Tag 2', ['2023-10-19']], ['Day 1', ['2023-10-18']], ['Mittwoch', ['2023-10-18']], ['beide Tage', ['2023-10-18', '2023-10-19']],
    ['31.02.2023', null], ['morgen', null], ['Freitag', null],
  ])('day %s → %j', (token, expected) => {
    expect(parseDay(token, days)).toEqual(expected);
  });

  it.each([
    ['bezahlt', 'registered'], ['p', 'registered'], ['Attending', 'registered'], ['', 'registered'],
    ['storniert', 'cancelled'], ['Canceled', 'cancelled'], ['c', 'cancelled'], ['Not Attending', 'cancelled'], ['erstattet', 'cancelled'],
    // pretix's statuses as its order data export writes them, German and English; Eventbrite's German attendee report.
    ['ausstehend (bestätigt)', 'registered'], ['pending (confirmed)', 'registered'],
    // Waiting for the organiser's approval: no status of its own (read as registered, with approvalPending).
    ['Freigabe ausstehend', null], ['approval pending', null],
    // Not paid yet (pretix's plain "pending"): read as registered, with the warning unpaid (QA16 M3).
    ['pending', null], ['ausstehend', null], ['Zahlung ausstehend', null],
    // Eventbrite: moved to another ticket type or event, where the attendee is a new record (QA16 M3).
    ['Transferred', 'cancelled'],
    ['storniert (bezahlte Gebühr)', 'cancelled'], ['canceled (paid fee)', 'cancelled'], ['Nimmt teil', 'registered'], ['Nimmt nicht teil', 'cancelled'],
    ['vielleicht', null],
  ])('status %s → %s', (cell, expected) => {
    expect(parseStatus(cell)).toBe(expected);
  });

  it('full names', () => {
    expect(splitFullName('Müller, Jürgen')).toEqual({ firstName: 'Jürgen', lastName: 'Müller' });
    expect(splitFullName('Dr. Anna  Maria Schmidt')).toEqual({ firstName: 'Dr. Anna Maria', lastName: 'Schmidt' });
    expect(splitFullName('Cher')).toEqual({ firstName: '', lastName: 'Cher' });
  });

  it('sessions and walks by name, umlaut-insensitive, by a unique part, or by id; commas inside names survive', () => {
    const lists = [
      { id: 's1', kind: 'session' as const, name: 'Workshop A: Migration und Teilhabe' },
      { id: 's2', kind: 'session' as const, name: 'Workshop B: Strukturwandel, Energiewende' },
      { id: 'w1', kind: 'walk' as const, name: 'Stadtrundgang Altstadt' },
      { id: 'w2', kind: 'walk' as const, name: 'Stadtrundgang Neustadt' },
    ];
    const sessions = new ListResolver(lists, 'session');
    const walks = new ListResolver(lists, 'walk');
    expect(sessions.resolveCell(['workshop a: migration und teilhabe'])).toEqual({ lists: [lists[0]], unknown: [] });
    expect(sessions.resolveCell(['Workshop B: Strukturwandel, Energiewende', 'keine'])).toEqual({ lists: [lists[1]], unknown: [] });
    expect(walks.resolveCell(['ALTSTADT', 'w2', 'Töpferkurs'])).toEqual({ lists: [lists[2], lists[3]], unknown: ['Töpferkurs'] });
    expect(walks.resolveCell(['Stadtrundgang'])).toEqual({ lists: [], unknown: ['Stadtrundgang'] });
  });

  it('a cell of options joined with ", " (Google Forms) reads every one, also where one is written in full and another shorter (QA16 H1)', () => {
    const lists = [
      { id: 'f1', kind: 'session' as const, name: 'Fachforum 1: Migration und Inklusion – Ankommen und Zusammenleben vor Ort' },
      { id: 'f2', kind: 'session' as const, name: 'Fachforum 2: Strukturwandel und Energiewende – Konflikte um Fläche, Arbeit und Zukunft' },
      { id: 'f3', kind: 'session' as const, name: 'Fachforum 3: Sicherheit und sozialer Zusammenhalt' },
      { id: 'f4', kind: 'session' as const, name: 'Fachforum 4: Demokratische Beteiligung – auch wenn es schwierig wird' },
    ];
    const sessions = new ListResolver(lists, 'session');
    const ids = (cell: string) => sessions.resolveCell([cell]).lists.map((l) => l.id);
    expect(ids('Fachforum 1: Migration und Inklusion, Fachforum 3: Sicherheit und sozialer Zusammenhalt')).toEqual(['f1', 'f3']);
    expect(ids('Fachforum 3: Sicherheit und sozialer Zusammenhalt, Fachforum 1: Migration und Inklusion')).toEqual(['f3', 'f1']);
    // A name with a comma in it, alone or beside another: one list each.
    expect(ids('Fachforum 2: Strukturwandel und Energiewende – Konflikte um Fläche, Arbeit und Zukunft')).toEqual(['f2']);
    expect(ids('Fachforum 2: Strukturwandel und Energiewende – Konflikte um Fläche, Arbeit und Zukunft, Fachforum 4: Demokratische Beteiligung – auch wenn es schwierig wird'))
      .toEqual(['f2', 'f4']);
    // Beside something that is no list, the cell is said as not understood rather than read as the one list in it.
    expect(sessions.resolveCell(['Fachforum 1: Migration und Inklusion, Töpferkurs'])).toEqual({ lists: [], unknown: ['Fachforum 1: Migration und Inklusion, Töpferkurs'] });
  });
});

describe('columns of marks, as lists kept by hand in Excel have them (one column per day, workshop or walk)', () => {
  const days = [{ date: '2023-10-18', label: 'Tag 1 – Mittwoch, 18.10.2023' }, { date: '2023-10-19', label: 'Tag 2 – Donnerstag, 19.10.2023' }];
  const lists = [
    { id: 'f1', kind: 'session' as const, name: 'Fachforum 1: Migration und Inklusion' },
    { id: 'f2', kind: 'session' as const, name: 'Fachforum 2: Strukturwandel und Energiewende' },
    { id: 'w1', kind: 'walk' as const, name: 'Stadtrundgang: Altstadt und Schloss Neu-Augustusburg' },
    { id: 'w2', kind: 'walk' as const, name: 'Stadtrundgang: Engagement im Quartier' },
  ];

  it.each([
    ['x', true], [' X ', true], ['✓', true], ['✔', true], ['ja', true], ['Ja', true], ['1', true], ['WAHR', true], ['TRUE', true], ['yes', true],
    ['', false], ['nein', false], ['0', false], ['FALSCH', false], ['false', false], ['-', false], ['–', false],
    ['Altstadt', null], ['18.10.2023', null], ['2', null], ['vielleicht', null],
  ])('mark %j → %j', (cell, expected) => {
    expect(parseMark(cell)).toBe(expected);
  });

  it.each([
    ['18.10.2023', '2023-10-18'], ['Mi 18.10.', '2023-10-18'], ['Teilnahme am 19.10.', '2023-10-19'], ['Tag 2', '2023-10-19'],
    ['Donnerstag', '2023-10-19'], ['Teilnahme Mittwoch', '2023-10-18'], ['Tag 1 – Mittwoch, 18.10.2023', '2023-10-18'],
    ['Tage', null], ['beide Tage', null], ['20.10.2023', null], ['Anmeldedatum', null], ['Tag 3', null], ['Was do you do', null],
  ])('header %j names the day %j', (header, expected) => {
    expect(dayOfHeader(header, days)).toBe(expected);
  });

  it.each([
    ['18.10.2023', '2023-10-18'], ['Mi 18.10.', '2023-10-18'], ['Teilnahme am 19.10.', '2023-10-19'], ['Tag 2', '2023-10-19'],
    ['Tag 2 (Donnerstag)', '2023-10-19'], ['Tag 1 – Mittwoch, 18.10.2023', '2023-10-18'], ['An welchen Tagen nehmen Sie teil? – Mittwoch', '2023-10-18'],
    ['Übernachtung 18.10.', null], ['Anreise am Mittwoch?', null], ['Abendessen Tag 1', null], ['Zimmer? – Mittwoch', null],
  ])('a column named %j is proposed as the day %j', (header, expected) => {
    expect(dayColumnName(header, days)).toBe(expected);
  });

  it('a header names a session or walk by its name or a unique part, with or without the kind in front; the kind alone names none', () => {
    const sessions = new ListResolver(lists, 'session');
    const walks = new ListResolver(lists, 'walk');
    expect(listOfHeader('Fachforum 1', sessions)?.id).toBe('f1');
    expect(listOfHeader('Forum: Strukturwandel', sessions)?.id).toBe('f2');
    expect(listOfHeader('Altstadt und Schloss', walks)?.id).toBe('w1');
    expect(listOfHeader('Stadtrundgang – Engagement im Quartier', walks)?.id).toBe('w2');
    // pretix: a multiple-choice question as a column per option, "Ja"/"Nein" in it.
    expect(listOfHeader('Welchen Stadtrundgang möchten Sie besuchen? – Altstadt und Schloss', walks)?.id).toBe('w1');
    expect(listOfHeader('Welche Foren? – Fachforum 2', sessions)?.id).toBe('f2');
    expect(listOfHeader('Welchen Stadtrundgang möchten Sie besuchen? – Keiner', walks)).toBeNull();
    for (const generic of ['Stadtrundgang', 'Stadtrundgänge', 'Fachforen', 'Workshops']) {
      expect(listOfHeader(generic, walks), generic).toBeNull();
      expect(listOfHeader(generic, sessions), generic).toBeNull();
    }
    expect(listOfHeader('Fachforum', sessions)).toBeNull();
    expect(listOfHeader('Töpferkurs', sessions)).toBeNull();
    // A programme whose one workshop is called just that: the word names it, whatever the spelling of the header.
    const one = new ListResolver([...lists, { id: 'ws', name: 'Workshop', kind: 'session' }], 'session');
    expect(listOfHeader('Workshop', one)?.id).toBe('ws');
    expect(listOfHeader(' workshop ', one)?.id).toBe('ws');
    expect(listOfHeader('Workshops', one)).toBeNull();
  });

  it('the proposed mapping takes columns named after the event\'s days, sessions and walks, and "Storniert" as the status', () => {
    const headers = ['Nr.', 'Vorname', 'Nachname', 'Mi 18.10.', 'Tag 2', 'Fachforum 1', 'Fachforum 2', 'Altstadt und Schloss', 'Engagement im Quartier', 'Storniert', 'Newsletter'];
    expect(proposeMapping(headers, { days, lists })).toEqual({
      'Nr.': 'sourceId', Vorname: 'firstName', Nachname: 'lastName', 'Mi 18.10.': 'days', 'Tag 2': 'days', 'Fachforum 1': 'sessions',
      'Fachforum 2': 'sessions', 'Altstadt und Schloss': 'walks', 'Engagement im Quartier': 'walks', Storniert: 'status', Newsletter: 'extra',
    });
    // Loaded before the programme was set up, the columns were kept as extra fields; now they are the marks they are.
    const saved = proposeMapping(headers);
    expect(mergeMapping(headers, { ...saved, Newsletter: 'ignore' }, { days, lists })).toMatchObject({
      'Mi 18.10.': 'days', 'Altstadt und Schloss': 'walks', 'Engagement im Quartier': 'walks', Newsletter: 'ignore', Storniert: 'status',
    });
    // Without the programme, only what the names say.
    expect(proposeMapping(headers)).toMatchObject({ 'Mi 18.10.': 'extra', 'Altstadt und Schloss': 'extra', 'Fachforum 1': 'sessions' });
  });
});

describe('number formats of percentages and money', () => {
  it.each([
    ['0%', 0.5, '50%'], ['0.00%', 0.125, '12,50%'], ['0.0\\ %', 0.3333, '33,3 %'], ['#,##0.00\\ "€"', 1234567.891, '1.234.567,89 €'],
    ['[$€-407]\\ #,##0.00', -3, '-€ 3,00'], ['#,##0 [$EUR]', 1500, '1.500 EUR'], ['"CHF" 0.00', 7, 'CHF 7,00'],
    ['_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-', 0.004, '0,00 €'], ['[Red]0.00" €"', 1, '1,00 €'],
  ])('%s shows %d as %s', (code, n, shown) => {
    expect(showNumber(n, shownNumberOf(200, code)!)).toBe(shown);
  });

  it('other formats are not these: ids, counts, dates, text', () => {
    for (const code of ['0', '00000', '#,##0', 'General', '@', 'dd.mm.yyyy', '0.00', '"Nr. "0']) expect(shownNumberOf(200, code), code).toBeNull();
    expect(shownNumberOf(9, undefined)).toMatchObject({ percent: true, decimals: 0 });
    expect(shownNumberOf(1, undefined)).toBeNull();
  });
});


describe('a column of days found by its first rows', () => {
  const days = [{ date: '2023-10-18', label: 'Tag 1 – Mittwoch, 18.10.2023' }, { date: '2023-10-19', label: 'Tag 2 – Donnerstag, 19.10.2023' }];
  const headers = ['Nr.', 'Vorname', 'Nachname', 'Teilnahme', 'Anreisedatum', 'Bemerkung'];
  const rows = (cells: string[][]) => cells.map((c) => ({ cells: c }));

  it('a form\'s "Teilnahme" with "beide Tage" and dates of the event is the days column', () => {
    const sample = rows([['1', 'Anna', 'Schmidt', 'beide Tage', '17.10.2023', ''], ['2', 'Bernd', 'Becker', '18.10.2023', '', ''], ['3', 'Clara', 'Fuchs', 'Tag 2; Tag 1', '', '']]);
    const proposed = proposeFromSample(proposeMapping(headers), headers, sample, days);
    expect(proposed).toMatchObject({ Teilnahme: 'days', Anreisedatum: 'extra', Bemerkung: 'notes' });
  });

  it('not when the column says something else, a day is not the event\'s, there is a days column already, or one day only', () => {
    const yesNo = rows([['1', 'A', 'S', 'ja', '', ''], ['2', 'B', 'B', 'nein', '', '']]);
    expect(proposeFromSample(proposeMapping(headers), headers, yesNo, days).Teilnahme).toBe('extra');
    const otherDay = rows([['1', 'A', 'S', '18.10.2023', '', ''], ['2', 'B', 'B', '20.10.2023', '', '']]);
    expect(proposeFromSample(proposeMapping(headers), headers, otherDay, days).Teilnahme).toBe('extra');
    // "Anreisedatum" (the day of arrival) holds days of the event, but is no question about the days someone comes.
    const dates = rows([['1', 'A', 'S', '', '18.10.2023', ''], ['2', 'B', 'B', '', '19.10.2023', '']]);
    expect(proposeFromSample(proposeMapping(headers), headers, dates, days)).toMatchObject({ Anreisedatum: 'extra' });
    const withDays = ['Nr.', 'Vorname', 'Nachname', 'Tage', 'Teilnahme'];
    const both = rows([['1', 'A', 'S', '18.10.2023', '18.10.2023'], ['2', 'B', 'B', '19.10.2023', 'beide Tage']]);
    expect(proposeFromSample(proposeMapping(withDays), withDays, both, days)).toMatchObject({ Tage: 'days', Teilnahme: 'extra' });
    const sample = rows([['1', 'A', 'S', 'beide Tage', '', ''], ['2', 'B', 'B', '18.10.2023', '', '']]);
    expect(proposeFromSample(proposeMapping(headers), headers, sample, days.slice(0, 1)).Teilnahme).toBe('extra');
  });
});

describe('form tools and registration systems as they really write their columns (QA16)', () => {
  it('Gravity Forms names a name field\'s parts in brackets: first and last name, not a column of full names; title and middle name stay extra', () => {
    expect(proposeMapping(['Name (Anrede)', 'Name (Vorname)', 'Name (Nachname)', 'E-Mail', 'Eintrags-ID'])).toEqual({
      'Name (Anrede)': 'extra', 'Name (Vorname)': 'firstName', 'Name (Nachname)': 'lastName', 'E-Mail': 'email', 'Eintrags-ID': 'sourceId',
    });
    expect(proposeMapping(['Name (Prefix)', 'Name (First)', 'Name (Middle)', 'Name (Last)', 'Name (Suffix)', 'Email', 'Entry Id'])).toMatchObject({
      'Name (Prefix)': 'extra', 'Name (First)': 'firstName', 'Name (Middle)': 'extra', 'Name (Last)': 'lastName', 'Name (Suffix)': 'extra', Email: 'email',
      'Entry Id': 'sourceId',
    });
    expect(proposeMapping(['Ihr Name (Vorname)', 'Ihr Name (Nachname)'])).toEqual({ 'Ihr Name (Vorname)': 'firstName', 'Ihr Name (Nachname)': 'lastName' });
    // Brackets that say something else are read as before.
    expect(proposeMapping(['Vorname (Pflichtfeld)', 'Nachname', 'E-Mail (dienstlich)'])).toEqual({ 'Vorname (Pflichtfeld)': 'firstName', Nachname: 'lastName', 'E-Mail (dienstlich)': 'email' });
  });

  it('questions of a form about days, sessions, walks, organisation and needs are those fields; a walk-in column is no walk', () => {
    const headers = ['Zeitstempel', 'E-Mail-Adresse', 'Vorname', 'Nachname', 'Organisation / Kommune', 'An welchen Tagen nehmen Sie teil?',
      'Welche Programmpunkte möchten Sie besuchen?', 'Which walk?', 'Haben Sie besondere Bedürfnisse (z. B. Barrierefreiheit)?', 'Walk-in'];
    expect(proposeMapping(headers)).toEqual({
      Zeitstempel: 'extra', 'E-Mail-Adresse': 'email', Vorname: 'firstName', Nachname: 'lastName', 'Organisation / Kommune': 'organisation',
      'An welchen Tagen nehmen Sie teil?': 'days', 'Welche Programmpunkte möchten Sie besuchen?': 'sessions', 'Which walk?': 'walks',
      'Haben Sie besondere Bedürfnisse (z. B. Barrierefreiheit)?': 'notes', 'Walk-in': 'extra',
    });
    // Beside a column of notes proper, the question stays an extra field.
    expect(proposeMapping(['Name', 'Anmerkungen', 'Besondere Bedürfnisse?'])).toMatchObject({ Anmerkungen: 'notes', 'Besondere Bedürfnisse?': 'extra' });
  });

  it('ti.to\'s "Void Status" is the status', () => {
    expect(proposeMapping(['Ticket First Name', 'Ticket Last Name', 'Void Status'])).toMatchObject({ 'Void Status': 'status' });
  });

  it('an empty proposed column gives way to a filled one named like it: pretix\'s address "State" beside the question "Bundesland"', () => {
    const headers = ['Attendee name: Given name', 'Attendee name: Family name', 'State', 'Federal state (Bundesland)', 'Company'];
    const rows = [{ cells: ['Ines', 'Vogt', '', 'Sachsen-Anhalt', 'Stadt Zeitz'] }, { cells: ['Tom', 'Keller', '–', 'Thüringen', ''] }];
    expect(proposeMapping(headers)).toMatchObject({ State: 'federalState', 'Federal state (Bundesland)': 'extra' });
    expect(proposeFromSample(proposeMapping(headers), headers, rows, [])).toMatchObject({ State: 'extra', 'Federal state (Bundesland)': 'federalState', Company: 'organisation' });
    // A filled proposed column stays, and so does an empty one with nothing better beside it.
    const filled = [{ cells: ['Ines', 'Vogt', 'Saxony-Anhalt', 'Sachsen-Anhalt', ''] }];
    expect(proposeFromSample(proposeMapping(headers), headers, filled, [])).toMatchObject({ State: 'federalState' });
    expect(proposeFromSample(proposeMapping(headers), headers, rows, [])).toMatchObject({ Company: 'organisation' });
  });
});

describe('file names of one list downloaded again', () => {
  it('are the same but for dates, times and counts; other words make another name', () => {
    expect(sameNameStem('report-2023-10-01T0930.csv', 'report-2023-10-05T1412.csv')).toBe(true);
    expect(sameNameStem('Anmeldung Partnerfachtagung(1-3).xlsx', 'Anmeldung Partnerfachtagung(1-4).xlsx')).toBe(true);
    expect(sameNameStem('C:\\Downloads\\anmeldungen (2).csv', 'anmeldungen.csv')).toBe(true);
    expect(sameNameStem('anmeldungen-stand-oktober.csv', 'anmeldungen.csv')).toBe(false);
    expect(sameNameStem('warteliste_2023-10-05.csv', 'anmeldungen_2023-10-05.csv')).toBe(false);
    // Nothing left but numbers: no name to compare.
    expect(sameNameStem('2023-10-05.csv', '2023-10-06.csv')).toBe(false);
  });
});
