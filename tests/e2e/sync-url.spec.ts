import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { countRegistrations, openDemoInBrowser, type DemoInBrowser } from './support/demo-event';

// A registration system's export link behind an API token, served from this test: the station fetches it itself,
// once when the organiser asks, then on its own every minute while it runs.
const SCREENS = 'test-results/screens';
const TOKEN = 'Token geheim-4711';
const HEADER = 'ID;Code;Vorname;Nachname;Organisation;Ort;Status;Stadtrundgang';
const ROWS = [
  'u-1;URL-0001;Greta;Lindqvist;Stadt Weißenfels;Weißenfels;bezahlt;Altstadt',
  'u-2;URL-0002;Hannes;Oberländer;Landkreis Burgenlandkreis;Naumburg;bezahlt;',
  'u-3;URL-0003;Ilse;Brückner;Verein Miteinander e. V.;Halle (Saale);bezahlt;',
];
/** The same list a day later: one person renamed, one new. */
const SECOND = [ROWS[0]!, ROWS[1]!.replace('Oberländer', 'Oberländer-Voss'), ROWS[2]!, 'u-4;URL-0004;Jonas;Kempf;Universität Halle;Halle (Saale);bezahlt;'];

/** The list on the morning of the event: one person cancelled, one registered late. */
const MORNING = [...SECOND.map((row) => (row.startsWith('u-3;') ? row.replace('bezahlt', 'storniert') : row)), 'u-6;URL-0006;Nora;Spät;Stadt Zeitz;Zeitz;bezahlt;'];

/** Later that morning: one more late registration. */
const LATER = [...MORNING, 'u-7;URL-0007;Otto;Zuletzt;Stadt Zeitz;Zeitz;bezahlt;'];

/** And one more, while the organiser reads a dry run. */
const NOON = [...LATER, 'u-5;URL-0005;Karla;Neumann;Stadt Zeitz;Zeitz;bezahlt;'];

/** What the export link answers now: a list, an error status, or a login page. */
let answer: { status: number; type: string; body: string } = { status: 200, type: 'text/csv; charset=utf-8', body: '' };
const list = (rows: string[]) => ({ status: 200, type: 'text/csv; charset=utf-8', body: `${[HEADER, ...rows].join('\r\n')}\r\n` });
let requests = 0;
let lastPath = '';

let registrationSystem: Server;
let exportUrl: string;
let demo: DemoInBrowser;
let eventFile: string;
let page: Page;

