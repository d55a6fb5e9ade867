// A hub that loads registration lists and a station working on while offline (QA15), in the real UI: the station's
// desk counter follows people arriving from the hub (M1), the header says what waits for the hub (L3), and what
// the hub cannot know for sure is shown at both: a walk-in who is also in the list (H3), and someone cancelled at
// the hub and admitted offline afterwards (H4).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from '../helpers/event-fixture';
import { einlass, pairingFrom, peek, sleep, startServe, waitUntil, type ServeProcess } from '../helpers/station-processes';
import { makeEventFile } from '../helpers/stations-event';
import { launchWithCamera } from './support/browser';

const SCREENS = 'test-results/screens';

async function wedgeScan(page: Page, code: string) {
  for (const ch of code) await page.keyboard.press(ch, { delay: 0 });
  await page.keyboard.press('Enter');
}

const LIST_HEADER = '\uFEFFID;Code;Vorname;Nachname;Organisation;Ort;Status';

test('a list loaded at the hub while a station is offline: counter, pending records, possible double, cancelled then admitted', async () => {
  test.setTimeout(240_000);
  const dir = tempDir('einlass-e2e-list-at-hub-');
  for (const d of ['hub', 'st', 'v1', 'v2']) mkdirSync(join(dir.dir, d));
  const hubFile = join(dir.dir, 'hub', 'fachtag.einlass');
  makeEventFile(hubFile, 20);
  const v1 = [LIST_HEADER, '1000;WSF-5000;Käthe;Krüger;Stadt Zeitz;Zeitz;', '1001;WSF-5001;Hannelore;Görlitz;Gemeinde Leißling;Leißling;'];
  writeFileSync(join(dir.dir, 'v1', 'anmeldungen.csv'), `${v1.join('\r\n')}\r\n`);
  const hubArgs = ['--event', hubFile, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Orga'];
  let hub: ServeProcess = await startServe(hubArgs);
  const stationFile = join(dir.dir, 'st', 'fachtag.einlass');
  const pairing = pairingFrom(hub.output());
  expect((await einlass(['pair', '--event', stationFile, '--hub', pairing.address, '--code', pairing.code, '--name', 'Einlass 2 – Nordeingang'])).code).toBe(0);
  const station = await startServe(['--event', stationFile, '--station', 'Einlass 2 – Nordeingang']);
  const browser = await launchWithCamera();
  try {
    const st = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await st.goto(station.openUrl);
    const counter = st.getByTestId('list-counter');
    await expect(counter).toContainText('/ 20');

    // M1: the hub loads the list; the station's counter follows without a check-in there.
    expect((await einlass(['import', '--event', hubFile, '--source', join(dir.dir, 'v1', 'anmeldungen.csv')])).code).toBe(0);
    await expect(counter).toContainText('/ 22', { timeout: 60_000 });

    // The hub goes away. The station registers Renate Weiß at the door and lets her in.
    await hub.stop();
    const badge = st.getByTestId('station-status');
    await expect(badge).toHaveAttribute('data-connected', 'false', { timeout: 30_000 });
    await st.getByTestId('walk-in-open').click();
    await st.getByTestId('walk-in-first').fill('Renate');
    await st.getByTestId('walk-in-last').fill('Weiß');
    await st.getByTestId('walk-in-organisation').fill('Stadt Naumburg');
    await st.getByTestId('walk-in-submit').click();
    await expect(st.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
    await st.getByTestId('result-next').click();
    await expect(st.getByTestId('scan-result')).toHaveCount(0);

    // Meanwhile at the hub: v2 cancels Hannelore and adds Renate (her row in the registration system).
    const v2 = [...v1.slice(0, 2), '1001;WSF-5001;Hannelore;Görlitz;Gemeinde Leißling;Leißling;storniert', '1030;WSF-5030;Renate;Weiß;Stadt Naumburg;Naumburg;'];
    writeFileSync(join(dir.dir, 'v2', 'anmeldungen.csv'), `${v2.join('\r\n')}\r\n`);
    expect((await einlass(['import', '--event', hubFile, '--source', join(dir.dir, 'v2', 'anmeldungen.csv')])).code).toBe(0);
    // Then the station, still offline, lets Hannelore in (it does not know), a little later.
    await sleep(1500);
    await wedgeScan(st, 'WSF-5001');
    await expect(st.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
    await st.getByTestId('result-next').click();
    await expect(st.getByTestId('scan-result')).toHaveCount(0);
    // L3: what waits for the hub is said as what it is, and the station's name stays readable.
    await expect(badge).toContainText('2 Check-ins + 1 Änderung noch nicht übertragen');
    await expect(st.getByTestId('station-name')).toHaveText('Station: Einlass 2 – Nordeingang');
    await st.screenshot({ path: `${SCREENS}/stations-offline-pending.png` });

    // The hub is back; the station catches up.
    hub = await startServe(hubArgs);
    await expect(badge).toHaveAttribute('data-pending', '0', { timeout: 60_000 });
    await waitUntil('Renate at the station from the list', () => peek<{ n: number }>(stationFile, "SELECT count(*) AS n FROM registrations WHERE code = 'WSF-5030'")[0]!.n === 1, 60_000);

    // H3: her e-mail's code at the station's desk: already in, as the walk-in.
    await wedgeScan(st, 'WSF-5030');
    await expect(st.getByTestId('scan-result')).toHaveAttribute('data-status', 'already_checked_in');
    await expect(st.getByTestId('scan-result-twin')).toContainText('Mögliche Doppelung: „Renate Weiß“ (vor Ort nachgemeldet');
    await st.screenshot({ path: `${SCREENS}/stations-desk-possible-double.png` });
    await st.getByTestId('result-next').click();
    await expect(st.getByTestId('scan-result')).toHaveCount(0);
    // H4: Hannelore again: the cancellation came first.
    await wedgeScan(st, 'WSF-5001');
    await expect(st.getByTestId('scan-result-cancelled')).toContainText('war schon storniert');
    await st.screenshot({ path: `${SCREENS}/stations-desk-cancelled-before.png` });
    await st.getByTestId('result-next').click();
    await expect(st.getByTestId('scan-result')).toHaveCount(0);

    // At the hub: both under Stationen → Konflikte, and on the person's page.
    const hp = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await hp.goto(hub.openUrl);
    await hp.getByTestId('nav-stations').click();
    await expect(hp.getByTestId('admitted-after-cancellation')).toContainText('Hannelore Görlitz');
    await expect(hp.getByTestId('admitted-after-cancellation')).toContainText('Einlass 2 – Nordeingang');
    await expect(hp.getByTestId('possible-duplicate')).toContainText('WSF-5030');
    await hp.getByTestId('conflicts-card').scrollIntoViewIfNeeded();
    await hp.screenshot({ path: `${SCREENS}/stations-hub-list-conflicts.png` });
    const listed = peek<{ id: string }>(hubFile, "SELECT id FROM registrations WHERE code = 'WSF-5030'")[0]!.id;
    expect(listed).toBeTruthy();
    await hp.getByTestId('nav-people').click();
    await hp.getByTestId('people-search').fill('Renate');
    await hp.getByText('WSF-5030').first().click();
    await expect(hp.getByTestId('person-twins')).toContainText('vor Ort nachgemeldet');
    await hp.screenshot({ path: `${SCREENS}/stations-hub-person-twin.png` });
    expect(readdirSync(join(dir.dir, 'st')).length).toBeGreaterThan(0);
  } finally {
    await browser.close();
    await Promise.all([hub.stop(), station.stop()]);
    dir.cleanup();
  }
});
