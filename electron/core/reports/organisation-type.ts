/**
 * Organisation type for funder statistics, derived because registration forms rarely ask for it. The rule, first
 * match wins (on the organisation's name, ignoring case):
 *  1. council or parliament (Stadtrat, Gemeinderat, Kreistag, Ortschaftsrat, …verordnete…, Fraktion) → local politics
 *  2. name starts with "Bundes" (Bundesministerium, Bundesamt, Bundeszentrale …) or Bundeskanzleramt,
 *     Auswärtiges Amt → federal authority
 *  3. Ministerium, Staatskanzlei, Senatsverwaltung, Landesamt, Landeszentrale, Landesverwaltungsamt,
 *     Regierungspräsidium, Landesregierung → state authority
 *  4. Landkreis, Kreis…, Landratsamt, or a name that starts with a district's own name ending in „kreis“
 *     (Burgenlandkreis, Saalekreis, Ilm-Kreis, Rhein-Sieg-Kreis, Märkischer Kreis; not a circle of people such as
 *     Freundeskreis, Arbeitskreis, Förderkreis, nor a church's Kirchenkreis), or an office of one named by its
 *     department first (Jugendamt Saalekreis, Gesundheitsamt des Landkreises Harz) → district
 *  5. Stadt, Landeshauptstadt, Hansestadt, Gemeinde, Markt, Verbands-/Samtgemeinde, Amt, Stadt-/Gemeindeverwaltung
 *     → town or municipality
 *  6. Universität, Hochschule, Institut, Akademie, Forschung → higher education and research
 *  7. Stiftung → foundation
 *  8. e.V., Verein, Verband, Netzwerk, Initiative, Bündnis → association
 *  9. Zeitung, Rundschau, Rundfunk, Presse, Verlag → media
 * 10. otherwise by sector: Verwaltung → other administration, Politik → local politics, Wissenschaft → research,
 *     Bund/Land → other federal/state body, anything else → other; no organisation and no sector → not stated.
 */
export const ORGANISATION_TYPES = [
  'localPolitics', 'federal', 'state', 'district', 'municipality', 'research', 'foundation', 'association', 'media',
  'otherAdministration', 'otherPublic', 'other', 'unknown',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Words ending in „kreis“ that name a circle of people or another body, not a Landkreis. */
const NOT_DISTRICTS = [
  'arbeits', 'freundes', 'förder', 'gesprächs', 'lese', 'literatur', 'helfer', 'unterstützer', 'träger', 'initiativ',
  'gebets', 'haus', 'bibel', 'frauen', 'männer', 'senioren', 'eltern', 'familien', 'bekannten', 'kunden', 'teilnehmer',
  'personen', 'interessen', 'kirchen', 'jugend', 'sport', 'wahl', 'heimat', 'um', 'stuhl', 'qualitäts', 'kollegen',
  'pfarr', 'dekanats', 'schul', 'kultur',
].join('|');
/**
 * A district by its own name first: „Burgenlandkreis“, „Saalekreis – Jugendamt“, „Rhein-Sieg-Kreis“, and those
 * named with an adjective („Märkischer Kreis“, „Oberbergischer Kreis“).
 */
const DISTRICT = `((?![\\p{L}-]*(?:${NOT_DISTRICTS})kreis(?!\\p{L}))[\\p{L}-]+kreis|[\\p{L}-]+ischer kreis)(?!\\p{L})`;
const DISTRICT_NAME = new RegExp(`^${DISTRICT}`, 'iu');
/**
 * A district's office named by its department first: „Jugendamt Saalekreis“, „Gesundheitsamt des Landkreises Harz“,
 * „Sozialamt im Burgenlandkreis“, „Kreisverwaltung“'s departments — not an association „… im Landkreis …“.
 */
const DISTRICT_OFFICE = new RegExp(`^[\\p{L}-]*(amt|behörde|verwaltung|dienst)\\s+((des|im)\\s+)?(landkreis(es)?(?!\\p{L})|${DISTRICT})`, 'iu');

const RULES: readonly [RegExp, OrganisationType][] = [
  [/\b(stadtrat|gemeinderat|kreistag|ortschaftsrat|ortsrat|stadtverordnet\w*|gemeindevertret\w*|bezirksverordnet\w*|fraktion)\b/iu, 'localPolitics'],
  [/^bundes|bundeskanzleramt|auswärtiges amt/iu, 'federal'],
  [/ministerium|staatskanzlei|senatsverwaltung|landesamt|landeszentrale|landesverwaltungsamt|regierungspräsidium|landesregierung/iu, 'state'],
  [/^(landkreis|kreis\w*)\b|landratsamt|kreisverwaltung/iu, 'district'],
  [DISTRICT_NAME, 'district'],
  [DISTRICT_OFFICE, 'district'],
  [/^(stadt|landeshauptstadt|hansestadt|gemeinde|markt|verbandsgemeinde|samtgemeinde|amt|stadtverwaltung|gemeindeverwaltung)\b/iu, 'municipality'],
  [/universität|hochschule|institut|akademie|forschung/iu, 'research'],
  [/stiftung/iu, 'foundation'],
  [/\be\.\s?v\.|verein|verband|netzwerk|initiative|bündnis/iu, 'association'],
  [/zeitung|rundschau|rundfunk|presse|verlag/iu, 'media'],
];

const BY_SECTOR: Record<string, OrganisationType> = {
  verwaltung: 'otherAdministration',
  politik: 'localPolitics',
  wissenschaft: 'research',
  'bund/land': 'otherPublic',
};

export function organisationType(organisation: string | null, sector: string | null): OrganisationType {
  const name = organisation?.trim() ?? '';
  if (name) {
    for (const [pattern, type] of RULES) if (pattern.test(name)) return type;
  }
  const bySector = sector ? BY_SECTOR[sector.trim().toLowerCase()] : undefined;
  if (bySector) return bySector;
  return name || sector?.trim() ? 'other' : 'unknown';
}
