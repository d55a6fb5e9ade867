import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { STATION_TOKEN_FILE, stationToken } from '../../electron/server/station-token';
import { tempDir } from '../helpers/event-fixture';

let dir: ReturnType<typeof tempDir> | null = null;
afterEach(() => dir?.cleanup());

test('the station keeps its token between starts, readable by its owner only, and --new-token replaces it', () => {
  dir = tempDir();
  const first = stationToken(dir.dir);
  expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(stationToken(dir.dir)).toBe(first);
  const file = join(dir.dir, STATION_TOKEN_FILE);
  expect(statSync(file).mode & 0o777).toBe(0o600);

  const renewed = stationToken(dir.dir, { renew: true });
  expect(renewed).not.toBe(first);
  expect(stationToken(dir.dir)).toBe(renewed);
  expect(readFileSync(file, 'utf8').trim()).toBe(renewed);
  // Nothing half-written is left beside it.
  expect(readdirSync(dir.dir)).toEqual([STATION_TOKEN_FILE]);
});

test('a token file that is not a token (edited, cut short) is replaced, not used', () => {
  dir = tempDir();
  writeFileSync(join(dir.dir, STATION_TOKEN_FILE), 'abc\n');
  const token = stationToken(dir.dir);
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(stationToken(dir.dir)).toBe(token);
});

test('a data folder that does not exist yet is made', () => {
  dir = tempDir();
  const nested = join(dir.dir, 'neu', 'events');
  expect(stationToken(nested)).toBe(stationToken(nested));
});
