import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { HubRefusal } from '../../core/stations/hub';
import type { HubServer, HubServerOptions } from '../../core/stations/hub-port';
import { BadRequest, HubRoutes, send } from './hub-routes';

/**
 * The hub's endpoints for paired stations, on their own HTTPS server (the browser-facing station server stays as
 * it is). TLS with the hub's own certificate; every call but pairing needs a station's bearer token, checked
 * against its hash, so a revoked station is refused at once. No request body or token is ever logged.
 */
export async function startHubServer(o: HubServerOptions): Promise<HubServer> {
  const routes = new HubRoutes(o);
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key: o.identity.keyPem, cert: o.identity.certPem, minVersion: 'TLSv1.2' }, (req, res) => {
    routes.route(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HubRefusal) return send(res, err.status, { error: err.reason });
      if (err instanceof BadRequest) return send(res, 400, { error: err.message });
      console.error('[einlass] hub request failed:', err instanceof Error ? err.stack : String(err));
      send(res, 500, { error: 'internal' });
    });
  });
  // Long polls wait up to 25 s; a connection may stay open across them.
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {
    // A scanner or a browser poking at the port: nothing to log.
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    notify: () => routes.notify(),
    close: () =>
      new Promise<void>((resolve) => {
        routes.notify();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
