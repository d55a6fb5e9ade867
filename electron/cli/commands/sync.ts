import { dirname, resolve } from 'node:path';
import { getSyncState, outboxCount } from '../../../db/queries/sync-state';
import { AppContext } from '../../core/app-context';
import { LinkSession } from '../../core/stations/link';
import { stationsServiceOf } from '../../core/stations/service';
import { CliError, required, type CliCommand } from '../cli-types';
import { clockTime, stationsCliError } from './stations-cli';

/**
 * `sync --event FILE [--once]`: a station's exchange with its hub from a script. --once sends everything waiting,
 * fetches everything new and ends (exit 0, or 1 when the hub could not be reached); without it the exchange keeps
 * running in the background, as in the app, and every change of the connection is printed.
 */
export const syncCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    once: { type: 'boolean', default: false },
  },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const ctx = new AppContext({ dataDir: dirname(file) });
    const event = ctx.openFile(file);
    if (getSyncState(event.db).role !== 'station') {
      ctx.close();
      throw new CliError(t('stations.error.not_station_file'));
    }
    if (values.once) {
      const session = new LinkSession(event.db, ctx);
      try {
        const sent = await session.pushAll();
        const received = await session.pullAll();
        console.log(t('stations.cli.synced', { sent, received, pending: outboxCount(event.db) }));
        return 0;
      } catch (err) {
        throw stationsCliError(err, t);
      } finally {
        session.close();
        ctx.close();
      }
    }
    const service = stationsServiceOf(ctx);
    await service.follow();
    let last = '';
    ctx.push.subscribe((m) => {
      if (m.type !== 'stations.changed') return;
      const s = service.linkStatus();
      if (!s) return;
      const line = s.connected
        ? t('stations.cli.connected', { pending: s.pending, time: s.lastSyncAt ? clockTime(s.lastSyncAt) : '–' })
        : t('stations.cli.disconnected', { pending: s.pending, reason: t(`stations.error.${s.lastError ?? 'unreachable'}`) });
      if (line !== last) console.log((last = line));
    });
    const stop = () => {
      void service.close().then(() => {
        ctx.close();
        process.exit(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  },
};