test.beforeAll(async () => {
  registrationSystem = createServer((req, res) => {
    requests++;
    lastPath = req.url ?? '';
    if (req.headers.authorization !== TOKEN) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  registrationSystem.listen(0, '127.0.0.1');
  await once(registrationSystem, 'listening');
  exportUrl = `http://127.0.0.1:${(registrationSystem.address() as AddressInfo).port}/api/export/anmeldungen`;
  demo = await openDemoInBrowser('einlass-e2e-sync-url-', 'Büro');
  ({ eventFile, page } = demo);
  await page.getByTestId('nav-sync').click();
});

test.afterAll(async () => {
  await demo?.close();
  registrationSystem?.close();
});

const people = (where: string) => countRegistrations(eventFile, where);

const count = (kind: string) => page.getByTestId(`sync-count-${kind}`);

/** At the front desk, without a code: found by name, checked in with Enter. */
async function checkInByName(name: string): Promise<void> {
  await page.getByTestId('search-input').fill(name);
  await expect(page.getByTestId('search-hit').first()).toContainText(name);
  await page.getByTestId('search-input').press('Enter');
}
const source = () => page.getByTestId('sync-source');

test('a list behind an API token: fetched, checked, applied, and the source shows how it was loaded', async () => {
  answer = list(ROWS);
  await page.getByTestId('sync-start').click();
  await page.getByText('Adresse (URL)').click();
  // A link with a key in it: the message names the address without the key, as the list's card does.
  await page.getByTestId('sync-url').fill(`${exportUrl}?token=link-geheim-0815`);
  await page.getByTestId('sync-auth-value').fill('Token falsch');
  // An interval that is no number of minutes: nothing is fetched until it is one (or empty).
  await page.getByTestId('sync-interval').fill('alle 5');
  await page.getByTestId('sync-fetch').click();
  await expect(page.getByText('„alle 5“ ist keine Minutenzahl')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-url-load-interval-invalid.png` });
  expect(requests).toBe(0);
  await page.getByTestId('sync-interval').fill('');
  await page.getByTestId('sync-fetch').click();
  await expect(page.getByTestId('sync-error')).toContainText(`${exportUrl}?token=•••: Zugriff verweigert (401).`);
  await expect(page.getByTestId('sync-error')).not.toContainText('link-geheim-0815');
  // Copied from a browser's address bar without "http://": completed, and shown so.
  await page.getByTestId('sync-url').fill(exportUrl.replace('http://', ''));
  await page.getByTestId('sync-fetch').click();
  await expect(page.getByTestId('sync-error')).toContainText('Zugriff verweigert (401). Bitte den Zugangsschlüssel prüfen (bei pretix „Token …“, bei Eventbrite „Bearer …“).');
  await expect(page.getByTestId('sync-url')).toHaveValue(exportUrl);
  await page.getByTestId('sync-auth-value').fill(TOKEN);
  await page.screenshot({ path: `${SCREENS}/sync-url-load.png` });
  await page.getByTestId('sync-fetch').click();
  await expect(page.getByTestId('sync-detected')).toHaveText('anmeldungen.csv · CSV · 3 Anmeldungen');
  await page.getByTestId('sync-plan').click();
  await expect(count('added')).toContainText('3');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("source_id IN ('u-1', 'u-2', 'u-3')")).toBe(3);

  await expect(source()).toContainText('mit Zugangsschlüssel');
  await expect(source()).toContainText(exportUrl);
  await expect(source()).toContainText('Zuletzt übernommen:');
  // Fetched on request only, until an interval is set (last test).
  await expect(page.getByTestId('sync-source-interval')).toHaveValue('');
  // An empty interval means no periodic check, and the field says so.
  await expect(page.getByTestId('sync-source-interval')).toHaveAttribute('placeholder', 'nur auf Knopfdruck');
  // The token is kept in the event file for the next fetch, and never shown again.
  await expect(page.getByText(TOKEN)).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/sync-url-source.png` });
});

test('"Jetzt aktualisieren" fetches the list again and shows what changed before anything is written', async () => {
  answer = list(SECOND);
  await source().getByTestId('sync-refresh').click();
  await expect(count('added')).toContainText('1');
  await expect(count('updated')).toContainText('1');
  await expect(page.getByTestId('sync-changes')).toContainText('Oberländer-Voss');
  await page.screenshot({ path: `${SCREENS}/sync-url-refresh.png`, fullPage: true });
  expect(people("last_name = 'Oberländer-Voss'")).toBe(0);
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("last_name = 'Oberländer-Voss'")).toBe(1);
  await expect(page.getByTestId('sync-history').getByRole('row').nth(1)).toContainText('1 neu, 1 geändert');
});

