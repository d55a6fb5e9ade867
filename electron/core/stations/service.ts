import { networkInterfaces } from 'node:os';
import type { Db } from '../../../db/open';
import { getHubIdentity, getNetworkSetting, insertHubIdentity, setNetworkSetting, stationOverview } from '../../../db/queries/hub-access';
import { getHubLink, preferAddress } from '../../../db/queries/hub-link';
import { getLocalStation } from '../../../db/queries/stations';
import { getSyncState } from '../../../db/queries/sync-state';
import type { PushMessage } from '../../contract/contract';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { createHubIdentity } from './certificate';
import { clockWarning, ownClock } from './clock';
import { laptopTime } from '../ports';
import { HubClient } from './client';
import { becomeHub, newPairingCode, takeOverAsHub, type PairingCode } from './hub';
import type { HubServer, StartHubServer } from './hub-port';
import type { MergeOutcome } from './merge';
import { normaliseAddress } from './pairing';
import { pairWithHub } from './pair-station';
import { PROTOCOL_VERSION, pullResponse } from './protocol';
import { StationSync, type LinkStatus } from './station-sync';

export interface StationsOptions {
  /** Where network mode listens: all interfaces unless told otherwise (tests: 127.0.0.1). */
  hubHost: string;
  /** 0 = any free port; null = the one this event used before, else 8401. */
  hubPort: number | null;
  /** Starts network mode's HTTPS server (electron/server/hub); without it this app cannot be a hub. */
  startHubServer?: StartHubServer;
}

export const DEFAULT_HUB_PORT = 8401;

export interface HubStatus {
  networkOn: boolean;
  addresses: string[];
  fingerprint: string | null;
  stations: number;
  clockWarnings: number;
}

/** Addresses a station can reach the hub at; loopback only when nothing else is there. */
export function hubAddresses(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`${host.includes(':') ? `[${host}]` : host}:${port}`];
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') found.push(a.address);
  }
  // Home and venue networks (192.168.*) before others (10.*, 172.*: often virtual adapters).
  found.sort((a, b) => Number(!a.startsWith('192.168.')) - Number(!b.startsWith('192.168.')));
  return (found.length > 0 ? found.slice(0, 6) : ['127.0.0.1']).map((a) => `${a}:${port}`);
}

/**
 * The stations part of one running app: network mode (the hub's HTTPS endpoints) when the open file is the hub,
 * the background exchange when it is a station. Follows the open event; tells the UI through the push bus.
 */
export class StationsService {
  private hub: { server: HubServer; addresses: string[]; db: Db } | null = null;
  private link: { sync: StationSync; db: Db } | null = null;
  private pairing: PairingCode | null = null;
  private changing: Promise<void> = Promise.resolve();

  constructor(
    readonly ctx: AppContext,
    readonly options: StationsOptions,
  ) {
    ctx.push.subscribe((m) => this.onPush(m));
  }

  private onPush(m: PushMessage): void {
    if (m.type === 'event.changed') void this.follow();
    else if (m.type === 'checkin.recorded' || m.type === 'programme.changed' || m.type === 'sync.changed') {
      this.link?.sync.nudge();
      this.hub?.server.notify();
    }
  }

  /** Serialised, so opening and closing files quickly never leaves two servers or loops behind. */
  follow(): Promise<void> {
    this.changing = this.changing.then(() => this.apply()).catch((err: unknown) => {
      console.error('[einlass] stations:', err instanceof Error ? err.stack : String(err));
    });
    return this.changing;
  }

  private async apply(): Promise<void> {
    const db = this.ctx.event?.db ?? null;
    if (this.link && this.link.db !== db) {
      this.link.sync.stop();
      this.link = null;
    }
    if (this.hub && this.hub.db !== db) await this.stopHub();
    if (!db) return ownClock(null);
    const role = getSyncState(db).role;
    if (role === 'station' && !this.link) {
      const sync = new StationSync(db, this.ctx, {
        onStatus: () => this.ctx.push.publish({ type: 'stations.changed' }),
        onMerged: (o) => this.announce(o),
      });
      this.link = { sync, db };
      sync.start();
    } else if (role !== 'station') {
      ownClock(db);
      // Only an app that can serve stations (a hub server was handed in) opens network mode for a hub file.
      if (role === 'hub' && !this.hub && getNetworkSetting(db).on && this.options.startHubServer) await this.startHub(db);
    }
  }

