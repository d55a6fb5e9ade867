/**
 * Deterministic generator of a fully fictitious demo event (the K3B Partnerfachtagung 2023 in
 * Weißenfels). Used for demos, training of front-desk staff and tests, so the same seed must
 * always yield byte-identical output: all randomness comes from the seeded PRNG, and the PRNG is
 * consumed in a fixed order.
 */
import type { DemoEvent, DemoProgrammeItem, DemoRegistration, Sector } from './demo-types.js';
import { DOUBLE_NAME_PARTS, FIRST_NAMES, LAST_NAMES, PRIVATE_MAIL_DOMAINS, mailLocalPart } from './demo-names.js';
import { ORGANISATIONS, TOWN_STATES, organisationByKey, type DemoOrganisation } from './demo-organisations.js';
import { DAYS, DAY_1, DAY_2, EVENT_INFO, PROGRAMME } from './demo-programme.js';
import { SPEAKERS } from './demo-speakers.js';
import { chance, mulberry32, pick, pickWeighted, randInt, shuffle, type Rng } from './prng.js';

export type {
  DemoEvent, DemoProgrammeItem, DemoRegistration, FederalState, Sector, SessionFormat, SessionKind,
} from './demo-types.js';

export const DEFAULT_DEMO_SEED = 2023;
export const DEMO_REGISTRATION_COUNT = 200;
/** Crockford base32 without I, L, O, U: nothing that can be misread when typed from a printout. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
/** Organisers overbook walks slightly because some people always fail to turn up. */
export const WALK_OVERBOOKING = 2;

/** Relative popularity of the walks: the Altstadt walk fills first at every real conference. */
const WALK_POPULARITY: Readonly<Record<string, number>> = {
  'walk-altstadt': 1.6,
  'walk-industrie': 1.0,
  'walk-quartier': 0.9,
  'walk-ankommen': 0.8,
};

/** Front-desk notes, weighted by how often they show up in real registration exports. */
const NOTES: readonly { text: string; weight: number }[] = [
  { text: 'vegetarisch', weight: 8 },
  { text: 'vegan', weight: 4 },
  { text: 'glutenfrei', weight: 1 },
  { text: 'bitte Rechnung abholen', weight: 4 },
  { text: 'Teilnahmebescheinigung gewünscht', weight: 3 },
  { text: 'Rollstuhl – bitte Aufzug zeigen', weight: 1 },
  { text: 'kommt mit Assistenzperson (nicht angemeldet)', weight: 1 },
  { text: 'Tagungsbeitrag noch offen – bitte am Einlass kassieren', weight: 2 },
  { text: 'kommt am ersten Tag erst gegen 11:00 Uhr', weight: 2 },
  { text: 'Namensschild bitte ohne Titel', weight: 1 },
];

interface Person {
  firstName: string;
  lastName: string;
  org: DemoOrganisation;
  role: string | null;
  days: string[];
  notes: string | null;
  /** Only ordinary attendees choose sessions, may cancel, and are counted against capacities. */
  ordinary: boolean;
}

export function buildDemoEvent(seed: number = DEFAULT_DEMO_SEED): DemoEvent {
  const rng = mulberry32(seed);
  const usedNames: NameUsage = { full: new Set(), count: new Map() };
  const people: Person[] = [];

  for (const s of SPEAKERS) {
    markUsed(usedNames, s.firstName, s.lastName);
    people.push({
      firstName: s.firstName, lastName: s.lastName, org: organisationByKey(s.organisationKey),
      role: s.role, days: [...s.days], notes: null, ordinary: false,
    });
  }
  const k3b = organisationByKey('k3b');
  const press = organisationByKey('presse-sur');
  for (let i = 0; i < 2; i++) {
    people.push({ ...randomName(rng, usedNames), org: k3b, role: 'Organisationsteam', days: [DAY_1, DAY_2], notes: null, ordinary: false });
  }
  people.push({ ...randomName(rng, usedNames), org: press, role: 'Presse', days: [DAY_1], notes: 'Fotos nur nach Absprache mit dem Orgateam', ordinary: false });
  people.push({ ...randomName(rng, usedNames), org: press, role: 'Presse', days: [DAY_2], notes: null, ordinary: false });

  const weighted = ORGANISATIONS.filter((o) => o.weight > 0);
  while (people.length < DEMO_REGISTRATION_COUNT) {
    const org = pickWeighted(rng, weighted, (o) => o.weight);
    const dayRoll = rng();
    const days = dayRoll < 0.82 ? [DAY_1, DAY_2] : dayRoll < 0.94 ? [DAY_1] : [DAY_2];
    people.push({
      ...randomName(rng, usedNames), org,
      role: chance(rng, 0.92) ? 'Teilnehmer*in' : null,
      days,
      notes: chance(rng, 0.13) ? pickWeighted(rng, NOTES, (n) => n.weight).text : null,
      ordinary: true,
    });
  }

  // Shuffled so that speakers are not all at the top: list order stands for registration order.
  const ordered = shuffle(rng, people);

  const ordinaryIdx = ordered.map((p, i) => (p.ordinary ? i : -1)).filter((i) => i >= 0);
  const cancelled = new Set(shuffle(rng, ordinaryIdx).slice(0, randInt(rng, 5, 8)));

  const usedEmails = new Set<string>();
  const usedCodes = new Set<string>();
  const taken = new Map<string, number>();
  const registrations: DemoRegistration[] = ordered.map((p, i) => {
    const town = p.org.town;
    const federalState = TOWN_STATES[town];
    if (!federalState) throw new Error(`demo town without federal state: ${town}`);
    return {
      sourceId: `A-${String(i + 1).padStart(4, '0')}`,
      code: uniqueCode(rng, usedCodes),
      firstName: p.firstName,
      lastName: p.lastName,
      email: uniqueEmail(rng, p, usedEmails),
      organisation: p.org.name,
      town,
      federalState,
      sector: p.org.sector satisfies Sector,
      role: p.role,
      notes: p.notes,
      status: cancelled.has(i) ? 'cancelled' : 'registered',
      days: p.days,
      // First come, first served in registration order, which is how organisers allocate seats.
      // Cancelled people keep their former choices and still count, so limits hold either way.
      choices: p.ordinary ? allocateChoices(rng, p.days, taken) : [],
    };
  });

  return {
    event: { ...EVENT_INFO },
    days: DAYS.map((d) => ({ ...d })),
    programme: PROGRAMME.map((item) => ({ ...item })),
    registrations,
  };
}

