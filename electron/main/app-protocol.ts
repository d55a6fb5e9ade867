import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../server/security-headers';
import { APP_SCHEME, contentTypeFor, resolveAppAsset } from './security-policy';

/**
 * Must run before the app is ready. `standard` gives the scheme real origins (so 'self' in the CSP, storage and
 * relative URLs work), `secure` makes it a secure context (camera access needs one), `supportFetchAPI` lets module
 * scripts and the module worker be fetched. `corsEnabled` and `bypassCSP` stay off: they would let other origins read
 * our files and let pages ignore the policy.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

async function serve(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppAsset(root, request.url);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(file),
      // Files come from the app folder on disk; caching them only risks serving an old build after an update.
      'Cache-Control': 'no-store',
    },
  });
}

/** Serves the built renderer (out/renderer) as app://einlass/…, and nothing outside that folder. */
export function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serve(rendererRoot, request));
}
