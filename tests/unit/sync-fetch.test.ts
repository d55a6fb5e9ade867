// Registration lists from a URL, fetched from a real HTTP server on loopback: redirects (the token stays with its
// origin), rate limits, and paginated APIs — every page with the token, one list in the end, and the ways a paging
// can go wrong.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlMessage } from '../../electron/contract/url-message';
import { AppError } from '../../electron/core/errors';
import { nodeTranslator } from '../../electron/core/messages';
import { fetchSource } from '../../electron/core/sync/fetch-source';

const TOKEN = 'Token geheim';
let server: Server;
let base: string;
/** Path with query → JSON body; anything else is a 404. */
let pages: Record<string, unknown> = {};
const requested: { path: string; auth: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push({ path: req.url ?? '', auth: req.headers.authorization });
    const body = pages[req.url ?? ''];
    if (typeof body === 'object' && body !== null && 'redirect' in body) return void res.writeHead(302, { location: (body as { redirect: string }).redirect }).end();
    if (req.headers.authorization !== TOKEN) return void res.writeHead(401).end();
    if (body === undefined) return void res.writeHead(404).end();
    if (body === 500) return void res.writeHead(500).end('boom');
    if (typeof body === 'object' && body !== null && 'delayMs' in body) {
      const slow = body as { delayMs: number; then: unknown };
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(slow.then)), slow.delayMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (typeof body === 'object' && body !== null && 'retryAfter' in body) {
      const limit = body as { retryAfter: string; times: number; then: unknown };
      if (limit.times-- > 0) return void res.writeHead(429, { 'retry-after': limit.retryAfter }).end();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(limit.then));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const person = (i: number) => ({ id: i, secret: `S-${i}`, attendee_name_parts: { given_name: `Vorname${i}`, family_name: `Nachname${i}` } });
const fetchList = (path: string, onProgress?: (share: number) => void) =>
  fetchSource(`${base}${path}`, { authName: 'Authorization', authValue: TOKEN, onProgress });
const entries = (bytes: Uint8Array, key: string) => (JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, { id: number }[]>)[key]!;

async function refusal(path: string): Promise<{ messageKey: unknown; params: Record<string, unknown> }> {
  const err = await fetchList(path).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  const details = (err as AppError).details;
  return { messageKey: details.messageKey, params: details };
}

describe('a registration list from a URL', () => {
  it('follows a few redirects with the token on the same origin; never sends it to another one', async () => {
    const port = (server.address() as AddressInfo).port;
    pages = {
      '/moved': { redirect: '/api/list' },
      '/api/list': [person(1)],
      '/elsewhere': { redirect: `http://localhost:${port}/open` },
      '/r1': { redirect: '/r2' }, '/r2': { redirect: '/r3' }, '/r3': { redirect: '/r4' }, '/r4': { redirect: '/r5' }, '/r5': [person(1)],
    };
    requested.length = 0;
    expect(Buffer.from((await fetchList('/moved')).bytes).toString('utf8')).toBe(JSON.stringify([person(1)]));
    expect(requested).toEqual([{ path: '/moved', auth: TOKEN }, { path: '/api/list', auth: TOKEN }]);
    requested.length = 0;
    // Refused there for want of the key: said as a forwarding, not as a wrong key.
    expect(await refusal('/elsewhere')).toMatchObject({ messageKey: 'sync.error.urlRedirectedWithoutKey', params: { host: `localhost:${port}` } });
    expect(requested).toEqual([{ path: '/elsewhere', auth: TOKEN }, { path: '/open', auth: undefined }]);
    expect(await refusal('/r1')).toMatchObject({ messageKey: 'sync.error.urlRedirects' });
  });
});

describe('a registration list from a paginated API', () => {
  it('pretix and other REST APIs: follows "next" (absolute, then relative) with the token, and gives one list', async () => {
    pages = {
      '/api/v1/orderpositions/': { count: 5, next: `${base}/api/v1/orderpositions/?page=2`, previous: null, results: [person(1), person(2)] },
      '/api/v1/orderpositions/?page=2': { count: 5, next: '?page=3', previous: '/api/v1/orderpositions/', results: [person(3), person(4)] },
      '/api/v1/orderpositions/?page=3': { count: 5, next: null, previous: '?page=2', results: [person(5)] },
    };
    requested.length = 0;
    const shares: number[] = [];
    const got = await fetchList('/api/v1/orderpositions/', (s) => shares.push(s));
    expect(got.pages).toBe(3);
    expect(entries(got.bytes, 'results').map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(requested.map((r) => r.path)).toEqual(['/api/v1/orderpositions/', '/api/v1/orderpositions/?page=2', '/api/v1/orderpositions/?page=3']);
    expect(requested.every((r) => r.auth === TOKEN)).toBe(true);
    expect(shares).toEqual([0.8, 1]);
    expect(got.fileName).toBe('orderpositions.json');
    pages = { '/liste%E0%A4%A': [person(1)] };
    expect((await fetchList('/liste%E0%A4%A')).fileName).toBe('liste%E0%A4%A.json');
  });

  it('Eventbrite: follows the continuation while there are more items; JSON:API: follows links.next', async () => {
    pages = {
      '/v3/events/1/attendees/': { pagination: { object_count: 3, has_more_items: true, continuation: 'abc' }, attendees: [person(1), person(2)] },
      '/v3/events/1/attendees/?continuation=abc': { pagination: { object_count: 3, has_more_items: false }, attendees: [person(3)] },
      '/jsonapi/people': { data: [person(7)], links: { self: '/jsonapi/people', next: '/jsonapi/people?page[number]=2' } },
      '/jsonapi/people?page[number]=2': { data: [person(8)], links: { self: '/jsonapi/people?page[number]=2' } },
    };
    const eventbrite = await fetchList('/v3/events/1/attendees/');
    expect(eventbrite.pages).toBe(2);
    expect(entries(eventbrite.bytes, 'attendees').map((p) => p.id)).toEqual([1, 2, 3]);
    const jsonApi = await fetchList('/jsonapi/people');
    expect(entries(jsonApi.bytes, 'data').map((p) => p.id)).toEqual([7, 8]);
  });

  it('pages whose entries are under a key of their own ("teilnehmende") are followed as well', async () => {
    pages = {
      '/export': { next: '/export?seite=2', exportiert: '2023-10-10', teilnehmende: [person(1)] },
      '/export?seite=2': { next: null, exportiert: '2023-10-10', teilnehmende: [person(2)] },
    };
    const got = await fetchList('/export');
    expect(got.pages).toBe(2);
    expect(entries(got.bytes, 'teilnehmende').map((p) => p.id)).toEqual([1, 2]);
  });

  it('a list of one page, or a plain array, is taken as the server sent it', async () => {
    const onePage = JSON.stringify({ count: 1, next: null, results: [{ id: 1, note: 'see "next" page' }] });
    pages = { '/one': onePage, '/array': JSON.stringify([person(1)]) };
    const one = await fetchList('/one');
    expect(one.pages).toBe(1);
    expect(Buffer.from(one.bytes).toString('utf8')).toBe(onePage);
    expect(Buffer.from((await fetchList('/array')).bytes).toString('utf8')).toBe(JSON.stringify([person(1)]));
  });

  it('refuses a next page on another server (the token stays home), a loop, a broken page and a page of another layout', async () => {
    pages = {
      '/away': { next: 'https://evil.example/steal?page=2', results: [person(1)] },
      '/loop': { next: '/loop?page=2', results: [person(1)] },
      '/loop?page=2': { next: '/loop', results: [person(2)] },
      '/broken': { next: '/broken?page=2', results: [person(1)] },
      '/broken?page=2': 500,
      '/other': { next: '/other?page=2', results: [person(1)] },
      '/other?page=2': { rows: [person(2)] },
      '/bad-next': { next: 'http://[::1', results: [person(1)] },
    };
    requested.length = 0;
    expect(await refusal('/away')).toMatchObject({ messageKey: 'sync.error.urlPageOtherOrigin', params: { host: 'evil.example' } });
    expect(requested.map((r) => r.path)).toEqual(['/away']);
    expect(await refusal('/loop')).toMatchObject({ messageKey: 'sync.error.urlPageLoop', params: { page: 3 } });
    // Said with the page that failed: the first one came, so the server is not simply down.
    expect(await refusal('/broken')).toMatchObject({ messageKey: 'sync.error.urlStatus', params: { status: 500, laterPage: 2 } });
    const de = await nodeTranslator();
    expect(urlMessage(de, 'sync.error.urlStatus', { status: 500, laterPage: 2 })).toBe(
      'Seite 2 der Liste kam nicht an (die Seiten davor schon; nichts wurde geändert): Die Adresse antwortet mit Fehler 500.');
    // The first page failing is the server's answer as such.
    pages['/first-fails'] = 500;
    expect((await refusal('/first-fails')).params.laterPage).toBeUndefined();
    expect(await refusal('/other')).toMatchObject({ messageKey: 'sync.error.urlPageInvalid', params: { page: 2 } });
    expect(await refusal('/bad-next')).toMatchObject({ messageKey: 'sync.error.urlPageInvalid', params: { page: 2 } });
  });

  it('waits when the API asks to (429 with Retry-After) and goes on; refuses when asked to wait long', async () => {
    pages = {
      '/limited': { next: '/limited?page=2', results: [person(1)] },
      '/limited?page=2': { retryAfter: '1', times: 1, then: { next: null, results: [person(2)] } },
      '/later': { retryAfter: '120', times: 1, then: { results: [] } },
    };
    const started = Date.now();
    const got = await fetchList('/limited');
    expect(entries(got.bytes, 'results').map((p) => p.id)).toEqual([1, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await refusal('/later')).toMatchObject({ messageKey: 'sync.error.urlRateLimited', params: { seconds: 120 } });
  });

  it('stops when the organiser cancels, also while a page is on its way', async () => {
    pages = {
      '/slow': { next: '/slow?page=2', results: [person(1)] },
      '/slow?page=2': { delayMs: 5000, then: { next: null, results: [person(2)] } },
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const err = await fetchSource(`${base}/slow`, { authName: 'Authorization', authValue: TOKEN, signal: controller.signal }).then(() => null, (e: unknown) => e);
    expect((err as AppError).details).toMatchObject({ messageKey: 'sync.error.cancelled' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('the size limit counts all pages together', async () => {
    const big = 'x'.repeat(600);
    pages = {
      '/big': { next: '/big?page=2', results: [{ id: 1, note: big }] },
      '/big?page=2': { next: null, results: [{ id: 2, note: big }] },
    };
    const err = await fetchSource(`${base}/big`, { authName: 'Authorization', authValue: TOKEN, maxBytes: 1000 }).then(() => null, (e: unknown) => e);
    expect((err as AppError).details).toMatchObject({ messageKey: 'sync.error.tooLarge' });
  });
});

describe('an answer refused unread', () => {
  it('lets go of its connection at once: a too large answer that stalls does not keep the process waiting (QA17 L8)', async () => {
    let closed: (() => void) | undefined;
    const gone = new Promise<void>((resolve) => { closed = resolve; });
    const stall = createServer((_req, res) => {
      res.on('close', () => closed!());
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(200 * 1024 * 1024) });
      res.write('ID;Vorname;Nachname\n');
    });
    stall.listen(0, '127.0.0.1');
    await once(stall, 'listening');
    try {
      const { port } = stall.address() as AddressInfo;
      await expect(fetchSource(`http://127.0.0.1:${port}/gross.csv`, { maxBytes: 1024 * 1024 })).rejects.toMatchObject({ details: { messageKey: 'sync.error.tooLarge' } });
      // The server sees the connection closed, not left open until a keep-alive timeout.
      const within = await Promise.race([gone.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000))]);
      expect(within).toBe(true);
      // Said as an address's answer, not as a file (QA17 L3).
      expect(urlMessage(await nodeTranslator('de'), 'sync.error.tooLarge', { mb: 100 })).toBe('Die Antwort der Adresse ist größer als 100 MB.');
    } finally {
      stall.closeAllConnections();
      stall.close();
    }
  });
});
