import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from '../helpers/event-fixture';
import { checkInSet, einlass, pairingFrom, serveGroup } from '../helpers/station-processes';
import { makeEventFile } from '../helpers/stations-event';
import { launchWithCamera } from './support/browser';

const SCREENS = 'test-results/screens';

/** Types the hub's address and pairing code, as shown on the hub's screen, into a station's rejoin form. */
async function typeCodeFrom(hubPage: Page, page: Page): Promise<void> {
  await page.getByTestId('rejoin-address').fill((await hubPage.getByTestId('pairing-address').textContent())!.trim());
  await page.getByTestId('rejoin-code').fill((await hubPage.getByTestId('pairing-code').textContent())!.trim());
}

test('the hub is gone for good: a station takes its place through the UI, another joins it', async () => {
  test.setTimeout(180_000);
  const dir = tempDir('einlass-e2e-takeover-');
  const files = { hub: join(dir.dir, 'hub', 'fachtag.einlass'), a: join(dir.dir, 'a', 'fachtag.einlass'), b: join(dir.dir, 'b', 'fachtag.einlass') };
  for (const d of ['hub', 'a', 'b']) mkdirSync(join(dir.dir, d));
  const made = makeEventFile(files.hub, 20);
  const { start, stopAll } = serveGroup();
  const browser = await launchWithCamera();
  try {
    const hub = await start(['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation']);
    const first = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.a, '--hub', first.address, '--code', first.code, '--name', 'Einlass 2'])).code).toBe(0);
    const second = await hub.call<{ typed: string; addresses: string[] }>('hub.pairingCode', { renew: true });
    expect((await einlass(['pair', '--event', files.b, '--hub', second.addresses[0]!, '--code', second.typed, '--name', 'Einlass 3'])).code).toBe(0);
    const a = await start(['--event', files.a, '--hub-host', '127.0.0.1', '--hub-port', '0']);
    const b = await start(['--event', files.b]);
    await hub.stop();

    // Station A: the hub cannot be reached; the organiser makes A the hub, after a clear question.
    const aPage = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await aPage.goto(a.openUrl);
    await aPage.getByTestId('nav-stations').click();
    await expect(aPage.getByTestId('station-status')).toHaveAttribute('data-connected', 'false', { timeout: 30_000 });
    await aPage.getByTestId('hub-gone').scrollIntoViewIfNeeded();
    await aPage.screenshot({ path: `${SCREENS}/stations-hub-gone.png` });
    await aPage.getByTestId('take-over').click();
    await expect(aPage.getByRole('dialog')).toContainText('Diese Station zur Hauptstation machen?');
    await aPage.waitForTimeout(400);
    await aPage.screenshot({ path: `${SCREENS}/stations-take-over.png` });
    await aPage.getByTestId('take-over-confirm').click();
    await expect(aPage.getByTestId('pairing-code')).toBeVisible({ timeout: 30_000 });
    await expect(aPage.getByTestId('station-status')).toContainText('Hauptstation');
    await aPage.screenshot({ path: `${SCREENS}/stations-took-over.png` });

    // Station B: a check-in while nobody is hub, then it joins A with A's code and sends it.
    const bPage = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    expect((await b.call<{ status: string }>('checkin.scan', { listId: made.day1, code: made.codes[0], method: 'camera' })).status).toBe('admitted');
    await bPage.goto(b.openUrl);
    await bPage.getByTestId('nav-stations').click();
    await bPage.getByTestId('join-new-hub').click();
    await typeCodeFrom(aPage, bPage);
    await bPage.getByTestId('rejoin').scrollIntoViewIfNeeded();
    await bPage.screenshot({ path: `${SCREENS}/stations-join-new-hub.png` });
    await bPage.getByTestId('rejoin-submit').click();
    await expect(bPage.getByTestId('rejoin-done')).toBeVisible({ timeout: 30_000 });
    await expect(bPage.getByTestId('station-status')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect.poll(() => checkInSet(files.a).length, { timeout: 30_000 }).toBe(1);
    await expect(aPage.getByTestId('station-row').filter({ hasText: 'Einlass 3' })).toBeVisible({ timeout: 30_000 });

    // The old hub's laptop runs again after all: it joins the new hub as a station and sends what it has.
    const old = await start(['--event', files.hub, '--hub-host', '127.0.0.1', '--hub-port', '0']);
    expect((await old.call<{ status: string }>('checkin.scan', { listId: made.day1, code: made.codes[1], method: 'camera' })).status).toBe('admitted');
    const oldPage = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await oldPage.goto(old.openUrl);
    await oldPage.getByTestId('nav-stations').click();
    await oldPage.getByTestId('replaced-open').click();
    const used = (await aPage.getByTestId('pairing-code').textContent())!.trim();
    await aPage.getByTestId('pairing-renew').click();
    await expect(aPage.getByTestId('pairing-code')).not.toHaveText(used);
    await typeCodeFrom(aPage, oldPage);
    await oldPage.getByTestId('replaced-hub').scrollIntoViewIfNeeded();
    await oldPage.screenshot({ path: `${SCREENS}/stations-old-hub-joins.png` });
    await oldPage.getByTestId('rejoin-submit').click();
    await expect(oldPage.getByTestId('link-card')).toBeVisible({ timeout: 30_000 });
    await expect(oldPage.getByTestId('station-status')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    await expect.poll(() => checkInSet(files.a).length, { timeout: 30_000 }).toBe(2);
    await oldPage.screenshot({ path: `${SCREENS}/stations-old-hub-joined.png` });
  } finally {
    await browser.close();
    await stopAll();
    dir.cleanup();
  }
});
