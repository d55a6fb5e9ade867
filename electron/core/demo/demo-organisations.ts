/**
 * Organisations and towns for the demo event. Public bodies carry their real names because
 * attendees are identified by them on badges and in funder reports; associations, foundations,
 * the newspaper and the research institute are invented so that no real group is implied to have
 * taken part. Every person generated from these tables is fictitious.
 *
 * Mail domains use the reserved `.example` TLD or example.org/.com/.net (RFC 2606), so demo
 * data can never reach a real mailbox.
 */
import type { FederalState, Sector } from './demo-types.js';

/** Town → federal state. The single source of truth for the consistency of the two fields. */
export const TOWN_STATES: Readonly<Record<string, FederalState>> = {
  'Weißenfels': 'Sachsen-Anhalt',
  'Naumburg (Saale)': 'Sachsen-Anhalt',
  'Zeitz': 'Sachsen-Anhalt',
  'Hohenmölsen': 'Sachsen-Anhalt',
  'Lützen': 'Sachsen-Anhalt',
  'Elsteraue': 'Sachsen-Anhalt',
  'Halle (Saale)': 'Sachsen-Anhalt',
  'Merseburg': 'Sachsen-Anhalt',
  'Teutschenthal': 'Sachsen-Anhalt',
  'Schkopau': 'Sachsen-Anhalt',
  'Magdeburg': 'Sachsen-Anhalt',
  'Dessau-Roßlau': 'Sachsen-Anhalt',
  'Bitterfeld-Wolfen': 'Sachsen-Anhalt',
  'Sangerhausen': 'Sachsen-Anhalt',
  'Bernburg (Saale)': 'Sachsen-Anhalt',
  'Salzwedel': 'Sachsen-Anhalt',
  'Leipzig': 'Sachsen',
  'Dresden': 'Sachsen',
  'Chemnitz': 'Sachsen',
  'Görlitz': 'Sachsen',
  'Borna': 'Sachsen',
  'Zwickau': 'Sachsen',
  'Großpösna': 'Sachsen',
  'Erfurt': 'Thüringen',
  'Jena': 'Thüringen',
  'Gera': 'Thüringen',
  'Weimar': 'Thüringen',
  'Altenburg': 'Thüringen',
  'Greiz': 'Thüringen',
  'Nobitz': 'Thüringen',
  'Cottbus': 'Brandenburg',
  'Potsdam': 'Brandenburg',
  'Berlin': 'Berlin',
  'Bonn': 'Nordrhein-Westfalen',
  'Dortmund': 'Nordrhein-Westfalen',
  'Köln': 'Nordrhein-Westfalen',
  'Nürnberg': 'Bayern',
  'München': 'Bayern',
  'Hannover': 'Niedersachsen',
  'Frankfurt am Main': 'Hessen',
  'Freiburg im Breisgau': 'Baden-Württemberg',
};

export interface DemoOrganisation {
  /** Stable id so speakers can be tied to their organisation. */
  key: string;
  name: string;
  town: string;
  sector: Sector;
  domain: string;
  /** Relative share among ordinary attendees; 0 = only appears through named speakers. */
  weight: number;
}

function org(key: string, name: string, town: string, sector: Sector, domain: string, weight: number): DemoOrganisation {
  return { key, name, town, sector, domain, weight };
}

