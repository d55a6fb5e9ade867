import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../contract/contract';
import type { AppContext } from '../core/app-context';
import { dispatch } from '../core/dispatch';
import type { ErrorCode } from '../core/errors';
import { RequestGuard } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface StationServerOptions {
  ctx: AppContext;
  /** 127.0.0.1 unless the organiser turns on network mode. */
  host?: string;
  port?: number;
  /** Folder of the built renderer; without it only the API is served. */
  staticDir?: string;
  token?: string;
}

export interface StationServer {
  url: string;
  /** The URL to open in a browser: the token travels in the fragment, so it never reaches logs or referrers. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 20_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, details: Record<string, unknown> = {}): void {
  const body: ApiResult<never> = { ok: false, error: { code, message: `errors.${code}`, details } };
  sendJson(res, status, body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApiCall(ctx: AppContext, method: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') return sendError(res, 405, 'bad_request', { reason: 'method_not_allowed' });
  const type = req.headers['content-type'] ?? '';
  // Requiring JSON also keeps simple cross-site form posts out (they cannot send this content type).
  if (!type.startsWith('application/json')) return sendError(res, 415, 'bad_request', { reason: 'content_type' });
  const body = await readBody(req);
  if (body === null) return sendError(res, 413, 'bad_request', { reason: 'too_large' });
  let input: unknown;
  try {
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return sendError(res, 400, 'bad_request', { reason: 'invalid_json' });
  }
  const result = await dispatch(ctx, method, input);
  sendJson(res, result.ok ? 200 : result.error.code === 'unknown_method' ? 404 : 200, result);
}

function handlePushStream(ctx: AppContext, req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = ctx.push.subscribe((message) => res.write(`data: ${JSON.stringify(message)}\n\n`));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

export async function startStationServer(options: StationServerOptions): Promise<StationServer> {
  const { ctx } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  let guard: RequestGuard | null = null;
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!guard || !guard.hostAllowed(req)) return sendError(res, 403, 'forbidden', { reason: 'host' });
    if (!guard.originAllowed(req)) return sendError(res, 403, 'forbidden', { reason: 'origin' });
    if (url.startsWith('/api/')) {
      if (!guard.tokenValid(req)) return sendError(res, 401, 'unauthorized');
      const path = url.slice(5).split('?')[0]!;
      if (path === 'events' && req.method === 'GET') return handlePushStream(ctx, req, res);
      handleApiCall(ctx, path, req, res).catch(() => {
        if (!res.headersSent) sendError(res, 500, 'internal');
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'bad_request');
    if (!options.staticDir) return sendError(res, 404, 'not_found');
    serveStatic(options.staticDir, url, res, SECURITY_HEADERS);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const networkMode = host !== '127.0.0.1' && host !== 'localhost' && host !== '::1';
  guard = new RequestGuard(token, port, networkMode, networkMode ? [host] : []);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
