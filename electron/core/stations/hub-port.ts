import type { Db } from '../../../db/open';
import type { HubIdentityRow } from '../../../db/queries/hub-access';
import type { Ports } from '../event/new-event';
import type { MergeOutcome } from './merge';

/**
 * Network mode's HTTPS endpoints, as the stations service sees them. The server itself lives in
 * electron/server/hub and is handed in where the app starts (`serve`, the desktop shell): the domain does not
 * reach up into a transport.
 */
export interface HubServerOptions {
  db: Db;
  ports: Ports;
  identity: HubIdentityRow;
  host: string;
  port: number;
  /** Called after records from a station were committed (the UI refreshes, long polls wake). */
  onMerged?: (outcome: MergeOutcome) => void;
}

export interface HubServer {
  port: number;
  /** Wakes waiting pulls: something changed in the hub's file. */
  notify(): void;
  close(): Promise<void>;
}

export type StartHubServer = (options: HubServerOptions) => Promise<HubServer>;
