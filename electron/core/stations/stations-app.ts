import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { revokeAccess, stationOverview } from '../../../db/queries/hub-access';
import { admittedAfterCancellation, possibleDuplicates, type TwinPerson } from '../../../db/queries/person-conflicts';
import { doubleAdmissions, fieldConflicts, markConflictSeen, parkedSummary } from '../../../db/queries/sync-conflicts';
import { getSyncState } from '../../../db/queries/sync-state';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { eventFileName } from '../event/new-event';
import type { Handlers } from '../handler';
import { HubError } from './client';
import { clockWarning } from './clock';
import { exportHandover, importHandover } from './handover';
import { hlcTime } from './hlc';
import { pairWithHub } from './pair-station';
import { stationsServiceOf } from './service';
import { TransferStore } from './transfers';

const transfers = new WeakMap<AppContext, TransferStore>();
const transfersOf = (ctx: AppContext) => {
  let t = transfers.get(ctx);
  if (!t) transfers.set(ctx, (t = new TransferStore()));
  return t;
};

/** A failure talking to the hub, as an error the UI can name (stations.error.<reason>). */
function asAppError(err: unknown): unknown {
  if (err instanceof HubError) return new AppError('bad_request', { reason: err.reason, messageKey: `stations.error.${err.reason}` });
  return err;
}

/** What the screen shows of a possible double (no e-mail address: the name, organisation and town tell them apart). */
const twinView = (p: TwinPerson) => ({ id: p.id, code: p.code, firstName: p.firstName, lastName: p.lastName, organisation: p.organisation, town: p.town });

const notHub = () => new AppError('bad_request', { reason: 'not_hub', messageKey: 'stations.error.not_hub' });

export const stationsHandlers: Handlers<
  | 'stations.status' | 'stations.list' | 'stations.revoke' | 'stations.conflicts' | 'stations.conflictSeen' | 'stations.pair' | 'stations.syncNow'
  | 'stations.setHubAddress' | 'stations.rejoin'
  | 'hub.network' | 'hub.takeOver' | 'hub.pairingCode' | 'handover.export' | 'handover.download' | 'handover.importChunk'
> = {
  'stations.status': (ctx) => {
    const service = stationsServiceOf(ctx);
    const event = ctx.event;
    if (!event) return { role: null, link: null, hub: null };
    const role = getSyncState(event.db).role;
    return { role, link: role === 'station' ? service.linkStatus() : null, hub: role === 'station' ? null : service.hubStatus(event.db) };
  },
  'stations.list': (ctx) => ({
    stations: stationOverview(ctx.requireEvent().db).map((s) => ({ ...s, clockWarning: clockWarning(s.clockOffsetMs) })),
  }),
  'stations.revoke': (ctx, input) => {
    const { db, station } = ctx.requireEvent();
    if (getSyncState(db).role !== 'hub') throw notHub();
    if (input.stationId === station.id || !revokeAccess(db, input.stationId, ctx.clock.now().toISOString())) {
      throw new AppError('not_found', { entity: 'station', id: input.stationId });
    }
    ctx.push.publish({ type: 'stations.changed' });
    return {};
  },
  'stations.conflicts': (ctx) => {
    const { db } = ctx.requireEvent();
    return {
      doubleAdmissions: doubleAdmissions(db, 500),
      fieldConflicts: fieldConflicts(db, 500).map(({ winnerHlc, loserHlc, ...c }) => ({
        ...c, winnerAt: hlcTime(winnerHlc), loserAt: hlcTime(loserHlc), reason: c.reason === 'later' ? 'later' as const : 'same_time' as const,
      })),
      parked: parkedSummary(db),
      admittedAfterCancellation: admittedAfterCancellation(db, 500),
      possibleDuplicates: possibleDuplicates(db, 500).map((d) => ({ walkIn: twinView(d.walkIn), listed: twinView(d.listed) })),
    };
  },
  'stations.conflictSeen': (ctx, input) => {
    const { db } = ctx.requireEvent();
    if (markConflictSeen(db, input.kind, input.key, ctx.clock.now().toISOString())) ctx.push.publish({ type: 'stations.changed' });
    return {};
  },
  'stations.pair': async (ctx, input) => {
    stationsServiceOf(ctx);
    try {
      const { file } = await pairWithHub({
        code: input.code, address: input.address ?? null, stationName: input.stationName, ports: ctx, nativeBinding: ctx.nativeBinding,
        file: (event) => join(ctx.dataDir, eventFileName(event.name, event.startsOn, (f) => existsSync(join(ctx.dataDir, f)))),
      });
      ctx.openFile(file);
    } catch (err) {
      throw asAppError(err);
    }
    return ctx.summary()!;
  },
  'stations.syncNow': async (ctx) => {
    ctx.requireEvent();
    try {
      await stationsServiceOf(ctx).syncNow();
    } catch (err) {
      throw asAppError(err);
    }
    return {};
  },
  'stations.setHubAddress': async (ctx, input) => {
    try {
      await stationsServiceOf(ctx).setHubAddress(input.address);
    } catch (err) {
      throw asAppError(err);
    }
    return {};
  },
  'stations.rejoin': async (ctx, input) => {
    try {
      await stationsServiceOf(ctx).rejoin(input.code, input.address || null);
    } catch (err) {
      throw asAppError(err);
    }
    return {};
  },
  'hub.network': async (ctx, input) => stationsServiceOf(ctx).setNetwork(input.on),
  'hub.takeOver': async (ctx) => {
    ctx.requireEvent();
    return stationsServiceOf(ctx).takeOverHub();
  },
  'hub.pairingCode': (ctx, input) => {
    ctx.requireEvent();
    const service = stationsServiceOf(ctx);
    if (!service.networkOn) throw new AppError('bad_request', { reason: 'network_off', messageKey: 'stations.error.network_off' });
    return (!input.renew && service.currentPairing()) || service.newPairing();
  },
  'handover.export': (ctx) => {
    const event = ctx.requireEvent();
    const made = exportHandover(event.db, ctx);
    const exportId = transfersOf(ctx).keep(Buffer.from(made.json, 'utf8'), ctx.ids.next());
    return { exportId, fileName: made.fileName, size: Buffer.byteLength(made.json), records: made.records };
  },
  'handover.download': (ctx, input) => transfersOf(ctx).chunk(input.exportId, input.offset),
  'handover.importChunk': (ctx, input) => {
    const event = ctx.requireEvent();
    const store = transfersOf(ctx);
    const importId = store.append(input.importId, input.index, Buffer.from(input.dataBase64, 'base64'), ctx.ids);
    if (!input.last) return { importId, result: null };
    const text = store.take(importId).toString('utf8');
    const r = importHandover(event.db, ctx, text);
    if (r.added > 0) {
      for (const listId of r.lists) ctx.push.publish({ type: 'checkin.recorded', listId, registrationId: null, status: 'synced' });
      ctx.push.publish({ type: 'stations.changed' });
    }
    return { importId, result: { added: r.added, duplicates: r.duplicates, parked: r.parked, station: r.station, records: r.records } };
  },
};