test('an export link that fails or answers with a login page says so, and nothing is changed', async () => {
  const before = people('1');
  answer = { status: 500, type: 'text/plain', body: 'Internal Server Error' };
  await source().getByTestId('sync-refresh').click();
  await expect(page.getByTestId('sync-error')).toContainText('Die Adresse antwortet mit Fehler 500.');
  await expect(page.getByTestId('sync-error')).toContainText('An der Veranstaltung wurde nichts geändert.');
  await page.screenshot({ path: `${SCREENS}/sync-url-error.png` });
  // The registration system is back: trying again from here goes on to the dry run.
  answer = { status: 503, type: 'text/plain', body: 'Service Unavailable' };
  await page.getByTestId('sync-retry').click();
  await expect(page.getByTestId('sync-error')).toContainText('Die Adresse antwortet mit Fehler 503.');
  answer = list(SECOND);
  await page.getByTestId('sync-retry').click();
  await expect(count('unchanged')).toContainText('4');
  await page.getByTestId('sync-discard').click();

  // A list emptied in the registration system: refused in the words of an address, not of a file.
  answer = list([]);
  await source().getByTestId('sync-refresh').click();
  await expect(page.getByTestId('sync-error')).toContainText('Die Adresse liefert nur die Kopfzeile, aber keine Anmeldungen.');
  await page.getByRole('button', { name: 'Zurück' }).click();

  answer = { status: 200, type: 'text/html', body: '<!DOCTYPE html><html><body><form>Anmelden</form></body></html>' };
  await source().getByTestId('sync-refresh').click();
  await expect(page.getByTestId('sync-error')).toContainText('liefert eine Webseite statt einer Liste');
  await page.getByRole('button', { name: 'Zurück' }).click();
  // The same login page sent as CSV: no advice to open "the file" in Excel, there is no file.
  answer = { status: 200, type: 'text/csv', body: '<?xml version="1.0"?>\n<!DOCTYPE html><html><body><form>Anmelden</form></body></html>' };
  await source().getByTestId('sync-refresh').click();
  await expect(page.getByTestId('sync-error')).toContainText('Die Adresse liefert eine Webseite statt einer Liste');
  await expect(page.getByTestId('sync-error')).not.toContainText('Excel');
  await page.getByRole('button', { name: 'Zurück' }).click();
  expect(people('1')).toBe(before);
});

test('every minute on its own: a late registration is loaded at once, a cancellation waits for the organiser', async () => {
  // Three periodic checks, a minute apart.
  test.setTimeout(300_000);
  // Half a minute or a word is refused with what to type, not read as 5 minutes or as "off".
  for (const typed of ['0,5', '0.5', 'abc']) {
    await page.getByTestId('sync-source-interval').fill(typed);
    await page.getByTestId('sync-source-interval-save').click();
    await expect(source()).toContainText(`„${typed}“ ist keine Minutenzahl: Bitte ganze Minuten von 1 bis 1440 eingeben`);
    await expect(page.getByTestId('sync-source-interval-saved')).toHaveCount(0);
  }
  await page.screenshot({ path: `${SCREENS}/sync-url-interval-invalid.png` });
  // One minute between fetches; the station looks every 30 s whether a source is due.
  await page.getByTestId('sync-source-interval').fill('1');
  await page.getByTestId('sync-source-interval-save').click();
  await expect(page.getByTestId('sync-source-interval-saved')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-url-interval.png` });

  // A person cancelled in the registration system: not applied on its own. Someone registered late: loaded at
  // once, so the desk knows their code.
  answer = list(MORNING);
  const seen = requests;
  await expect(source()).toContainText('Änderungen warten auf Freigabe', { timeout: 100_000 });
  expect(requests).toBeGreaterThan(seen);
  await expect(page.getByTestId('sync-source-check-counts')).toHaveText('0 neu, 0 geändert, 1 storniert, 4 unverändert');
  await expect(page.getByTestId('sync-source-check-applied')).toHaveText(
    'Schon übernommen: 1 neu, 0 geändert. Was noch wartet, braucht Ihre Freigabe.');
  expect(people("source_id = 'u-3' AND status = 'cancelled'")).toBe(0);
  expect(people("source_id = 'u-6' AND status = 'registered'")).toBe(1);
  // The history tells what the check applied on its own from what an organiser approved.
  const newest = page.getByTestId('sync-history').locator('tbody tr').first();
  await expect(newest).toContainText('1 neu, 0 geändert, 0 storniert, 3 unverändert');
  await expect(newest.getByText('automatisch', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-url-pending.png` });
  // The registration system fails once: the cancellation still waits, and can be looked at, next to the failure.
  answer = { status: 500, type: 'text/plain', body: 'Internal Server Error' };
  await expect(page.getByTestId('sync-source-check-fetch-failed')).toContainText('Die Adresse antwortet mit Fehler 500.', { timeout: 100_000 });
  await expect(source().getByTestId('sync-source-check')).toHaveText('Änderungen warten auf Freigabe');
  await expect(source().getByRole('button', { name: 'Ansehen' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-url-pending-fetch-failed.png` });
  answer = list(MORNING);
  // Seen from every screen: a dot on "Anmeldeliste" in the navigation.
  await page.getByTestId('nav-frontDesk').click();
  await expect(page.getByTestId('nav-sync-attention')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sync-url-attention.png` });
  // She comes to the desk: let in, as the cancellation is not applied yet, and the desk is told what the list says.
  await checkInByName('Ilse Brückner');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-cancellation-waiting')).toContainText('ist diese Anmeldung storniert. Das wartet noch auf Freigabe');
  await page.screenshot({ path: `${SCREENS}/front-desk-cancellation-waiting.png` });
  await page.getByTestId('result-next').click();
  await page.getByTestId('nav-sync').click();
  await source().getByRole('button', { name: 'Ansehen' }).click();
  await expect(count('cancelled')).toContainText('1');
  // The organiser sees that she is inside already.
  await expect(page.getByTestId('sync-cancel-checked-in')).toHaveText(
    'Davon ist 1 Person schon eingecheckt: ihre Check-ins bleiben; am Einlass wird ab dann „storniert“ angezeigt.');
  await expect(page.getByTestId('sync-changes')).toContainText('Ilse Brückner');
  await expect(page.getByTestId('sync-change-checked-in')).toHaveText('schon eingecheckt');
  await page.screenshot({ path: `${SCREENS}/sync-url-cancel-checked-in.png`, fullPage: true });
  // While the organiser reads it, the next check loads one more late registration: the dry run on screen no longer
  // fits, and says so at once.
  answer = list(LATER);
  await expect(page.getByTestId('sync-error')).toContainText('Dieser Probelauf ist nicht mehr verfügbar', { timeout: 100_000 });
  expect(people("source_id = 'u-7' AND status = 'registered'")).toBe(1);
  await page.screenshot({ path: `${SCREENS}/sync-url-overtaken.png` });
  await page.getByTestId('sync-redo').click();
  await expect(count('cancelled')).toContainText('1');
  await expect(count('added')).toContainText('0');
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  await expect(page.getByTestId('nav-sync-attention')).toHaveCount(0);
  expect(people("source_id = 'u-3' AND status = 'cancelled'")).toBe(1);
  // Scanned again at the door: inside, and the desk learns her registration is cancelled now.
  await page.getByTestId('nav-frontDesk').click();
  await checkInByName('Ilse Brückner');
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'already_checked_in');
  await expect(page.getByTestId('scan-result-cancelled')).toHaveText('Die Anmeldung wurde nach dem Einlass storniert.');
  await page.screenshot({ path: `${SCREENS}/front-desk-inside-cancelled.png` });
  await page.getByTestId('result-next').click();
  await page.getByTestId('nav-sync').click();
});

