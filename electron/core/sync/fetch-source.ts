import { AppError } from '../errors';

export interface FetchOptions {
  authName?: string;
  authValue?: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

const MAX_REDIRECTS = 3;

function fail(messageKey: string, params: Record<string, unknown> = {}): never {
  throw new AppError('bad_request', { messageKey: `sync.error.${messageKey}`, ...params });
}

/**
 * Loads a registration list from a URL (an export link or an API). Only http(s); a time limit; at most three
 * redirects; a size limit; an HTML answer (a login page, an error page) is refused with a clear message. The
 * authorization header goes only to the origin it was configured for, never along a redirect to another host.
 */
export async function fetchSource(url: string, options: FetchOptions = {}): Promise<{ bytes: Uint8Array; fileName: string }> {
  const doFetch = options.fetchImpl ?? fetch;
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  let current = parseUrl(url);
  const origin = current.origin;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { Accept: 'text/csv, application/json, */*;q=0.5' };
    if (options.authName && options.authValue && current.origin === origin) headers[options.authName] = options.authValue;
    let res: Response;
    try {
      res = await doFetch(current, { headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') fail('urlTimeout', { seconds: Math.round((options.timeoutMs ?? 30_000) / 1000) });
      fail('urlUnreachable', { host: current.host });
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      if (hop >= MAX_REDIRECTS) fail('urlRedirects');
      current = parseUrl(new URL(res.headers.get('location')!, current).toString());
      continue;
    }
    if (res.status === 401 || res.status === 403) fail('urlUnauthorized', { status: res.status });
    if (!res.ok) fail('urlStatus', { status: res.status });
    const type = (res.headers.get('content-type') ?? '').toLowerCase();
    const bytes = await readLimited(res, maxBytes);
    if (type.includes('text/html') || looksLikeHtml(bytes)) fail('urlHtml');
    return { bytes, fileName: fileNameFor(current, type) };
  }
}

function parseUrl(text: string): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    fail('urlInvalid');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail('urlInvalid');
  return u;
}

async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) fail('tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) });
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
      fail('tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) });
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
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'anmeldungen';
  if (/\.(csv|tsv|txt|json|xlsx)$/i.test(last)) return last;
  if (type.includes('json')) return `${last}.json`;
  if (type.includes('spreadsheetml')) return `${last}.xlsx`;
  return `${last}.csv`;
}
