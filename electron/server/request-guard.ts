import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces, hostname } from 'node:os';

/**
 * The checks every request passes before anything else: the Host header must name this server (no DNS
 * rebinding), a browser's Origin must be this server's own (no cross-site requests), and API calls carry the
 * per-run token.
 */
export class RequestGuard {
  private readonly hosts: Set<string>;

  constructor(
    private readonly token: string,
    port: number,
    networkMode: boolean,
    extraHosts: readonly string[] = [],
  ) {
    const names = ['127.0.0.1', 'localhost', '[::1]', ...extraHosts];
    if (networkMode) {
      names.push(hostname().toLowerCase());
      for (const list of Object.values(networkInterfaces())) {
        for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address}]` : a.address);
      }
    }
    this.hosts = new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
  }

  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host?.toLowerCase();
    return host !== undefined && this.hosts.has(host);
  }

  /** Requests without Origin (command line tools, other stations) pass; a browser's Origin must be ours. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const m = /^http:\/\/([^/]+)$/i.exec(origin);
    return m !== null && this.hosts.has(m[1]!.toLowerCase());
  }

  tokenValid(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice(7) : '';
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
