import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { DEMO_FILE_NAME } from '../../electron/core/event/demo';
import { tempDir } from '../helpers/event-fixture';
import { launchWithCamera } from './support/browser';
import { startStation, type RunningStation } from './support/station';
import { writeCameraVideo } from './support/videos';

const SCREENS = 'test-results/screens';
const demo = buildDemoEvent();
const registered = demo.registrations.filter((r) => r.status === 'registered' && r.notes === null);
const umlaut = registered.find((r) => /ü/.test(r.lastName) && !/[äöß]/.test(r.lastName))!;
const [scannedWithEnter, scannedWithout, undone] = registered.filter((r) => r !== umlaut);
const cancelled = demo.registrations.find((r) => r.status === 'cancelled')!;

let station: RunningStation;
let dir: ReturnType<typeof tempDir>;
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  dir = tempDir('einlass-e2e-desk-');
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', join(dir.dir, DEMO_FILE_NAME), '--station', 'Einlass Süd']);
  station = await startStation(['--event', join(dir.dir, DEMO_FILE_NAME)]);
  browser = await launchWithCamera(writeCameraVideo(dir.dir, 'empty', [{ code: null, seconds: 1 }]));
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
  await page.goto(station.openUrl);
  await expect(page.getByTestId('list-select')).toHaveValue('Einlass Tag 1');
});

test.afterAll(async () => {
  await browser?.close();
  await station?.stop();
  dir?.cleanup();
});

/**
 * A keyboard-wedge scanner: a few milliseconds per character, no field focused. The keys are sent from inside the
 * page at a fixed 4 ms pace, as the hardware does; sending each through the test driver would make the pace
 * depend on how busy the machine is.
 */
