import { dirname, resolve } from 'node:path';
import { hostname } from 'node:os';
import { AppContext } from '../../core/app-context';
import { writeDemoEvent } from '../../core/event/demo';
import { required, type CliCommand } from '../cli-types';

export const demoCommand: CliCommand = {
  options: { event: { type: 'string' }, station: { type: 'string' } },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const ctx = new AppContext({ dataDir: dirname(file), stationName: (values.station as string) ?? hostname() });
    ctx.createFile(file, (db) => writeDemoEvent(db, ctx, ctx.stationName));
    ctx.close();
    console.log(t('cli.demoCreated', { file }));
    return 0;
  },
};
