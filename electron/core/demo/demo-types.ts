/**
 * Shapes of the demo event. Kept apart from the generator so the data tables can be typed
 * without importing the generator (and without an import cycle).
 */
export type SessionKind = 'session' | 'walk';
export type SessionFormat = 'talk' | 'forum' | 'panel' | 'workshop' | 'walk';
export type Sector = 'Verwaltung' | 'Politik' | 'Zivilgesellschaft' | 'Wissenschaft' | 'Bund/Land';
export type FederalState =
  | 'Baden-Württemberg'
  | 'Bayern'
  | 'Berlin'
  | 'Brandenburg'
  | 'Hessen'
  | 'Niedersachsen'
  | 'Nordrhein-Westfalen'
  | 'Sachsen'
  | 'Sachsen-Anhalt'
  | 'Thüringen';

export interface DemoProgrammeItem {
  key: string;
  kind: SessionKind;
  format: SessionFormat;
  title: string;
  day: string;
  startsAt: string;
  endsAt: string;
  location: string;
  capacity: number | null;
  host: string | null;
  description: string;
  admission: 'all' | 'assigned';
}

export interface DemoRegistration {
  sourceId: string;
  code: string;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string;
  town: string;
  federalState: string;
  sector: Sector;
  role: string | null;
  notes: string | null;
  status: 'registered' | 'cancelled';
  days: string[];
  choices: string[];
}

export interface DemoEvent {
  event: {
    name: string;
    place: string;
    startsOn: string;
    endsOn: string;
    timezone: string;
    organiser: string;
    description: string;
  };
  days: { date: string; label: string }[];
  programme: DemoProgrammeItem[];
  registrations: DemoRegistration[];
}
