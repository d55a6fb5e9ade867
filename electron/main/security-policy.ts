import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The desktop shell's security decisions as plain functions. Kept free of `electron` imports so the policy itself is
 * tested on Node; electron/main/security.ts only wires these answers into Electron's hooks.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'einlass';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The only two IPC channels between renderer and main; the preload and the main side must agree on them. */
export const IPC_CHANNELS = { invoke: 'einlass:invoke', push: 'einlass:push' } as const;

/**
 * Settings for every window. `sandbox` keeps the preload away from Node, `contextIsolation` keeps page scripts away
 * from the preload, and the rest closes doors the app never uses.
 */
export const WINDOW_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
});

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for the app's origin (`app://einlass`, with or without a slash, as Electron's hooks pass it) and every URL
 * under it. Node's URL reports `null` as the origin of custom schemes, so the parts are compared one by one; ports
 * and credentials would make it another origin or a spoofing attempt.
 */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** The window only ever shows the app itself: no remote pages, no file:, javascript: or data: documents. */
export function allowNavigation(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * Only the camera, and only for the app. Microphone access is refused even inside a `media` request: the scanner
 * never needs sound, and a request that mixes both is not ours. An absent list is accepted because Electron does not
 * always tell which media a check concerns; an explicit 'unknown' is not.
 */
export function allowPermission(
  permission: string,
  requestingOrigin: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingOrigin)) return false;
  return mediaTypes.every((type) => type === 'video');
}

/** IPC is answered only for frames showing the app; a frame that navigated elsewhere gets nothing. */
export function isTrustedSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}

/**
 * Maps an app URL to a file inside `root` (the built renderer), or null for anything that would leave it: `..`
 * segments, encoded slashes or backslashes, NUL bytes, other origins. `/` means index.html.
 */
export function resolveAppAsset(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  const rel = relative(base, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return file;
}

/**
 * Content types for what the renderer build emits. They matter because every response carries `nosniff`: a module
 * script or module worker served with any other type is refused by Chromium.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
