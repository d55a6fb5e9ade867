import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * node_modules/better-sqlite3 stays built for Node, because tests and the CLI run on Node. In development the
 * desktop app loads a second build made for Electron's ABI, which scripts/start.mjs puts in this folder (the same
 * path is spelled there, in plain JS).
 */
export const NATIVE_DIR = '.native';

export function devNativeBindingPath(appRoot: string, electronVersion: string): string {
  return join(appRoot, NATIVE_DIR, `electron-${electronVersion}`, 'better_sqlite3.node');
}

export interface AppLocation {
  isPackaged: boolean;
  getAppPath(): string;
}

/**
 * The binary to hand to better-sqlite3's `nativeBinding` option, or undefined for its default lookup. A packaged app
 * uses the default: electron-builder rebuilds node_modules for Electron while packaging.
 */
export function electronNativeBinding(
  app: AppLocation,
  electronVersion: string | undefined = process.versions.electron,
): string | undefined {
  if (app.isPackaged || !electronVersion) return undefined;
  const path = devNativeBindingPath(app.getAppPath(), electronVersion);
  if (existsSync(path)) return path;
  // Without it, the Node build would fail later with an ABI error that does not say what to do.
  console.warn(`[einlass] ${path} is missing; start the desktop app with \`npm start\`, which builds it.`);
  return undefined;
}
