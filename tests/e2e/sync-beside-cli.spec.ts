import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { countRegistrations, openDemoInBrowser, type DemoInBrowser } from './support/demo-event';

// QA17 M1: `einlass import` run beside the running station (a scheduled task, the IT colleague's script) writes to the
// event file directly. The open screens — the people list, the desk's counter, the list's card and its history —
// show it without a reload, as after the app's own sync; the history marks the run as the command line's (M3).
const SCREENS = 'test-results/screens';

let demo: DemoInBrowser;
let people: Page;
let desk: Page;
let sync: Page;

test.beforeAll(async () => {
  demo = await openDemoInBrowser('einlass-e2e-beside-cli-', 'Einlass 1');
  desk = demo.page;
  // Three tabs of the same station, as on the organiser's laptop: the desk, the people, the lists.
  const browser = desk.context().browser()!;
  people = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await people.goto(demo.station.openUrl);
  await people.getByTestId('nav-people').click();
  sync = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await sync.goto(demo.station.openUrl);
  await sync.getByTestId('nav-sync').click();
});

test.afterAll(async () => {
  await demo?.close();
});

test('a list imported on the command line shows on the open screens without a reload', async () => {
  const total = countRegistrations(demo.eventFile, '1 = 1');
  await expect(people.getByText(`${total} Personen`, { exact: true })).toBeVisible();
  const counter = desk.getByTestId('list-counter');
  // Everyone registered for today (people without days count for every day, as the new ones will).
  await expect(counter).toContainText('/');
  const expected = Number(/\/\s*([\d.]+)/.exec((await counter.textContent()) ?? '')![1]!.replace('.', ''));

  const list = join(demo.dir, 'nachmeldungen-extern.csv');
  writeFileSync(list, '\uFEFFID;Code;Vorname;Nachname;Organisation;Ort\r\nx-1;EXT-0001;Wilma;Weitweg;Stadt Zeitz;Zeitz\r\nx-2;EXT-0002;Xaver;Xanten;Stadt Zeitz;Zeitz\r\n');
  const out = execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'import', '--event', demo.eventFile, '--source', list], { encoding: 'utf8' });
  expect(out).toContain('Übernommen.');

  // Within the station's next look at the file (every 1.5 s), no reload.
  await expect(people.getByText(`${total + 2} Personen`, { exact: true })).toBeVisible({ timeout: 10_000 });
  await people.getByTestId('people-search').fill('Weitweg');
  await expect(people.getByText('Wilma Weitweg')).toBeVisible();
  await people.screenshot({ path: `${SCREENS}/beside-cli-people.png` });
  await expect(counter).toContainText(`/ ${expected + 2}`, { timeout: 10_000 });
  await desk.screenshot({ path: `${SCREENS}/beside-cli-desk.png` });

  // The new list's card, and its run in the history marked as the command line's.
  await expect(sync.getByText('nachmeldungen-extern.csv').first()).toBeVisible({ timeout: 10_000 });
  const history = sync.getByTestId('sync-history');
  await expect(history.locator('[data-testid^="sync-run-cli-"]')).toHaveCount(1);
  await expect(history.locator('[data-testid^="sync-run-cli-"]')).toHaveText(/Kommandozeile/i);
  await sync.screenshot({ path: `${SCREENS}/beside-cli-sync.png`, fullPage: true });
});
