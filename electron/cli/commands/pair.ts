import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pairWithHub } from '../../core/stations/pair-station';
import { randomIds, systemClock } from '../../core/ports';
import { required, type CliCommand } from '../cli-types';
import { stationsCliError } from './stations-cli';

/**
 * `pair --event FILE --hub ADDRESS --code CODE [--name STATION]`: this laptop becomes a station of the hub's
 * event. Creates FILE with a full copy of the event, or joins again with an existing station file of it.
 * CODE is the 16-character code (with --hub) or the QR content (einlass-pair:…, --hub then optional).
 */
export const pairCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    hub: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
  },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const code = required(values, 'code', t);
    const stationName = typeof values.name === 'string' && values.name.trim() ? values.name.trim().slice(0, 100) : hostname();
    try {
      const r = await pairWithHub({
        file, code, address: typeof values.hub === 'string' ? values.hub : null, stationName,
        ports: { clock: systemClock, ids: randomIds },
      });
      console.log(t(r.created ? 'stations.cli.paired' : 'stations.cli.rejoined', { station: stationName, event: r.eventName, file: r.file }));
      return 0;
    } catch (err) {
      throw stationsCliError(err, t);
    }
  },
};
