import type { TFunction } from 'i18next';
import { getEvent } from '../../../db/queries/event';
import { getHubLink } from '../../../db/queries/hub-link';
import { getSyncState } from '../../../db/queries/sync-state';
import type { AppContext } from '../../core/app-context';
import { stationsServiceOf } from '../../core/stations/service';
import { startHubServer } from '../../server/hub/hub-server';
import { CliError, type CliCommand, type CliValues } from '../cli-types';
import { clockTime, stationsCliError } from './stations-cli';

/** The options `serve` takes for several stations (see serve.ts). */
export const networkOptions: CliCommand['options'] = {
  network: { type: 'boolean', default: false },
  'hub-host': { type: 'string' },
  'hub-port': { type: 'string' },
};

/**
 * Stations for `serve`: a station's file exchanges with its hub in the background; with --network the open file
 * becomes the hub and the pairing code is printed (address, 16-character code, and the QR content for scripts).
 */
export async function startStationsForServe(ctx: AppContext, values: CliValues, t: TFunction): Promise<void> {
  const port = values['hub-port'];
  if (port !== undefined && !/^\d{1,5}$/.test(String(port))) throw new CliError(t('stations.cli.badPort'));
  const service = stationsServiceOf(ctx, {
    hubHost: typeof values['hub-host'] === 'string' ? values['hub-host'] : '0.0.0.0',
    hubPort: port === undefined ? null : Number(port),
    startHubServer,
  });
  await service.follow();
  const event = ctx.event;
  if (values.network) {
    if (!event) throw new CliError(t('stations.cli.networkNeedsEvent'));
    const status = await service.setNetwork(true).catch((err: unknown) => {
      throw stationsCliError(err, t);
    });
    const code = service.newPairing();
    const timezone = getEvent(event.db)?.timezone;
    console.log(t('stations.cli.hubReady', { addresses: status.addresses.join(', ') }));
    console.log(`    ${t('stations.cli.address')}: ${code.addresses[0]}`);
    console.log(`    ${t('stations.cli.code')}: ${code.typed}`);
    console.log(`    ${t('stations.cli.validUntil', { time: clockTime(code.expiresAt, timezone) })}`);
    console.log(`    ${t('stations.cli.qrContent')}: ${code.payload}`);
  } else if (event && getSyncState(event.db).role === 'station') {
    console.log(t('stations.cli.stationOf', { address: getHubLink(event.db)?.addresses[0] ?? '' }));
  }
}
