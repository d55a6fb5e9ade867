import type { Mapping, MappingTarget, SyncField } from './fields';
import { normaliseHeader } from './header-name';
import { CANCEL_HEADERS, dayColumnName, listOfHeader } from './mark-columns';
import { dayTokens, ListResolver, parseDay, splitMulti, type EventDay, type ListRef } from './values';

/**
 * Column names as the common registration systems export them, German and English: pretix (order data and
 * check-in list exports), Eventbrite (attendee report), and plain form tools. Compared after folding (case,
 * umlauts, punctuation, gender forms), so "E-Mail-Adresse", "e-mail adresse" and "EMailAdresse" are the same name,
 * and so are pretix's "E-Mail Teilnehmer*in" and "E-Mail Teilnehmer". pretix's German names are those of its 2026
 * translation ("Name Teilnehmer*in", "Ticket-Code", "Pseudonyme ID"; earlier versions: "Name des Teilnehmers"),
 * Eventbrite's German report says "Teilnehmernummer", "Barcode-Nr." and "Teilnehmerstatus".
 */
const EXACT: Record<SyncField, string[]> = {
  sourceId: ['id', 'anmelde id', 'anmeldungs id', 'anmeldung id', 'anmeldenummer', 'teilnehmer id', 'teilnehmenden id',
    'registration id', 'attendee', 'attendee id', 'attendee no', 'ticket id', 'lfd nr', 'laufende nummer', 'nr', 'nummer',
    'datensatz id', 'response id', 'antwort id', 'submission id', 'entry id', 'eintrags id', 'eintrag id', 'teilnehmernummer', 'teilnehmer nr', 'teilnehmernr',
    // pretix: a random id of each ticket that stays when its code is regenerated (the position id is only unique within an order).
    'pseudonyme id', 'pseudonymization id'],
  code: ['code', 'anmeldecode', 'ticketcode', 'ticket code', 'secret', 'ticket secret', 'barcode', 'qr code', 'qr',
    'barcode no', 'barcode nr', 'barcode nummer', 'buchungscode', 'registrierungscode', 'registration code', 'ticketnummer', 'ticket number', 'einlasscode', 'check in code'],
  fullName: ['name', 'full name', 'fullname', 'attendee name', 'teilnehmername', 'teilnehmer name', 'name teilnehmer', 'name des teilnehmers',
    'name der teilnehmerin', 'name des der teilnehmenden', 'vollstandiger name', 'vor und nachname', 'vor nachname', 'ihr name',
    'dein name', 'your name', 'name vorname', 'nachname vorname', 'vorname name', 'vorname nachname'],
  firstName: ['vorname', 'first name', 'firstname', 'given name', 'givenname', 'forename'],
  lastName: ['nachname', 'last name', 'lastname', 'family name', 'familyname', 'surname', 'familienname', 'zuname'],
  email: ['email', 'e mail', 'mail', 'email adresse', 'e mail adresse', 'email address', 'e mail address', 'attendee email',
    'e mail des teilnehmers', 'emailadresse', 'e mail teilnehmer', 'email teilnehmer'],
  organisation: ['organisation', 'organization', 'firma', 'company', 'unternehmen', 'institution', 'einrichtung', 'behorde',
    'kommune', 'arbeitgeber', 'organisation institution', 'institution organisation', 'dienststelle', 'verwaltung', 'verein', 'traeger', 'trager',
    'firmenname', 'organisationsname', 'name der organisation', 'name der einrichtung', 'name der institution'],
  town: ['ort', 'stadt', 'town', 'city', 'wohnort', 'stadt gemeinde', 'gemeinde', 'home city', 'work city', 'kommune ort', 'herkunft'],
  federalState: ['bundesland', 'federal state', 'state', 'region', 'state province', 'home state', 'work state', 'land bundesland', 'bundesstaat'],
  sector: ['sector', 'bereich', 'sektor', 'branche', 'tatigkeitsbereich', 'arbeitsbereich', 'handlungsfeld', 'zielgruppe', 'gruppe'],
  // The role at the event (Presse, Referent*in, Orgateam), shown at the desk; a job title ("Bürgermeisterin",
  // Eventbrite's "Job Title") is not one and stays an extra field.
  role: ['rolle', 'role', 'funktion', 'teilnahme als', 'teilnehmerart', 'teilnahmeart', 'rolle auf der veranstaltung'],
  notes: ['notes', 'note', 'anmerkungen', 'anmerkung', 'bemerkungen', 'bemerkung', 'hinweise', 'hinweis', 'kommentar', 'comment',
    'comments', 'notizen', 'notiz', 'besondere bedurfnisse', 'barrierefreiheit', 'check in hinweis', 'check in text'],
  // A column "Storniert" with an "x" for those who cancelled is a status column too (see mark-columns.ts).
  status: ['status', 'attendee status', 'anmeldestatus', 'order status', 'bestellstatus', 'teilnahmestatus', 'teilnehmerstatus',
    'registration status', 'void status', ...CANCEL_HEADERS],
  days: ['tage', 'days', 'tag', 'day', 'teilnahmetage', 'teilnahmetag', 'an welchen tagen', 'datum', 'dates', 'veranstaltungstage'],
  sessions: ['sessions', 'session', 'workshop', 'workshops', 'programmpunkte', 'programmpunkt', 'sitzungen', 'sitzung', 'foren',
    'forum', 'fachforum', 'fachforen', 'panel', 'panels', 'arbeitsgruppe', 'arbeitsgruppen', 'ag', 'gewahlte workshops', 'workshop wahl'],
  walks: ['stadtrundgang', 'stadtrundgange', 'rundgang', 'rundgange', 'walk', 'walks', 'city walk', 'city walks', 'exkursion',
    'exkursionen', 'stadtfuhrung', 'stadtfuhrungen', 'fuhrung'],
};

