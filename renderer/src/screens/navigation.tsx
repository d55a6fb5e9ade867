import { IconChecklist, IconDoorEnter, IconInfoCircle, IconLayoutGrid, IconListDetails, IconUsers } from '@tabler/icons-react';
import { IconFileImport } from '@tabler/icons-react';
import { IconChartBar } from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import type { EventSummary, Station } from '../../../electron/contract/entities';
import { AttendanceOverview } from './programme/AttendanceOverview';
import { EventOverview } from './EventOverview';
import { People } from './People';
import { ProgrammeEditor } from './programme/ProgrammeEditor';
import { Reports } from './reports/Reports';
import { RosterScreen } from './programme/RosterScreen';
import { SyncScreen } from './sync/SyncScreen';
import { StationsScreen } from './stations/StationsScreen';
import { IconAccessPoint } from '@tabler/icons-react';

export interface ViewProps {
  event: EventSummary;
  station: Station;
  onChanged: () => void;
}

export interface NavItem {
  id: string;
  /** i18n key of the label. */
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  render: (props: ViewProps) => ReactNode;
}

/**
 * The screens of an open event, in the order of the navigation rail. The front desk is rendered by the shell
 * itself (it also serves the locked front-desk mode). Add a screen by adding an entry here.
 */
export const NAV_ITEMS: NavItem[] = [
  { id: 'frontDesk', label: 'nav.frontDesk', icon: IconDoorEnter, render: () => null },
  { id: 'roster', label: 'nav.roster', icon: IconChecklist, render: (p) => <RosterScreen event={p.event} /> },
  { id: 'people', label: 'nav.people', icon: IconUsers, render: (p) => <People event={p.event} /> },
  { id: 'sync', label: 'sync.nav', icon: IconFileImport, render: (p) => <SyncScreen event={p.event} /> },
  { id: 'programme', label: 'nav.programme', icon: IconListDetails, render: () => <ProgrammeEditor /> },
  { id: 'attendance', label: 'nav.attendance', icon: IconLayoutGrid, render: (p) => <AttendanceOverview event={p.event} /> },
  { id: 'reports', label: 'reports.nav', icon: IconChartBar, render: (p) => <Reports event={p.event} /> },
  { id: 'stations', label: 'stations.nav', icon: IconAccessPoint, render: (p) => <StationsScreen event={p.event} /> },
  { id: 'event', label: 'nav.event', icon: IconInfoCircle, render: (p) => <EventOverview event={p.event} station={p.station} onChanged={p.onChanged} /> },
];
