import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where event files live when none is named: the same folder Electron's app.getPath('userData') gives for
 * "Einlass", plus /events, so the desktop app and `npm run serve` see the same events.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.EINLASS_DATA_DIR) return env.EINLASS_DATA_DIR;
  const base =
    platform === 'win32' ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
    : platform === 'darwin' ? join(homedir(), 'Library', 'Application Support')
    : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'Einlass', 'events');
}