/** Endings of longer names: pretix writes "Attendee name: Given name", "Teilnehmername: Vorname". */
const SUFFIX: [RegExp, SyncField][] = [
  [/(given name|vorname|first name)$/, 'firstName'],
  [/(family name|nachname|last name|surname)$/, 'lastName'],
  [/(e ?mail|e ?mail adresse|email address)$/, 'email'],
  [/(company|firma|organisation|organization)( name)?$/, 'organisation'],
  // ti.to: "Ticket Full Name".
  [/\bfull name$/, 'fullName'],
  // Eventbrite's API: "barcodes.barcode", "profile.addresses.work.city".
  [/\bbarcode( no| nr)?$/, 'code'],
  [/\b(city|stadt)$/, 'town'],
];

/** Words anywhere in a question-like column ("Welchen Workshop möchten Sie besuchen?"). */
const CONTAINS: [RegExp, SyncField][] = [
  [/\b(stadtrundgang|stadtrundgange|rundgang|rundgange|city walk|city walks|walk(?! ?in\b)|walks|exkursion|exkursionen|stadtfuhrung|stadtfuhrungen)\b/, 'walks'],
  [/\b(workshop|workshops|session|sessions|forum|foren|fachforum|fachforen|programmpunkt|programmpunkte|arbeitsgruppe|arbeitsgruppen)\b/, 'sessions'],
  [/\b(bundesland)\b/, 'federalState'],
  // A form's question: "An welchen Tagen nehmen Sie teil?", "Which days will you attend?".
  [/\b(an welchen tagen|welche tage|which days)\b/, 'days'],
  // "Organisation / Kommune", "Institution bzw. Behörde": the first word says it.
  [/^(organisation|organization|institution|einrichtung|behorde|dienststelle)\b/, 'organisation'],
  [/\b(besondere bedurfnisse|barrierefreiheit|special needs|accessibility)\b/, 'notes'],
];


const EXACT_INDEX = new Map<string, SyncField>();
for (const [field, names] of Object.entries(EXACT) as [SyncField, string[]][]) for (const n of names) EXACT_INDEX.set(n, field);

/** A field and how sure the guess is: an exact name 10, an ending 6, a word within 3 (plus or minus a little). */
interface Scored {
  field: SyncField;
  score: number;
}