async function wedgeScan(code: string, enter: boolean) {
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.evaluate(
    ({ keys }) => {
      for (const key of keys) {
        const until = performance.now() + 4;
        while (performance.now() < until) {
          // Busy-wait: a scanner's pace, independent of timers.
        }
        window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    },
    { keys: [...code, ...(enter ? ['Enter'] : [])] },
  );
}

const result = () => page.getByTestId('scan-result');

function db() {
  return new Database(join(dir.dir, DEMO_FILE_NAME), { readonly: true });
}

test("the browser tab shows the app's icon, served by the station", async () => {
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const icon = await page.request.get(new URL(href!, page.url()).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
});

test('every label of the navigation fits its button, also in bold as the open screen shows it', async () => {
  const overflow = await page.locator('[data-testid^="nav-"]').evaluateAll((buttons) => buttons.flatMap((b) => {
    const label = b.querySelector('p')!;
    const weight = label.style.fontWeight;
    label.style.fontWeight = '700';
    const inner = b.clientWidth - Number.parseFloat(getComputedStyle(b).paddingLeft) - Number.parseFloat(getComputedStyle(b).paddingRight);
    const width = label.scrollWidth;
    label.style.fontWeight = weight;
    return width > inner ? [`${label.textContent}: ${width} > ${inner}`] : [];
  }));
  expect(overflow).toEqual([]);
});

test('the front desk fits the smallest window (1024 × 700): list, lock button, search and walk-in shown in full', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  try {
    await expect(page.getByTestId('walk-in-open')).toBeVisible();
    const clipped = await page.evaluate(() => {
      const parts = [
        document.querySelector<HTMLElement>('[data-testid="list-select"]')!,
        ...['lock', 'walk-in-open'].map((id) => document.querySelector<HTMLElement>(`[data-testid="${id}"] .mantine-Button-label`)!),
      ];
      return parts.filter((el) => el.scrollWidth > el.clientWidth).map((el) => `${el.textContent || (el as HTMLInputElement).value}: ${el.scrollWidth} > ${el.clientWidth}`);
    });
    expect(clipped).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/front-desk-1024.png` });
    // A search with many hits does not squeeze the counter above it (100 000 people: a thin, cut strip).
    const counter = page.getByTestId('list-counter').locator('xpath=..');
    const height = (await counter.boundingBox())!.height;
    await page.getByTestId('search-input').fill('e');
    await expect(page.getByTestId('search-hit')).not.toHaveCount(0);
    expect(await page.getByTestId('search-hit').count()).toBeGreaterThanOrEqual(6);
    // More than shown: said, with what narrows it.
    await expect(page.getByTestId('search-hit')).toHaveCount(8);
    await expect(page.getByTestId('search-more')).toHaveText('Nur die ersten 8 Treffer – bitte Vornamen, Organisation oder Ort dazuschreiben.');
    expect((await counter.boundingBox())!.height).toBe(height);
    await page.screenshot({ path: `${SCREENS}/front-desk-1024-many-hits.png` });
    await page.getByTestId('search-input').fill('');
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
});

test('hardware scanner with and without Enter, AIM prefix removed; human typing is not a scan', async () => {
  await wedgeScan(scannedWithEnter!.code, true);
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(`${scannedWithEnter!.firstName} ${scannedWithEnter!.lastName}`);
  await page.getByTestId('result-next').click();

  await wedgeScan(`]Q1${scannedWithout!.code}`, false);
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(`${scannedWithout!.firstName} ${scannedWithout!.lastName}`);
  await page.getByTestId('result-next').click();

  // Typed slowly into the search field: a search, not a scan.
  await page.getByTestId('search-input').pressSequentially(umlaut.lastName.slice(0, 4), { delay: 120 });
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await expect(result()).toBeHidden();
  await page.getByTestId('search-input').fill('');

  const d = db();
  const methods = d.prepare("SELECT c.method FROM check_ins c JOIN registrations r ON r.id = c.registration_id WHERE r.code IN (?, ?) ORDER BY c.scanned_at").all(scannedWithEnter!.code, scannedWithout!.code);
  d.close();
  expect(methods).toEqual([{ method: 'scanner' }, { method: 'scanner' }]);
});

test('search with umlaut variants, keyboard only: arrows and Enter check in', async () => {
  const plain = umlaut.lastName.toLowerCase().replace(/ü/g, 'u');
  const translit = umlaut.lastName.toLowerCase().replace(/ü/g, 'ue');
  const search = page.getByTestId('search-input');
  const wanted = `${umlaut.firstName} ${umlaut.lastName}`;
  for (const q of [`${umlaut.firstName.slice(0, 3)} ${plain}`, `${umlaut.firstName.slice(0, 3)} ${translit}`, `${umlaut.firstName.slice(0, 3)} ${umlaut.lastName}`]) {
    await search.fill(q);
    await expect(page.getByTestId('search-hit').first()).toContainText(wanted);
  }
  await page.screenshot({ path: `${SCREENS}/front-desk-search.png` });
  await search.press('Enter');
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(wanted);
  await page.getByTestId('result-next').click();
  await search.fill(translit);
  await expect(page.getByTestId('search-hit').filter({ hasText: wanted })).toContainText('bereits eingecheckt');
  await search.fill('');
});

test('undo a check-in, then let someone in again and override a cancelled registration', async () => {
  await wedgeScan(undone!.code, true);
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await page.getByTestId('result-undo').click();
  await expect(page.getByTestId('front-desk-message')).toContainText('rückgängig gemacht');
  await expect(page.getByTestId('recent-check-ins').locator('[data-undone="true"]').first()).toContainText(undone!.lastName);

  await wedgeScan(undone!.code, true);
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await page.getByTestId('result-next').click();
  await wedgeScan(undone!.code, true);
  await expect(result()).toHaveAttribute('data-status', 'already_checked_in');
  await page.getByTestId('result-readmit').click();
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(result()).toContainText('Ausnahme');
  await page.getByTestId('result-next').click();

  await wedgeScan(cancelled.code, true);
  await expect(result()).toHaveAttribute('data-status', 'refused');
  await page.getByTestId('result-override').click();
  await page.getByTestId('override-note').fill('hat vor Ort bezahlt');
  await page.screenshot({ path: `${SCREENS}/front-desk-override-confirm.png` });
  await page.getByTestId('override-confirm').click();
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(`${cancelled.firstName} ${cancelled.lastName}`);
  await page.getByTestId('result-next').click();
  // Scanned again while inside: already checked in, not refused as cancelled once more.
  await wedgeScan(cancelled.code, true);
  await expect(result()).toHaveAttribute('data-status', 'already_checked_in');
  await expect(page.getByTestId('scan-result-cancelled')).toHaveText('Die Anmeldung ist storniert – die Person wurde als Ausnahme eingelassen.');
  await page.getByTestId('result-next').click();

  const d = db();
  const rows = d
    .prepare(`SELECT r.code, c.type, c.override, c.override_reason AS reason FROM check_ins c JOIN registrations r ON r.id = c.registration_id
              WHERE r.code IN (?, ?) ORDER BY c.scanned_at, c.rowid`)
    .all(undone!.code, cancelled.code);
  d.close();
  expect(rows).toEqual([
    { code: undone!.code, type: 'entry', override: 0, reason: null },
    { code: undone!.code, type: 'undo', override: 0, reason: null },
    { code: undone!.code, type: 'entry', override: 0, reason: null },
    { code: undone!.code, type: 'entry', override: 1, reason: 'already_checked_in' },
    { code: cancelled.code, type: 'entry', override: 1, reason: 'cancelled: hat vor Ort bezahlt' },
  ]);
  // Her page says it was an exception, and why.
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill(cancelled.code);
  await page.getByText(`${cancelled.firstName} ${cancelled.lastName}`).first().click();
  await expect(page.getByTestId('person-override')).toHaveText('Ausnahme: Anmeldung storniert – hat vor Ort bezahlt');
  await page.screenshot({ path: `${SCREENS}/person-override.png` });
  // "Teilnehmende" once more: back to the list.
  await page.getByTestId('nav-people').click();
  await expect(page.getByTestId('person-override')).toHaveCount(0);
  await expect(page.getByTestId('people-search')).toHaveValue('');
  await page.getByTestId('nav-frontDesk').click();
});

test('walk-in registration: short form, new code, checked in at once, marked as registered on site', async () => {
  await page.getByTestId('search-input').fill('Gülay Yıldırım-Schmidt');
  await page.getByTestId('walk-in-open').click();
  await expect(page.getByTestId('walk-in-first')).toHaveValue('Gülay');
  await expect(page.getByTestId('walk-in-last')).toHaveValue('Yıldırım-Schmidt');
  await page.getByTestId('walk-in-organisation').fill('Stadt Naumburg (Saale)');
  await page.screenshot({ path: `${SCREENS}/front-desk-walk-in.png` });
  await page.getByTestId('walk-in-submit').click();
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText('Gülay Yıldırım-Schmidt');
  await page.getByTestId('result-next').click();

  await page.getByTestId('search-input').fill('yildirim');
  await expect(page.getByTestId('search-hit').first()).toContainText('bereits eingecheckt');
  await page.getByTestId('search-input').fill('');
  const d = db();
  const row = d.prepare("SELECT code, registered_on_site AS onSite FROM registrations WHERE last_name = 'Yıldırım-Schmidt'").get() as { code: string; onSite: number };
  d.close();
  expect(row.onSite).toBe(1);
  expect(row.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
});

test('search by the e-mail address someone gives; an unknown address opens the walk-in form with it filled in', async () => {
  const person = registered[30]!;
  await page.getByTestId('search-input').fill(person.email!.toUpperCase());
  await expect(page.getByTestId('search-results')).toHaveAttribute('data-query', person.email!.toUpperCase());
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await expect(page.getByTestId('search-hit')).toContainText(`${person.firstName} ${person.lastName}`);
  await page.screenshot({ path: `${SCREENS}/front-desk-search-email.png` });

  await page.getByTestId('search-input').fill('neu.hier@beispiel.de');
  await expect(page.getByText('Keine Treffer', { exact: false })).toBeVisible();
  await page.getByTestId('walk-in-open').click();
  await expect(page.getByTestId('walk-in-email')).toHaveValue('neu.hier@beispiel.de');
  await expect(page.getByTestId('walk-in-first')).toHaveValue('');
  await expect(page.getByTestId('walk-in-last')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('walk-in-email')).toHaveCount(0);
  await page.getByTestId('search-input').fill('');
});

test('a code read off a phone and typed without its dash finds its person, at the desk and in the people list (QA14 B1)', async () => {
  const person = registered[40]!;
  const name = `${person.firstName} ${person.lastName}`;
  const typed = person.code.replace('-', '').toLowerCase();
  const search = page.getByTestId('search-input');
  await search.fill(typed);
  await expect(page.getByTestId('search-results')).toHaveAttribute('data-query', typed);
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await expect(page.getByTestId('search-hit')).toContainText(name);
  await search.press('Enter');
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(name);
  await page.getByTestId('result-next').click();
  await search.fill('');

  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill(typed.toUpperCase());
  await expect(page.getByText('1 Person', { exact: true })).toBeVisible();
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await expect(page.locator('table tbody tr')).toContainText(person.lastName);
  await page.getByTestId('people-search').fill('');
  await page.getByTestId('nav-frontDesk').click();
});

test('the event code pattern reads a code out of other text', async () => {
  const person = registered[20]!;
  await page.getByTestId('nav-event').click();
  await page.getByTestId('code-pattern').fill('Ticket-Nr\\.? ([0-9A-Z]{4}-[0-9A-Z]{4})');
  await page.getByTestId('code-pattern').press('Enter');
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/event-settings.png`, fullPage: true });
  await page.getByTestId('nav-frontDesk').click();
  await wedgeScan(`Ticket-Nr. ${person.code}`, true);
  await expect(result()).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(`${person.firstName} ${person.lastName}`);
  await page.getByTestId('result-next').click();
});

test('front-desk mode hides the admin functions until the PIN is entered', async () => {
  await page.getByTestId('lock').click();
  await page.getByTestId('pin-input').locator('input').first().click();
  await page.keyboard.type('4711');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('unlock')).toBeVisible();
  await expect(page.getByTestId('nav-people')).toBeHidden();
  await page.screenshot({ path: `${SCREENS}/front-desk-locked.png` });
  await page.reload();
  await expect(page.getByTestId('unlock')).toBeVisible();

  await page.getByTestId('unlock').click();
  await page.getByTestId('pin-input').locator('input').first().click();
  await page.keyboard.type('1234');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByText('Falsche PIN.')).toBeVisible();
  await page.getByTestId('pin-input').locator('input').first().click();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('4711');
  await page.getByTestId('pin-submit').click();
  await expect(page.getByTestId('nav-people')).toBeVisible();
});
