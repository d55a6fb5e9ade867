import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { codeOf, countRegistrations, openDemoInBrowser, type DemoInBrowser } from './support/demo-event';

const SCREENS = 'test-results/screens';
const FIX = 'tests/fixtures/registrations';

let demo: DemoInBrowser;
let eventFile: string;
let page: Page;

test.beforeAll(async () => {
  demo = await openDemoInBrowser('einlass-e2e-sync-', 'Büro');
  ({ eventFile, page } = demo);
  await page.getByTestId('nav-sync').click();
});

test.afterAll(async () => {
  await demo?.close();
});

const count = (kind: string) => page.getByTestId(`sync-count-${kind}`);
const people = (where: string) => countRegistrations(eventFile, where);

/** Opens the load step of the sync screen and chooses a file, as an organiser does. */
async function chooseFile(file: string): Promise<void> {
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(file);
}

/** At the front desk: someone not on the list, searched, registered on the spot and admitted. */
async function registerAtTheDoor(name: string, organisation?: string): Promise<void> {
  await page.getByTestId('nav-frontDesk').click();
  await page.getByTestId('search-input').fill(name);
  await page.getByTestId('walk-in-open').click();
  if (organisation) await page.getByTestId('walk-in-organisation').fill(organisation);
  await page.getByTestId('walk-in-submit').click();
  await expect(page.getByTestId('scan-result-name')).toHaveText(name);
  await page.getByTestId('result-next').click();
}

/**
 * From the chosen file to the dry run: through the mapping ("Probelauf starten"), or at once for a known list's
 * next file with the columns of its last sync (sync.preview's sameColumns).
 */
async function toDryRun(): Promise<void> {
  const start = page.getByTestId('sync-plan');
  const summary = page.getByTestId('sync-plan-summary');
  await expect(start.or(summary)).toBeVisible();
  if (await start.isVisible()) await start.click();
  await expect(summary).toBeVisible();
}

/**
 * The dry run says nothing about the list but that the demo's programme items, booked up to their places already,
 * get more people (overCapacity); the table is there only for that.
 */
async function expectOnlyOverCapacity(): Promise<void> {
  await expect(page.getByTestId('sync-problems').getByRole('row').filter({ hasNotText: 'Plätze; mit dieser Liste wären' })).toHaveCount(0);
}

/** Dry run, then apply; the dry run must add `added` people. */
async function planAndApply(added: number): Promise<void> {
  await toDryRun();
  await expect(count('added')).toContainText(String(added));
  await page.getByTestId('sync-apply').click();
  // With its time: a later check on the card below may say otherwise.
  await expect(page.getByTestId('sync-done')).toHaveText(/^Die Anmeldeliste wurde um \d\d:\d\d Uhr übernommen\.$/);
}

test('load a pretix export through the UI: detected layout, mapping, dry run, apply, history', async () => {
  await expect(page.getByText('Noch keine Anmeldeliste geladen')).toBeVisible();
  await expect(page.getByText('Ohne Anmeldesystem: Dort gibt es auch eine Excel-Vorlage', { exact: false })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-empty.png` });
  await page.getByTestId('sync-start').click();
  // The formats it takes, named where the file is chosen.
  await expect(page.getByText('CSV (Komma, Semikolon oder Tab), Excel (.xlsx), LibreOffice (.ods) oder JSON.', { exact: false })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-load.png` });
  await page.getByTestId('sync-file').setInputFiles(join(FIX, 'pretix-orders-de.csv'));
  await expect(page.getByTestId('sync-detected')).toHaveText('pretix-orders-de.csv · CSV · 3 Anmeldungen');
  // Column 10 is "Ticket-Code", column 7 "Name des Teilnehmers: Nachname", column 16 the invoice's first name.
  await expect(page.getByTestId('map-9')).toHaveValue('Code (QR/Ticket)');
  await expect(page.getByTestId('map-6')).toHaveValue('Nachname');
  await expect(page.getByTestId('map-15')).toHaveValue('Zusatzfeld behalten');
  await page.screenshot({ path: `${SCREENS}/sync-mapping.png` });

  const before = people('1');
  await toDryRun();
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  await expect(count('added')).toContainText('3');
  await expect(count('cancelled')).toContainText('0');
  // Olga is new and cancelled in the list already: said under "Neu", "Storniert" stays 0 (nobody is cancelled by this sync).
  await expect(page.getByTestId('sync-added-cancelled')).toHaveText('davon 1 schon storniert');
  // The walks of the demo are found by name; a workshop the demo does not have is reported with line and column.
  await expect(page.getByTestId('sync-problems')).toContainText('Zeile 2, Spalte „Welchen Workshop möchten Sie besuchen?“');
  // Only new people: their kind is a heading over the list, not a switch with one position.
  await expect(page.getByTestId('sync-change-kind')).toHaveText('Neu (3)');
  await expect(page.getByTestId('sync-change-kinds')).toHaveCount(0);
  await expect(page.getByTestId('sync-changes')).toContainText('Olga');
  // Who a new person is and what they come to, not "Neu" alone.
  // The demo's walks say what they are („Stadtrundgang: …“): not „Stadtrundgänge: Stadtrundgang: …“.
  await expect(page.getByTestId('sync-added-details').first()).toHaveText(/^Stadt Weißenfels · Weißenfels · Stadtrundgang: Altstadt/);
  await page.screenshot({ path: `${SCREENS}/sync-dry-run.png` });
  expect(people('1')).toBe(before);

  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  // Olga is new and cancelled in the list already: the history says so, as the dry run did.
  await expect(page.getByTestId('sync-history')).toContainText('3 neu, 0 geändert, 0 storniert, 0 unverändert; von den Neuen 1 schon storniert');
  await expect(page.getByTestId('sync-source')).toContainText('pretix-orders-de.csv');
  // The card says how many people the list has now.
  await expect(page.getByTestId('sync-source-people')).toHaveText('2 Personen angemeldet, 1 storniert');
  expect(people('1')).toBe(before + 3);
  expect(people("status = 'cancelled' AND sync_source_id IS NOT NULL")).toBe(1);
  await page.screenshot({ path: `${SCREENS}/sync-history.png` });
  // What the sync said, kept with it.
  await page.getByTestId('sync-history').getByText('4 Meldungen').click();
  await expect(page.getByText('Meldungen beim Abgleich von „pretix-orders-de.csv“ am')).toBeVisible();
  await expect(page.getByRole('dialog').getByTestId('sync-problems')).toContainText('Zeile 2, Spalte „Welchen Workshop möchten Sie besuchen?“');
  await expect(page.getByTestId('sync-run-problems-as-planned')).toHaveText(
    'So hat der Probelauf die Liste vor dem Übernehmen beschrieben: Was dort „würde“ geschehen, ist mit dem Übernehmen geschehen.');
  await page.screenshot({ path: `${SCREENS}/sync-run-problems.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a file with only a header, or a workbook with a password, is refused with a clear message', async () => {
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(join(FIX, 'header-only.csv'));
  await expect(page.getByTestId('sync-error')).toContainText('nur die Kopfzeile');
  await page.screenshot({ path: `${SCREENS}/sync-error.png` });
  await page.getByTestId('sync-file').setInputFiles(join(FIX, 'kennwort.xlsx'));
  await expect(page.getByTestId('sync-error')).toContainText('mit einem Kennwort geschützt');
  await page.screenshot({ path: `${SCREENS}/sync-error-password.png` });
  // An Apple Numbers file can be chosen (not greyed out in the file dialog), and is refused with what to do.
  await expect(page.getByTestId('sync-file')).toHaveAttribute('accept', /\.numbers/);
  const numbers = join(demo.dir, 'Teilnehmer.numbers');
  writeFileSync(numbers, zipSync({ 'Index/Document.iwa': new Uint8Array([1, 2, 3]), 'Metadata/Properties.plist': strToU8('<plist/>') }));
  await page.getByTestId('sync-file').setInputFiles(numbers);
  await expect(page.getByTestId('sync-error')).toContainText('„Teilnehmer.numbers“ ist eine Numbers-Tabelle (Apple)');
  await page.screenshot({ path: `${SCREENS}/sync-error-numbers.png` });
});

test('a local correction is marked and survives the next sync of the same list', async () => {
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('Schäfer Heike');
  await page.getByText('Heike Schäfer').first().click();
  // Where she comes from, and how current that list is.
  await expect(page.getByTestId('person-source')).toContainText('Aus der Anmeldeliste„pretix-orders-de.csv“Stand der Liste:');
  await page.getByTestId('person-edit').click();
  await page.getByTestId('edit-lastName').fill('Schäfer-Lenz');
  await page.screenshot({ path: `${SCREENS}/sync-edit.png` });
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('person-name')).toHaveText('Heike Schäfer-Lenz');
  await expect(page.getByTestId('local-mark').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-person-local.png` });

  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(join(FIX, 'pretix-orders-de.csv'));
  // The list's file again, with its columns: straight to the dry run, with the list's mapping (said).
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  await expect(page.getByTestId('sync-plan')).toHaveCount(0);
  await expect(page.getByTestId('sync-mapping-kept')).toHaveText('Gleiche Spalten wie zuletzt: gleiche Zuordnung.');
  await expect(page.getByTestId('sync-back-to-mapping')).toBeVisible();
  await expect(count('unchanged')).toContainText('3');
  // Her name in the list differs from the corrected one: not "nothing new", but nothing to write.
  await expect(page.getByTestId('sync-no-changes')).toContainText('Nichts zu übernehmen: Die Liste sagt nur bei Angaben etwas anderes, die in der App geändert wurden');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("last_name = 'Schäfer-Lenz'")).toBe(1);

  // The people list finds who was corrected in the app, and who is cancelled in that list.
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-show').getByText('Lokal geändert').click();
  await expect(page.getByText('1 Person', { exact: true })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Heike Schäfer-Lenz' }).getByTestId('local-mark')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/people-local.png` });
  await page.getByTestId('people-show').getByText('Storniert').click();
  await page.getByTestId('people-source').click();
  await page.getByRole('option', { name: 'pretix-orders-de.csv' }).click();
  await expect(page.getByText('1 Person', { exact: true })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Olga Nowak' })).toContainText('storniert');
  await page.screenshot({ path: `${SCREENS}/people-cancelled-of-list.png` });
  await page.getByTestId('people-show').getByText('Alle').click();
  await page.getByTestId('people-source').click();
  await page.getByRole('option', { name: 'Aus allen Anmeldelisten' }).click();
});

