/**
 * Fictitious people who appear in the programme. They are also registered attendees, because
 * at a real conference speakers and guides go through the same entrance and must be found by
 * the front desk under exactly the name printed in the programme.
 */
export interface DemoSpeaker {
  key: string;
  firstName: string;
  lastName: string;
  /** Academic title for programme texts only; registration lists keep titles out of name fields. */
  title?: string;
  organisationKey: string;
  role: string;
  days: readonly ('2023-10-18' | '2023-10-19')[];
}

const BOTH = ['2023-10-18', '2023-10-19'] as const;
const DAY1 = ['2023-10-18'] as const;
const DAY2 = ['2023-10-19'] as const;

export const SPEAKERS: readonly DemoSpeaker[] = [
  { key: 'organiser', firstName: 'Jörg', lastName: 'Dreißig', organisationKey: 'k3b', role: 'Referent*in', days: BOTH },
  { key: 'moderation', firstName: 'Miriam', lastName: 'Schöndorf', organisationKey: 'moderation', role: 'Moderation', days: BOTH },
  { key: 'keynote', firstName: 'Carolin', lastName: 'Weißbach', title: 'Dr.', organisationKey: 'ikm', role: 'Referent*in', days: DAY1 },
  { key: 'impuls-praxis', firstName: 'Hans-Jürgen', lastName: 'Kößler', organisationKey: 'st-zeitz', role: 'Referent*in', days: DAY1 },
  { key: 'impuls-landkreis', firstName: 'Aylin', lastName: 'Demir-Hoffmann', organisationKey: 'lk-goerlitz', role: 'Referent*in', days: DAY1 },
  { key: 'impuls-forschung', firstName: 'Torsten', lastName: 'Meißner', title: 'Prof. Dr.', organisationKey: 'hs-merseburg', role: 'Referent*in', days: DAY1 },
  { key: 'forum-migration', firstName: 'Selin', lastName: 'Arslan-Bergmann', organisationKey: 'v-integration', role: 'Referent*in', days: BOTH },
  { key: 'forum-strukturwandel', firstName: 'Matthias', lastName: 'von der Heide', organisationKey: 'v-lausitz', role: 'Referent*in', days: BOTH },
  { key: 'forum-sicherheit', firstName: 'Ulrike', lastName: 'Großmann', organisationKey: 'st-halle', role: 'Referent*in', days: DAY1 },
  { key: 'forum-beteiligung', firstName: 'Benedikt', lastName: 'Schüßler', organisationKey: 'stf-zusammenhalt', role: 'Referent*in', days: DAY2 },
  { key: 'forum-rechtsextremismus', firstName: 'Katrin', lastName: 'Jäger-Öztürk', organisationKey: 'v-zivilcourage', role: 'Referent*in', days: BOTH },
  { key: 'workshop', firstName: 'Lena', lastName: 'Fröhlich', organisationKey: 'k3b', role: 'Referent*in', days: BOTH },
  { key: 'panel-land', firstName: 'Sabine', lastName: 'Lüdtke', organisationKey: 'mi-lsa', role: 'Referent*in', days: DAY2 },
  { key: 'panel-kreis', firstName: 'Ronny', lastName: 'Schubert', organisationKey: 'lk-blk', role: 'Referent*in', days: DAY2 },
  { key: 'panel-stiftung', firstName: 'Yasemin', lastName: 'Kaya', organisationKey: 'stf-demokratie', role: 'Referent*in', days: DAY2 },
  { key: 'panel-forschung', firstName: 'Frank', lastName: 'Tietze', title: 'Prof. Dr.', organisationKey: 'uni-jena', role: 'Referent*in', days: DAY2 },
  { key: 'walk-altstadt', firstName: 'Gudrun', lastName: 'Pfeiffer', organisationKey: 'v-geschichte', role: 'Stadtführung', days: DAY1 },
  { key: 'walk-industrie', firstName: 'Dieter', lastName: 'Häußler', organisationKey: 'v-industrie', role: 'Stadtführung', days: DAY1 },
  { key: 'walk-quartier', firstName: 'Nadine', lastName: 'Kühn', organisationKey: 'v-nachbarschaft', role: 'Stadtführung', days: BOTH },
  { key: 'walk-ankommen', firstName: 'Tamara', lastName: 'Voß', organisationKey: 'st-weissenfels', role: 'Stadtführung', days: DAY1 },
];

function speaker(key: string): DemoSpeaker {
  const found = SPEAKERS.find((s) => s.key === key);
  if (!found) throw new Error(`unknown demo speaker ${key}`);
  return found;
}

/** Name exactly as in the registration list, so host ↔ attendee matching is a plain comparison. */
export function speakerName(key: string): string {
  const s = speaker(key);
  return `${s.firstName} ${s.lastName}`;
}

/** Name with title for descriptions, where a programme would print it. */
export function speakerDisplayName(key: string): string {
  const s = speaker(key);
  return s.title ? `${s.title} ${s.firstName} ${s.lastName}` : `${s.firstName} ${s.lastName}`;
}