function score(header: string): Scored | null {
  const part = namePart(header);
  if (part !== undefined) return part;
  const path = pathOf(header);
  if (!path) return scoreName(normaliseHeader(header)) ?? withoutRemark(header);
  const whole = normaliseHeader(header);
  const leaf = normaliseHeader(path[path.length - 1]!);
  // "name.vorname", "kontakt.email", "adresse.ort": the last key says what it is ("name vorname" as a whole is a column
  // "Name, Vorname"). A key like "name", "id" or "status" names a thing of the object it is in ("stadtrundgang.name" is
  // the walk's, "barcodes.status" the ticket's), the person's only in an object of the person ("person.name").
  if (!OF_THE_OBJECT.has(leaf) || PERSON_OBJECT.test(normaliseHeader(path[path.length - 2]!))) {
    // The whole path for its words (an invoice's, an attendee's); one less than a column of the same name at the top.
    const s = scoreName(leaf, whole);
    if (s) return { field: s.field, score: s.score - 1 };
  }
  const s = scoreName(whole);
  // A walk's or session's number, status or date ("stadtrundgang.id") is not the walk: its name is.
  if (s && LISTS.has(s.field) && OF_THE_OBJECT.has(leaf) && !NAMING.has(leaf)) return null;
  return s;
}

/**
 * A name field's part as form plugins name it, in brackets after the field's label: Gravity Forms' "Name (Vorname)",
 * "Name (First)", "Name (Last)" ("Name vorname" would otherwise be a column of "Nachname, Vorname"). Its title,
 * prefix, middle name or suffix is no field of its own (null: kept as an extra field); undefined for any other header.
 */
function namePart(header: string): Scored | null | undefined {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(header);
  if (!m || !/\bname\b/.test(normaliseHeader(m[1]!))) return undefined;
  const part = normaliseHeader(m[2]!);
  if (/^(vorname|first|first name|given name|rufname)$/.test(part)) return { field: 'firstName', score: 10 };
  if (/^(nachname|last|last name|family name|surname|familienname)$/.test(part)) return { field: 'lastName', score: 10 };
  if (/^(anrede|prefix|titel|title|middle|zweiter vorname|suffix|namenszusatz)$/.test(part)) return null;
  return undefined;
}

/**
 * A name with a remark in brackets after it ("Vorname (Pflichtfeld)", "E-Mail (dienstlich)"), by the name before it,
 * a little less sure; the remark still counts for words such as "Rechnung".
 */
function withoutRemark(header: string): Scored | null {
  const m = /^(.*\S)\s*\([^()]*\)\s*$/.exec(header);
  const s = m ? scoreName(normaliseHeader(m[1]!), normaliseHeader(header)) : null;
  return s && { field: s.field, score: s.score - 1 };
}

/**
 * A column that JSON flattening named after the keys it is under ("name.vorname"): its keys, else null. A header of a
 * CSV with a dot in it has a space or nothing after it, or before it words with spaces ("Nr.", "Barcode-Nr.", "Mi 18.10.",
 * "Altstadt u. Schloss"); "Tel.Nr" reads as a path and means nothing either way.
 */
function pathOf(header: string): string[] | null {
  const parts = header.split('.');
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1]!;
  if (!/^[\p{L}\p{N}_]/u.test(last)) return null;
  return parts.slice(0, -1).every((p) => /^[\p{L}\p{N}_$@-]+$/u.test(p)) ? parts : null;
}

/** Keys that name something of the object they are in: its name, number, status, date, text. */
const OF_THE_OBJECT = new Set(['name', 'titel', 'title', 'bezeichnung', 'label', 'text', 'wert', 'value',
  'id', 'code', 'nr', 'no', 'nummer', 'number', 'status', 'datum', 'date', 'tag', 'day']);
/** Of those, the ones that say what the object is called. */
const NAMING = new Set(['name', 'titel', 'title', 'bezeichnung', 'label', 'text', 'wert', 'value']);
const LISTS: ReadonlySet<SyncField> = new Set(['walks', 'sessions', 'days']);

/** Objects of the person themselves (after normaliseHeader): "person.name" is their name, "teilnehmer.id" their id. */
const PERSON_OBJECT = /^(person|personal|personalien|pers(oe|o)nliche daten|teilnehm\w*|participant|attendee|profile?|profil|kontakt|contact|user|nutzer|benutzer)$/;