test("a list's new version under another name, from its card: that list is chosen; a field corrected in the app is shown as kept, not as overwritten", async () => {
  // Heike's last name was corrected in the app (test before). The new export renames her and moves her town.
  const text = readFileSync(join(FIX, 'pretix-orders-de.csv'), 'utf8').replace(',Heike Schäfer,Heike,Schäfer,', ',Heike Schäfer-Meyer,Heike,Schäfer-Meyer,').replace(',Naumburg,', ',Naumburg (Saale),');
  const next = join(demo.dir, 'pretix-orders-de (1).csv');
  writeFileSync(next, text);
  await page.getByTestId('nav-sync').click();
  await page.getByRole('heading', { name: 'Anmeldeliste' }).waitFor();
  const card = page.locator('.mantine-Card-root').filter({ hasText: 'pretix-orders-de.csv' }).first();
  await card.getByTestId('sync-load-version').click();
  await expect(page.getByTestId('sync-version-of')).toHaveText('Neue Fassung von „pretix-orders-de.csv“: Die Datei wird mit dieser Anmeldeliste abgeglichen, auch wenn sie anders heißt.');
  await page.screenshot({ path: `${SCREENS}/sync-load-version.png` });
  await page.getByTestId('sync-file').setInputFiles(next);
  // The list's columns: compared with that list at once (the subtitle names it), its mapping kept.
  await expect(page.getByTestId('sync-mapping-kept')).toBeVisible();
  await expect(page.getByTestId('sync-plan-subtitle')).toHaveText('3 Zeilen aus „pretix-orders-de (1).csv“ mit der Anmeldeliste „pretix-orders-de.csv“ verglichen');
  await expect(count('added')).toContainText('0');
  await expect(count('updated')).toContainText('1');
  await expect(count('keptLocal')).toContainText('1');
  // She is one of the changed: the cards say so, as they would not add up to the rows otherwise.
  await expect(count('keptLocal')).toContainText('Korrekturen aus der App bleiben; schon bei „Geändert“ oder „Unverändert“ gezählt');
  // Under "Geändert" the town moves; the corrected name is not struck through.
  const updated = page.getByTestId('sync-changes').getByRole('row').filter({ hasText: 'Heike' });
  await expect(updated).toContainText('Naumburg (Saale)');
  await expect(updated.locator('[style*="line-through"], .mantine-Text-root[data-td="line-through"]').filter({ hasText: 'Schäfer-Lenz' })).toHaveCount(0);
  await expect(updated).toContainText('lokal beibehalten');
  await expect(updated).toContainText('in der Liste: Schäfer-Meyer');
  // "Lokal beibehalten" lists her too.
  await page.getByTestId('sync-change-kinds').getByText('Lokal beibehalten (1)').click();
  await expect(page.getByTestId('sync-changes').getByRole('row')).toHaveCount(1);
  await expect(page.getByTestId('sync-changes')).toContainText('Schäfer-Lenz');
  await page.screenshot({ path: `${SCREENS}/sync-kept-local.png` });
  await page.getByTestId('sync-discard').click();
  expect(people("last_name = 'Schäfer-Lenz' AND town = 'Naumburg'")).toBe(1);
});

/** Heike (corrected to Schäfer-Lenz above) opened from the people list in `on`, and one field corrected. */
async function correctHeike(on: Page, field: string, value: string): Promise<void> {
  await on.getByTestId('nav-people').click();
  await on.getByTestId('people-search').fill('Schäfer Heike');
  await on.getByText('Heike Schäfer-Lenz').first().click();
  await on.getByTestId('person-edit').click();
  await on.getByTestId(`edit-${field}`).fill(value);
  await on.getByTestId('edit-save').click();
}

test("a local correction beside what the list says, and taken back to the list's value with one click", async () => {
  await correctHeike(page, 'town', 'Naumburg-Ost');
  const corrections = page.getByTestId('local-corrections');
  await expect(corrections.getByTestId('local-field-lastName')).toContainText('In der Anmeldeliste: „Schäfer“');
  await expect(corrections.getByTestId('local-field-town')).toContainText('In der Anmeldeliste: „Naumburg“');
  await expect(corrections.getByTestId('local-field-town')).toContainText('In der App geändert am');
  await corrections.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/person-local-corrections.png` });
  await corrections.getByTestId('local-revert-town').click();
  await expect(corrections.getByTestId('local-field-town')).toHaveCount(0);
  await expect(corrections.getByTestId('local-field-lastName')).toBeVisible();
  await expect(page.getByText('Naumburg', { exact: true })).toBeVisible();
  expect(people("last_name = 'Schäfer-Lenz' AND town = 'Naumburg'")).toBe(1);
  await page.screenshot({ path: `${SCREENS}/person-local-reverted.png` });
});

test('a correction dialog left open saves only what was changed in it, not what another window changed meanwhile', async () => {
  // Heike's page is open (test before); her dialog opened on this laptop …
  await page.getByTestId('person-edit').click();
  // … while another window corrects her organisation.
  const other = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await other.goto(demo.station.openUrl);
    await correctHeike(other, 'organisation', 'Burgenlandkreis, Sozialamt');
    await expect(other.getByTestId('local-field-organisation')).toBeVisible();
  } finally {
    await other.close();
  }
  await expect(page.getByText('Burgenlandkreis, Sozialamt').first()).toBeVisible();
  await page.getByTestId('edit-town').fill('Naumburg-West');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('local-field-town')).toBeVisible();
  expect(people("last_name = 'Schäfer-Lenz' AND town = 'Naumburg-West' AND organisation = 'Burgenlandkreis, Sozialamt'")).toBe(1);
  // Both back to the list's values.
  await page.getByTestId('local-revert-town').click();
  await page.getByTestId('local-revert-organisation').click();
  await expect(page.getByTestId('local-field-organisation')).toHaveCount(0);
  expect(people("last_name = 'Schäfer-Lenz' AND town = 'Naumburg' AND organisation = 'Landkreis Burgenlandkreis'")).toBe(1);
});

test('an Excel workbook as Excel saves it: the list sheet is found behind a cover sheet, dates and problems shown', async () => {
  const before = people('1');
  await chooseFile(join(FIX, 'excel-layout.xlsx'));
  await expect(page.getByTestId('sync-detected')).toHaveText('excel-layout.xlsx · Excel-Arbeitsmappe · 3 Anmeldungen');
  await expect(page.getByTestId('sync-sheet')).toHaveValue('Teilnehmende');
  await expect(page.getByTestId('sync-other-sheets')).toHaveText(
    'Die Mappe hat noch ein Blatt: „Deckblatt“. Stehen die Anmeldungen dort, unter „Tabellenblatt“ wechseln.');
  // Not the pretix list under another name (other columns): a new source, so nobody of that list is cancelled.
  await expect(page.getByTestId('sync-source-select')).toHaveValue('Neue Anmeldeliste');
  await expect(page.getByTestId('sync-mapping')).toContainText('Müller-Lüdenscheidt');
  await expect(page.getByTestId('sync-mapping')).toContainText('18.10.2023');
  await page.screenshot({ path: `${SCREENS}/sync-xlsx-mapping.png` });
  await toDryRun();
  await expect(count('added')).toContainText('3');
  await expect(count('cancelled')).toContainText('0');
  // A #DIV/0! in Excel is reported where it is, and the row is still taken.
  await expect(page.getByTestId('sync-problems')).toContainText('Zeile 3, Spalte „Bemerkung“');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("last_name = 'Müller-Lüdenscheidt' AND first_name = 'Grete'")).toBe(1);
  expect(people('1')).toBe(before + 3);
});

test('a list kept in Excel with a title above the header: the header is found, the title said, the people taken', async () => {
  const before = people('1');
  await chooseFile(join(FIX, 'titelzeilen.xlsx'));
  await expect(page.getByTestId('sync-detected')).toHaveText('titelzeilen.xlsx · Excel-Arbeitsmappe · 2 Anmeldungen');
  await expect(page.getByTestId('sync-problems')).toContainText('Die Spaltennamen stehen in Zeile 4; was darüber steht (Titel, Hinweise), wird übersprungen.');
  await expect(page.getByTestId('map-1')).toHaveValue('Vorname');
  await expect(page.getByTestId('map-2')).toHaveValue('Nachname');
  await page.screenshot({ path: `${SCREENS}/sync-title-rows.png` });
  await planAndApply(2);
  expect(people("first_name = 'Anna' AND last_name = 'Schmidt'")).toBe(1);
  expect(people('1')).toBe(before + 2);
});

test('a list with a total and a date line under it: those lines are skipped with a warning, the people taken', async () => {
  const before = people('1');
  await chooseFile(join(FIX, 'summenzeile.xlsx'));
  await expect(page.getByTestId('sync-detected')).toHaveText('summenzeile.xlsx · Excel-Arbeitsmappe · 3 Anmeldungen (2 Zeilen darunter werden übersprungen)');
  await page.screenshot({ path: `${SCREENS}/sync-footer-mapping.png` });
  await toDryRun();
  await expect(count('added')).toContainText('3');
  // (Jürgen Müller of this list is also in titelzeilen.xlsx, loaded before: said too.)
  const footer = page.getByTestId('sync-problems').getByRole('row').filter({ hasText: 'Steht unter der Liste' });
  await expect(footer.nth(0)).toHaveText('HinweisZeile 6Steht unter der Liste, ohne Namen und E-Mail-Adresse („Gesamt · 3“): keine Anmeldung, wird übersprungen.');
  await expect(footer.nth(1)).toContainText('Zeile 7Steht unter der Liste, ohne Namen und E-Mail-Adresse („Stand: 01.11.2026“)');
  await expect(page.getByTestId('sync-problems')).toContainText('Zeile 2Jürgen Müller steht schon in der Anmeldeliste „titelzeilen.xlsx“. Ist es dieselbe Person, gibt es sie nach dem Übernehmen zweimal (mit zwei QR-Codes) – dann bitte aus einer der beiden Listen streichen.');
  await page.screenshot({ path: `${SCREENS}/sync-footer-rows.png` });
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("first_name = 'Ömer' AND last_name = 'Yılmaz'")).toBe(1);
  expect(people("source_id = 'Gesamt' OR last_name = '3'")).toBe(0);
  expect(people('1')).toBe(before + 3);
});

test('a list with a column per day, forum and walk, ticked in Excel: each column shows what its "x" means, the marks are taken', async () => {
  await chooseFile(join(FIX, 'ankreuzliste.xlsx'));
  await expect(page.getByTestId('sync-detected')).toHaveText('ankreuzliste.xlsx · Excel-Arbeitsmappe · 3 Anmeldungen');
  // Columns 4 and 5 name the event's days, 6 and 7 forums, 8 and 9 walks; 10 is "Storniert".
  for (const [i, meaning] of [[4, 'Tage'], [6, 'Programmpunkte'], [8, 'Stadtrundgänge'], [10, 'Status']] as const) {
    await expect(page.getByTestId(`map-${i}`)).toHaveValue(meaning);
  }
  await expect(page.getByTestId('mark-meaning-4')).toHaveText('„x“, „ja“ oder WAHR heißt: Tag 1 · Mittwoch, 18.10.2023');
  await expect(page.getByTestId('mark-meaning-6')).toContainText('heißt: Fachforum 1: Migration und Inklusion');
  await expect(page.getByTestId('mark-meaning-9')).toContainText('heißt: Stadtrundgang: Engagement im Quartier');
  await expect(page.getByTestId('mark-meaning-10')).toHaveText('„x“, „ja“ oder WAHR heißt: storniert');
  await expect(page.getByTestId('mark-meaning-11')).toHaveCount(0);
  await page.getByTestId('map-11').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sync-mark-columns.png` });
  await toDryRun();
  await expect(count('added')).toContainText('3');
  // Nothing about the marks; only that the demo's walks and forums, full already, get more.
  await expect(page.getByTestId('sync-problems')).toContainText('„Stadtrundgang: Altstadt und Schloss Neu-Augustusburg“ hat 25 Plätze');
  await expectOnlyOverCapacity();
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  const on = (name: string) => `id IN (SELECT registration_id FROM assignments a JOIN check_in_lists l ON l.id = a.list_id WHERE l.name LIKE '${name}%')`;
  expect(people(`source_id = '31' AND first_name = 'Lena' AND ${on('Fachforum 1:')} AND ${on('Stadtrundgang: Altstadt')} AND days = '["2023-10-18","2023-10-19"]'`)).toBe(1);
  expect(people(`source_id = '32' AND ${on('Fachforum 2:')} AND ${on('Stadtrundgang: Engagement')} AND status = 'registered'`)).toBe(1);
  expect(people(`source_id = '33' AND status = 'cancelled' AND extra = '{"Newsletter":"FALSCH"}'`)).toBe(1);
});

