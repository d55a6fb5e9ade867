import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { openEventFile } from '../../db/open';
import { DEMO_FILE_NAME } from '../../electron/core/event/demo';
import { sequentialIds } from '../../electron/core/ports';
import { tempDir } from '../helpers/event-fixture';
import { pdfPageCount, pdfText, requirePoppler } from '../helpers/pdf-tools';
import { simulateAttendance } from '../helpers/report-fixture';
import { launchWithCamera } from './support/browser';
import { startStation, type RunningStation } from './support/station';
import { writeCameraVideo } from './support/videos';

const SCREENS = 'test-results/screens';

let station: RunningStation;
let dir: ReturnType<typeof tempDir>;
let browser: Browser;
let page: Page;
let file: string;
let people: { code: string; email: string; firstName: string; lastName: string; present: number; status: string }[];

test.beforeAll(async () => {
  requirePoppler();
  mkdirSync(SCREENS, { recursive: true });
  dir = tempDir('einlass-e2e-reports-');
  file = join(dir.dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file, '--station', 'Einlass Nord']);
  const db = openEventFile(file);
  simulateAttendance(db, { ids: sequentialIds('00000000-0000-7000-a000-') });
  people = db.prepare(
    `SELECT code, email, first_name AS firstName, last_name AS lastName, status,
       EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id AND c.type = 'entry'
         AND NOT EXISTS (SELECT 1 FROM check_ins u WHERE u.undoes_id = c.id)) AS present
     FROM registrations r`,
  ).all() as typeof people;
  db.close();
  station = await startStation(['--event', file]);
  browser = await launchWithCamera(writeCameraVideo(dir.dir, 'empty', [{ code: null, seconds: 1 }]));
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  await page.goto(station.openUrl);
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('reports-screen')).toBeVisible();
});

test.afterAll(async () => {
  await browser?.close();
  await station?.stop();
  dir?.cleanup();
});

async function downloaded(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = join(dir.dir, download.suggestedFilename());
  await download.saveAs(target);
  return { name: download.suggestedFilename(), bytes: readFileSync(target) };
}

test('statistics on screen: key figures, attendance by sector, arrivals, programme items', async () => {
  await expect(page.getByTestId('report-figures')).toContainText('Angemeldet');
  await expect(page.getByTestId('report-figures')).toContainText(String(people.filter((p) => p.present).length));
  // Let in although cancelled: among the present, said there; the rate and "Nicht erschienen" are of the registered.
  const cancelledThere = people.filter((p) => p.present && p.status === 'cancelled').length;
  expect(cancelledThere).toBeGreaterThan(0);
  await expect(page.getByTestId('report-figure-present')).toContainText(`davon ${cancelledThere} mit stornierter Anmeldung`);
  const registered = people.filter((p) => p.status === 'registered');
  const rate = (100 * registered.filter((p) => p.present).length / registered.length).toFixed(1).replace('.', ',');
  await expect(page.getByTestId('report-figure-rate')).toContainText(`${rate} %`);
  await page.getByTestId('report-dimension').getByText('Bereich').click();
  await expect(page.getByTestId('report-groups')).toContainText('Verwaltung');
  await expect(page.getByTestId('report-programme')).toContainText('Stadtrundgang');
  // „Stadtrundgang: Altstadt …“ says what it is: not „… · Stadtrundgang“ again (QA14 C2).
  await expect(page.getByTestId('report-programme')).not.toContainText('· Stadtrundgang');
  await page.waitForTimeout(400); // the segmented control's indicator slides; only for the screenshot
  // Each key figure's label fits its card.
  const overflowing = await page.getByTestId('report-figures').locator('p').evaluateAll((labels) =>
    labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => `${l.textContent}: ${l.scrollWidth} > ${l.clientWidth}`));
  expect(overflowing).toEqual([]);
  await page.screenshot({ path: `${SCREENS}/reports-overview.png` });
  await page.getByTestId('reports-screen').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.screenshot({ path: `${SCREENS}/reports-overview-bottom.png` });
});

