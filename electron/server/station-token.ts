import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in the data folder that keeps the station server's access token between starts. */
export const STATION_TOKEN_FILE = 'station-token';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * The access token of `serve`, kept in the data folder: a tab or tablet opened with the station's address keeps
 * working after the station is restarted (a laptop rebooted in the morning, `serve` started again), instead of
 * every page needing the new address. `renew` makes a new one, which locks out every page opened with the old
 * address (a tablet lost, a link passed on). Readable by its owner only, like the event files beside it.
 */
export function stationToken(dataDir: string, options: { renew?: boolean } = {}): string {
  const file = join(dataDir, STATION_TOKEN_FILE);
  if (!options.renew) {
    try {
      const kept = readFileSync(file, 'utf8').trim();
      if (TOKEN.test(kept)) return kept;
    } catch {
      // None yet (or unreadable): a new one is made below.
    }
  }
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  // Written beside and renamed over: a station stopped half-way never leaves half a token.
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, `${token}\n`, { mode: 0o600 });
  chmodSync(part, 0o600);
  renameSync(part, file);
  return token;
}