test('a Google Forms export without ids: people are recognised by e-mail and name, which the mapping and the dry run say', async () => {
  const list = join(demo.dir, 'google-formular.csv');
  writeFileSync(list, '"Zeitstempel","E-Mail-Adresse","Vorname","Nachname","Organisation","Welchen Stadtrundgang möchten Sie besuchen?"\r\n'
    + '"2023/09/01 10:00:00","poststelle@burgenlandkreis.de","Anna","Schmidt","Burgenlandkreis","Altstadt und Schloss"\r\n'
    + '"2023/09/01 10:05:00","poststelle@burgenlandkreis.de","Heike","Schäfer","Burgenlandkreis","Engagement im Quartier"\r\n');
  await chooseFile(list);
  await expect(page.getByTestId('sync-by-identity')).toHaveText('Ohne Anmelde-ID: Personen werden an E-Mail und Namen erkannt');
  // No codes: said before the first morning, not found out at the door.
  await expect(page.getByTestId('sync-no-code')).toHaveText(
    'Keine Spalte ist als „Code (QR/Ticket)“ zugeordnet: Die QR-Codes aus den Bestätigungs-E-Mails werden am Einlass nicht erkannt, die Personen dort nur über die Suche gefunden.');
  await page.screenshot({ path: `${SCREENS}/sync-no-code.png` });
  await toDryRun();
  await expect(count('added')).toContainText('2');
  await expect(page.getByTestId('sync-problems').getByRole('row').first()).toContainText('Jede Person wird an E-Mail-Adresse und Namen wiedererkannt');
  await page.screenshot({ path: `${SCREENS}/sync-without-ids.png` });
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("email = 'poststelle@burgenlandkreis.de' AND first_name IN ('Anna', 'Heike')")).toBe(2);
});

test("a second list numbered on its own: its Nr. 31 is refused as someone else's; with the numbers as an extra field it loads", async () => {
  const list = join(demo.dir, 'vor-ort.csv');
  writeFileSync(list, 'Nr.;Vorname;Nachname;E-Mail\r\n31;Lea;Lang;lea@example.org\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-problems')).toContainText(
    'Die Anmelde-ID „31“ gehört schon Lena Vogt aus der Anmeldeliste „ankreuzliste.xlsx“; hier steht Lea Lang.');
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await expect(page.getByText('1 Zeile aus „vor-ort.csv“ verglichen')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-id-of-other-person.png` });
  await page.getByTestId('sync-discard').click();
  await chooseFile(list);
  await page.getByTestId('map-0').click();
  await page.getByRole('option', { name: 'Zusatzfeld behalten' }).click();
  await expect(page.getByTestId('sync-by-identity')).toBeVisible();
  await planAndApply(1);
  expect(people("first_name = 'Lea' AND last_name = 'Lang' AND extra = '{\"Nr.\":\"31\"}'")).toBe(1);
  expect(people("source_id = '31' AND first_name = 'Lena'")).toBe(1);
});

test('a running number renumbered after someone was inserted: refused with what to do; read by e-mail and name, everyone is kept', async () => {
  const list = join(demo.dir, 'handliste.csv');
  const names = ['Quirin Quast', 'Ruth Rabe', 'Sepp Sturm', 'Tilda Tau'];
  const write = (people: string[]) => writeFileSync(list, `lfd. Nr.;Vorname;Nachname;E-Mail\r\n${people.map((n, i) => {
    const [first, last] = n.split(' ');
    return `${i + 101};${first};${last};${first!.toLowerCase()}@example.org`;
  }).join('\r\n')}\r\n`);
  write(names);
  await chooseFile(list);
  await planAndApply(4);
  const codes = () => people("first_name IN ('Quirin', 'Ruth', 'Sepp', 'Tilda') AND status = 'registered'");
  write(['Anton Amsel', ...names]);
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-problems')).toContainText('Bei 4 Anmeldungen steht unter derselben Nummer jetzt eine ganz andere Person als bisher');
  await expect(page.getByTestId('sync-problems')).toContainText('Ist „lfd. Nr.“ eine laufende Nummer');
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/sync-renumbered.png` });
  // Back to the mapping of the same file, without loading it again.
  await page.getByTestId('sync-back-to-mapping').click();
  await expect(page.getByTestId('map-0')).toHaveValue('Anmelde-ID (Quelle)');
  await page.getByTestId('map-0').click();
  await page.getByRole('option', { name: 'Zusatzfeld behalten' }).click();
  await toDryRun();
  await expect(count('added')).toContainText('1');
  await expect(count('updated')).toContainText('4');
  await expect(count('cancelled')).toContainText('0');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(codes()).toBe(4);
});

test('registered at the door, then entered into the registration system: the next list makes no second person', async () => {
  // At the front desk: not on the list, registered on the spot and admitted.
  await registerAtTheDoor('Wiebke Wendland');
  const deskCode = codeOf(eventFile, "last_name = 'Wendland'");
  // The organiser's list now has her, with her ticket code.
  const list = join(demo.dir, 'nachtrag.csv');
  writeFileSync(list, 'Code;Vorname;Nachname;E-Mail\r\nNACH-TRAG-1;Wiebke;Wendland;wiebke@example.org\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('updated')).toContainText('1');
  await expect(count('added')).toContainText('0');
  await expect(page.getByTestId('sync-problems')).toContainText('Wiebke Wendland war vor Ort nachgemeldet und ist jetzt diese Anmeldung der Liste');
  await page.screenshot({ path: `${SCREENS}/sync-walk-in-taken.png` });
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("first_name = 'Wiebke' AND last_name = 'Wendland'")).toBe(1);
  expect(people("code = 'NACH-TRAG-1' AND registered_on_site = 1 AND id IN (SELECT registration_id FROM check_ins)")).toBe(1);
  // Next morning she shows the badge she got at the door: its code still knows her.
  await page.getByTestId('nav-frontDesk').click();
  await page.getByTestId('search-input').fill(deskCode);
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'already_checked_in');
  await expect(page.getByTestId('scan-result-name')).toHaveText('Wiebke Wendland');
  await page.screenshot({ path: `${SCREENS}/front-desk-walk-in-badge-code.png` });
  await page.getByTestId('result-next').click();
  await page.getByTestId('nav-sync').click();
});

test('a walk-in the list cannot be sure of: the organiser says it is the same person, and the list takes the walk-in', async () => {
  // At the door: "Stadt Zeitz"; in the registration system later: "Stadtverwaltung Zeitz".
  await registerAtTheDoor('Karl Kahn', 'Stadt Zeitz');
  const list = join(demo.dir, 'nachtrag-zeitz.csv');
  writeFileSync(list, 'Code;Vorname;Nachname;Organisation\r\nKAHN-0001;Karl;Kahn;Stadtverwaltung Zeitz\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('added')).toContainText('1');
  await expect(page.getByTestId('sync-problems')).toContainText('Karl Kahn ist schon vor Ort nachgemeldet.');
  await page.screenshot({ path: `${SCREENS}/sync-maybe-walk-in.png` });
  await page.getByTestId('sync-same-person-2').click();
  await expect(count('updated')).toContainText('1');
  await expect(count('added')).toContainText('0');
  await expect(page.getByTestId('sync-problems')).toContainText('Karl Kahn: wie gewählt dieselbe Person wie der bisherige Eintrag ohne Anmeldeliste');
  // What changes of him is listed, as for any update.
  await expect(page.getByTestId('sync-changes')).toContainText('Stadt Zeitz→Stadtverwaltung Zeitz');
  await page.screenshot({ path: `${SCREENS}/sync-chosen-same-person.png` });
  // Taken back, and given again: the dry run follows.
  await page.getByTestId('sync-not-same-person-2').click();
  await expect(count('added')).toContainText('1');
  await page.getByTestId('sync-same-person-2').click();
  await expect(count('updated')).toContainText('1');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("first_name = 'Karl' AND last_name = 'Kahn'")).toBe(1);
  expect(people("code = 'KAHN-0001' AND registered_on_site = 1 AND organisation = 'Stadtverwaltung Zeitz' AND id IN (SELECT registration_id FROM check_ins)")).toBe(1);
});

test('a new version of a list that lacks most of its people (a filtered export) asks before cancelling them', async () => {
  const list = join(demo.dir, 'tagesliste.csv');
  const write = (n: number) => writeFileSync(list, `ID;Vorname;Nachname\r\n${Array.from({ length: n }, (_, i) => `T${i};Tina${i};Tagfeld`).join('\r\n')}\r\n`);
  write(12);
  await chooseFile(list);
  await planAndApply(12);
  // Exported again with a filter still set: only two of the twelve.
  write(2);
  await chooseFile(list);
  await toDryRun();
  await expect(count('cancelled')).toContainText('10');
  await expect(page.getByTestId('sync-problems')).toContainText(
    '10 von 12 Personen dieser Anmeldeliste stehen nicht mehr in der Datei und würden storniert. Ist es die richtige Datei, und enthält sie die ganze Liste',
  );
  await expect(page.getByTestId('sync-cancel-hint')).toContainText('Ist das die ganze Liste?10 Personen würden storniert (nicht gelöscht; Check-ins bleiben erhalten).');
  await expect(page.getByTestId('sync-cancel-split')).toHaveText('Sie stehen alle nicht mehr in der Datei (in der Liste sind sie nicht als storniert vermerkt).');
  // Applied only once the organiser ticks that the file is the whole list.
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await expect(page.getByTestId('sync-confirm-cancel')).not.toBeChecked();
  await expect(page.getByText('Ja, die Datei enthält die ganze Liste: 10 Personen stornieren')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-most-gone.png` });
  await page.getByTestId('sync-confirm-cancel').check();
  await expect(page.getByTestId('sync-apply')).toBeEnabled();
  // Each of them is said to be missing from the list, not cancelled in it.
  await expect(page.getByTestId('sync-changes').getByRole('row').first()).toContainText('nicht mehr in der Liste');
  await page.getByTestId('sync-discard').click();
  expect(people("last_name = 'Tagfeld' AND status = 'registered'")).toBe(12);
  // One of twelve really gone: said as one person, nothing more asked.
  write(11);
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-cancel-hint')).toHaveText('1 Person würde storniert (nicht gelöscht; Check-ins bleiben erhalten).Sie steht nicht mehr in der Datei (in der Liste ist sie nicht als storniert vermerkt).');
  await expect(page.getByTestId('sync-problems')).toHaveCount(0);
  await page.getByTestId('sync-discard').click();
});

test('a list opened in Excel and saved again: ids without their zeros are still their people; barcodes Excel shortened are refused', async () => {
  const list = join(demo.dir, 'excel-liste.csv');
  const rows = (id: (i: number) => string, code: (i: number) => string) =>
    `ID;Barcode;Vorname;Nachname\r\n${Array.from({ length: 4 }, (_, i) => `${id(i)};${code(i)};Ella${i};Nullstelle`).join('\r\n')}\r\n`;
  writeFileSync(list, rows((i) => `00${i + 40}`, (i) => `00${i + 70}`));
  await chooseFile(list);
  await planAndApply(4);
  // Opened in Excel and saved: "0040" is "40", the code "0070" is "70".
  writeFileSync(list, rows((i) => String(i + 40), (i) => String(i + 70)));
  await chooseFile(list);
  await toDryRun();
  await expect(count('unchanged')).toContainText('4');
  await expect(count('added')).toContainText('0');
  await expect(page.getByTestId('sync-problems')).toContainText('Bei 4 Anmeldungen fehlen der Anmelde-ID oder dem Code die führenden Nullen („40“ statt „0040“)');
  await page.screenshot({ path: `${SCREENS}/sync-lost-zeros.png` });
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("last_name = 'Nullstelle' AND code LIKE '007%' AND source_id LIKE '004%' AND status = 'registered'")).toBe(4);
  // Eventbrite's 22-digit barcodes after Excel: "1,23457E+21" — refused in their rows, apply stays off.
  writeFileSync(list, rows((i) => `00${i + 40}`, () => '1,23457E+21'));
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-problems')).toContainText('Statt des Codes steht hier eine von Excel gekürzte Zahl (mit „E+“)');
  await expect(page.getByTestId('sync-problems')).not.toContainText('gehört schon');
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/sync-excel-rounded.png` });
  await page.getByTestId('sync-discard').click();
  expect(people("last_name = 'Nullstelle' AND code LIKE '007%'")).toBe(4);
});

