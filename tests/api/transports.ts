import type { ApiResult } from '../../electron/contract/contract';
import { AppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { fixedClock } from '../../electron/core/ports';
import { startStationServer, type StationServer } from '../../electron/server/station-server';
import { tempDir } from '../helpers/event-fixture';

export interface Client {
  call(method: string, input?: unknown): Promise<ApiResult<unknown>>;
}

export interface Harness {
  ctx: AppContext;
  client: Client;
  server?: StationServer;
  close(): Promise<void>;
}

function newContext() {
  const dir = tempDir();
  const ctx = new AppContext({ dataDir: dir.dir, version: '9.9.9', clock: fixedClock('2023-10-18T07:30:00.000Z', 1000), stationName: 'Einlass 1' });
  return { ctx, dir };
}

/** The contract called directly, as the Electron IPC handler does. */
export async function inProcess(): Promise<Harness> {
  const { ctx, dir } = newContext();
  return {
    ctx,
    client: { call: (method, input) => dispatch(ctx, method, input) },
    close: async () => {
      ctx.close();
      dir.cleanup();
    },
  };
}

/** The same contract over HTTP through a real station server on loopback. */
export async function overHttp(): Promise<Harness> {
  const { ctx, dir } = newContext();
  const server = await startStationServer({ ctx, port: 0 });
  return {
    ctx,
    server,
    client: {
      async call(method, input) {
        const res = await fetch(`${server.url}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as ApiResult<unknown>;
      },
    },
    close: async () => {
      await server.close();
      ctx.close();
      dir.cleanup();
    },
  };
}
