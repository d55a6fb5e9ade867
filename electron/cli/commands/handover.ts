import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppContext } from '../../core/app-context';
import { exportHandover, importHandover } from '../../core/stations/handover';
import { CliError, required, type CliCommand } from '../cli-types';
import { stationsCliError } from './stations-cli';

/**
 * `handover export --event FILE --file PATH` on a station without network writes the records the hub has not
 * confirmed; `handover import --event FILE --file PATH` on the hub merges such a file (importing it twice changes
 * nothing).
 */
export const handoverCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    file: { type: 'string' },
  },
  positionals: true,
  async run(values, t, positionals) {
    const direction = positionals[0];
    if ((direction !== 'export' && direction !== 'import') || positionals.length !== 1) throw new CliError(t('stations.cli.handoverUsage'));
    const eventFile = resolve(required(values, 'event', t));
    const path = resolve(required(values, 'file', t));
    const ctx = new AppContext({ dataDir: dirname(eventFile) });
    const event = ctx.openFile(eventFile);
    try {
      if (direction === 'export') {
        const made = exportHandover(event.db, ctx);
        writeFileSync(path, made.json, { flag: 'wx' });
        console.log(t('stations.cli.exported', { count: made.records, file: path }));
      } else {
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch {
          throw new CliError(t('stations.cli.fileUnreadable', { file: path }));
        }
        const r = importHandover(event.db, ctx, text);
        console.log(t('stations.cli.imported', { station: r.station, records: r.records, added: r.added, duplicates: r.duplicates, parked: r.parked }));
      }
      return 0;
    } catch (err) {
      if ((err as { code?: string }).code === 'EEXIST') throw new CliError(t('stations.cli.fileExists', { file: path }));
      throw stationsCliError(err, t);
    } finally {
      ctx.close();
    }
  },
};