test("a list loaded by mistake (another event's) is removed: asked first, its people cancelled, the removal in the history; their data erased later", async () => {
  const list = join(demo.dir, 'falsche-veranstaltung.csv');
  writeFileSync(list, 'ID;Vorname;Nachname;Organisation\r\nF1;Falk;Fremd;Gemeinde Irgendwo\r\nF2;Frida;Fremd;Gemeinde Irgendwo\r\nF3;Fiete;Fremd;Gemeinde Irgendwo\r\n');
  await chooseFile(list);
  await planAndApply(3);
  const card = page.getByTestId('sync-source').filter({ hasText: 'falsche-veranstaltung.csv' });
  await card.getByTestId('sync-source-remove').click();
  const dialog = page.getByTestId('sync-remove-dialog');
  await expect(dialog).toContainText('3 angemeldete Personen dieser Liste werden storniert – nicht gelöscht, ihre Check-ins bleiben erhalten.');
  await expect(page.getByText('Liste „falsche-veranstaltung.csv“ entfernen?')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-remove-dialog.png` });
  await page.getByTestId('sync-remove-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('sync-removed')).toHaveText('Liste „falsche-veranstaltung.csv“ entfernt: 3 Personen storniert.');
  await expect(page.getByTestId('sync-done')).toHaveCount(0);
  await expect(page.getByTestId('sync-history').getByRole('row').filter({ hasText: 'falsche-veranstaltung.csv' }).first())
    .toContainText('Liste entfernt: 3 Personen storniert');
  await page.getByTestId('sync-history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sync-removed.png` });
  expect(people("last_name = 'Fremd' AND status = 'cancelled'")).toBe(3);
  // Whom it cancelled is still to be found by the list.
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-source').click();
  await page.getByRole('option', { name: 'falsche-veranstaltung.csv (entfernt)' }).click();
  await expect(page.getByText('3 Personen', { exact: true })).toBeVisible();
  // Learnt later that it was another event's: their data can be erased from here.
  await expect(page.getByTestId('people-erase-offer')).toContainText(
    'Diese Anmeldeliste wurde entfernt. Die Daten von 3 Personen, mit denen bei der Veranstaltung nichts geschah, sind noch gespeichert.');
  await page.screenshot({ path: `${SCREENS}/people-erase-offer.png` });
  await page.getByTestId('people-erase-open').click();
  await expect(page.getByText('Personendaten der Liste „falsche-veranstaltung.csv“ löschen?')).toBeVisible();
  await expect(page.getByTestId('people-erase-dialog')).toContainText('Das lässt sich nicht rückgängig machen.');
  await page.screenshot({ path: `${SCREENS}/people-erase-dialog.png` });
  // Another program reads the event file at that moment (a command-line export, say): the file cannot be rewritten
  // at once, which is said; the station does it later on its own (tests/api/erasure-rewrite.test.ts).
  const reader = new Database(eventFile, { readonly: true });
  reader.prepare('BEGIN').run();
  reader.prepare('SELECT count(*) FROM registrations').get();
  await page.getByTestId('people-erase-confirm').click();
  await expect(page.getByTestId('people-erased')).toHaveText('Die Daten von 3 Personen wurden gelöscht.');
  await expect(page.getByTestId('people-erased-rewrite-pending')).toContainText(
    'Die Veranstaltungsdatei ist gerade noch in einem anderen Programm geöffnet (etwa ein Export über die Befehlszeile), darum konnte sie noch nicht ganz neu geschrieben werden');
  await page.screenshot({ path: `${SCREENS}/people-erased-rewrite-pending.png` });
  reader.prepare('COMMIT').run();
  reader.close();
  await expect(page.getByText('Keine Treffer.')).toBeVisible();
  expect(people("last_name = 'Fremd'")).toBe(0);
  await page.getByTestId('people-source').click();
  await page.getByRole('option', { name: 'Aus allen Anmeldelisten' }).click();
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-history').getByRole('row').filter({ hasText: 'falsche-veranstaltung.csv' }).first())
    .toContainText('Personendaten gelöscht: 3 Personen');
});

test("another event's list is removed with its personal data: chosen in the dialog, warned, gone from the file", async () => {
  const list = join(demo.dir, 'andere-tagung.csv');
  writeFileSync(list, 'ID;Vorname;Nachname;E-Mail\r\nZ1;Zora;Zwiebelfisch;zora@andere-tagung.example\r\nZ2;Zeno;Zwiebelfisch;zeno@andere-tagung.example\r\nZ3;Zita;Zwiebelfisch;zita@andere-tagung.example\r\n');
  await chooseFile(list);
  await planAndApply(3);
  // In a second window, someone has Zora's details open.
  const other = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
  await other.goto(demo.station.openUrl);
  await other.getByTestId('nav-people').click();
  await other.getByTestId('people-search').fill('Zora');
  await other.getByRole('cell', { name: 'Zora Zwiebelfisch' }).click();
  await expect(other.getByTestId('person-name')).toHaveText('Zora Zwiebelfisch');
  // Zeno came to the door before anyone noticed: his check-in is part of the event, he stays (cancelled).
  await page.getByTestId('nav-frontDesk').click();
  await page.getByTestId('search-input').fill('Zeno Zwiebelfisch');
  await expect(page.getByTestId('search-hit').first()).toContainText('Zeno Zwiebelfisch');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
  await page.getByTestId('result-next').click();
  await page.getByTestId('nav-sync').click();
  const card = page.getByTestId('sync-source').filter({ hasText: 'andere-tagung.csv' });
  await card.getByTestId('sync-source-remove').click();
  const dialog = page.getByTestId('sync-remove-dialog');
  await expect(page.getByTestId('sync-remove-erase-warning')).toHaveCount(0);
  await expect(page.getByTestId('sync-remove-confirm')).toHaveText('Liste entfernen');
  await page.getByTestId('sync-remove-erase').click();
  await expect(dialog).toContainText('Name, E-Mail-Adresse, Code und alle weiteren Angaben von 2 Personen werden aus der Veranstaltungsdatei und auf allen Stationen endgültig gelöscht');
  await expect(page.getByTestId('sync-remove-erase-warning')).toHaveText('Das lässt sich nicht rückgängig machen. Wird die Liste später doch wieder geladen, kommen ihre Personen als neue Personen hinzu.');
  await expect(page.getByTestId('sync-remove-confirm')).toHaveText('Entfernen und Daten löschen');
  // "Cancelled, not deleted" and "loaded again, registered again with their codes" no longer hold: not said.
  await expect(dialog).not.toContainText('nicht gelöscht');
  await expect(dialog).toContainText('Die Liste wird entfernt und nicht mehr abgeglichen.');
  await page.screenshot({ path: `${SCREENS}/sync-remove-erase.png` });
  await page.getByTestId('sync-remove-confirm').click();
  await expect(dialog).toBeHidden();
  // "Storniert" is said only of him: the others' data are gone, not cancelled.
  await expect(page.getByTestId('sync-removed')).toHaveText(
    'Liste „andere-tagung.csv“ entfernt. Die Daten von 2 Personen wurden gelöscht. 1 Person mit Check-in, abgewiesenem Scan oder Umbuchung bleibt storniert erhalten.');
  await expect(page.getByTestId('sync-history').getByRole('row').filter({ hasText: 'andere-tagung.csv' }).first())
    .toContainText('Liste entfernt, Daten von 2 Personen gelöscht; 1 mit Check-ins bleibt storniert');
  await page.screenshot({ path: `${SCREENS}/sync-removed-erased.png` });
  // The other window no longer shows her data.
  await expect(other.getByTestId('person-gone')).toHaveText('Diese Person gibt es in der Veranstaltungsdatei nicht (mehr) – zum Beispiel, weil ihre Daten mit einer Anmeldeliste gelöscht wurden.');
  await expect(other.getByTestId('person-name')).toHaveCount(0);
  await other.screenshot({ path: `${SCREENS}/person-gone.png` });
  await other.close();
  expect(people("last_name = 'Zwiebelfisch'")).toBe(1);
  expect(people("last_name = 'Zwiebelfisch' AND first_name = 'Zeno' AND status = 'cancelled'")).toBe(1);
  // Not to be found among the people either (a removed list without erasure still is: see above).
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('Zora');
  await expect(page.getByText('Keine Treffer.')).toBeVisible();
  await page.getByTestId('people-search').fill('');
});

