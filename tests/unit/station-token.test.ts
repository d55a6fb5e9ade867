import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { STATION_TOKEN_FILE, stationToken } from '../../electron/server/station-token';
import { tempDir } from '../helpers/event-fixture';

let dir: ReturnType<typeof tempDir> | null = null;
afterEach(() => dir?.cleanup());
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

test('each run has its own token, as the architecture says', () => {
  dir = tempDir();
  const a = stationToken(dir.dir, false);
  const b = stationToken(dir.dir, false);
  expect(a).toMatch(TOKEN);
  expect(b).not.toBe(a);
  expect(readdirSync(dir.dir)).toEqual([]);
});

test('--keep-token keeps it for the next run that keeps it, readable by its owner only; one run without drops it', () => {
  dir = tempDir();
  const kept = stationToken(dir.dir, true);
  expect(kept).toMatch(TOKEN);
  expect(stationToken(dir.dir, true)).toBe(kept);
  const file = join(dir.dir, STATION_TOKEN_FILE);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readFileSync(file, 'utf8').trim()).toBe(kept);
  // Nothing half-written is left beside it.
  expect(readdirSync(dir.dir)).toEqual([STATION_TOKEN_FILE]);

  // A run without the option: its own token, and the kept one is gone (pages opened with it stay locked out).
  expect(stationToken(dir.dir, false)).not.toBe(kept);
  expect(existsSync(file)).toBe(false);
  expect(stationToken(dir.dir, true)).not.toBe(kept);
});

test('a kept token file that is not a token (edited, cut short) is replaced, not used', () => {
  dir = tempDir();
  writeFileSync(join(dir.dir, STATION_TOKEN_FILE), 'abc\n');
  const token = stationToken(dir.dir, true);
  expect(token).toMatch(TOKEN);
  expect(stationToken(dir.dir, true)).toBe(token);
});

test('a data folder that does not exist yet is made', () => {
  dir = tempDir();
  const nested = join(dir.dir, 'neu', 'events');
  expect(stationToken(nested, true)).toBe(stationToken(nested, true));
});