interface NameUsage {
  full: Set<string>;
  count: Map<string, number>;
}

/**
 * Uniform picks look unnatural in a list of 200 (seven "von Ahlen"), so each name part is capped:
 * names with particles are rare in reality and appear at most once, others at most three times.
 */
function randomName(rng: Rng, used: NameUsage): { firstName: string; lastName: string } {
  const below = (part: string, max: number): boolean => (used.count.get(part) ?? 0) < max;
  for (;;) {
    const firstName = pick(rng, FIRST_NAMES);
    let lastName = pick(rng, LAST_NAMES);
    if (!below(firstName, 4) || !below(lastName, lastName.includes(' ') ? 1 : 3)) continue;
    if (!lastName.includes(' ') && chance(rng, 0.07)) {
      const second = pick(rng, [...LAST_NAMES.filter((n) => !n.includes(' ')), ...DOUBLE_NAME_PARTS]);
      if (second !== lastName) lastName = `${lastName}-${second}`;
    }
    const full = `${firstName} ${lastName}`;
    if (!used.full.has(full)) {
      markUsed(used, firstName, lastName);
      return { firstName, lastName };
    }
  }
}

function markUsed(used: NameUsage, firstName: string, lastName: string): void {
  used.full.add(`${firstName} ${lastName}`);
  for (const part of [firstName, ...lastName.split('-')]) used.count.set(part, (used.count.get(part) ?? 0) + 1);
}

/** Elected councillors and volunteers often register with a private address rather than a work one. */
function usesPrivateMail(rng: Rng, org: DemoOrganisation): boolean {
  if (org.sector === 'Politik') return chance(rng, 0.6);
  if (org.name.endsWith('e.V.')) return chance(rng, 0.2);
  return false;
}

function uniqueEmail(rng: Rng, p: Person, used: Set<string>): string {
  const first = mailLocalPart(p.firstName);
  const last = mailLocalPart(p.lastName);
  const privateMail = usesPrivateMail(rng, p.org);
  const domain = privateMail ? pick(rng, PRIVATE_MAIL_DOMAINS) : p.org.domain;
  const style = rng();
  let local = style < 0.72 ? `${first}.${last}` : style < 0.92 ? `${first.charAt(0)}.${last}` : `${first.charAt(0)}${last}`;
  if (privateMail && chance(rng, 0.4)) local += String(randInt(rng, 55, 99));
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
  used.add(email);
  return email;
}

function uniqueCode(rng: Rng, used: Set<string>): string {
  for (;;) {
    let raw = '';
    for (let i = 0; i < 8; i++) raw += CODE_ALPHABET.charAt(Math.floor(rng() * CODE_ALPHABET.length));
    const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

function limitOf(item: DemoProgrammeItem): number {
  const capacity = item.capacity ?? Number.POSITIVE_INFINITY;
  return item.kind === 'walk' ? capacity + WALK_OVERBOOKING : capacity;
}

/** Take the first preferred item in a slot that still has room; nothing if all are full. */
function takeFirstFree(rng: Rng, slot: readonly DemoProgrammeItem[], weight: (i: DemoProgrammeItem) => number, taken: Map<string, number>): string | null {
  const prefs: DemoProgrammeItem[] = [];
  let rest = slot.slice();
  while (rest.length > 0) {
    const next = pickWeighted(rng, rest, weight);
    prefs.push(next);
    rest = rest.filter((i) => i !== next);
  }
  for (const item of prefs) {
    const count = taken.get(item.key) ?? 0;
    if (count < limitOf(item)) {
      taken.set(item.key, count + 1);
      return item.key;
    }
  }
  return null;
}

const ASSIGNED = PROGRAMME.filter((i) => i.admission === 'assigned');
const WALKS = ASSIGNED.filter((i) => i.kind === 'walk');
const SLOT_DAY_1 = ASSIGNED.filter((i) => i.kind === 'session' && i.day === DAY_1);
const SLOT_DAY_2 = ASSIGNED.filter((i) => i.kind === 'session' && i.day === DAY_2);

function allocateChoices(rng: Rng, days: readonly string[], taken: Map<string, number>): string[] {
  const chosen: string[] = [];
  const even = (): number => 1;
  if (days.includes(DAY_1) && chance(rng, 0.8)) {
    const key = takeFirstFree(rng, SLOT_DAY_1, even, taken);
    if (key) chosen.push(key);
  }
  if (days.includes(DAY_1) && chance(rng, 0.7)) {
    const key = takeFirstFree(rng, WALKS, (w) => WALK_POPULARITY[w.key] ?? 1, taken);
    if (key) chosen.push(key);
  }
  if (days.includes(DAY_2) && chance(rng, 0.75)) {
    const key = takeFirstFree(rng, SLOT_DAY_2, even, taken);
    if (key) chosen.push(key);
  }
  const order = new Map(PROGRAMME.map((item, i) => [item.key, i] as const));
  return chosen.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}