test('a new version of a list under another file name is said on the dry run and loaded as that version with one click', async () => {
  const first = join(demo.dir, 'tagungsliste.csv');
  const rows = ['TL-1;Tilo;Tagliste;tilo@example.org', 'TL-2;Tara;Tagliste;tara@example.org', 'TL-3;Timo;Tagliste;timo@example.org', 'TL-4;Tanja;Tagliste;tanja@example.org'];
  writeFileSync(first, `Nr;Vorname;Nachname;E-Mail\r\n${rows.join('\r\n')}\r\n`);
  await chooseFile(first);
  // A list of its own (the screen may propose the one other list of the event with similar columns).
  await page.getByTestId('sync-source-select').click();
  await page.getByRole('option', { name: 'Neue Anmeldeliste' }).click();
  await planAndApply(4);
  // The event has another list too (speakers), so a file of a new name is not simply taken for the only list.
  const speakers = join(demo.dir, 'referenten.csv');
  writeFileSync(speakers, 'Nr;Vorname;Nachname;E-Mail\r\nRR-1;Rita;Rednerin;rita@example.org\r\n');
  await chooseFile(speakers);
  await page.getByTestId('sync-source-select').click();
  await page.getByRole('option', { name: 'Neue Anmeldeliste' }).click();
  await planAndApply(1);
  // A week later from the downloads folder: Tanja cancelled (gone), Theo new.
  const second = join(demo.dir, 'tagungsliste (1).csv');
  writeFileSync(second, `Nr;Vorname;Nachname;E-Mail\r\n${[...rows.slice(0, 3), 'TL-5;Theo;Tagliste;theo@example.org'].join('\r\n')}\r\n`);
  await chooseFile(second);
  // Known by its people (3 of its 4 are that list's), though neither its name nor its columns tell: offered as it.
  await expect(page.getByTestId('sync-source-select')).toHaveValue('tagungsliste.csv');
  // Said to be a list of its own all the same: the dry run says whose people they are, with the way back.
  await page.getByTestId('sync-source-select').click();
  await page.getByRole('option', { name: 'Neue Anmeldeliste' }).click();
  await toDryRun();
  await expect(count('cancelled')).toContainText('0');
  await expect(page.getByTestId('sync-problems')).toContainText(
    '3 von 4 Personen dieser Datei sind schon über die Anmeldeliste „tagungsliste.csv“ da. Ist die Datei eine neue Fassung dieser Liste?');
  await expect(page.getByTestId('sync-other-list')).toContainText('3 von 4 Personen sind schon über „tagungsliste.csv“ da – eine neue Fassung dieser Liste?');
  await page.screenshot({ path: `${SCREENS}/sync-people-of-other-list.png` });
  await page.getByTestId('sync-as-version-of').click();
  // The dry run again, as the new version of that list: Tanja cancelled, Theo added, nothing more to say.
  await expect(count('cancelled')).toContainText('1');
  await expect(count('added')).toContainText('1');
  await expect(page.getByTestId('sync-problems')).toHaveCount(0);
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("last_name = 'Tagliste' AND status = 'cancelled'")).toBe(1);
  expect(people("last_name = 'Tagliste' AND status = 'registered'")).toBe(4);
  // One list, not two: the new version's file is now where that list is read from.
  await expect(page.getByTestId('sync-source').filter({ hasText: 'tagungsliste' })).toHaveCount(1);
  // The history says which file each run of the list read: the line numbers of its notes are of that file.
  const runs = page.getByTestId('sync-history').getByRole('row').filter({ hasText: 'tagungsliste.csv' });
  await expect(runs.first()).toContainText('Datei „tagungsliste (1).csv“');
  await expect(runs.nth(1)).not.toContainText('Datei');
  await runs.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sync-history-file.png` });
});

test('an encoding chosen for one file is not used for the next: each file is read as detected for it', async () => {
  await chooseFile(join(FIX, 'formular-windows-1252.csv'));
  await page.getByTestId('sync-encoding').click();
  await page.getByRole('option', { name: 'UTF-8', exact: true }).click();
  await expect(page.getByTestId('sync-mapping')).toContainText('J�rg');
  // A delimiter that makes one column of each line: said as that, not as "only a header"; gone with "Zurück".
  await page.getByTestId('sync-delimiter').click();
  await page.getByRole('option', { name: 'Komma ,' }).click();
  await expect(page.getByTestId('sync-error')).toContainText('Mit dem Trennzeichen „Komma ,“ ergibt die Datei keine Liste');
  await expect(page.getByTestId('sync-delimiter')).toHaveValue('Semikolon ;');
  await page.screenshot({ path: `${SCREENS}/sync-delimiter-no-list.png` });
  await page.getByRole('button', { name: 'Zurück' }).click();
  await expect(page.getByTestId('sync-error')).toBeHidden();
  await page.getByTestId('sync-file').setInputFiles(join(FIX, 'eventbrite-teilnehmer-de.csv'));
  await toDryRun();
  await expect(count('added')).toContainText('3');
  await expect(page.getByTestId('sync-changes')).toContainText('Sören Krüger');
  await expect(page.getByTestId('sync-changes')).not.toContainText('Ã');
  await page.getByTestId('sync-discard').click();
});

test('a list that starts in column B: the empty, nameless column A is not offered for mapping', async () => {
  const list = join(demo.dir, 'ab-spalte-b.csv');
  writeFileSync(list, ';Nr.;Vorname;Nachname\r\n;41;Lea;Lang\r\n;42;Max;Kurz\r\n');
  await chooseFile(list);
  await expect(page.getByTestId('sync-detected')).toHaveText('ab-spalte-b.csv · CSV · 2 Anmeldungen');
  await expect(page.getByTestId('sync-mapping').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('sync-mapping').locator('tbody tr').first()).toContainText('Nr.');
  await expect(page.getByTestId('map-0')).toHaveCount(0);
  await expect(page.getByTestId('map-3')).toHaveValue('Nachname');
  await page.screenshot({ path: `${SCREENS}/sync-from-column-b.png` });
  await planAndApply(2);
  expect(people("source_id = '42' AND first_name = 'Max' AND extra = '{}'")).toBe(1);
});

test("Excel's \"CSV (MS-DOS)\" is read as DOS text; dates in the mapping and the dry run as German users write them", async () => {
  await chooseFile(join(FIX, 'excel-dos.csv'));
  await expect(page.getByTestId('sync-encoding')).toHaveValue('DOS (Excel „CSV (MS-DOS)“)');
  await expect(page.getByTestId('sync-mapping')).toContainText('Straßenbauamt Weißenfels');
  await page.getByRole('button', { name: 'Zurück' }).click();
  // The days of a registration and a date-time of the registration system (UTC), in the event's time zone.
  const list = join(demo.dir, 'tage.csv');
  writeFileSync(list, 'Code;Vorname;Nachname;Tage;Bezahlt am\r\nTAGE-0001;Tilo;Tagmann;18.10.2023;2023-09-01T10:15:00Z\r\n');
  await page.getByTestId('sync-file').setInputFiles(list);
  await expect(page.getByTestId('sync-mapping')).toContainText('01.09.2023, 12:15');
  await expect(page.getByTestId('sync-mapping')).not.toContainText('2023-09-01');
  await planAndApply(1);
  writeFileSync(list, 'Code;Vorname;Nachname;Tage;Bezahlt am\r\nTAGE-0001;Tilo;Tagmann;18.10.2023, 19.10.2023;2023-09-02T08:00:00Z\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('updated')).toContainText('1');
  const row = page.getByTestId('sync-changes').getByRole('row').filter({ hasText: 'Tilo' });
  await expect(row).toContainText('18.10.2023→18.10.2023, 19.10.2023');
  await expect(row).toContainText('01.09.2023, 12:15→02.09.2023, 10:00');
  await expect(row).not.toContainText('2023-');
  await page.screenshot({ path: `${SCREENS}/sync-change-dates.png` });
  await page.getByTestId('sync-discard').click();
  expect(people("code = 'TAGE-0001' AND days = '[\"2023-10-18\"]' AND json_extract(extra, '$.\"Bezahlt am\"') = '2023-09-01T10:15:00Z'")).toBe(1);
});

test('a list kept by hand: the Excel template of this event, filled in, is loaded with every column recognised', async () => {
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await expect(page.getByTestId('sync-template')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-load-template.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sync-template').click()]);
  expect(download.suggestedFilename()).toBe('Partnerfachtagung-2023_Anmeldeliste-Vorlage.xlsx');
  const file = join(demo.dir, 'Anmeldungen von Hand.xlsx');
  await download.saveAs(file);
  // Filled in as an organiser does: a number, the name, an "x" where someone takes part.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Anmeldungen', 'Hinweise']);
  const ws = wb.getWorksheet('Anmeldungen')!;
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const column = (start: string) => headers.findIndex((h) => h.startsWith(start));
  expect(headers.slice(0, 3)).toEqual(['Nr.', 'Vorname', 'Nachname']);
  const row = (nr: number, first: string, last: string, marks: string[]) => {
    const cells: (string | number | null)[] = headers.map(() => null);
    cells[0] = nr;
    cells[1] = first;
    cells[2] = last;
    for (const m of marks) cells[column(m)] = 'x';
    return cells;
  };
  ws.addRow(row(9001, 'Hanne', 'Handschuh', ['Teilnahme 19.10.2023', 'Fachforum 1', 'Stadtrundgang: Altstadt']));
  ws.addRow(row(9002, 'Henrik', 'Hand', []));
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  await page.getByTestId('sync-file').setInputFiles(file);
  await expect(page.getByTestId('sync-detected')).toHaveText('Anmeldungen von Hand.xlsx · Excel-Arbeitsmappe · 2 Anmeldungen');
  await expect(page.getByTestId('sync-sheet')).toHaveValue('Anmeldungen');
  // No codes in a list kept by hand is no fault: said calmly, not as the warning an export without its codes gets.
  await expect(page.getByTestId('sync-no-code-template')).toContainText('Einlass vergibt jeder Person einen eigenen Code');
  await expect(page.getByTestId('sync-no-code')).toHaveCount(0);
  // Every one of the 23 columns means something: no switch between "assigned" and "all" columns, which are the same.
  await expect(page.getByTestId('sync-mapping-view')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/sync-template-mapping.png` });
  for (const [i, h] of headers.entries()) await expect(page.getByTestId(`map-${i}`), h).not.toHaveValue('Zusatzfeld behalten');
  await toDryRun();
  await expect(count('added')).toContainText('2');
  await expectOnlyOverCapacity();
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people(`source_id = '9001' AND days = '["2023-10-19"]' AND (SELECT count(*) FROM assignments a JOIN check_in_lists l ON l.id = a.list_id
    WHERE a.registration_id = registrations.id AND (l.name LIKE 'Fachforum 1:%' OR l.name LIKE 'Stadtrundgang: Altstadt%')) = 2`)).toBe(1);
  expect(people("source_id = '9002' AND days = '[]' AND status = 'registered'")).toBe(1);
});

