import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppContext } from '../../core/app-context';
import { defaultDataDir } from '../../core/data-dir';
import { watchExternalChanges } from '../../core/external-changes';
import { startSyncScheduler } from '../../core/sync/sync-service';
import { startStationServer } from '../../server/station-server';
import { stationToken } from '../../server/station-token';
import type { CliCommand } from '../cli-types';
import { networkOptions, startStationsForServe } from './serve-network';

const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export const serveCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    station: { type: 'string' },
    'data-dir': { type: 'string' },
    'keep-token': { type: 'boolean', default: false },
    ...networkOptions,
  },
  async run(values, t) {
    const file = typeof values.event === 'string' ? resolve(values.event) : null;
    const dataDir = (values['data-dir'] as string | undefined) ?? (file ? dirname(file) : defaultDataDir());
    const ctx = new AppContext({
      dataDir, stationName: (values.station as string) ?? hostname(), renameStationIn: file && typeof values.station === 'string' ? file : undefined, version: appVersion(), rememberLastEvent: true,
    });
    // Without --event: the event open when the station last stopped, unless it was closed on purpose.
    const reopened = file ? (ctx.openFile(file), null) : ctx.reopenLast();
    // URL sources with an interval are re-fetched while the station runs (registration sync).
    startSyncScheduler(ctx);
    // What another program writes to the event file (`einlass import` by a scheduled task) reaches the open pages.
    const external = watchExternalChanges(ctx);
    // Several stations: a station file syncs with its hub; --network makes this file the hub.
    await startStationsForServe(ctx, values, t);
    const staticDir = existsSync(rendererDir) ? rendererDir : undefined;
    const server = await startStationServer({
      ctx,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      port: values.port ? Number(values.port) : 8400,
      // Its own token each run; with --keep-token the one of the last run that kept it, so open pages go on working.
      token: stationToken(dataDir, values['keep-token'] === true),
      staticDir,
    });
    if (!staticDir) console.warn(t('cli.noRenderer'));
    if (reopened) console.log(t('cli.servingReopened', { file: reopened.file }));
    console.log(t('cli.serving'));
    console.log(`\n    ${server.openUrl}\n`);
    if (!file && !reopened) console.log(t('cli.servingNoEvent'));
    const stop = () => {
      external.stop();
      void server.close().then(() => {
        ctx.close();
        process.exit(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  },
};

function appVersion(): string {
  return process.env.npm_package_version ?? '0.1.0';
}
