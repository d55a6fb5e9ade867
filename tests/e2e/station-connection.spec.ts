// Browser mode across a restart of the station: a tab left open says when the station does not answer, loads
// everything again when it is back (with the same address: `--keep-token` keeps the token in the data folder), and
// says when the station no longer takes its access (a run with its own token). A station started again without
// naming the event opens the one it had open.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { STATION_TOKEN_FILE } from '../../electron/server/station-token';
import { openDemoInBrowser, type DemoInBrowser } from './support/demo-event';
import { startStation, type RunningStation } from './support/station';

const SCREENS = 'test-results/screens';
const demo = buildDemoEvent();
const person = demo.registrations.find((r) => r.status === 'registered' && r.notes === null)!;

let opened: DemoInBrowser;
/** The station now serving the event file: restarted by the tests. */
let station: RunningStation;
let file: string;
let page: Page;

test.beforeAll(async () => {
  opened = await openDemoInBrowser('einlass-e2e-connection-', 'Einlass Süd', ['--keep-token']);
  ({ station, page, eventFile: file } = opened);
  await expect(page.getByTestId('list-select')).toHaveValue('Einlass Tag 1');
});

test.afterAll(async () => {
  await station?.stop();
  await opened?.close();
});

const port = (s: RunningStation) => new URL(s.url).port;

test('a tab open across a restart says the station is gone, then shows what happened meanwhile without a reload', async () => {
  await expect(page.getByTestId('recent-check-ins')).not.toContainText(person.lastName);
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
  const before = station;
  await before.stop();

  await expect(page.getByTestId('connection-lost')).toContainText('Keine Verbindung zur Station', { timeout: 15_000 });
  await expect(page.getByTestId('connection-lost')).toContainText('nicht aktuell');
  await page.screenshot({ path: `${SCREENS}/station-connection-lost.png` });

  // While the station is down, the organiser checks someone in on its file from the command line.
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'scan', '--event', file, '--list', 'Einlass Tag 1', '--code', person.code]);

  // Started again without naming the event (a laptop rebooted, `serve` run again): the event open at the stop is
  // opened again, and the address is the same as before (the token kept in the data folder, for its owner only).
  station = await startStation(['--data-dir', opened.dir, '--port', port(before), '--keep-token']);
  expect(station.output()).toContain(`Wieder geöffnet (war beim letzten Beenden offen): ${file}`);
  expect(station.openUrl).toBe(before.openUrl);
  expect(statSync(join(opened.dir, STATION_TOKEN_FILE)).mode & 0o777).toBe(0o600);
  await expect(page.getByTestId('connection-lost')).toHaveCount(0, { timeout: 20_000 });
  // Nobody reloaded the page: the desk loaded its recent check-ins again on its own.
  await expect(page.getByTestId('recent-check-ins')).toContainText(person.lastName);
  await expect(page.getByTestId('list-select')).toHaveValue('Einlass Tag 1');
});

test('a station started with a token of its own locks the old tab out, and says to open its new address', async () => {
  const before = station;
  await before.stop();
  station = await startStation(['--event', file, '--port', port(before)]);
  expect(station.openUrl).not.toBe(before.openUrl);
  // The kept token is dropped: a later run with --keep-token does not let the old address in again.
  expect(existsSync(join(opened.dir, STATION_TOKEN_FILE))).toBe(false);

  const refused = page.getByTestId('connection-refused');
  await expect(refused).toContainText('nicht mehr mit der Station verbunden', { timeout: 20_000 });
  await expect(refused).toContainText('#token=');
  await page.screenshot({ path: `${SCREENS}/station-connection-refused.png` });

  await page.goto(station.openUrl);
  await expect(page.getByTestId('list-select')).toHaveValue('Einlass Tag 1');
  await expect(page.getByTestId('connection-refused')).toHaveCount(0);
  await expect(page.getByTestId('recent-check-ins')).toContainText(person.lastName);
});