test('someone ticked for two forums at the same time is said on the dry run, with both names and the time', async () => {
  const list = join(demo.dir, 'zwei-foren.csv');
  writeFileSync(list, 'Code;Vorname;Nachname;Fachforum 1;Fachforum 2;Fachforum 3\r\nZWEI-0001;Zora;Zweifach;x;x;\r\nZWEI-0002;Udo;Einfach;;;x\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('added')).toContainText('2');
  await expect(page.getByTestId('sync-problems')).toContainText('Zeile 2');
  await expect(page.getByTestId('sync-problems')).toContainText('die zur selben Zeit stattfinden (18.10.2023, 13:30–15:30 Uhr)');
  await page.screenshot({ path: `${SCREENS}/sync-same-time.png` });
  await page.getByTestId('sync-discard').click();
});

test('a LibreOffice spreadsheet (.ods): detected, its sheet shown, dates read, the people taken', async () => {
  const before = people('1');
  await chooseFile(join(FIX, 'libreoffice-calc.ods'));
  await expect(page.getByTestId('sync-detected')).toHaveText('libreoffice-calc.ods · LibreOffice-Tabelle · 2 Anmeldungen');
  await expect(page.getByTestId('sync-sheet')).toHaveValue('Anmeldungen');
  await expect(page.getByTestId('sync-mapping')).toContainText('18.10.2023');
  await page.screenshot({ path: `${SCREENS}/sync-ods-mapping.png` });
  await planAndApply(2);
  expect(people("first_name = 'Käthe' AND last_name = 'Groß' AND source_id = '602'")).toBe(1);
  expect(people('1')).toBe(before + 2);
});

test("pretix's order data as Excel, 62 columns as pretix 2026 writes them: the tickets' sheet, each ticket's own e-mail, its statuses", async () => {
  const before = people('1');
  await chooseFile(join(FIX, 'pretix-bestelldaten.xlsx'));
  await expect(page.getByTestId('sync-detected')).toHaveText('pretix-bestelldaten.xlsx · Excel-Arbeitsmappe · 4 Anmeldungen');
  // Not "Bestellungen", the first sheet (one row per order, the buyer's name): the sheet of the tickets.
  await expect(page.getByTestId('sync-sheet')).toHaveValue('Bestellzeilen');
  // The other sheets are named: were the people on one of them, the organiser would know where to look.
  await expect(page.getByTestId('sync-other-sheets')).toHaveText(
    'Die Mappe hat noch weitere Blätter: „Bestellungen“, „Gebühren“. Stehen die Anmeldungen dort, unter „Tabellenblatt“ wechseln.');
  // Of 62 columns, the 11 that mean something are shown first: column 21 "E-Mail Teilnehmer*in", 31 "Pseudonyme ID", 32 "Ticket-Code".
  const view = page.getByTestId('sync-mapping-view');
  await expect(view).toContainText('Zugeordnete Spalten (11)');
  await expect(view).toContainText('Alle Spalten (62)');
  await expect(page.getByTestId('sync-mapping').locator('tbody tr')).toHaveCount(11);
  await expect(page.getByTestId('map-20')).toHaveValue('E-Mail');
  await expect(page.getByTestId('map-30')).toHaveValue('Anmelde-ID (Quelle)');
  await expect(page.getByTestId('map-31')).toHaveValue('Code (QR/Ticket)');
  await expect(page.getByTestId('map-5')).toBeHidden();
  await expect(page.getByTestId('sync-no-code')).toBeHidden();
  await page.screenshot({ path: `${SCREENS}/sync-pretix-xlsx-mapping.png` });
  // All columns: column 6, the order's (the buyer's) e-mail, is kept as an extra field. "Produkt" made the role stays
  // in view when only the assigned columns are shown again, and so does a column then set back to an extra field.
  await view.getByText('Alle Spalten (62)').click();
  await expect(page.getByTestId('sync-mapping').locator('tbody tr')).toHaveCount(62);
  await expect(page.getByTestId('map-5')).toHaveValue('Zusatzfeld behalten');
  await page.getByTestId('map-9').click();
  await page.getByRole('option', { name: 'Rolle', exact: true }).click();
  await view.getByText('Zugeordnete Spalten (12)').click();
  await expect(page.getByTestId('sync-mapping').locator('tbody tr')).toHaveCount(12);
  // Set back to an extra field, "Produkt" stays in view until the view is switched.
  await page.getByTestId('map-9').click();
  await page.getByRole('option', { name: 'Zusatzfeld behalten', exact: true }).click();
  await expect(page.getByTestId('map-9')).toHaveValue('Zusatzfeld behalten');
  await expect(view).toContainText('Zugeordnete Spalten (11)');
  // A meaning belongs to one column: "Bestellnummer" made the first name takes it from "Name Teilnehmer*in: Vorname",
  // which becomes an extra field; given back, the order number is an extra field again.
  await view.getByText('Alle Spalten (62)').click();
  await page.getByTestId('map-2').click();
  await page.getByRole('option', { name: 'Vorname', exact: true }).click();
  await expect(page.getByTestId('map-18')).toHaveValue('Zusatzfeld behalten');
  await page.getByTestId('map-18').click();
  await page.getByRole('option', { name: 'Vorname', exact: true }).click();
  await expect(page.getByTestId('map-2')).toHaveValue('Zusatzfeld behalten');
  await view.getByText('Zugeordnete Spalten (11)').click();
  await expect(page.getByTestId('sync-mapping').locator('tbody tr')).toHaveCount(11);
  await expect(page.getByTestId('map-2')).toBeHidden();
  await toDryRun();
  await expect(count('added')).toContainText('4');
  await page.screenshot({ path: `${SCREENS}/sync-pretix-xlsx-dry-run.png` });
  // "storniert" and "Freigabe ausstehend" are pretix's words: no note about an unknown status. (Jürgen, Heike and Olga
  // of the first pretix list of these tests are said as possibly the same people: other codes, another list.)
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  await expect(page.getByText('Unbekannter Status', { exact: false })).toHaveCount(0);
  await expect(page.getByTestId('sync-problems')).toContainText('„Freigabe ausstehend“: Die Anmeldung ist im Anmeldesystem noch nicht freigegeben. Als angemeldet übernommen');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  // The message at its full height, though the screen (cards, history) now holds more than the window.
  expect((await page.getByTestId('sync-done').boundingBox())!.height).toBeGreaterThan(40);
  await page.screenshot({ path: `${SCREENS}/sync-pretix-xlsx-done.png` });
  expect(people("source_id = '7UAZGX3VHC' AND email = 'juergen.mueller@example.org' AND code = 'q8dk2mzpv7hd9vbb2ukccnngvxwcpa2f'")).toBe(1);
  expect(people("source_id = 'R7TNV4XH9B' AND status = 'cancelled'")).toBe(1);
  expect(people("source_id = 'W9CJD2KF5S' AND status = 'registered' AND email IS NULL")).toBe(1);
  expect(people('1')).toBe(before + 4);

  // Jürgen of this list, at 1024 × 700: the list's 32-character code does not push the status out of the window.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('q8dk2mzpv7hd9vbb');
  const row = page.getByRole('row').filter({ hasText: 'Jürgen Müller' });
  await expect(row).toHaveCount(1);
  const status = (await row.getByText('angemeldet').boundingBox())!;
  expect(status.x + status.width).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: `${SCREENS}/people-long-code-1024.png` });
  // His details: the code whole inside its card; the list's 40 other columns under a heading of their own, 8 at first.
  await row.click();
  const code = page.getByTestId('person-code');
  await expect(code).toHaveText('q8dk2mzpv7hd9vbb2ukccnngvxwcpa2f');
  const card = (await page.locator('.mantine-Card-root').filter({ has: code }).boundingBox())!;
  const box = (await code.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(card.x);
  expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
  const extra = page.getByTestId('person-extra');
  await expect(extra.getByRole('heading')).toHaveText(/^Weitere Angaben aus der Anmeldeliste \(\d+\)$/);
  await expect(extra.getByText('fachtag26/orders/ABC12', { exact: false })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/person-pretix-1024.png` });
  await page.getByTestId('person-extra-all').click();
  await expect(extra.getByText('fachtag26/orders/ABC12', { exact: false })).toBeVisible();
  // The order's date, an Excel date cell, as German users write it; the event file keeps it as read (exports too).
  const orderDate = extra.locator('div').filter({ has: page.getByText('Bestelldatum', { exact: true }) }).last();
  await expect(orderDate).toHaveText('Bestelldatum01.09.2026');
  expect(people(`source_id = '7UAZGX3VHC' AND json_extract(extra, '$.Bestelldatum') = '2026-09-01'`)).toBe(1);
  await orderDate.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/person-pretix-dates-1024.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Zurück zur Liste' }).click();
  await page.getByTestId('people-search').fill('');
});

test('the mapping of 62 columns at 1024 × 700: the table is part of the page, not a box of four rows; its header stays in view', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await chooseFile(join(FIX, 'pretix-bestelldaten.xlsx'));
  // Loaded before with these columns: the dry run came at once; "Zuordnung ändern" leads to the mapping.
  await page.getByTestId('sync-back-to-mapping').click();
  await page.getByTestId('sync-mapping-view').getByText('Alle Spalten (62)').click();
  const table = page.getByTestId('sync-mapping');
  await expect(table.locator('tbody tr')).toHaveCount(62);
  // Between the table and the page nothing scrolls: the nearest box that scrolls holds the whole screen.
  const scroller = await table.evaluate((el) => {
    let box = el.parentElement;
    while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowY)) box = box.parentElement;
    return box ? { holdsTitle: box.contains(document.querySelector('h2')), height: box.clientHeight } : null;
  });
  expect(scroller).toEqual({ holdsTitle: true, height: 640 });
  await page.screenshot({ path: `${SCREENS}/sync-mapping-62-1024-top.png` });
  // Scrolled down the page, the column names stay right under the app's header bar, above the rows; the meanings are
  // readable beside long examples.
  await page.getByTestId('map-40').scrollIntoViewIfNeeded();
  const header = (await table.locator('thead').boundingBox())!;
  expect(header.y).toBeCloseTo(60, 0);
  const row = (await page.getByTestId('map-40').boundingBox())!;
  expect(row.y).toBeGreaterThan(header.y + header.height);
  expect(row.width).toBeGreaterThan(220);
  await page.screenshot({ path: `${SCREENS}/sync-mapping-62-1024.png` });
  // At the end of the 62 columns, the dry run is there too: no scrolling back up to start it.
  await page.getByTestId('sync-plan-end').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sync-mapping-62-1024-end.png` });
  await page.getByTestId('sync-plan-end').click();
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  await page.getByTestId('sync-discard').click();
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('the same problem in many rows is one entry with its first lines; nothing is written when discarded', async () => {
  const { registrationCsv } = await import('../bench/import-data');
  const list = join(demo.dir, 'anmeldungen-300.csv');
  writeFileSync(list, registrationCsv(300));
  const before = people('1');
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(list);
  await toDryRun();
  await expect(count('added')).toContainText('300');
  // The demo has no "Workshop B" and no walk "Neustadt": one entry each, not one per row.
  const problems = page.getByTestId('sync-problems');
  await expect(problems.getByRole('row').filter({ hasText: '„Workshop B“' })).toHaveCount(1);
  await expect(problems.getByRole('row').filter({ hasText: '„Workshop B“' })).toContainText(/Zeilen (\d+, ){4}\d+ und \d+ weitere, Spalte „Workshops“/);
  await expect(problems.getByRole('row').filter({ hasText: '„Neustadt“' })).toHaveCount(1);
  await page.getByTestId('sync-problems').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/sync-problems-grouped.png` });
  await page.getByTestId('sync-discard').click();
  await expect(page.getByTestId('sync-start')).toBeVisible();
  expect(people('1')).toBe(before);
});

test('two rows about the same person (one by code, one by ID) are refused with both lines; apply stays off', async () => {
  const list = join(demo.dir, 'nachmeldungen.csv');
  const load = async (text: string) => {
    writeFileSync(list, text);
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-start').click();
    await page.getByTestId('sync-file').setInputFiles(list);
    await toDryRun();
  };
  await load('ID;Code;Vorname;Nachname\r\nN-1;NEU-CODE-1;Nora;Neu\r\n');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  const before = people('1');
  // Nora again by her code, and once more by her ID with another code.
  await load('ID;Code;Vorname;Nachname\r\n;NEU-CODE-1;Nora;Neu\r\nN-1;NEU-CODE-2;Nora;Neumann\r\n');
  const problems = page.getByTestId('sync-problems');
  await expect(problems.getByRole('row').filter({ hasText: 'Zeile 3, Spalte „ID“' })).toContainText('Diese Zeile betrifft dieselbe Person wie Zeile 2');
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/sync-same-person.png` });
  await page.getByTestId('sync-discard').click();
  await expect(page.getByTestId('sync-start')).toBeVisible();
  expect(people('1')).toBe(before);
  expect(people("code = 'NEU-CODE-1' AND last_name = 'Neu'")).toBe(1);
});