export const ORGANISATIONS: readonly DemoOrganisation[] = [
  // --- Sachsen-Anhalt: the host region dominates the attendee list ---
  org('st-weissenfels', 'Stadt Weißenfels', 'Weißenfels', 'Verwaltung', 'stadt-weissenfels.example', 14),
  org('lk-blk', 'Landkreis Burgenlandkreis', 'Naumburg (Saale)', 'Verwaltung', 'burgenlandkreis.example', 8),
  org('st-naumburg', 'Stadt Naumburg (Saale)', 'Naumburg (Saale)', 'Verwaltung', 'naumburg.example', 4),
  org('st-zeitz', 'Stadt Zeitz', 'Zeitz', 'Verwaltung', 'stadt-zeitz.example', 4),
  org('st-hohenmoelsen', 'Stadt Hohenmölsen', 'Hohenmölsen', 'Verwaltung', 'hohenmoelsen.example', 2),
  org('st-luetzen', 'Stadt Lützen', 'Lützen', 'Verwaltung', 'stadt-luetzen.example', 2),
  org('gm-elsteraue', 'Gemeinde Elsteraue', 'Elsteraue', 'Verwaltung', 'gemeinde-elsteraue.example', 2),
  org('st-halle', 'Stadt Halle (Saale)', 'Halle (Saale)', 'Verwaltung', 'halle.example', 7),
  org('st-merseburg', 'Stadt Merseburg', 'Merseburg', 'Verwaltung', 'merseburg.example', 3),
  org('lk-saalekreis', 'Landkreis Saalekreis', 'Merseburg', 'Verwaltung', 'saalekreis.example', 3),
  org('gm-teutschenthal', 'Gemeinde Teutschenthal', 'Teutschenthal', 'Verwaltung', 'teutschenthal.example', 2),
  org('gm-schkopau', 'Gemeinde Schkopau', 'Schkopau', 'Verwaltung', 'schkopau.example', 1),
  org('st-magdeburg', 'Landeshauptstadt Magdeburg', 'Magdeburg', 'Verwaltung', 'magdeburg.example', 4),
  org('st-dessau', 'Stadt Dessau-Roßlau', 'Dessau-Roßlau', 'Verwaltung', 'dessau-rosslau.example', 3),
  org('st-bitterfeld', 'Stadt Bitterfeld-Wolfen', 'Bitterfeld-Wolfen', 'Verwaltung', 'bitterfeld-wolfen.example', 2),
  org('st-sangerhausen', 'Stadt Sangerhausen', 'Sangerhausen', 'Verwaltung', 'sangerhausen.example', 2),
  org('lk-msh', 'Landkreis Mansfeld-Südharz', 'Sangerhausen', 'Verwaltung', 'mansfeld-suedharz.example', 2),
  org('st-bernburg', 'Stadt Bernburg (Saale)', 'Bernburg (Saale)', 'Verwaltung', 'bernburg.example', 2),
  org('sr-weissenfels', 'Stadtrat Weißenfels', 'Weißenfels', 'Politik', 'stadtrat-weissenfels.example', 3),
  org('kt-blk', 'Kreistag Burgenlandkreis', 'Naumburg (Saale)', 'Politik', 'kreistag-blk.example', 2),
  org('sr-halle', 'Stadtrat Halle (Saale)', 'Halle (Saale)', 'Politik', 'stadtrat-halle.example', 2),
  org('gr-elsteraue', 'Gemeinderat Elsteraue', 'Elsteraue', 'Politik', 'gemeinderat-elsteraue.example', 1),
  org('v-nachbarschaft', 'Nachbarschaftsnetz Weißenfels e.V.', 'Weißenfels', 'Zivilgesellschaft', 'nachbarschaftsnetz-wsf.example', 4),
  org('v-integration', 'Integrationsnetzwerk Burgenlandkreis e.V.', 'Naumburg (Saale)', 'Zivilgesellschaft', 'integrationsnetzwerk-blk.example', 3),
  org('v-geschichte', 'Geschichtsverein Weißenfelser Land e.V.', 'Weißenfels', 'Zivilgesellschaft', 'geschichtsverein-wsf.example', 1),
  org('v-industrie', 'Förderverein Industriekultur Weißenfels e.V.', 'Weißenfels', 'Zivilgesellschaft', 'industriekultur-wsf.example', 1),
  org('v-jugend', 'Jugendforum Saale-Unstrut e.V.', 'Naumburg (Saale)', 'Zivilgesellschaft', 'jugendforum-saale-unstrut.example', 2),
  org('v-zivilcourage', 'Arbeitskreis Zivilcourage Halle e.V.', 'Halle (Saale)', 'Zivilgesellschaft', 'ak-zivilcourage.example', 3),
  org('v-freiwillige', 'Freiwilligenagentur Saalestadt e.V.', 'Halle (Saale)', 'Zivilgesellschaft', 'freiwilligenagentur-saalestadt.example', 2),
  org('v-quartier', 'Quartiersverein Silberhöhe e.V.', 'Halle (Saale)', 'Zivilgesellschaft', 'quartiersverein-silberhoehe.example', 2),
  org('stf-zusammenhalt', 'Stiftung Kommunaler Zusammenhalt', 'Magdeburg', 'Zivilgesellschaft', 'stiftung-zusammenhalt.example', 2),
  org('presse-sur', 'Saale-Unstrut-Rundschau', 'Weißenfels', 'Zivilgesellschaft', 'sur-rundschau.example', 0),
  org('k3b', 'K3B – Kompetenzzentrum Kommunale Konfliktberatung', 'Salzwedel', 'Zivilgesellschaft', 'k3b.example', 0),
  org('hs-merseburg', 'Hochschule Merseburg', 'Merseburg', 'Wissenschaft', 'hs-merseburg.example', 3),
  org('uni-halle', 'Martin-Luther-Universität Halle-Wittenberg', 'Halle (Saale)', 'Wissenschaft', 'uni-halle.example', 3),
  org('hs-magdeburg', 'Hochschule Magdeburg-Stendal', 'Magdeburg', 'Wissenschaft', 'h2.example', 2),
  org('ikm', 'Institut für Konfliktforschung Mitteldeutschland', 'Halle (Saale)', 'Wissenschaft', 'ikm-halle.example', 1),
  org('mi-lsa', 'Ministerium für Inneres und Sport des Landes Sachsen-Anhalt', 'Magdeburg', 'Bund/Land', 'mi.sachsen-anhalt.example', 3),
  org('ms-lsa', 'Ministerium für Arbeit, Soziales, Gesundheit und Gleichstellung des Landes Sachsen-Anhalt', 'Magdeburg', 'Bund/Land', 'ms.sachsen-anhalt.example', 2),
  org('mw-lsa', 'Ministerium für Wirtschaft, Tourismus, Landwirtschaft und Forsten des Landes Sachsen-Anhalt', 'Magdeburg', 'Bund/Land', 'mw.sachsen-anhalt.example', 1),
  org('lpb-lsa', 'Landeszentrale für politische Bildung Sachsen-Anhalt', 'Magdeburg', 'Bund/Land', 'lpb.sachsen-anhalt.example', 2),
  // --- Sachsen ---
  org('st-leipzig', 'Stadt Leipzig', 'Leipzig', 'Verwaltung', 'leipzig.example', 4),
  org('st-dresden', 'Landeshauptstadt Dresden', 'Dresden', 'Verwaltung', 'dresden.example', 2),
  org('st-chemnitz', 'Stadt Chemnitz', 'Chemnitz', 'Verwaltung', 'stadt-chemnitz.example', 2),
  org('st-goerlitz', 'Stadt Görlitz', 'Görlitz', 'Verwaltung', 'goerlitz.example', 2),
  org('lk-goerlitz', 'Landkreis Görlitz', 'Görlitz', 'Verwaltung', 'kreis-gr.example', 2),
  org('lk-leipzig', 'Landkreis Leipzig', 'Borna', 'Verwaltung', 'lk-leipzig.example', 2),
  org('st-zwickau', 'Stadt Zwickau', 'Zwickau', 'Verwaltung', 'zwickau.example', 1),
  org('gm-grosspoesna', 'Gemeinde Großpösna', 'Großpösna', 'Verwaltung', 'grosspoesna.example', 1),
  org('sr-leipzig', 'Stadtrat Leipzig', 'Leipzig', 'Politik', 'stadtrat-leipzig.example', 1),
  org('uni-leipzig', 'Universität Leipzig', 'Leipzig', 'Wissenschaft', 'uni-leipzig.example', 2),
  org('tu-dresden', 'Technische Universität Dresden', 'Dresden', 'Wissenschaft', 'tu-dresden.example', 1),
  org('hs-zittau', 'Hochschule Zittau/Görlitz', 'Görlitz', 'Wissenschaft', 'hszg.example', 1),
  org('sms-sn', 'Sächsisches Staatsministerium für Soziales und Gesellschaftlichen Zusammenhalt', 'Dresden', 'Bund/Land', 'sms.sachsen.example', 2),
  org('v-lausitz', 'Lausitzer Dialogwerkstatt e.V.', 'Görlitz', 'Zivilgesellschaft', 'dialogwerkstatt-lausitz.example', 1),
  org('v-leipzig-ost', 'Bürgerforum Leipziger Osten e.V.', 'Leipzig', 'Zivilgesellschaft', 'buergerforum-leipzig-ost.example', 2),
  org('moderation', 'Moderation & Prozessbegleitung Schöndorf', 'Leipzig', 'Zivilgesellschaft', 'schoendorf-moderation.example', 0),
  // --- Thüringen ---
  org('st-erfurt', 'Landeshauptstadt Erfurt', 'Erfurt', 'Verwaltung', 'erfurt.example', 2),
  org('st-jena', 'Stadt Jena', 'Jena', 'Verwaltung', 'jena.example', 2),
  org('st-gera', 'Stadt Gera', 'Gera', 'Verwaltung', 'gera.example', 2),
  org('st-altenburg', 'Stadt Altenburg', 'Altenburg', 'Verwaltung', 'stadt-altenburg.example', 1),
  org('lk-abg', 'Landkreis Altenburger Land', 'Altenburg', 'Verwaltung', 'altenburgerland.example', 1),
  org('lk-greiz', 'Landkreis Greiz', 'Greiz', 'Verwaltung', 'landkreis-greiz.example', 1),
  org('gm-nobitz', 'Gemeinde Nobitz', 'Nobitz', 'Verwaltung', 'nobitz.example', 1),
  org('kt-greiz', 'Kreistag Greiz', 'Greiz', 'Politik', 'kreistag-greiz.example', 1),
  org('uni-jena', 'Friedrich-Schiller-Universität Jena', 'Jena', 'Wissenschaft', 'uni-jena.example', 2),
  org('tmik-th', 'Thüringer Ministerium für Inneres und Kommunales', 'Erfurt', 'Bund/Land', 'tmik.thueringen.example', 2),
  org('v-dorfdialog', 'Thüringer Dorfdialog e.V.', 'Weimar', 'Zivilgesellschaft', 'dorfdialog.example', 1),
  // --- Brandenburg ---
  org('st-cottbus', 'Stadt Cottbus', 'Cottbus', 'Verwaltung', 'cottbus.example', 2),
  org('st-potsdam', 'Landeshauptstadt Potsdam', 'Potsdam', 'Verwaltung', 'potsdam.example', 1),
  // --- Berlin: federal ministries and national networks ---
  org('bmi', 'Bundesministerium des Innern und für Heimat', 'Berlin', 'Bund/Land', 'bmi.bund.example', 3),
  org('bmfsfj', 'Bundesministerium für Familie, Senioren, Frauen und Jugend', 'Berlin', 'Bund/Land', 'bmfsfj.bund.example', 2),
  org('difu', 'Deutsches Institut für Urbanistik', 'Berlin', 'Wissenschaft', 'difu.example', 2),
  org('stf-demokratie', 'Stiftung Lebendige Demokratie', 'Berlin', 'Zivilgesellschaft', 'stiftung-lebendige-demokratie.example', 2),
  org('v-bundesnetz', 'Bundesnetzwerk Konfliktberatung e.V.', 'Berlin', 'Zivilgesellschaft', 'netzwerk-konfliktberatung.example', 1),
  // --- Elsewhere ---
  org('bpb', 'Bundeszentrale für politische Bildung', 'Bonn', 'Bund/Land', 'bpb.bund.example', 2),
  org('bbk', 'Bundesamt für Bevölkerungsschutz und Katastrophenhilfe', 'Bonn', 'Bund/Land', 'bbk.bund.example', 1),
  org('st-dortmund', 'Stadt Dortmund', 'Dortmund', 'Verwaltung', 'dortmund.example', 1),
  org('st-koeln', 'Stadt Köln', 'Köln', 'Verwaltung', 'stadt-koeln.example', 1),
  org('bamf', 'Bundesamt für Migration und Flüchtlinge', 'Nürnberg', 'Bund/Land', 'bamf.bund.example', 2),
  org('st-nuernberg', 'Stadt Nürnberg', 'Nürnberg', 'Verwaltung', 'stadt-nuernberg.example', 1),
  org('st-muenchen', 'Landeshauptstadt München', 'München', 'Verwaltung', 'muenchen.example', 1),
  org('st-hannover', 'Landeshauptstadt Hannover', 'Hannover', 'Verwaltung', 'hannover-stadt.example', 1),
  org('st-frankfurt', 'Stadt Frankfurt am Main', 'Frankfurt am Main', 'Verwaltung', 'stadt-frankfurt.example', 1),
  org('st-freiburg', 'Stadt Freiburg im Breisgau', 'Freiburg im Breisgau', 'Verwaltung', 'freiburg.example', 1),
];

export function organisationByKey(key: string): DemoOrganisation {
  const found = ORGANISATIONS.find((o) => o.key === key);
  if (!found) throw new Error(`unknown demo organisation ${key}`);
  return found;
}