  private announce(o: MergeOutcome): void {
    for (const listId of o.lists) this.ctx.push.publish({ type: 'checkin.recorded', listId, registrationId: null, status: 'synced' });
    if (o.programme) this.ctx.push.publish({ type: 'programme.changed' });
    if (o.people) this.ctx.push.publish({ type: 'sync.changed' });
    this.ctx.push.publish({ type: 'stations.changed' });
  }

  private async startHub(db: Db): Promise<void> {
    let identity = getHubIdentity(db);
    if (!identity) {
      const made = await createHubIdentity();
      insertHubIdentity(db, { ...made, createdAt: this.ctx.clock.now().toISOString() });
      identity = getHubIdentity(db)!;
    }
    const stored = getNetworkSetting(db).port;
    const port = this.options.hubPort === null ? (stored ?? DEFAULT_HUB_PORT) : this.options.hubPort === 0 ? (stored ?? 0) : this.options.hubPort;
    const startHubServer = this.options.startHubServer!;
    let server: HubServer;
    try {
      server = await startHubServer({ db, ports: this.ctx, identity, host: this.options.hubHost, port, onMerged: (o) => this.announce(o) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw err;
      throw new AppError('bad_request', { reason: 'port_in_use', messageKey: 'stations.error.port_in_use', port, host: this.options.hubHost });
    }
    setNetworkSetting(db, true, server.port);
    this.hub = { server, addresses: hubAddresses(this.options.hubHost, server.port), db };
    this.ctx.push.publish({ type: 'stations.changed' });
  }

  private async stopHub(): Promise<void> {
    const hub = this.hub;
    this.hub = null;
    this.pairing = null;
    if (hub) await hub.server.close();
  }

  /** Network mode on (this file becomes the hub, its endpoints listen) or off (stations keep working on their own). */
  async setNetwork(on: boolean): Promise<HubStatus> {
    await this.changing;
    const event = this.ctx.requireEvent();
    if (on) {
      if (!this.options.startHubServer) throw new AppError('bad_request', { reason: 'network_unavailable', messageKey: 'stations.error.network_unavailable' });
      becomeHub(event.db);
      if (!this.hub) await this.startHub(event.db);
    } else {
      await this.stopHub();
      if (getHubIdentity(event.db)) setNetworkSetting(event.db, false, null);
    }
    this.ctx.push.publish({ type: 'stations.changed' });
    return this.hubStatus(event.db);
  }

  /** A new one-time code (the previous one stays valid until it expires or is used). */
  newPairing(): PairingCode {
    const event = this.ctx.requireEvent();
    if (!this.hub) throw new Error('network mode is off');
    this.pairing = newPairingCode(event.db, this.ctx, { addresses: this.hub.addresses, fingerprint: getHubIdentity(event.db)!.fingerprint });
    return this.pairing;
  }

  currentPairing(): PairingCode | null {
    if (this.pairing && this.pairing.expiresAt < this.ctx.clock.now().toISOString()) this.pairing = null;
    return this.pairing;
  }

  get networkOn(): boolean {
    return this.hub !== null;
  }

  hubStatus(db: Db): HubStatus {
    const stations = stationOverview(db).filter((s) => s.paired && !s.revokedAt);
    return {
      networkOn: this.hub !== null,
      addresses: this.hub?.addresses ?? [],
      fingerprint: getHubIdentity(db)?.fingerprint ?? null,
      stations: stations.length,
      clockWarnings: stations.filter((s) => clockWarning(s.clockOffsetMs)).length,
    };
  }

  linkStatus(): LinkStatus | null {
    return this.link?.sync.status() ?? null;
  }

  async syncNow(): Promise<void> {
    await this.changing;
    if (!this.link) throw new Error('not a station');
    await this.link.sync.syncNow();
  }

  /**
   * The hub answers at another address (a new network address on the second day, another port): asked there
   * first, with the pinned certificate and this station's token, and kept only if the paired hub answers. Then
   * the exchange starts again with it. Nothing else about the pairing changes.
   */
  async setHubAddress(address: string): Promise<void> {
    await this.changing;
    const event = this.ctx.requireEvent();
    const link = getHubLink(event.db);
    if (!link || getSyncState(event.db).role !== 'station') {
      throw new AppError('bad_request', { reason: 'not_station_file', messageKey: 'stations.error.not_station_file' });
    }
    const wanted = normaliseAddress(address);
    const client = new HubClient({ addresses: [wanted], certPem: link.certPem, fingerprint: link.fingerprint, token: link.token });
    try {
      // A pull of one record that is not merged: the cursor stays where it is.
      await client.post('/hub/v1/pull', {
        v: PROTOCOL_VERSION, since: link.pulledSeq, limit: 1, waitMs: 0, sentAt: laptopTime(), clockOffsetMs: null,
      }, pullResponse, ADDRESS_CHECK_MS);
    } finally {
      client.close();
    }
    preferAddress(event.db, [wanted, ...link.addresses.filter((a) => a !== wanted)].slice(0, 8));
    this.link?.sync.stop();
    this.link = null;
    await this.follow();
    this.ctx.push.publish({ type: 'stations.changed' });
  }

  /**
   * This station was removed at the hub (or its hub was replaced, or this is the replaced hub) and joins again with
   * a new pairing code: the same station (its id, its file, everything recorded meanwhile), a new token. The
   * exchange stops while the open file is paired again through a connection of its own, and starts again
   * afterwards with the new token.
   */
  async rejoin(code: string, address: string | null): Promise<void> {
    await this.changing;
    const event = this.ctx.requireEvent();
    const station = getLocalStation(event.db);
    const role = getSyncState(event.db).role;
    const oldHub = role === 'hub';
    if ((!oldHub && (!getHubLink(event.db) || role !== 'station')) || !station) {
      throw new AppError('bad_request', { reason: 'not_station_file', messageKey: 'stations.error.not_station_file' });
    }
    // An old hub, back after another station took its place: it stops serving and joins the new hub as a station.
    const wasServing = this.hub !== null;
    if (oldHub) {
      await this.stopHub();
      if (getHubIdentity(event.db)) setNetworkSetting(event.db, false, null);
    }
    const previous = this.link;
    const wasRevoked = previous?.sync.status().revoked === true;
    previous?.sync.stop();
    this.link = null;
    try {
      await pairWithHub({
        file: event.file, code, address, stationName: station.name, ports: this.ctx, nativeBinding: this.ctx.nativeBinding, hubMayJoin: oldHub,
      });
    } catch (err) {
      // Refused: still removed. The stopped exchange stays, so the station keeps saying so (a new one would first
      // have to be refused by the hub again, and the screen would flicker).
      if (wasRevoked) this.link = previous;
      // Still the hub it was: serving again if it did (once the exchange below has followed the file).
      if (oldHub && wasServing) await this.follow().then(() => this.setNetwork(true)).catch(() => undefined);
      throw err;
    } finally {
      await this.follow();
      this.ctx.push.publish({ type: 'stations.changed' });
    }
  }

  /**
   * This station takes the place of its hub, which is gone for good: the file becomes the hub's and network mode
   * starts, so the other stations can join it with a new code (stations.rejoin).
   */
  async takeOverHub(): Promise<HubStatus> {
    await this.changing;
    const event = this.ctx.requireEvent();
    if (!this.options.startHubServer) throw new AppError('bad_request', { reason: 'network_unavailable', messageKey: 'stations.error.network_unavailable' });
    this.link?.sync.stop();
    this.link = null;
    try {
      takeOverAsHub(event.db);
    } finally {
      await this.follow();
    }
    return this.setNetwork(true);
  }

  async close(): Promise<void> {
    this.link?.sync.stop();
    this.link = null;
    await this.stopHub();
  }
}

/** How long a new hub address may take to answer before it is refused. */
const ADDRESS_CHECK_MS = 10_000;

const services = new WeakMap<AppContext, StationsService>();

/**
 * The stations service of this app, created on first use with the options of that first call: where the app
 * starts (`serve`, the desktop shell) it is created first, with the hub server to use.
 */
export function stationsServiceOf(ctx: AppContext, options?: Partial<StationsOptions>): StationsService {
  let s = services.get(ctx);
  if (!s) {
    s = new StationsService(ctx, { hubHost: options?.hubHost ?? '0.0.0.0', hubPort: options?.hubPort ?? null, startHubServer: options?.startHubServer });
    services.set(ctx, s);
    void s.follow();
  }
  return s;
}
