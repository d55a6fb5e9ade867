import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastSeq } from '../../../db/queries/sync-state';
import { acceptRecords, authenticate, HubRefusal, pairStation, pullPage, touchContact } from '../../core/stations/hub';
import { pairRequest, pullRequest, pushRequest } from '../../core/stations/protocol';
import { waitingCancellations } from '../../core/sync/scheduler';
import { AttemptLimiter } from './attempt-limiter';
import type { HubServerOptions } from '../../core/stations/hub-port';

/** A push of 2000 people with long notes stays below this; anything bigger is not from a station. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** How often a waiting pull looks for changes made by another process (a command-line scan on this file). */
const POLL_MS = 500;

export class BadRequest extends Error {}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequest('too_large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BadRequest('protocol'));
      }
    });
    req.on('error', reject);
  });
}

const bearer = (req: IncomingMessage) => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : '';
};

/**
 * The three calls a station makes: pair (with a one-time code), push (its records) and pull (what is new, held
 * open until something changes). Every answer carries the hub's clock for the station's offset estimate.
 */
export class HubRoutes {
  private readonly waiters = new Set<() => void>();
  private readonly limiter = new AttemptLimiter();

  constructor(private readonly o: HubServerOptions) {}

  /** Wakes waiting pulls: something changed in the hub's file. */
  notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private hubTime(received: number) {
    return { received, sent: this.o.ports.clock.now().getTime() };
  }

  async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const received = this.o.ports.clock.now().getTime();
    // Only stations talk to the hub; a browser (which always sends Origin on a POST) has no business here.
    if (req.method !== 'POST' || req.headers.origin !== undefined) return send(res, 405, { error: 'method' });
    const path = (req.url ?? '').split('?')[0];
    if (path === '/hub/v1/pair') return this.pair(req, res, received);
    const stationId = authenticate(this.o.db, bearer(req));
    if (path === '/hub/v1/push') return this.push(req, res, stationId, received);
    if (path === '/hub/v1/pull') return this.pull(req, res, stationId, received);
    send(res, 404, { error: 'not_found' });
  }

  private async pair(req: IncomingMessage, res: ServerResponse, received: number): Promise<void> {
    const ip = req.socket.remoteAddress ?? '';
    if (!this.limiter.allowed(ip, received)) return send(res, 429, { error: 'too_many_attempts' });
    const input = pairRequest.safeParse(await readJson(req));
    if (!input.success) return send(res, 400, { error: 'protocol' });
    try {
      send(res, 200, { ...pairStation(this.o.db, this.o.ports, input.data), hubTime: this.hubTime(received) });
    } catch (err) {
      if (err instanceof HubRefusal) this.limiter.failed(ip, received);
      throw err;
    }
  }

  private async push(req: IncomingMessage, res: ServerResponse, stationId: string, received: number): Promise<void> {
    const input = pushRequest.safeParse(await readJson(req));
    if (!input.success) return send(res, 400, { error: 'protocol' });
    const outcome = acceptRecords(this.o.db, this.o.ports, stationId, input.data.records, input.data.clockOffsetMs);
    if (outcome.added + outcome.updated > 0) {
      this.o.onMerged?.(outcome);
      this.notify();
    }
    send(res, 200, { added: outcome.added, duplicates: outcome.duplicates, parked: outcome.parked, hubTime: this.hubTime(received) });
  }

  private async pull(req: IncomingMessage, res: ServerResponse, stationId: string, received: number): Promise<void> {
    const input = pullRequest.safeParse(await readJson(req));
    if (!input.success) return send(res, 400, { error: 'protocol' });
    const { since, limit, waitMs, clockOffsetMs } = input.data;
    const { db, ports } = this.o;
    touchContact(db, ports, stationId, clockOffsetMs);
    let page = pullPage(db, stationId, since, limit);
    if (page.records.length === 0 && !page.more && waitMs > 0) {
      await this.waitForChange(page.upTo, waitMs, res);
      if (res.destroyed || res.writableEnded) return;
      // Removed while it waited: refused now, not after the next change.
      authenticate(db, bearer(req));
      page = pullPage(db, stationId, since, limit);
    }
    // What waits for approval here, for the station's desk: the list only when the station does not have it yet.
    const waiting = waitingCancellations(db);
    const list = input.data.waitingSeen === waiting.hash ? {} : { waitingCancellations: waiting.list };
    send(res, 200, { ...page, hubTime: this.hubTime(received), waitingHash: waiting.hash, ...list });
  }

  private waitForChange(since: number, ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const poll = setInterval(() => lastSeq(this.o.db) > since && done(), POLL_MS);
      this.waiters.add(done);
      // The station went away (or was stopped): stop waiting for it.
      res.once('close', done);
    });
  }
}
