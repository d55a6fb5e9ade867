import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in the data folder that keeps the station server's access token between starts. */
export const STATION_TOKEN_FILE = 'station-token';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** A new access token for the station server (24 random bytes, 32 characters). */
export function newStationToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The access token of a `serve` run. Each run has its own (ARCHITECTURE.md: like a notebook server's URL token), and
 * a kept one is dropped. With `keep` (`serve --keep-token`) the token is kept in the data folder and used again by the
 * next run that keeps it, so that a tab or tablet opened with the station's address goes on working after a restart
 * (a laptop rebooted in the morning) instead of every page needing the new address; one run without the option ends
 * that, and locks out every page opened with the kept address (a tablet lost, a link passed on). Readable by its
 * owner only, like the event files beside it.
 */
export function stationToken(dataDir: string, keep: boolean): string {
  if (!keep) {
    rmSync(join(dataDir, STATION_TOKEN_FILE), { force: true });
    return newStationToken();
  }
  return keptStationToken(dataDir);
}

function keptStationToken(dataDir: string): string {
  const file = join(dataDir, STATION_TOKEN_FILE);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (TOKEN.test(kept)) return kept;
  } catch {
    // None yet (or unreadable): a new one is made below.
  }
  const token = newStationToken();
  mkdirSync(dataDir, { recursive: true });
  // Written beside and renamed over: a station stopped half-way never leaves half a token.
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, `${token}\n`, { mode: 0o600 });
  chmodSync(part, 0o600);
  renameSync(part, file);
  return token;
}
