import type { ApiResult, PushMessage } from '../../../electron/contract/contract';

/** What the preload script exposes in the desktop app: exactly these two functions. */
export interface EinlassBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (message: PushMessage) => void): () => void;
}

/**
 * How this page reaches the station (browser mode): `connected`; `lost` — the station does not answer (it was
 * stopped or restarted, or the network is down), retried on its own; `refused` — the station answers but no longer
 * takes this page's access token (it was started with a new one). The desktop window is always `connected`.
 */
export type Connection = 'connected' | 'lost' | 'refused';

export interface Transport extends EinlassBridge {
  kind: 'ipc' | 'http';
  /** Calls `listener` whenever the connection changes. */
  watchConnection(listener: (connection: Connection) => void): () => void;
  /**
   * Calls `listener` when the page is back in touch with the station after a break: what it shows may have changed
   * meanwhile (pushes are not replayed), so whatever it loaded is loaded again.
   */
  onReconnect(listener: () => void): () => void;
}

declare global {
  interface Window {
    einlass?: EinlassBridge;
  }
}

const TOKEN_KEY = 'einlass.token';

/** Takes the access token from the URL fragment once, keeps it for this tab, and removes it from the address bar. */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A push stream silent this long is taken as dropped (the station writes a heartbeat every 20 s). */
const STREAM_SILENCE_MS = 50_000;

function httpTransport(token: string | null): Transport {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` };
  let connection: Connection = 'connected';
  const watchers = new Set<(connection: Connection) => void>();
  const reconnectListeners = new Set<() => void>();
  const reconnected = () => {
    for (const l of [...reconnectListeners]) l();
  };
  const setConnection = (next: Connection) => {
    if (next === connection) return;
    const wasBroken = connection !== 'connected';
    connection = next;
    for (const w of [...watchers]) w(next);
    if (wasBroken && next === 'connected') reconnected();
  };
  // One push stream for all listeners. A stream each held one of the browser's six connections to the station for
  // as long as its screen was open: with six listeners (the sync screen, its progress, the stations badge, …) every
  // further call waited for a free connection that never came, and the page hung.
  const listeners = new Set<(message: PushMessage) => void>();
  let stream: AbortController | null = null;
  return {
    kind: 'http',
    async invoke(method, input) {
      try {
        const res = await fetch(`./api/${method}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
        const result = (await res.json()) as ApiResult<unknown>;
        setConnection(res.status === 401 ? 'refused' : 'connected');
        return result;
      } catch {
        setConnection('lost');
        return { ok: false, error: { code: 'network', message: 'errors.network', details: {} } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) {
        const controller = (stream = new AbortController());
        void readEventStream(headers.Authorization, {
          opened: (again) => {
            // A stream opened again after a drop missed the pushes in between, even when no call noticed the break.
            if (again && connection === 'connected') reconnected();
            setConnection('connected');
          },
          failed: (status) => setConnection(status === 401 ? 'refused' : 'lost'),
        }, (m) => {
          for (const l of [...listeners]) {
            try {
              l(m);
            } catch (err) {
              // One screen's failing listener must not cut the others off (nor reopen the stream).
              console.error(err);
            }
          }
        }, controller.signal);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
    watchConnection(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
}

interface StreamWatch {
  /** The stream is open; `again` when it had been open before (and so dropped in between). */
  opened(again: boolean): void;
  /** Opening it failed: the HTTP status, or null when the station did not answer. */
  failed(status: number | null): void;
}

/**
 * Server-sent events over fetch (EventSource cannot send the token header); reconnects after a drop, and takes a
 * stream silent for longer than STREAM_SILENCE_MS as dropped (a laptop leaving the Wi-Fi does not close it).
 */
async function readEventStream(auth: string, watch: StreamWatch, listener: (m: PushMessage) => void, signal: AbortSignal): Promise<void> {
  let openedBefore = false;
  for (let attempt = 0; !signal.aborted; attempt++) {
    const attemptAbort = new AbortController();
    const stop = () => attemptAbort.abort();
    signal.addEventListener('abort', stop);
    let silence: ReturnType<typeof setTimeout> | undefined;
    const watchSilence = () => {
      clearTimeout(silence);
      silence = setTimeout(stop, STREAM_SILENCE_MS);
    };
    try {
      let res: Response;
      try {
        res = await fetch('./api/events', { headers: { Authorization: auth }, signal: attemptAbort.signal });
      } catch (err) {
        if (!signal.aborted) watch.failed(null);
        throw err;
      }
      if (!res.ok || !res.body) {
        watch.failed(res.status);
        throw new Error(String(res.status));
      }
      attempt = 0;
      watch.opened(openedBefore);
      openedBefore = true;
      watchSilence();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        watchSilence();
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) listener(JSON.parse(data) as PushMessage);
        }
      }
      // The station closed the stream (it is stopping): reported as lost until it answers again.
      if (!signal.aborted) watch.failed(null);
    } catch {
      if (signal.aborted) return;
    } finally {
      clearTimeout(silence);
      signal.removeEventListener('abort', stop);
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
  }
}

export function pickTransport(): Transport {
  if (window.einlass) {
    const bridge = window.einlass;
    return {
      kind: 'ipc', invoke: (m, i) => bridge.invoke(m, i), subscribe: (l) => bridge.subscribe(l),
      // The window and its main process live and end together: there is no connection to lose.
      watchConnection: () => () => {},
      onReconnect: () => () => {},
    };
  }
  // The station's address opened again in this tab (as the notice of a refused page asks) changes only the part
  // after '#', which the browser does not load anew: the new token is taken and the page started over with it.
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)token=/.test(window.location.hash)) {
      takeToken();
      window.location.reload();
    }
  });
  return httpTransport(takeToken());
}
