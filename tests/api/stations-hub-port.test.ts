// Network mode needs the hub's HTTPS server, which the domain does not import: it is handed in where the app
// starts. An app started without it (a command-line tool) refuses clearly and leaves the event file as it was.
import { describe, expect, it } from 'vitest';
import { getNetworkSetting } from '../../db/queries/hub-access';
import { getSyncState } from '../../db/queries/sync-state';
import { stationsServiceOf } from '../../electron/core/stations/service';
import { startHubServer } from '../../electron/server/hub/hub-server';
import { inProcess } from './transports';

describe('network mode and the hub server handed in', () => {
  it('without a hub server: a clear refusal, the file does not become a hub', async () => {
    const h = await inProcess();
    try {
      expect(await h.client.call('event.create', { name: 'Fachtag', startsOn: '2024-03-04', endsOn: '2024-03-05' })).toMatchObject({ ok: true });
      const result = await h.client.call('hub.network', { on: true });
      expect(result).toMatchObject({ ok: false, error: { details: { messageKey: 'stations.error.network_unavailable' } } });
      const { db } = h.ctx.requireEvent();
      expect(getNetworkSetting(db).on).toBe(false);
      expect(getSyncState(db).role).toBeNull();
    } finally {
      await h.close();
    }
  });

  it('with the hub server handed in where the app starts: network mode opens on loopback', async () => {
    const h = await inProcess();
    try {
      stationsServiceOf(h.ctx, { hubHost: '127.0.0.1', hubPort: 0, startHubServer });
      expect(await h.client.call('event.create', { name: 'Fachtag', startsOn: '2024-03-04', endsOn: '2024-03-05' })).toMatchObject({ ok: true });
      const result = await h.client.call('hub.network', { on: true });
      expect(result).toMatchObject({ ok: true, value: { networkOn: true } });
      expect(getSyncState(h.ctx.requireEvent().db).role).toBe('hub');
      expect(await h.client.call('hub.network', { on: false })).toMatchObject({ ok: true });
    } finally {
      await stationsServiceOf(h.ctx).close();
      await h.close();
    }
  });
});
