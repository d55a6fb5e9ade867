import { dirname, resolve } from 'node:path';
import { listListsWithCounts } from '../../../db/queries/lists';
import { findStationByName, insertStation } from '../../../db/queries/stations';
import { getHubLink } from '../../../db/queries/hub-link';
import { AppContext } from '../../core/app-context';
import { followHubClock } from '../../core/stations/clock';
import { scan } from '../../core/checkin/scan';
import { checkInMethod, type ScanResult } from '../../contract/entities';
import { CliError, required, type CliCommand } from '../cli-types';
import type { TFunction } from 'i18next';

export const scanCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    list: { type: 'string' },
    code: { type: 'string' },
    station: { type: 'string' },
    method: { type: 'string', default: 'manual' },
    json: { type: 'boolean', default: false },
  },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const listArg = required(values, 'list', t);
    if (typeof values.code !== 'string') throw new CliError(t('cli.missingOption', { option: '--code' }));
    const method = checkInMethod.safeParse(values.method);
    if (!method.success) throw new CliError(`--method: ${checkInMethod.options.join(', ')}`);
    const ctx = new AppContext({ dataDir: dirname(file) });
    const event = ctx.openFile(file);
    try {
      // On a station's file, scan in the hub's time (the offset measured at the last exchange), as the app does.
      const link = getHubLink(event.db);
      if (link) followHubClock(event.db, link.clockOffsetMs ?? 0, false);
      const lists = listListsWithCounts(event.db);
      const list =
        lists.find((l) => l.id === listArg) ?? lists.find((l) => l.name.toLowerCase() === listArg.toLowerCase());
      if (!list) throw new CliError(t('cli.listNotFound', { list: listArg, lists: lists.map((l) => l.name).join(', ') }));
      let station = event.station;
      const stationName = values.station as string | undefined;
      if (stationName && stationName !== station.name) {
        // Another station's name: record under that station (found or created), as a hub does for its stations.
        station = findStationByName(event.db, stationName) ?? { id: ctx.ids.next(), name: stationName };
        if (!findStationByName(event.db, stationName)) {
          insertStation(event.db, { ...station, isLocal: false, createdAt: ctx.clock.now().toISOString() });
        }
      }
      const result = scan({ ...event, station }, ctx, { listId: list.id, code: values.code, method: method.data });
      if (values.json) console.log(JSON.stringify(result));
      else console.log(describe(result, list.name, t));
      return result.status === 'admitted' ? 0 : 2;
    } finally {
      ctx.close();
    }
  },
};

function describe(result: ScanResult, listName: string, t: TFunction): string {
  const who = result.registration
    ? `${result.registration.firstName} ${result.registration.lastName}${result.registration.organisation ? ` (${result.registration.organisation})` : ''}`
    : '';
  switch (result.status) {
    case 'admitted':
      return `${t('result.admitted')}: ${who} – ${listName}`;
    case 'already_checked_in':
      return `${t('result.alreadyCheckedIn')}: ${who} – ${result.firstEntry.scannedAt} (${result.firstEntry.stationName})${result.cancelled ? ` – ${t(result.firstEntry.override ? 'result.insideByException' : 'result.insideCancelledSince')}` : ''}`;
    case 'refused':
      return `${t('result.refused')}: ${t(`result.reason.${result.reason}`, { list: listName })} ${t('result.code', { code: result.code })}${who ? ` – ${who}` : ''}`;
  }
}
