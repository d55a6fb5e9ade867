import https from 'node:https';
import tls from 'node:tls';
import type { z } from 'zod';
import { fingerprintOfDer } from './certificate';

/** Why talking to the hub failed, as a code the station shows (stations.error.<reason>). Never carries a token. */
export class HubError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'HubError';
  }

  /** Worth trying again later (the network or the hub is away), as opposed to a refusal. */
  get transient(): boolean {
    return this.reason === 'unreachable' || this.reason === 'timeout' || this.reason === 'fingerprint' || this.reason.startsWith('http_5');
  }
}

const CONNECT_TIMEOUT_MS = 5000;
/** Any name will do: the hub's certificate is checked by its fingerprint, not by a host name. */
const SERVERNAME = 'einlass-hub';

function splitAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  return { host: address.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(address.slice(i + 1)) };
}

function networkReason(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  // Any failed certificate check: the server is not the hub this station was paired with.
  if (code === 'ERR_FINGERPRINT' || /CERT|SELF_SIGNED|SIGNATURE/.test(code)) return 'fingerprint';
  return 'unreachable';
}

/**
 * First contact: opens TLS to the hub and reads its certificate without sending anything, so a code is never
 * handed to a server whose fingerprint does not match.
 */
export function fetchHubCertificate(address: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<{ pem: string; fingerprint: string }> {
  const { host, port } = splitAddress(address);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: SERVERNAME, rejectUnauthorized: false, timeout: timeoutMs });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      if (!cert) reject(new HubError('unreachable'));
      else resolve({ pem: cert.toString(), fingerprint: fingerprintOfDer(cert.raw) });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new HubError('timeout'));
    });
    socket.once('error', (err) => reject(new HubError(networkReason(err))));
  });
}

export interface HubEndpoint {
  addresses: string[];
  /** The hub's certificate (trusted as its own root) and its pinned SHA-256 fingerprint. */
  certPem: string;
  fingerprint: string;
  token: string | null;
}

/**
 * HTTPS to the hub with the certificate pinned: the connection is refused unless the hub presents exactly the
 * certificate whose fingerprint the pairing code carried. Keeps connections open between requests.
 */
export class HubClient {
  private readonly agent = new https.Agent({ keepAlive: true, maxSockets: 4 });

  constructor(
    private readonly endpoint: HubEndpoint,
    private readonly onAddressChange?: (addresses: string[]) => void,
  ) {}

  async post<S extends z.ZodType>(path: string, body: unknown, schema: S, timeoutMs: number, signal?: AbortSignal): Promise<z.output<S>> {
    const addresses = this.endpoint.addresses;
    let lastError: HubError = new HubError('unreachable');
    for (let i = 0; i < addresses.length; i++) {
      try {
        const value = await this.request(addresses[i]!, path, body, timeoutMs, signal);
        if (i > 0) {
          // The address that answered goes first from now on.
          this.endpoint.addresses = [addresses[i]!, ...addresses.filter((_, j) => j !== i)];
          this.onAddressChange?.(this.endpoint.addresses);
        }
        const parsed = schema.safeParse(value);
        if (!parsed.success) throw new HubError('protocol');
        return parsed.data;
      } catch (err) {
        if (!(err instanceof HubError) || !err.transient || signal?.aborted) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  private request(address: string, path: string, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    const { host, port } = splitAddress(address);
    const data = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Content-Length': String(data.length) };
    if (this.endpoint.token) headers.Authorization = `Bearer ${this.endpoint.token}`;
    const pinned = this.endpoint.fingerprint;
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host, port, path, method: 'POST', headers, agent: this.agent, servername: SERVERNAME, ca: this.endpoint.certPem,
          timeout: timeoutMs, signal,
          checkServerIdentity: (_host, cert) =>
            fingerprintOfDer(cert.raw) === pinned ? undefined : Object.assign(new Error('certificate fingerprint does not match'), { code: 'ERR_FINGERPRINT' }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => reject(new HubError('unreachable')));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              return reject(new HubError(`http_${res.statusCode ?? 0}`));
            }
            if (res.statusCode === 200) return resolve(json);
            const reason = (json as { error?: unknown } | null)?.error;
            reject(new HubError(typeof reason === 'string' ? reason.slice(0, 100) : `http_${res.statusCode ?? 0}`));
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(signal?.aborted ? new HubError('aborted') : new HubError(networkReason(err))));
      req.end(data);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