test('a large list shows its progress and can be cancelled before anything is written', async () => {
  const { registrationCsv } = await import('../bench/import-data');
  const big = join(demo.dir, 'gross.csv');
  writeFileSync(big, registrationCsv(100_000));
  const before = people('1');
  const uploads = join(demo.dir, '.uploads');
  const copies = () => (existsSync(uploads) ? readdirSync(uploads).length : 0);
  const copiesBefore = copies();
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(big);
  await expect(page.getByTestId('sync-progress')).toBeVisible();
  // The pages of these tests ask for less motion (support/browser.ts): the busy button's label does not slide.
  const slide = await page.locator('.mantine-Button-inner').first().evaluate((e) => getComputedStyle(e).transitionDuration);
  expect(slide).toMatch(/^0s(, 0s)*$/);
  await page.screenshot({ path: `${SCREENS}/sync-progress.png` });
  await page.getByTestId('sync-cancel').click();
  await expect(page.getByTestId('sync-progress')).toBeHidden();
  await expect(page.getByTestId('sync-file')).toBeAttached();
  await expect(page.getByTestId('sync-error')).toBeHidden();
  await expect(page.getByTestId('sync-stopped')).toHaveText('Abgebrochen – an der Veranstaltung wurde nichts geändert.');
  expect(people('1')).toBe(before);
  // What was sent of the file goes, whatever the step it was stopped in (a walkthrough found copies of whole lists
  // left until the event was closed).
  await expect.poll(copies).toBe(copiesBefore);

  // Left for another screen while the file is sent or read: it goes too.
  await page.getByTestId('sync-file').setInputFiles(big);
  await expect(page.getByTestId('sync-progress')).toBeVisible();
  await page.getByTestId('nav-people').click();
  // Asked first (the list is still being read), and left.
  await expect(page.getByRole('dialog')).toContainText('Liste wird noch gelesen');
  await page.getByTestId('leave-discard').click();
  await expect.poll(copies, { timeout: 20_000 }).toBe(copiesBefore);
  // And while the dry run compares it.
  await chooseFile(big);
  await expect(page.getByTestId('sync-mapping')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('sync-plan').click();
  await expect(page.getByTestId('sync-progress')).toBeVisible();
  await page.getByTestId('nav-people').click();
  await page.getByTestId('leave-discard').click();
  await expect.poll(copies, { timeout: 20_000 }).toBe(copiesBefore);
  expect(people('1')).toBe(before);
});

test('leaving a dry run or the mapping for another screen leaves no copy of the file behind', async () => {
  const uploads = join(demo.dir, '.uploads');
  const copies = () => (existsSync(uploads) ? readdirSync(uploads).length : 0);
  const before = copies();
  await chooseFile(join(FIX, 'pretix-orders-de.csv'));
  await toDryRun();
  await expect(count('added')).toBeVisible();
  expect(copies()).toBe(before + 1);
  // Off to the people's list, as an organiser does in the middle of things (asked first, and left): nothing leads
  // back to this dry run.
  await page.getByTestId('nav-people').click();
  await expect(page.getByRole('dialog')).toContainText('Probelauf noch nicht übernommen');
  await page.getByTestId('leave-discard').click();
  await expect.poll(copies).toBe(before);
  // The same from the mapping (reached by "Zuordnung ändern": the list's file with its columns comes to the dry run).
  await chooseFile(join(FIX, 'pretix-orders-de.csv'));
  await page.getByTestId('sync-back-to-mapping').click();
  await expect(page.getByTestId('sync-mapping')).toBeVisible();
  expect(copies()).toBe(before + 1);
  await page.getByTestId('nav-frontDesk').click();
  await expect(page.getByRole('dialog')).toContainText('Liste noch nicht abgeglichen');
  await page.getByTestId('leave-discard').click();
  await expect.poll(copies).toBe(before);
});

test('a dry run of hundreds of new people shows them page by page, past the 200 one request gives', async () => {
  const { registrationCsv } = await import('../bench/import-data');
  const list = join(demo.dir, 'nachmeldungen.csv');
  writeFileSync(list, registrationCsv(260));
  await chooseFile(list);
  // A list of its own (its columns are those of lists loaded before: that one would be proposed).
  await page.getByTestId('sync-source-select').click();
  await page.getByRole('option', { name: 'Neue Anmeldeliste' }).click();
  await toDryRun();
  await expect(count('added')).toContainText('260');
  await expect(page.getByTestId('sync-changes-shown')).toHaveText('50 von 260 gezeigt');
  for (let k = 0; k < 4; k++) await page.getByTestId('sync-changes-more').click();
  await expect(page.getByTestId('sync-changes-shown')).toHaveText('250 von 260 gezeigt');
  await page.screenshot({ path: `${SCREENS}/sync-changes-paged.png`, fullPage: true });
  await page.getByTestId('sync-changes-more').click();
  await expect(page.getByTestId('sync-changes').getByRole('row')).toHaveCount(260);
  await expect(page.getByTestId('sync-changes-more')).toHaveCount(0);
  await page.getByTestId('sync-discard').click();
});

test('with 600 more people, the people list pages past 500, and the overview says where its 500 rows end', async () => {
  const { registrationCsv } = await import('../bench/import-data');
  const list = join(demo.dir, 'grosse-liste.csv');
  writeFileSync(list, registrationCsv(600));
  await chooseFile(list);
  await planAndApply(600);
  const total = people('1');
  await page.getByTestId('nav-people').click();
  for (let shown = 100; shown < 700; shown += 100) {
    await expect(page.locator('tbody tr')).toHaveCount(shown);
    await page.getByRole('button', { name: 'Weitere anzeigen' }).click();
  }
  await expect(page.locator('tbody tr')).toHaveCount(Math.min(total, 700));
  await page.getByTestId('nav-attendance').click();
  for (let shown = 100; shown < 500; shown += 100) {
    await expect(page.locator('tbody tr')).toHaveCount(shown);
    await page.getByRole('button', { name: 'Weitere anzeigen' }).click();
  }
  await expect(page.locator('tbody tr')).toHaveCount(500);
  await expect(page.getByTestId('attendance-capped')).toHaveText(
    `Gezeigt werden 500 von ${people("status = 'registered' OR id IN (SELECT registration_id FROM check_ins)")} Personen. Für die anderen nach Tag, Bereich oder Organisation filtern, oder unter „Auswertung“ exportieren.`);
  await expect(page.getByRole('button', { name: 'Weitere anzeigen' })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/attendance-capped.png` });
});

test('a walk of 400 people: its roster draws 300 cards at a time and finds anyone by name', async () => {
  const list = join(demo.dir, 'rundgang-altstadt.csv');
  const rows = Array.from({ length: 400 }, (_, i) => `alt-${i};Vorname${i};Nachname${i};Altstadt`);
  writeFileSync(list, `${['ID;Vorname;Nachname;Stadtrundgang', ...rows].join('\r\n')}\r\n`);
  await chooseFile(list);
  await planAndApply(400);
  await page.getByTestId('nav-roster').click();
  await page.getByTestId('roster-list').click();
  await page.getByRole('option', { name: /Altstadt und Schloss/ }).click();
  await expect(page.getByTestId('roster-card')).toHaveCount(300);
  // The list's own people (400), and the demo event's and other lists' for this walk.
  await expect(page.getByTestId('roster-shown')).toHaveText(/^300 von [\d.]+ gezeigt$/);
  const total = Number((await page.getByTestId('roster-shown').textContent())!.match(/von ([\d.]+)/)![1]!.replace('.', ''));
  expect(total).toBeGreaterThan(400);
  for (let shown = 300; shown < total; shown += 300) {
    await expect(page.getByTestId('roster-card')).toHaveCount(shown);
    await page.getByTestId('roster-more').click();
  }
  await expect(page.getByTestId('roster-card')).toHaveCount(total);
  await expect(page.getByTestId('roster-more')).toHaveCount(0);
  // Found by name, umlauts or not, and ticked.
  await page.getByTestId('roster-filter').fill('nachname123 vorname');
  await expect(page.getByTestId('roster-card')).toHaveCount(1);
  await page.getByTestId('roster-card').click();
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
  await page.getByTestId('result-next').click();
  await expect(page.getByTestId('roster-card')).toHaveAttribute('data-present', 'true');
  await page.screenshot({ path: `${SCREENS}/roster-filtered.png` });
});


test('a list with an error still says whom it would cancel, so the organiser fixes everything in one round', async () => {
  const list = join(demo.dir, 'fehlerliste.csv');
  writeFileSync(list, 'ID;Vorname;Nachname;Organisation\r\nfl-1;Frida;Fehlmann;Stadt Zeitz\r\nfl-2;Fritz;Fehlmann;Stadt Zeitz\r\nfl-3;Fabian;Fehlmann;Stadt Zeitz\r\n');
  await chooseFile(list);
  await planAndApply(3);
  // Fritz is gone from the export, and a row lost its name.
  writeFileSync(list, 'ID;Vorname;Nachname;Organisation\r\nfl-1;Frida;Fehlmann;Stadt Zeitz\r\nfl-4;;;Stadt Zeitz\r\nfl-3;Fabian;Fehlmann;Stadt Zeitz\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-problems')).toContainText('Name fehlt');
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await expect(page.getByTestId('sync-cancel-hint')).toContainText('1 Person würde storniert');
  await page.screenshot({ path: `${SCREENS}/sync-blocked-cancel-hint.png` });
  await page.getByTestId('sync-discard').click();
  expect(people("last_name = 'Fehlmann' AND status = 'registered'")).toBe(3);
  // Fixed and applied: Fritz's page says why he is cancelled.
  writeFileSync(list, 'ID;Vorname;Nachname;Organisation\r\nfl-1;Frida;Fehlmann;Stadt Zeitz\r\nfl-3;Fabian;Fehlmann;Stadt Zeitz\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('cancelled')).toContainText('1');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  // The same file once more: nothing to write, and said so.
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-no-changes')).toHaveText('Keine Änderungen: Die Liste sagt nichts Neues. „Übernehmen“ vermerkt nur den Abgleich unter „Bisherige Abgleiche“.');
  await page.screenshot({ path: `${SCREENS}/sync-no-changes.png` });
  await page.getByTestId('sync-discard').click();
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('Fritz Fehlmann');
  await page.getByRole('cell', { name: 'Fritz Fehlmann' }).click();
  await expect(page.getByTestId('person-source-gone')).toHaveText('Nicht mehr in der Liste – deshalb storniert.');
  await page.screenshot({ path: `${SCREENS}/person-gone-from-list.png` });
  await page.getByTestId('nav-people').click();
});

test('a walk changed in the app is marked on its own line, not only on the heading', async () => {
  // Frida (from the list just above) has no walk; the desk books her onto one.
  await page.getByTestId('people-search').fill('Frida Fehlmann');
  await page.getByRole('cell', { name: 'Frida Fehlmann' }).click();
  await page.getByTestId('person-edit').click();
  // The pills' box takes the click, as a user's click lands on it.
  await page.getByTestId('edit-walks').click({ force: true });
  await page.getByRole('option').first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('edit-save').click();
  const line = page.getByTestId('person-assignment');
  await expect(line).toHaveCount(1);
  await expect(line.getByTestId('local-mark')).toHaveText('lokal geändert');
  // The heading has none: the line says which one was set in the app.
  await expect(page.getByRole('heading', { name: 'Programmpunkte' }).getByTestId('local-mark')).toHaveCount(0);
  await line.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/person-local-walk.png` });
});

test('a JSON export is counted in entries, as its messages name them, not in lines', async () => {
  const list = join(demo.dir, 'export.json');
  writeFileSync(list, JSON.stringify([{ id: 'js-1', Vorname: 'Jana', Nachname: 'Jansen' }, { id: 'js-2', Vorname: 'Jonas', Nachname: 'Jansen' }]));
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByTestId('sync-plan-subtitle')).toHaveText(/^2 Einträge aus „export\.json“ .*verglichen$/);
  await page.getByTestId('sync-discard').click();
});

test('the export dialog says that the extra fields of a list are not ticked, so they are not overlooked', async () => {
  // The lists loaded above keep columns as extra fields ("Rechnungsadresse: Vorname" of the pretix list, …).
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('extra-columns-hint')).toHaveText(
    /^Die \d+ weiteren Felder der Anmeldung \(etwa „[^“]+“\) sind nicht vorausgewählt, da sie sensibel sein können: bei Bedarf oben unter „Weitere Felder der Anmeldung“ ankreuzen\.$/);
  await page.screenshot({ path: `${SCREENS}/reports-export-extra-fields.png` });
  await page.getByTestId('column-extra:Rechnungsadresse: Vorname').click();
  await expect(page.getByTestId('extra-columns-hint')).toHaveCount(0);
  await page.getByRole('button', { name: 'Schließen' }).click();
});

