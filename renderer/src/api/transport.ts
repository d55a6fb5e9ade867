import type { ApiResult, PushMessage } from '../../../electron/contract/contract';

/** What the preload script exposes in the desktop app: exactly these two functions. */
export interface EinlassBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (message: PushMessage) => void): () => void;
}

export interface Transport extends EinlassBridge {
  kind: 'ipc' | 'http';
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

function httpTransport(token: string | null): Transport {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` };
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
        return (await res.json()) as ApiResult<unknown>;
      } catch {
        return { ok: false, error: { code: 'network', message: 'errors.network', details: {} } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stream) {
        const controller = (stream = new AbortController());
        void readEventStream(headers.Authorization, (m) => {
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
  };
}

/** Server-sent events over fetch (EventSource cannot send the token header); reconnects after a drop. */
async function readEventStream(auth: string, listener: (m: PushMessage) => void, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const res = await fetch('./api/events', { headers: { Authorization: auth }, signal });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      attempt = 0;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) listener(JSON.parse(data) as PushMessage);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
  }
}

export function pickTransport(): Transport {
  if (window.einlass) {
    const bridge = window.einlass;
    return { kind: 'ipc', invoke: (m, i) => bridge.invoke(m, i), subscribe: (l) => bridge.subscribe(l) };
  }
  return httpTransport(takeToken());
}
