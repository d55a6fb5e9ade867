import { mkdirSync } from 'node:fs';
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
const guest = demo.registrations.find((r) => r.status === 'registered' && r.notes === null && /[äöüß]/.test(r.lastName + r.firstName))!;
const cancelled = demo.registrations.find((r) => r.status === 'cancelled')!;

let station: RunningStation;
let dir: ReturnType<typeof tempDir>;
let browser: Browser | null = null;

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  dir = tempDir('einlass-e2e-');
  station = await startStation(['--data-dir', dir.dir, '--station', 'Einlass Nord']);
});

test.afterEach(async () => {
  await browser?.close();
  browser = null;
});

test.afterAll(async () => {
  await station?.stop();
  dir?.cleanup();
});

async function openApp(video: string): Promise<Page> {
  browser = await launchWithCamera(video);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(station.openUrl);
  return page;
}

test('camera check-in: green, then "bereits eingecheckt", then red for a cancelled code', async () => {
  // The same code shown twice with a gap: the first sighting admits, the next one is a second scan.
  const video = writeCameraVideo(dir.dir, 'guest', [
    { code: null, seconds: 1 },
    { code: guest.code, seconds: 1.5 },
    { code: null, seconds: 3 },
  ]);
  const page = await openApp(video);

  await expect(page.getByRole('heading', { name: 'Willkommen bei Einlass' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/start.png` });
  await page.getByRole('button', { name: 'Demo-Veranstaltung öffnen' }).click();
  await expect(page.getByTestId('list-select')).toHaveValue('Einlass Tag 1');
  await expect(page.getByTestId('camera-state')).toHaveAttribute('data-state', 'ready');

  const result = page.getByTestId('scan-result');
  await expect(result).toHaveAttribute('data-status', 'admitted');
  await expect(result).toContainText('Eingecheckt');
  await expect(page.getByTestId('scan-result-name')).toHaveText(`${guest.firstName} ${guest.lastName}`);
  await expect(result).toContainText(guest.organisation);
  await page.screenshot({ path: `${SCREENS}/front-desk-admitted.png` });

  await expect(result).toHaveAttribute('data-status', 'already_checked_in', { timeout: 30_000 });
  await expect(result).toContainText('Bereits eingecheckt');
  await expect(result).toContainText('an Station „Einlass Nord“');
  await expect(page.getByTestId('scan-result-name')).toHaveText(`${guest.firstName} ${guest.lastName}`);
  await page.screenshot({ path: `${SCREENS}/front-desk-already.png` });

  // Returns to scanning by itself.
  await expect(result).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('list-counter')).toHaveAttribute('data-checked-in', '1');
  await page.screenshot({ path: `${SCREENS}/front-desk-idle.png` });
  await browser!.close();

  const redVideo = writeCameraVideo(dir.dir, 'cancelled', [
    { code: null, seconds: 1 },
    { code: cancelled.code, seconds: 1.5 },
    { code: null, seconds: 3 },
  ]);
  const page2 = await openApp(redVideo);
  const result2 = page2.getByTestId('scan-result');
  await expect(result2).toHaveAttribute('data-status', 'refused', { timeout: 30_000 });
  await expect(result2).toContainText('Kein Einlass');
  await expect(result2).toContainText('Diese Anmeldung wurde storniert.');
  await expect(page2.getByTestId('scan-result-name')).toHaveText(`${cancelled.firstName} ${cancelled.lastName}`);
  await page2.screenshot({ path: `${SCREENS}/front-desk-refused.png` });

  // A code that is not ours, typed in: red with the reason.
  await page2.getByTestId('result-next').click();
  await page2.getByTestId('search-input').fill('ZZZZ-0000');
  await expect(page2.getByText('Keine Treffer.', { exact: false })).toBeVisible();
  await page2.getByTestId('search-input').press('Enter');
  await expect(result2).toHaveAttribute('data-status', 'refused');
  await expect(result2).toContainText('Dieser Code ist nicht angemeldet.');
  await page2.screenshot({ path: `${SCREENS}/front-desk-unknown.png` });

  // What the event file holds: exactly one check-in record for the guest on Einlass Tag 1, the refused scans.
  const db = new Database(join(dir.dir, DEMO_FILE_NAME), { readonly: true });
  try {
    const records = db
      .prepare(
        `SELECT c.type, c.method, s.name AS station FROM check_ins c
         JOIN registrations r ON r.id = c.registration_id JOIN check_in_lists l ON l.id = c.list_id
         JOIN stations s ON s.id = c.station_id WHERE r.code = ? AND l.name = 'Einlass Tag 1'`,
      )
      .all(guest.code);
    expect(records).toEqual([{ type: 'entry', method: 'camera', station: 'Einlass Nord' }]);
    const refused = db.prepare('SELECT reason, raw_code AS raw FROM refused_scans').all() as { reason: string; raw: string }[];
    expect(refused.filter((r) => r.raw === guest.code).every((r) => r.reason === 'already_checked_in')).toBe(true);
    expect(refused.some((r) => r.raw === guest.code)).toBe(true);
    expect(refused.filter((r) => r.raw === cancelled.code).map((r) => r.reason)).toContain('cancelled');
    expect(refused.filter((r) => r.raw === 'ZZZZ-0000').map((r) => r.reason)).toEqual(['unknown_code']);
    expect(db.prepare('SELECT count(*) AS n FROM check_ins c JOIN registrations r ON r.id = c.registration_id WHERE r.code = ?').get(cancelled.code)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test('the person view shows the registration QR code', async () => {
  const page = await openApp(writeCameraVideo(dir.dir, 'empty', [{ code: null, seconds: 1 }]));
  await page.getByText('Teilnehmende', { exact: true }).click();
  await page.getByTestId('people-search').fill(guest.lastName.toLowerCase().replace('ü', 'ue').replace('ö', 'oe').replace('ä', 'ae').replace('ß', 'ss'));
  await page.getByRole('cell', { name: `${guest.firstName} ${guest.lastName}` }).click();
  await expect(page.getByTestId('person-name')).toHaveText(`${guest.firstName} ${guest.lastName}`);
  await expect(page.getByTestId('person-qr')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/person.png` });
});
