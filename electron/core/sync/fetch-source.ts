import { AppError } from '../errors';
import { jsonEntries } from '../tabular/json';

export interface FetchOptions {
  authName?: string;
  authValue?: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
  /** Share of a paginated list fetched so far, where the API says how many entries there are. */
  onProgress?: (share: number) => void;
  /** The organiser cancelled: stop between pages, or in the middle of an answer. */
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 3;
/** "Too many requests" (an API's rate limit, e.g. pretix's): waited for this often, when it asks for this little. */
const RATE_LIMIT_RETRIES = 3;
const RATE_LIMIT_WAIT_MAX_S = 30;
/** Pages of a paginated API followed at most: 100 000 people at pretix's 50 a page. */
export const MAX_PAGES = 2000;

function fail(messageKey: string, params: Record<string, unknown> = {}): never {
  throw new AppError('bad_request', { messageKey: `sync.error.${messageKey}`, ...params });
}

/**
 * Loads a registration list from a URL (an export link or an API). Only http(s); a time limit; at most three
 * redirects; a size limit; an HTML answer (a login page, an error page) is refused with a clear message. The
 * authorization header goes only to the origin it was configured for, never along a redirect to another host.
 * A paginated JSON API (pretix and other REST APIs: `next`; JSON:API: `links.next`; Eventbrite: `pagination`
 * with a continuation) is followed page by page on the same origin, and its entries are one list: taking only
 * the first page would make everyone on the others look cancelled at the next sync.
 */
export async function fetchSource(url: string, options: FetchOptions = {}): Promise<{ bytes: Uint8Array; fileName: string; pages: number }> {
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const origin = parseUrl(url).origin;
  // A header can only carry Latin-1: a key pasted with typographic quotes („Token …“) never left the machine.
  if (options.authValue && !/^[\t\x20-\x7e\x80-\xff]*$/.test(options.authValue)) fail('authValueInvalid');
  const first = await fetchOne(url, origin, options, maxBytes, maxBytes);
  const firstPage = pageOf(first.bytes, first.url, true);
  if (!firstPage?.next) return { bytes: first.bytes, fileName: first.fileName, pages: 1 };
  const key = firstPage.key;
  const items = firstPage.items;
  const seen = new Set([first.url.href]);
  let size = first.bytes.length;
  let pages = 1;
  for (let page = firstPage; page.next; ) {
    if (pages >= MAX_PAGES) fail('urlTooManyPages', { pages: MAX_PAGES });
    const next = nextPageUrl(page, pages + 1);
    if (next.origin !== origin) fail('urlPageOtherOrigin', { host: next.host });
    if (seen.has(next.href)) fail('urlPageLoop', { page: pages + 1 });
    seen.add(next.href);
    const got = await fetchOne(next.toString(), origin, options, maxBytes - size, maxBytes).catch((err: unknown) => {
      // Said with the page: the pages before it came, so the server is not simply down (nothing is changed either way).
      if (err instanceof AppError && err.details.messageKey !== 'sync.error.cancelled') {
        throw new AppError(err.code, { ...err.details, laterPage: pages + 1 });
      }
      throw err;
    });
    size += got.bytes.length;
    const parsed = pageOf(got.bytes, got.url, false);
    if (!parsed || parsed.key !== key) fail('urlPageInvalid', { page: pages + 1 });
    for (const item of parsed.items) items.push(item);
    pages++;
    if (firstPage.total) options.onProgress?.(Math.min(1, items.length / firstPage.total));
    page = parsed;
  }
  return { bytes: Buffer.from(JSON.stringify({ [key]: items })), fileName: first.fileName, pages };
}

/** The next page's address, resolved against the page that gave it; only http(s). */
function nextPageUrl(page: Page, number: number): URL {
  let next: URL;
  try {
    next = new URL(page.next!, page.url);
  } catch {
    fail('urlPageInvalid', { page: number });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') fail('urlPageInvalid', { page: number });
  return next;
}

interface Fetched {
  bytes: Uint8Array;
  fileName: string;
  /** Where the answer came from, after redirects. */
  url: URL;
}

/** One answer of at most `maxBytes` (what is left of `limitBytes`, the limit for all pages together). */
async function fetchOne(url: string, origin: string, options: FetchOptions, maxBytes: number, limitBytes: number): Promise<Fetched> {
  const doFetch = options.fetchImpl ?? fetch;
  let current = parseUrl(url);
  let redirects = 0;
  let waits = 0;
  for (;;) {
    const headers: Record<string, string> = { Accept: 'text/csv, application/json, */*;q=0.5' };
    if (options.authName && options.authValue && current.origin === origin) headers[options.authName] = options.authValue;
    let res: Response;
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    try {
      res = await doFetch(current, { headers, redirect: 'manual', signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout });
    } catch (err) {
      if (options.signal?.aborted) fail('cancelled');
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') fail('urlTimeout', { seconds: Math.round((options.timeoutMs ?? 30_000) / 1000) });
      fail('urlUnreachable', { host: current.host });
    }
    // An answer not read is let go at once: its open connection kept the command line from ending for 16 s (QA17 L8).
    const unread = () => res.body?.cancel().catch(() => undefined);
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await unread();
      if (redirects++ >= MAX_REDIRECTS) fail('urlRedirects');
      current = parseUrl(new URL(res.headers.get('location')!, current).toString());
      continue;
    }
    if (res.status === 401 || res.status === 403) {
      await unread();
      // Sent on to another host, where the key is not sent: the key may be right, the address is not the one to enter.
      if (current.origin !== origin && options.authValue) fail('urlRedirectedWithoutKey', { host: current.host });
      fail('urlUnauthorized', { status: res.status });
    }
    if (res.status === 429) {
      const seconds = retryAfterSeconds(res.headers.get('retry-after'));
      if (seconds === null || seconds > RATE_LIMIT_WAIT_MAX_S || waits >= RATE_LIMIT_RETRIES) fail('urlRateLimited', { seconds: seconds ?? 60 });
      waits++;
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      if (options.signal?.aborted) fail('cancelled');
      continue;
    }
    if (!res.ok) {
      await unread();
      fail('urlStatus', { status: res.status });
    }
    const type = (res.headers.get('content-type') ?? '').toLowerCase();
    const bytes = await readLimited(res, maxBytes, limitBytes).catch((err: unknown) => {
      if (options.signal?.aborted) fail('cancelled');
      // An answer that keeps trickling in past the time limit: the same message as one that never starts.
      if (timeout.aborted) fail('urlTimeoutReading', { seconds: Math.round((options.timeoutMs ?? 30_000) / 1000) });
      if (err instanceof AppError) throw err;
      // The connection broke off in the middle of the answer.
      fail('urlBrokenOff', { host: current.host });
    });
    if (type.includes('text/html') || looksLikeHtml(bytes)) fail('urlHtml');
    return { bytes, fileName: fileNameFor(current, type), url: current };
  }
}

interface Page {
  url: URL;
  /** Where the page's entries are (`results`, …). */
  key: string;
  items: unknown[];
  /** The next page's address as the API gives it (absolute or relative), or null on the last page. */
  next: string | null;
  /** How many entries all pages hold together, where the API says so. */
  total: number | null;
}

/** A JSON answer as a page of a list; null for anything else (CSV, a JSON object without a list). */
function pageOf(bytes: Uint8Array, url: URL, firstPage: boolean): Page | null {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  // A plain array has no further pages; a first page without any of the words for one is not parsed twice.
  if (!head.startsWith('{')) return null;
  const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  if (firstPage && !/"(next|links|pagination)"/.test(text)) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const entries = jsonEntries(data);
  if (!entries || entries.key === null) return null;
  const o = data as Record<string, unknown>;
  const links = o.links as Record<string, unknown> | undefined;
  const pagination = o.pagination as Record<string, unknown> | undefined;
  let next: string | null = null;
  if (typeof o.next === 'string' && o.next) next = o.next;
  else if (links && typeof links.next === 'string' && links.next) next = links.next;
  else if (pagination?.has_more_items === true && typeof pagination.continuation === 'string' && pagination.continuation) {
    const u = new URL(url);
    u.searchParams.set('continuation', pagination.continuation);
    next = u.toString();
  }
  const total = typeof o.count === 'number' ? o.count : typeof pagination?.object_count === 'number' ? pagination.object_count : null;
  return { url, key: entries.key, items: entries.items, next, total };
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date; null when missing or unreadable. */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** An http(s) address, or the error "Das ist keine gültige http(s)-Adresse." (AppError). */
export function parseUrl(text: string): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    fail('urlInvalid');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail('urlInvalid');
  // "https://name:passwort@…": not sent that way by fetch (it went on as "nicht erreichbar"); the key goes in its field.
  if (u.username || u.password) fail('urlCredentials');
  return u;
}

async function readLimited(res: Response, maxBytes: number, limitBytes: number): Promise<Uint8Array> {
  const tooLarge = () => fail('tooLarge', { mb: Math.round(limitBytes / 1024 / 1024) });
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    tooLarge();
  }
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body');
}

function fileNameFor(url: URL, type: string): string {
  // An API's address often ends in a slash (/api/v1/…/orderpositions/): its last named part names the list.
  const segment = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let last = segment;
  try {
    last = decodeURIComponent(segment);
  } catch {
    // A broken %-escape: the name as it is written.
  }
  last ||= 'anmeldungen';
  if (/\.(csv|tsv|txt|json|xlsx|ods)$/i.test(last)) return last;
  if (type.includes('json')) return `${last}.json`;
  if (type.includes('spreadsheetml')) return `${last}.xlsx`;
  if (type.includes('opendocument.spreadsheet')) return `${last}.ods`;
  return `${last}.csv`;
}
