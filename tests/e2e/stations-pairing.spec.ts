import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppContext } from '../../electron/core/app-context';
import { admitRegistration } from '../../electron/core/checkin/admit';
import { editRegistration } from '../../electron/core/sync/registration-edit';
import { tempDir } from '../helpers/event-fixture';
import { startServe, waitUntil, peek, type ServeProcess } from '../helpers/station-processes';
import { makeEventFile } from '../helpers/stations-event';
import { launchWithCamera } from './support/browser';

const SCREENS = 'test-results/screens';

async function wedgeScan(page: Page, code: string) {
  for (const ch of code) await page.keyboard.press(ch, { delay: 0 });
  await page.keyboard.press('Enter');
}

test('pairing a second laptop through the UI; working on while the hub is away; conflicts shown at the hub', async () => {
  test.setTimeout(180_000);
  const dir = tempDir('einlass-e2e-stations-');
  const hubFile = join(dir.dir, 'hub', 'fachtag.einlass');
  mkdirSync(join(dir.dir, 'hub'));
  mkdirSync(join(dir.dir, 'station'));
  const made = makeEventFile(hubFile, 40);
  const hubArgs = ['--event', hubFile, '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation'];
  let hub: ServeProcess = await startServe(hubArgs);
  const station = await startServe(['--data-dir', join(dir.dir, 'station'), '--station', 'Laptop 2']);
  const browser = await launchWithCamera();
  try {
    const hubPage = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    const stPage = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });

    // The organiser turns on network mode: QR code, address and code appear.
    await hubPage.goto(hub.openUrl);
    await hubPage.getByTestId('nav-stations').click();
    // Mantine's switch input is transparent over the track; the state follows the hub's answer.
    await hubPage.getByTestId('network-switch').click({ force: true });
    await expect(hubPage.getByTestId('pairing-qr')).toBeVisible();
    const address = (await hubPage.getByTestId('pairing-address').textContent())!.trim();
    const code = (await hubPage.getByTestId('pairing-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await expect(hubPage.getByText('Noch keine Station gekoppelt.')).toBeVisible();
    await hubPage.screenshot({ path: `${SCREENS}/stations-hub-pairing.png` });

    // The second laptop joins from its start screen by typing address and code.
    await stPage.goto(station.openUrl);
    await stPage.getByTestId('join-open').click();
    await stPage.getByTestId('join-address').fill(address);
    await stPage.getByTestId('join-code').fill(code.toLowerCase().replace(/-/g, ' '));
    await stPage.getByTestId('join-name').fill('Einlass 2');
    await stPage.screenshot({ path: `${SCREENS}/stations-join.png` });
    await stPage.getByTestId('join-submit').click();
    const badge = stPage.getByTestId('station-status');
    await expect(badge).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
    await expect(badge).toContainText('verbunden · alles übertragen · zuletzt');

    // A check-in at the new station arrives at the hub's list of stations.
    await wedgeScan(stPage, made.codes[0]!);
    await expect(stPage.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
    const row = hubPage.getByTestId('station-row').filter({ hasText: 'Einlass 2' });
    await expect(row).toContainText('1', { timeout: 30_000 });
    await expect(hubPage.getByTestId('station-status')).toContainText('Hauptstation · 1 Station');
    await stPage.screenshot({ path: `${SCREENS}/stations-station-front-desk.png` });
    await hubPage.getByTestId('station-list').scrollIntoViewIfNeeded();
    await hubPage.screenshot({ path: `${SCREENS}/stations-hub-list.png` });

    // The hub goes away: the station keeps working and counts what the hub has not received.
    await hub.stop();
    await expect(badge).toHaveAttribute('data-connected', 'false', { timeout: 30_000 });
    await stPage.getByTestId('result-next').click().catch(() => undefined);
    await wedgeScan(stPage, made.codes[1]!);
    await expect(stPage.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
    await expect(badge).toContainText('nicht verbunden');
    await expect(badge).toContainText('1 Check-in noch nicht übertragen');
    await stPage.getByTestId('nav-stations').click();
    await expect(stPage.getByTestId('link-card')).toContainText('1 Check-in noch nicht übertragen');
    await stPage.screenshot({ path: `${SCREENS}/stations-station-offline.png` });
    // If the hub had moved, its new address could be given here; where nobody answers it is refused.
    await stPage.getByTestId('move-hub-address').fill('127.0.0.1:1');
    await stPage.getByTestId('move-hub-submit').click();
    await expect(stPage.getByTestId('move-hub-error')).toContainText('Die Hauptstation ist nicht erreichbar.');
    await stPage.getByTestId('move-hub').scrollIntoViewIfNeeded();
    await stPage.screenshot({ path: `${SCREENS}/stations-station-move.png` });

    // Meanwhile the same person is admitted at the hub too, and both change the same detail (written into the
    // files directly: the hub's server is down, the station's is busy showing the screen above).
    const stationFile = join(dir.dir, 'station', readdirSync(join(dir.dir, 'station')).find((f) => f.endsWith('.einlass'))!);
    const person = peek<{ id: string }>(hubFile, 'SELECT id FROM registrations WHERE code = ?', made.codes[1]!)[0]!.id;
    const stationCtx = new AppContext({ dataDir: join(dir.dir, 'station') });
    editRegistration(stationCtx.openFile(stationFile), stationCtx, { id: person, fields: { organisation: 'Gemeinde Leißling (Einlass 2)' } });
    stationCtx.close();
    const ctx = new AppContext({ dataDir: join(dir.dir, 'hub') });
    const event = ctx.openFile(hubFile);
    admitRegistration(event, ctx, { listId: made.day1, registrationId: person, method: 'search', override: false });
    editRegistration(event, ctx, { id: person, fields: { organisation: 'Stadtverwaltung Weißenfels (Hauptstation)' } });
    ctx.close();

    // Back again: the station catches up by itself.
    hub = await startServe(hubArgs);
    await expect(badge).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(badge).toHaveAttribute('data-connected', 'true');
    await waitUntil('both admissions at the hub', () => peek<{ n: number }>(hubFile, 'SELECT count(*) AS n FROM check_ins')[0]!.n === 3);
    await hubPage.goto(hub.openUrl);
    await hubPage.getByTestId('nav-stations').click();
    await expect(hubPage.getByTestId('double-admission')).toHaveCount(1);
    await expect(hubPage.getByTestId('double-admission')).toContainText('Vorname2 Nachname2');
    await expect(hubPage.getByTestId('field-conflict')).toHaveCount(1);
    await expect(hubPage.getByTestId('field-conflict')).toContainText('Organisation');
    await hubPage.getByTestId('conflicts-card').scrollIntoViewIfNeeded();
    await hubPage.screenshot({ path: `${SCREENS}/stations-hub-conflicts.png` });
    // The overwritten value taken with one click (QA15 M2): a correction made here now, which wins everywhere.
    await hubPage.getByTestId('conflict-take-loser').click();
    await waitUntil('the station\'s value taken', () =>
      peek<{ organisation: string }>(hubFile, 'SELECT organisation FROM registrations WHERE id = ?', person)[0]!.organisation === 'Gemeinde Leißling (Einlass 2)');
    // The person opened from the conflict, and back to the conflicts.
    await hubPage.getByTestId('field-conflict').getByTestId('conflict-person').click();
    await expect(hubPage.getByTestId('person-assignment').or(hubPage.getByText('Gemeinde Leißling (Einlass 2)')).first()).toBeVisible();
    await hubPage.screenshot({ path: `${SCREENS}/stations-hub-conflict-person.png` });
    await hubPage.getByRole('button', { name: 'Zurück zur Liste' }).click();
    await expect(hubPage.getByTestId('conflicts-card')).toBeVisible();
    // Looked at: „Gesehen“ takes each off the list (on this laptop).
    await hubPage.getByTestId('conflict-seen-field').click();
    await expect(hubPage.getByTestId('field-conflict')).toHaveCount(0);
    await hubPage.getByTestId('conflict-seen-double').click();
    await expect(hubPage.getByTestId('double-admission')).toHaveCount(0);
    await expect(hubPage.getByTestId('conflicts-card')).toContainText('Keine Konflikte');

    // The organiser removes the station: it is told at once and stops sending.
    await hubPage.getByTestId('station-remove').click();
    await hubPage.getByTestId('station-remove-confirm').click();
    await expect(hubPage.getByTestId('station-row').filter({ hasText: 'Einlass 2' })).toContainText('entfernt');
    await stPage.getByTestId('nav-frontDesk').click();
    await wedgeScan(stPage, made.codes[2]!);
    await expect(badge).toContainText('entfernt ·', { timeout: 30_000 });
    await stPage.screenshot({ path: `${SCREENS}/stations-station-revoked.png` });

    // It was a mistake: a new code from the hub takes the station back in, from its own screen, and what it
    // recorded while it was removed arrives.
    await stPage.getByTestId('nav-stations').click();
    await expect(stPage.getByTestId('link-card')).toContainText('an der Hauptstation entfernt');
    const used = (await hubPage.getByTestId('pairing-code').textContent())!.trim();
    await hubPage.getByTestId('pairing-renew').click();
    await expect(hubPage.getByTestId('pairing-code')).not.toHaveText(used);
    await stPage.getByTestId('rejoin-address').fill((await hubPage.getByTestId('pairing-address').textContent())!.trim());
    await stPage.getByTestId('rejoin-code').fill((await hubPage.getByTestId('pairing-code').textContent())!.trim());
    await stPage.getByTestId('rejoin').scrollIntoViewIfNeeded();
    await stPage.screenshot({ path: `${SCREENS}/stations-station-rejoin.png` });
    await stPage.getByTestId('rejoin-submit').click();
    await expect(stPage.getByTestId('rejoin-done')).toBeVisible({ timeout: 30_000 });
    await expect(badge).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
    await expect(badge).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect(hubPage.getByTestId('station-row').filter({ hasText: 'Einlass 2' })).not.toContainText('entfernt', { timeout: 30_000 });
    await waitUntil('the check-in made while removed at the hub', () => peek<{ n: number }>(hubFile, 'SELECT count(*) AS n FROM check_ins')[0]!.n === 4);
    await stPage.screenshot({ path: `${SCREENS}/stations-station-rejoined.png` });

    // A station gets its people from the hub: its Anmeldeliste screen says so and offers no load of its own.
    await stPage.getByTestId('nav-sync').click();
    await expect(stPage.getByTestId('sync-at-station')).toContainText('Hauptstation');
    await expect(stPage.getByTestId('sync-start')).toHaveCount(0);
    await stPage.screenshot({ path: `${SCREENS}/stations-station-sync.png` });
  } finally {
    await browser.close();
    await Promise.all([hub.stop(), station.stop()]);
    dir.cleanup();
  }
});
