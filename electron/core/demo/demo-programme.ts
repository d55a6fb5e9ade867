/**
 * Event frame and programme of the demo Partnerfachtagung. The venue is invented on purpose
 * ("Tagungshaus Saaleblick"): the demo must not claim that a real house hosted the event. The
 * rooms are named after Novalis and Heinrich Schütz, both closely tied to Weißenfels, which is
 * what a local venue would plausibly do. City walks start from real, public places.
 */
import type { DemoEvent, DemoProgrammeItem } from './demo-types.js';
import { organisationByKey } from './demo-organisations.js';
import { SPEAKERS, speakerDisplayName, speakerName } from './demo-speakers.js';

export const DAY_1 = '2023-10-18';
export const DAY_2 = '2023-10-19';

export const EVENT_INFO: DemoEvent['event'] = {
  name: 'Partnerfachtagung 2023',
  place: 'Weißenfels',
  startsOn: DAY_1,
  endsOn: DAY_2,
  timezone: 'Europe/Berlin',
  organiser: 'K3B – Kompetenzzentrum Kommunale Konfliktberatung',
  description:
    'Krisen bewältigen – Konflikte bearbeiten! Kommunale Strategien für bewegte Zeiten. ' +
    'Zwei Tage mit Vorträgen, Fachimpulsen aus kommunaler Praxis und Forschung, Fachforen, einer ' +
    'Podiumsdiskussion und Stadtrundgängen durch Weißenfels. (Demo-Daten, alle Personen sind fiktiv.)',
};

export const DAYS: DemoEvent['days'] = [
  { date: DAY_1, label: 'Tag 1 – Mittwoch, 18.10.2023' },
  { date: DAY_2, label: 'Tag 2 – Donnerstag, 19.10.2023' },
];

const VENUE = 'Tagungshaus Saaleblick Weißenfels';
const SAAL = `${VENUE}, Großer Saal`;
const KLEINER_SAAL = `${VENUE}, Kleiner Saal`;
const RAUM_NOVALIS = `${VENUE}, Seminarraum Novalis`;
const RAUM_SCHUETZ = `${VENUE}, Seminarraum Heinrich Schütz`;

function withOrg(speakerKey: string): string {
  const s = SPEAKERS.find((x) => x.key === speakerKey);
  const orgName = s ? organisationByKey(s.organisationKey).name : '';
  return `${speakerDisplayName(speakerKey)} (${orgName})`;
}

type ItemInput = Omit<DemoProgrammeItem, 'kind' | 'admission'> & Partial<Pick<DemoProgrammeItem, 'admission'>>;

/** Plenary items are open to everyone on that day; there is no choice to make. */
function plenary(item: Omit<ItemInput, 'capacity'>): DemoProgrammeItem {
  return { ...item, kind: 'session', capacity: null, admission: 'all' };
}

/** Parallel items need a seat allocation, hence 'assigned'. */
function parallel(item: ItemInput): DemoProgrammeItem {
  return { ...item, kind: item.format === 'walk' ? 'walk' : 'session', admission: 'assigned' };
}