test('a list saved again by Excel with "?" for the letters its code page lacks keeps the names, and says so', async () => {
  const list = join(demo.dir, 'gaesteliste.csv');
  const text = 'ID;Vorname;Nachname;Organisation\r\nGL-1;Özlem;Yıldız;Stadt Kraków\r\nGL-2;Paweł;Wiśniewski;Gmina Łódź\r\n';
  writeFileSync(list, text);
  await chooseFile(list);
  await planAndApply(2);
  // Opened in Excel and saved as "CSV (Trennzeichen-getrennt)": Windows-1252, "?" for ı, ł, ś, Ł, ź.
  writeFileSync(list, Buffer.from(text.replace(/[ıłśŁź]/g, '?'), 'latin1'));
  await chooseFile(list);
  await toDryRun();
  await expect(page.getByText('Bei 2 Anmeldungen stehen Fragezeichen statt Buchstaben (z. B. „Y?ld?z“ statt „Yıldız“)', { exact: false })).toBeVisible();
  await expect(count('updated')).toContainText('0');
  // Nobody is taken for someone else because "Paweł Wiśniewski" now reads "Pawe? Wi?niewski".
  await expect(page.getByTestId('sync-problems')).not.toContainText('eine andere Person');
  await page.screenshot({ path: `${SCREENS}/sync-letters-lost.png`, fullPage: true });
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("last_name = 'Yıldız' AND first_name = 'Özlem'")).toBe(1);
  expect(people("last_name = 'Wiśniewski' AND organisation = 'Gmina Łódź'")).toBe(1);
});

test('someone only missing from the last version of the list is refused as missing from it, not as having cancelled', async () => {
  const list = join(demo.dir, 'gaesteliste.csv');
  // The next version lacks Paweł (a filter in the export, say): he is taken as cancelled, the dry run says why.
  writeFileSync(list, 'ID;Vorname;Nachname;Organisation\r\nGL-1;Özlem;Yıldız;Stadt Kraków\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('cancelled')).toContainText('1');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  await page.getByTestId('nav-frontDesk').click();
  await page.getByTestId('search-input').fill(codeOf(eventFile, "last_name = 'Wiśniewski'"));
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'refused');
  await expect(page.getByTestId('scan-result')).toContainText(
    /Nicht mehr in der Anmeldeliste „gaesteliste\.csv“ \(Stand \d\d:\d\d Uhr\) – deshalb als storniert geführt, nicht ausdrücklich storniert\./);
  await expect(page.getByTestId('scan-result')).toContainText('Bitte an die Tagungsleitung verweisen: Vielleicht fehlt die Person nur in der Datei.');
  await expect(page.getByTestId('scan-result')).not.toContainText('Diese Anmeldung wurde storniert.');
  await page.screenshot({ path: `${SCREENS}/front-desk-gone-from-list.png` });
  await page.getByTestId('result-next').click();
});

test('a code the list re-issued still admits, but says it is an old one; the person page lists it', async () => {
  const list = join(demo.dir, 'neuausgabe.csv');
  writeFileSync(list, 'ID;Code;Vorname;Nachname\r\nNA-1;NEU-ALT-0001;Frank;Möllendorf\r\n');
  await chooseFile(list);
  await planAndApply(1);
  // The registration system re-issued his ticket (passed on, perhaps): the old QR code is still in the first e-mail.
  writeFileSync(list, 'ID;Code;Vorname;Nachname\r\nNA-1;NEU-ALT-0002;Frank;Möllendorf\r\n');
  await chooseFile(list);
  await toDryRun();
  await expect(count('updated')).toContainText('1');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  await page.getByTestId('nav-frontDesk').click();
  await page.getByTestId('search-input').fill('NEU-ALT-0001');
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-former-code')).toHaveText(
    /^Achtung: alter Code – für diese Anmeldung gilt seit \d\d:\d\d Uhr ein neuer\. Bitte den Namen prüfen \(etwa am Ausweis\)\.$/);
  await page.screenshot({ path: `${SCREENS}/front-desk-former-code.png` });
  await page.getByTestId('result-next').click();
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('Möllendorf');
  await page.getByRole('cell', { name: 'Frank Möllendorf' }).click();
  await expect(page.getByTestId('person-former-codes')).toHaveText(/^Frühere Codes \(lassen weiter ein\): NEU-ALT-0001 \(bis \d\d\.\d\d\.\d{4}\)$/);
  await page.screenshot({ path: `${SCREENS}/person-former-codes.png` });
});

test('a person is found among the changes of a dry run by name, under whatever kind they are; the search is cleared with one click', async () => {
  const list = join(demo.dir, 'suchliste.csv');
  const towns = ['Weißenfels', 'Zeitz', 'Naumburg', 'Halle (Saale)'];
  const lastNames = ['Schmidt', 'Becker', 'Krüger', 'Hoffmann', 'Fuchs'];
  const row = (i: number, town: string, status = 'bezahlt') =>
    `SL-${i};SUCH-${String(i).padStart(4, '0')};${i === 7 ? 'Ayşe;Yıldız' : `Person${i};${lastNames[i % 5]}`};Landkreis Burgenlandkreis;${town};${status}`;
  const header = 'ID;Code;Vorname;Nachname;Organisation;Ort;Status';
  const first = Array.from({ length: 40 }, (_, k) => row(k + 1, towns[k % 4]!));
  writeFileSync(list, [header, ...first].join('\r\n'));
  await chooseFile(list);
  await page.getByTestId('sync-source-select').click();
  await page.getByRole('option', { name: 'Neue Anmeldeliste' }).click();
  await planAndApply(40);
  // The next version: ten people moved (Ayşe Yıldız among them), six cancelled, five new (Elif Yıldız-Kaya among them).
  const next = Array.from({ length: 40 }, (_, k) => {
    const i = k + 1;
    return i <= 10 ? row(i, 'Merseburg') : i >= 30 && i <= 35 ? row(i, towns[k % 4]!, 'storniert') : first[k]!;
  });
  const added = ['SL-41;SUCH-0041;Elif;Yıldız-Kaya;Stadt Zeitz;Zeitz;bezahlt',
    ...Array.from({ length: 4 }, (_, k) => row(42 + k, 'Leipzig'))];
  writeFileSync(list, [header, ...next, ...added].join('\r\n'));
  await chooseFile(list);
  await expect(page.getByTestId('sync-mapping-kept')).toBeVisible();
  await toDryRun();
  await expect(count('updated')).toContainText('10');
  await expect(count('cancelled')).toContainText('6');
  await expect(count('added')).toContainText('5');
  const rows = page.getByTestId('sync-changes').getByRole('row');
  await expect(rows).toHaveCount(10);

  // Typed as on a German keyboard without the Turkish ı: found all the same, under "Geändert", and said where else.
  await page.getByTestId('sync-changes-search').fill('Frau yildiz');
  await expect(page.getByTestId('sync-changes-hits')).toHaveText('1 Treffer');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Ayşe Yıldız');
  await expect(rows.first()).toContainText('Merseburg');
  await expect(page.getByTestId('sync-changes-hits-added')).toHaveText('Auch unter „Neu“: 1');
  await expect(page.getByTestId('sync-changes-hits-cancelled')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/sync-dry-run-search.png` });
  await page.getByTestId('sync-changes-hits-added').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Elif Yıldız-Kaya');
  await expect(page.getByTestId('sync-changes-hits-updated')).toHaveText('Auch unter „Geändert“: 1');

  // By code, under the kind shown; nothing found is said with what was searched.
  await page.getByTestId('sync-change-kinds').getByText('Storniert (6)').click();
  await page.getByTestId('sync-changes-search').fill('such-0033');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('SUCH-0033');
  await page.getByTestId('sync-changes-search').fill('Zimmermann');
  await expect(page.getByTestId('sync-changes-hits')).toHaveText('Keine Treffer für „Zimmermann“');
  await expect(rows).toHaveCount(0);
  await page.getByTestId('sync-changes-search-clear').click();
  await expect(page.getByTestId('sync-changes-search')).toHaveValue('');
  // The cursor stays in the field for the next name.
  await expect(page.getByTestId('sync-changes-search')).toBeFocused();
  await expect(rows).toHaveCount(6);
  await expect(page.getByTestId('sync-changes-hits')).toHaveCount(0);
  await page.getByTestId('sync-discard').click();
});

test('the history says whom a sync changed: a row opened shows who changed field by field, who was cancelled and who is new', async () => {
  const list = join(demo.dir, 'verlaufsliste.csv');
  const header = 'ID;Vorname;Nachname;Organisation;Ort';
  writeFileSync(list, [header, 'VL-1;Sabine;Schmidt;Stadt Weißenfels;Weißenfels', 'VL-2;Jörg;Krüger;Landkreis Burgenlandkreis;Naumburg',
    'VL-3;Ines;Haupt;Universität Halle;Halle (Saale)', ''].join('\r\n'));
  await chooseFile(list);
  await planAndApply(3);
  // The next version: Frau Schmidt married and works for the district now, Herr Krüger is no longer in it, someone is new.
  writeFileSync(list, [header, 'VL-1;Sabine;Schmidt-Berger;Landkreis Burgenlandkreis;Weißenfels', 'VL-3;Ines;Haupt;Universität Halle;Halle (Saale)',
    'VL-4;Tobias;Reinhardt;Stadt Zeitz;Zeitz', ''].join('\r\n'));
  await chooseFile(list);
  await toDryRun();
  await expect(count('updated')).toContainText('1');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();

  const row = page.getByTestId('sync-history').getByRole('row').filter({ hasText: 'verlaufsliste.csv' }).first();
  await expect(row).toContainText('1 neu, 1 geändert, 1 storniert, 1 unverändert');
  await row.getByRole('button', { name: 'Änderungen anzeigen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Änderungen beim Abgleich von „verlaufsliste.csv“ am');
  await expect(dialog.getByTestId('sync-change-kinds')).toHaveText('Geändert (1)Storniert (1)Neu (1)');
  // What changed for Frau Schmidt, before → after, as the dry run showed it.
  const sabine = dialog.getByTestId('sync-changes').getByRole('row').filter({ hasText: 'Sabine Schmidt-Berger' });
  await expect(sabine).toContainText(/Nachname\s*Schmidt\s*→\s*Schmidt-Berger/);
  await expect(sabine).toContainText(/Organisation\s*Stadt Weißenfels\s*→\s*Landkreis Burgenlandkreis/);
  await expect(sabine).toContainText('Zeile 2');
  await page.screenshot({ path: `${SCREENS}/sync-history-changes.png` });
  // Who was cancelled by it, and who came.
  await dialog.getByTestId('sync-change-kinds').getByText('Storniert (1)').click();
  await expect(dialog.getByTestId('sync-changes').getByRole('row')).toHaveCount(1);
  await expect(dialog.getByTestId('sync-changes')).toContainText('Jörg Krüger');
  await expect(dialog.getByTestId('sync-changes')).toContainText('nicht mehr in der Liste');
  await dialog.getByTestId('sync-change-kinds').getByText('Neu (1)').click();
  await expect(dialog.getByTestId('sync-changes')).toContainText('Tobias Reinhardt');
  await expect(dialog.getByTestId('sync-added-details')).toHaveText('Stadt Zeitz · Zeitz');
  // Found by name as in the dry run, under whatever kind: Herr Krüger among the cancelled.
  await dialog.getByTestId('sync-changes-search').fill('krueger');
  await expect(dialog.getByTestId('sync-changes-hits')).toHaveText('Keine Treffer für „krueger“');
  await dialog.getByTestId('sync-changes-hits-cancelled').click();
  await expect(dialog.getByTestId('sync-changes').getByRole('row')).toHaveCount(1);
  await expect(dialog.getByTestId('sync-changes')).toContainText('Jörg Krüger');
  await expect(dialog.getByTestId('sync-changes-hits')).toHaveText('1 Treffer');
  // Esc in the search field clears it first, then closes the window.
  await dialog.getByTestId('sync-changes-search').press('Escape');
  await expect(dialog.getByTestId('sync-changes-search')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