test('the card says what was done last; a dry run overtaken by a walk-in at the desk is made again with one click', async () => {
  // The registration system fails: the periodic check says so on the card.
  answer = { status: 500, type: 'text/plain', body: 'Internal Server Error' };
  await expect(source().getByTestId('sync-source-check')).toHaveText('Abruf fehlgeschlagen', { timeout: 100_000 });
  // Fetched by hand from now on (no check may come in between below).
  await page.getByTestId('sync-source-interval').fill('');
  await page.getByTestId('sync-source-interval-save').click();
  await expect(page.getByTestId('sync-source-interval-saved')).toBeVisible();

  // Back, with one more person. While the organiser reads the dry run, the front desk registers a walk-in.
  answer = list(NOON);
  await source().getByTestId('sync-refresh').click();
  await expect(count('added')).toContainText('1');
  const desk = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
  await desk.goto(demo.station.openUrl);
  await desk.getByTestId('search-input').fill('Lotte Nachtigall');
  await desk.getByTestId('walk-in-open').click();
  await desk.getByTestId('walk-in-submit').click();
  await expect(desk.getByTestId('scan-result-name')).toHaveText('Lotte Nachtigall');
  await desk.context().close();

  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-error')).toContainText('Seit dem Probelauf hat sich etwas geändert');
  // Not to be applied again as it is: only "Neu vergleichen" goes on.
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS}/sync-url-stale.png` });
  expect(people("source_id = 'u-5'")).toBe(0);
  await page.getByTestId('sync-redo').click();
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await expect(count('added')).toContainText('1');
  await expect(page.getByTestId('sync-apply')).toBeEnabled();
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("source_id = 'u-5'")).toBe(1);
  // The card: what was just applied, not the failure before it.
  await expect(source().getByTestId('sync-source-check')).toHaveText('Übernommen');
  await expect(page.getByTestId('sync-source-check-counts')).toHaveText('1 neu, 0 geändert, 0 storniert, 6 unverändert');
  await page.screenshot({ path: `${SCREENS}/sync-url-card-applied.png` });
});

test('the list renamed, its access key replaced after the registration system issued a new one', async () => {
  await source().getByTestId('sync-source-edit').click();
  await expect(page.getByTestId('sync-edit-dialog')).toContainText('Ein Zugangsschlüssel ist gespeichert');
  await page.getByTestId('sync-edit-label').fill('Anmeldungen (Export)');
  await page.getByTestId('sync-edit-key').fill('Token veraltet-0815');
  await page.screenshot({ path: `${SCREENS}/sync-url-edit.png` });
  await page.getByTestId('sync-edit-save').click();
  await expect(source()).toContainText('Anmeldungen (Export)');
  // The key no longer fits: said when fetching.
  await source().getByTestId('sync-refresh').click();
  await expect(page.getByTestId('sync-error')).toContainText('Zugangsschlüssel');
  await page.getByRole('button', { name: 'Zurück' }).click();
  // The one the registration system issued, and its export moved to a new address: fetched from there.
  await source().getByTestId('sync-source-edit').click();
  await expect(page.getByTestId('sync-edit-dialog')).toContainText(`Jetzt: ${exportUrl}`);
  await page.getByTestId('sync-edit-key').fill(TOKEN);
  await page.getByTestId('sync-edit-address').fill('nur-ein-name');
  await page.getByTestId('sync-edit-save').click();
  await expect(page.getByTestId('sync-edit-dialog')).toContainText('Das ist keine gültige http(s)-Adresse.');
  await page.getByTestId('sync-edit-address').fill(`${exportUrl}/v2`);
  await page.screenshot({ path: `${SCREENS}/sync-url-edit-address.png` });
  await page.getByTestId('sync-edit-save').click();
  await expect(page.getByTestId('sync-edit-dialog')).toHaveCount(0);
  await expect(source()).toContainText(`${exportUrl}/v2`);
  await source().getByTestId('sync-refresh').click();
  await expect(count('unchanged')).toBeVisible();
  expect(lastPath).toBe('/api/export/anmeldungen/v2');
  await page.getByTestId('sync-discard').click();
  await expect(page.getByText(TOKEN)).toHaveCount(0);

  // Checked once an hour: a new key is tried at once, and the card shows how that went.
  await page.getByTestId('sync-source-interval').fill('60');
  await page.getByTestId('sync-source-interval-save').click();
  await expect(page.getByTestId('sync-source-interval-saved')).toBeVisible();
  await source().getByTestId('sync-source-edit').click();
  await page.getByTestId('sync-edit-key').fill('Token vertippt-4712');
  await page.getByTestId('sync-edit-save').click();
  // Tried at the station's next look (every 30 s), not in an hour.
  await expect(page.getByTestId('sync-source-next-check')).toHaveText('Nächster automatischer Abruf: in Kürze');
  await expect(source().getByTestId('sync-source-check')).toHaveText('Abruf fehlgeschlagen', { timeout: 45_000 });
  await expect(page.getByTestId('sync-source-next-check')).toContainText('Nächster automatischer Abruf gegen');
  await expect(source()).toContainText('Bitte den Zugangsschlüssel prüfen');
  // Fetched by hand: the right key again. The failure was about the old key, so the card no longer shows it, and
  // says what to do to try the new one.
  await page.getByTestId('sync-source-interval').fill('');
  await page.getByTestId('sync-source-interval-save').click();
  await expect(page.getByTestId('sync-source-interval-saved')).toBeVisible();
  await source().getByTestId('sync-source-edit').click();
  await page.getByTestId('sync-edit-key').fill(TOKEN);
  await page.getByTestId('sync-edit-save').click();
  await expect(page.getByTestId('sync-source-access-saved')).toHaveText(
    'Neuer Zugangsschlüssel gespeichert. „Jetzt aktualisieren“ ruft die Liste damit ab.');
  await expect(source().getByTestId('sync-source-check')).toHaveCount(0);
  await expect(source()).not.toContainText('Bitte den Zugangsschlüssel prüfen');
  await page.screenshot({ path: `${SCREENS}/sync-url-key-saved.png` });
});

test('the registration system renames a column: the whole list waits, and the organiser maps it from the waiting dry run', async () => {
  // Two periodic checks.
  test.setTimeout(300_000);
  // First the walk column is left out of the export: nobody changes, but the list waits to be looked at.
  const noWalks = list(NOON.map((row) => row.slice(0, row.lastIndexOf(';'))));
  answer = { ...noWalks, body: noWalks.body.replace(';Stadtrundgang', '') };
  await page.getByTestId('sync-source-interval').fill('1');
  await page.getByTestId('sync-source-interval-save').click();
  await expect(source().getByTestId('sync-source-check')).toHaveText('Änderungen warten auf Freigabe', { timeout: 100_000 });
  await expect(page.getByTestId('sync-source-check-counts')).toHaveText('Keine Änderungen an Personen.');
  await expect(page.getByTestId('sync-source-check-whole-list')).toBeVisible();
  // Then it is back, "Organisation" is now "Betrieb", a name the app does not know, and someone registered late.
  const afternoon = list([...NOON, 'u-8;URL-0008;Paula;Pünktlich;Stadt Naumburg;Naumburg;bezahlt;']);
  answer = { ...afternoon, body: afternoon.body.replace(';Organisation;', ';Betrieb;') };
  await expect(page.getByTestId('sync-source-check-counts')).toHaveText('1 neu, 7 geändert, 0 storniert, 0 unverändert', { timeout: 100_000 });
  await page.getByTestId('sync-source-interval').fill('');
  await page.getByTestId('sync-source-interval-save').click();
  // The late registration waits with the rest, and the card says why.
  await expect(page.getByTestId('sync-source-check-whole-list')).toHaveText(
    'Die ganze Liste wartet auf Ihre Freigabe, auch neue Anmeldungen: Eine Warnung betrifft die Liste als Ganzes (siehe „Ansehen“).');
  expect(people("source_id = 'u-8'")).toBe(0);
  await page.screenshot({ path: `${SCREENS}/sync-url-whole-list.png` });

  await source().getByRole('button', { name: 'Ansehen' }).click();
  await expect(page.getByText('Die Spalte „Organisation“ war beim letzten Abgleich dieser Liste zugeordnet')).toBeVisible();
  // The warning says to map the new column under "Zuordnung ändern": the waiting dry run has it too.
  await page.getByTestId('sync-back-to-mapping').click();
  await expect(page.getByTestId('sync-mapping')).toContainText('Betrieb');
  await page.getByTestId('map-4').click();
  await page.getByRole('option', { name: 'Organisation', exact: true }).click();
  await page.screenshot({ path: `${SCREENS}/sync-url-remap.png` });
  await page.getByTestId('sync-plan').click();
  await expect(count('added')).toContainText('1');
  // "Betrieb" fills the organisation now: "Organisation" is no longer said to be missing.
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  await expect(page.getByText('Die Spalte „Organisation“ war beim letzten Abgleich dieser Liste zugeordnet')).toHaveCount(0);
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
  expect(people("source_id = 'u-8' AND organisation = 'Stadt Naumburg'")).toBe(1);
  await expect(source().getByTestId('sync-source-check')).toHaveText('Übernommen');
  await expect(page.getByTestId('sync-source-check-whole-list')).toHaveCount(0);
  // The next fetch reads "Betrieb" as the organisation, and nothing waits.
  await source().getByTestId('sync-refresh').click();
  await expect(count('unchanged')).toContainText('8');
  await expect(page.getByText('Die Spalte „Organisation“ war beim letzten Abgleich')).toHaveCount(0);
  await page.getByTestId('sync-discard').click();
});