export const PROGRAMME: readonly DemoProgrammeItem[] = [
  // ---------------- Day 1 ----------------
  plenary({
    key: 'opening', format: 'talk', day: DAY_1, startsAt: '09:30', endsAt: '10:00', location: SAAL,
    title: 'Begrüßung und Eröffnung der Partnerfachtagung',
    host: speakerName('organiser'),
    description: `Begrüßung durch ${withOrg('organiser')} und Einführung in die zwei Tage. Moderation: ${speakerDisplayName('moderation')}.`,
  }),
  plenary({
    key: 'keynote', format: 'talk', day: DAY_1, startsAt: '10:00', endsAt: '10:45', location: SAAL,
    title: 'Keynote: Krisen bewältigen – Konflikte bearbeiten! Kommunen als Orte demokratischer Aushandlung',
    host: speakerName('keynote'),
    description: `Vortrag von ${withOrg('keynote')} über Konflikte als Motor kommunaler Entwicklung in Zeiten sich überlagernder Krisen.`,
  }),
  plenary({
    key: 'fachimpulse', format: 'talk', day: DAY_1, startsAt: '11:15', endsAt: '12:30', location: SAAL,
    title: 'Fachimpulse aus kommunaler Praxis und Forschung',
    host: speakerName('moderation'),
    description:
      `Drei kurze Impulse mit anschließender Diskussion: ${withOrg('impuls-praxis')}, ` +
      `${withOrg('impuls-landkreis')} und ${withOrg('impuls-forschung')}.`,
  }),
  parallel({
    key: 'forum-migration', format: 'forum', day: DAY_1, startsAt: '13:30', endsAt: '15:30', location: RAUM_NOVALIS,
    capacity: 50, host: speakerName('forum-migration'),
    title: 'Fachforum 1: Migration und Inklusion – Ankommen und Zusammenleben vor Ort',
    description: 'Wie Kommunen Konflikte um Unterbringung, Kita- und Schulplätze und Nachbarschaft aufgreifen, bevor sie eskalieren.',
  }),
  parallel({
    key: 'forum-strukturwandel', format: 'forum', day: DAY_1, startsAt: '13:30', endsAt: '15:30', location: RAUM_SCHUETZ,
    capacity: 45, host: speakerName('forum-strukturwandel'),
    title: 'Fachforum 2: Strukturwandel und Energiewende – Konflikte um Fläche, Arbeit und Zukunft',
    description: 'Windkraft, Kohleausstieg und neue Industrieansiedlungen: Aushandlungsprozesse zwischen Verwaltung, Wirtschaft und Bürgerschaft.',
  }),
  parallel({
    key: 'forum-sicherheit', format: 'forum', day: DAY_1, startsAt: '13:30', endsAt: '15:30', location: KLEINER_SAAL,
    capacity: 60, host: speakerName('forum-sicherheit'),
    title: 'Fachforum 3: Sicherheit und sozialer Zusammenhalt',
    description: 'Subjektives Sicherheitsgefühl, Ordnungspolitik und Prävention: Was stärkt den Zusammenhalt im Stadtteil?',
  }),
  parallel({
    key: 'walk-altstadt', format: 'walk', day: DAY_1, startsAt: '16:00', endsAt: '17:30',
    location: 'Treffpunkt: Marktplatz Weißenfels, vor dem Rathaus', capacity: 25, host: speakerName('walk-altstadt'),
    title: 'Stadtrundgang: Altstadt und Schloss Neu-Augustusburg',
    description: 'Vom Marktplatz hinauf zum Schloss: Stadtgeschichte, Leerstand und Belebung der Altstadt. Festes Schuhwerk empfohlen.',
  }),
  parallel({
    key: 'walk-industrie', format: 'walk', day: DAY_1, startsAt: '16:00', endsAt: '17:30',
    location: 'Treffpunkt: Bahnhof Weißenfels, Bahnhofsvorplatz', capacity: 24, host: speakerName('walk-industrie'),
    title: 'Stadtrundgang: Strukturwandel – von der Schuhstadt zum Logistikstandort',
    description: 'Spuren der Schuhindustrie, Brüche nach 1990 und heutige Arbeitswelten am Rand der Stadt.',
  }),
  parallel({
    key: 'walk-quartier', format: 'walk', day: DAY_1, startsAt: '16:00', endsAt: '17:30',
    location: `Treffpunkt: ${VENUE}, Haupteingang`, capacity: 22, host: speakerName('walk-quartier'),
    title: 'Stadtrundgang: Engagement im Quartier',
    description: 'Besuch bei Nachbarschaftsinitiativen, einem Stadtteiltreff und einem Gemeinschaftsgarten; Gespräch mit Engagierten.',
  }),
  parallel({
    key: 'walk-ankommen', format: 'walk', day: DAY_1, startsAt: '16:00', endsAt: '17:30',
    location: `Treffpunkt: ${VENUE}, Foyer`, capacity: 20, host: speakerName('walk-ankommen'),
    title: 'Stadtrundgang: Ankommen in Weißenfels – Orte der Vielfalt',
    description: 'Beratungsstellen, Vereine und Begegnungsorte, die Zugewanderten das Ankommen erleichtern – und wo es hakt.',
  }),
  // ---------------- Day 2 ----------------
  plenary({
    key: 'panel', format: 'panel', day: DAY_2, startsAt: '09:30', endsAt: '11:00', location: SAAL,
    title: 'Podiumsdiskussion: Kommunen unter Druck – was hilft vor Ort?',
    host: speakerName('moderation'),
    description:
      `Es diskutieren ${withOrg('panel-land')}, ${withOrg('panel-kreis')}, ${withOrg('panel-stiftung')} ` +
      `und ${withOrg('panel-forschung')}. Moderation: ${speakerDisplayName('moderation')}.`,
  }),
  parallel({
    key: 'forum-beteiligung', format: 'forum', day: DAY_2, startsAt: '11:30', endsAt: '13:00', location: RAUM_NOVALIS,
    capacity: 50, host: speakerName('forum-beteiligung'),
    title: 'Fachforum 4: Demokratische Beteiligung – auch wenn es schwierig wird',
    description: 'Bürgerdialoge, Einwohnerversammlungen und Beteiligungsformate in aufgeheizten Situationen.',
  }),
  parallel({
    key: 'forum-rechtsextremismus', format: 'forum', day: DAY_2, startsAt: '11:30', endsAt: '13:00', location: KLEINER_SAAL,
    capacity: 60, host: speakerName('forum-rechtsextremismus'),
    title: 'Fachforum 5: Rechtsextremer Mobilisierung und Polarisierung begegnen',
    description: 'Wenn Proteste vereinnahmt werden: Handlungsmöglichkeiten für Verwaltung, Kommunalpolitik und Zivilgesellschaft.',
  }),
  parallel({
    key: 'workshop-konfliktanalyse', format: 'workshop', day: DAY_2, startsAt: '11:30', endsAt: '13:00', location: RAUM_SCHUETZ,
    capacity: 25, host: speakerName('workshop'),
    title: 'Workshop: Konfliktanalyse in der Kommune – Methoden der Kommunalen Konfliktberatung',
    description: 'Praxisnahe Einführung in Akteurs- und Konfliktanalyse anhand eines Fallbeispiels. Begrenzte Plätze.',
  }),
  plenary({
    key: 'closing', format: 'talk', day: DAY_2, startsAt: '13:15', endsAt: '14:00', location: SAAL,
    title: 'Abschlussplenum: Ergebnisse aus den Foren und Ausblick',
    host: speakerName('organiser'),
    description: `Rückblick auf die Fachforen, Verabschiedung und Ausblick durch ${withOrg('organiser')}. Anschließend Mittagsimbiss.`,
  }),
];