/** A column name (normalised) as a field; `context`, the whole path it is the last key of, for words such as "invoice". */
function scoreName(n: string, context = n): Scored | null {
  // Invoice addresses in pretix exports name the buyer, not the attendee; so does ti.to's "Order Company Name".
  const penalty = /\b(rechnung|invoice|billing|kaufer|buyer|order)\b/.test(context) ? 3 : 0;
  // pretix's check-in list has the order's comment and the text it shows at check-in: the latter is for the desk.
  const bonus = /\b(teilnehm|attendee)/.test(context) || /^check in (hinweis|text)$/.test(n) ? 1 : 0;
  // pretix's API has both "id" (its database number) and "pseudonymization_id" (the "Pseudonyme ID" of its CSV
  // exports): the latter, so a list first loaded as a CSV export and later from the API keeps its people.
  const stable = /^pseudonym/.test(n) ? 1 : 0;
  const exact = EXACT_INDEX.get(n);
  if (exact) return { field: exact, score: 10 + bonus + stable - penalty };
  for (const [re, field] of SUFFIX) if (re.test(n)) return { field, score: 6 + bonus - penalty };
  for (const [re, field] of CONTAINS) if (re.test(n)) return { field, score: 3 + bonus - penalty };
  return null;
}

/** The event's days and programme: a column named after one of them is a column of marks for it. */
export interface KnownProgramme {
  days: readonly EventDay[];
  lists: readonly ListRef[];
}

/** A column named after a day, session or walk of the event ("18.10.2023", "Tag 2", "Altstadt und Schloss"). */
function programmeColumns(known: KnownProgramme | undefined): (header: string) => { field: SyncField; score: number } | null {
  if (!known) return () => null;
  const walks = new ListResolver(known.lists, 'walk');
  const sessions = new ListResolver(known.lists, 'session');
  return (header) => {
    if (dayColumnName(header, known.days) !== null) return { field: 'days', score: 3 };
    if (listOfHeader(header, walks) !== null) return { field: 'walks', score: 3 };
    if (listOfHeader(header, sessions) !== null) return { field: 'sessions', score: 3 };
    return null;
  };
}

/** A "name" column beside one of first names, and none of last names: the surname ("Vorname; Name"). */
const SURNAME_BESIDE_FIRST = new Set(['name']);

/**
 * The mapping proposed for a new source: every recognised field goes to its best column (several columns for
 * the multi-valued ones), everything else is kept as an extra field. A full name is only used without a column of
 * first or of last names: a row's full name is read only where both are empty (incoming.ts), so beside a last name
 * it would look used and is not, and first names would go missing unnoticed.
 */
export function proposeMapping(headers: readonly string[], known?: KnownProgramme): Mapping {
  const mapping: Mapping = {};
  const best = new Map<SyncField, { header: string; score: number }>();
  const programmeColumn = programmeColumns(known);
  const scored = headers.map((h) => ({ header: h, s: score(h) ?? programmeColumn(h) }));
  for (const { header, s } of scored) {
    mapping[header] = 'extra';
    if (!s || s.score <= 0) continue;
    if (s.field === 'sessions' || s.field === 'walks' || s.field === 'days') {
      mapping[header] = s.field;
      continue;
    }
    const current = best.get(s.field);
    if (!current || s.score > current.score) best.set(s.field, { header, score: s.score });
  }
  for (const [field, { header }] of best) mapping[header] = field;
  const full = best.get('fullName');
  if (full && best.has('firstName') && !best.has('lastName') && SURNAME_BESIDE_FIRST.has(normaliseHeader(full.header))) {
    // "Vorname" and "Name" (a paper form's, a German form tool's): "Name" is the surname there.
    mapping[full.header] = 'lastName';
  } else if (full && (best.has('firstName') || best.has('lastName'))) mapping[full.header] = 'extra';
  return mapping;
}

/**
 * A saved mapping applied to this file's columns: known columns keep their meaning, new ones are proposed. A column
 * kept as an extra field that now names a day, session or walk of the event is that column of marks: lists are
 * often loaded before the programme is set up ("Altstadt und Schloss" with an "x" meant nothing then).
 */
export function mergeMapping(headers: readonly string[], saved: Mapping | null, known?: KnownProgramme): Mapping {
  const proposed = proposeMapping(headers, known);
  if (!saved) return proposed;
  const result: Mapping = {};
  const takenBySaved = new Set(headers.filter((h) => saved[h] !== undefined).map((h) => saved[h]));
  const programmeColumn = programmeColumns(known);
  for (const h of headers) {
    const keep = saved[h];
    if (keep === 'extra' && score(h) === null) result[h] = programmeColumn(h)?.field ?? keep;
    else if (keep !== undefined) result[h] = keep;
    else {
      const p: MappingTarget = proposed[h] ?? 'extra';
      result[h] = takenBySaved.has(p) && p !== 'sessions' && p !== 'walks' && p !== 'days' ? 'extra' : p;
    }
  }
  return result;
}