test('export dialog: attendance as Excel with picked columns only, log as CSV with commas', async () => {
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-run')).toBeEnabled();
  // No PDF of the attendance table, and the dialog says why and what to take instead (QA14 C4).
  await expect(page.getByTestId('export-no-pdf')).toContainText('Teilnahmebescheinigungen');
  await page.screenshot({ path: `${SCREENS}/reports-export-dialog.png` });
  // Personal fields off except the names, plus the e-mail address ticked on purpose.
  await page.getByTestId('column-organisation').click();
  await page.getByTestId('column-town').click();
  await page.getByTestId('column-email').click();
  const xlsx = await downloaded(() => page.getByTestId('export-run').click());
  expect(xlsx.name).toMatch(/^Partnerfachtagung-2023_Anwesenheit_\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByTestId('export-done')).toContainText('200 Zeilen');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 5)).toEqual(['Nachname', 'Vorname', 'Organisationsart', 'Bereich', 'Bundesland']);
  expect(header).toContain('E-Mail');
  expect(header).not.toContain('Organisation');
  expect(header).not.toContain('Code');
  expect(wb.worksheets[0]!.rowCount).toBe(201);

  await page.getByTestId('export-report-log').click();
  await expect(page.getByTestId('export-no-pdf')).toHaveCount(0);
  await page.getByTestId('export-format').getByText('CSV').click();
  await page.getByTestId('export-comma').click();
  await page.getByTestId('pick-no-personal').click();
  await page.screenshot({ path: `${SCREENS}/reports-export-log-csv.png` });
  const csv = await downloaded(() => page.getByTestId('export-run').click());
  expect(csv.name).toMatch(/_Check-in-Protokoll_.*\.csv$/);
  const text = csv.bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ',', skipEmptyLines: true }).data;
  expect(rows[0]!.slice(0, 4)).toEqual(['Zeitpunkt (Scan)', 'Übertragen', 'Liste', 'Vorgang']);
  expect(rows[0]).not.toContain('Nachname');
  for (const p of people.slice(0, 50)) expect(text).not.toContain(p.code);
  await page.getByRole('button', { name: 'Schließen' }).click();

  // Opened again (as after a break): the last export's report, format, delimiter and columns are offered.
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-report-log')).toBeChecked();
  await expect(page.getByTestId('export-comma')).toBeChecked();
  await expect(page.getByTestId('column-lastName')).not.toBeChecked();
  await page.getByTestId('export-report-attendance').click();
  await expect(page.getByTestId('column-email')).toBeChecked();
  await expect(page.getByTestId('column-organisation')).not.toBeChecked();
  // The statistics as a PDF: its size, no count of rows (a PDF has pages).
  await page.getByTestId('export-report-stats').click();
  await page.getByTestId('export-format').getByText('PDF', { exact: true }).click();
  const stats = await downloaded(() => page.getByTestId('export-run').click());
  expect(stats.name).toMatch(/\.pdf$/);
  await expect(page.getByTestId('export-done')).toHaveText(new RegExp(`^Heruntergeladen: ${stats.name.replace(/[.]/g, '\\.')} \\([\\d,]+ KB\\)$`));
  await page.getByRole('button', { name: 'Schließen' }).click();
});

test('certificates: organisation with logo, all in one PDF; one from a person\'s detail view', async () => {
  await page.getByTestId('organisation-name').fill('K3B – Kompetenzzentrum Kommunale Konfliktberatung');
  await page.getByTestId('organisation-save').click();
  await expect(page.getByTestId('certificates-message')).toContainText('Gespeichert');
  const png = new PNG({ width: 120, height: 50 });
  for (let i = 0; i < 120 * 50; i++) png.data.set(i % 120 < 40 ? [59, 76, 202, 255] : [230, 233, 245, 255], i * 4);
  const logo = join(dir.dir, 'logo.png');
  writeFileSync(logo, PNG.sync.write(png));
  await page.locator('input[type="file"]').setInputFiles(logo);
  await expect(page.getByTestId('organisation-logo')).toBeVisible();
  await page.getByTestId('certificates-pdf').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/reports-certificates.png` });
  const all = await downloaded(() => page.getByTestId('certificates-pdf').click());
  const present = people.filter((p) => p.present);
  expect(pdfPageCount(all.bytes)).toBe(present.length);
  const text = pdfText(all.bytes);
  expect(text).toContain('Teilnahmebescheinigung');
  expect(text).toContain(`${present[0]!.firstName} ${present[0]!.lastName}`);

  const person = present.find((p) => /[äöüß]/.test(p.lastName)) ?? present[0]!;
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill(person.code);
  await page.getByText(`${person.firstName} ${person.lastName}`).first().click();
  await expect(page.getByTestId('person-certificate')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/reports-person-certificate.png` });
  const one = await downloaded(() => page.getByTestId('person-certificate').click());
  expect(one.name).toMatch(/^Teilnahmebescheinigung_.+\.pdf$/);
  expect(pdfPageCount(one.bytes)).toBe(1);
  expect(pdfText(one.bytes).replace(/\s+/g, ' ')).toContain(`${person.firstName} ${person.lastName}`);
});

test('delete personal data: guarded by the typed name, then nothing personal is left in the file', async () => {
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('open-purge').click();
  await expect(page.getByTestId('purge-run')).toBeDisabled();
  await page.getByTestId('purge-confirm').fill('Partnerfachtagung');
  await expect(page.getByTestId('purge-run')).toBeDisabled();
  await page.getByTestId('purge-confirm').fill('LÖSCHEN');
  await expect(page.getByTestId('purge-run')).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/reports-purge-dialog.png` });
  await page.getByTestId('purge-run').click();
  await expect(page.getByTestId('purge-done')).toContainText('geprüft');
  await page.screenshot({ path: `${SCREENS}/reports-purge-done.png` });
  await page.getByRole('button', { name: 'Schließen' }).click();
  await expect(page.getByTestId('purged-note')).toContainText('anonyme Statistik');
  await page.screenshot({ path: `${SCREENS}/reports-after-purge.png` });

  const raw = Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => readFileSync(f)));
  for (const p of people) {
    expect(raw.includes(Buffer.from(p.code)), p.code).toBe(false);
    expect(raw.includes(Buffer.from(p.email)), p.email).toBe(false);
  }
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('');
  await expect(page.getByText('0 Personen')).toBeVisible();

  // No registration list is loaded after it: the screen says why and offers nothing to load.
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-purged')).toContainText('Personendaten dieser Veranstaltung wurden gelöscht');
  await expect(page.getByTestId('sync-start')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/sync-after-purge.png` });
});