/** A new list's proposal, looking at its first rows as well as its column names (see preferAddresses, preferDays). */
export function proposeFromSample(mapping: Mapping, headers: readonly string[], sample: readonly { cells: readonly string[] }[], days: readonly EventDay[]): Mapping {
  return preferDays(preferFilled(preferAddresses(mapping, headers, sample), headers, sample), headers, sample, days);
}

/** Fields of one column that an empty proposed column gives up to a filled one named like it (see preferFilled). */
const ONE_COLUMN: readonly SyncField[] = ['firstName', 'lastName', 'fullName', 'email', 'organisation', 'town', 'federalState', 'sector', 'role', 'notes'];

/** A cell that says nothing: empty, or a dash for "none" (pretix writes "–" for an address part not asked). */
const says = (cell: string | undefined) => !/^[\s\-–—]*$/.test(cell ?? '');

/**
 * A proposed column whose first rows are all empty gives way to another column named like one of that field that
 * has values: pretix's order export has the address's "State" (empty for German addresses) beside the event's own
 * question "Bundesland".
 */
export function preferFilled(mapping: Mapping, headers: readonly string[], sample: readonly { cells: readonly string[] }[]): Mapping {
  if (sample.length === 0) return mapping;
  const filled = (i: number) => sample.some((r) => says(r.cells[i]));
  let result = mapping;
  for (const field of ONE_COLUMN) {
    const current = headers.findIndex((h) => result[h] === field);
    if (current < 0 || filled(current)) continue;
    const better = headers.findIndex((h, i) => result[h] === 'extra' && score(h)?.field === field && filled(i));
    if (better >= 0) result = { ...result, [headers[current]!]: 'extra', [headers[better]!]: field };
  }
  return result;
}

/** Words of a column's name that may be about which days someone comes ("Teilnahme", "Termin", "Anwesenheit"). */
const DAYS_WORDS = /\b(teilnahme\w*|tag|tage|tagen|datum|termin\w*|anwesenheit|zeitraum|wann|day|days|date|dates|attendance|attending)\b/;

/**
 * Without a column of days, one kept as an extra field whose name may be about days and whose first rows name only
 * days of the event ("beide Tage", "18.10.2023", "Tag 2; Tag 1") is that column: a form's "Teilnahme" question.
 * Events of one day have no days to choose.
 */
export function preferDays(mapping: Mapping, headers: readonly string[], sample: readonly { cells: readonly string[] }[], days: readonly EventDay[]): Mapping {
  if (days.length < 2 || headers.some((h) => mapping[h] === 'days')) return mapping;
  const known = new Set(days.map((d) => d.date));
  const namesDays = (cell: string) => splitMulti(cell).every((part) => dayTokens(part, days).every((p) => parseDay(p, days)?.every((d) => known.has(d)) === true));
  const column = headers.findIndex((h, i) => {
    if (mapping[h] !== 'extra' || !DAYS_WORDS.test(normaliseHeader(h))) return false;
    const filled = sample.map((r) => (r.cells[i] ?? '').trim()).filter(Boolean);
    return filled.length >= 2 && filled.every(namesDays);
  });
  return column < 0 ? mapping : { ...mapping, [headers[column]!]: 'days' };
}

/**
 * A proposed e-mail column whose first rows hold no address gives way to another column named like one that has
 * them: an anonymous Microsoft Forms form says "anonymous" in its own "E-Mail" column, beside the form's question
 * for the address.
 */
export function preferAddresses(mapping: Mapping, headers: readonly string[], sample: readonly { cells: readonly string[] }[]): Mapping {
  const addresses = (i: number) => sample.some((r) => (r.cells[i] ?? '').includes('@'));
  const current = headers.findIndex((h) => mapping[h] === 'email');
  if (current < 0 || addresses(current)) return mapping;
  const better = headers.findIndex((h, i) => mapping[h] === 'extra' && score(h)?.field === 'email' && addresses(i));
  return better < 0 ? mapping : { ...mapping, [headers[current]!]: 'extra', [headers[better]!]: 'email' };
}

