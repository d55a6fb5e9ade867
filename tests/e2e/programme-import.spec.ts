import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_FILE_NAME } from '../../electron/core/event/demo';
import { tempDir } from '../helpers/event-fixture';
import { launchWithCamera } from './support/browser';
import { startStation } from './support/station';

test('programme from a Windows-1252 CSV: dry run with problems by line, then applied', async () => {
  const dir = tempDir('einlass-e2e-programme-');
  const file = join(dir.dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file]);
  const station = await startStation(['--event', file]);
  const browser = await launchWithCamera();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await page.goto(station.openUrl);
    await page.getByTestId('nav-programme').click();
    // The demo's programme is loaded before it is counted (count() does not wait).
    await expect(page.getByTestId('programme-row').filter({ hasText: 'Stadtrundgang' }).first()).toBeVisible();
    const before = await page.getByTestId('programme-row').count();
    await page.getByTestId('programme-import').click();
    await page.getByTestId('programme-import-file').click();
    await page.locator('input[type="file"]').setInputFiles('tests/fixtures/programme/programm-windows1252.csv');
    const summary = page.getByTestId('programme-import-summary');
    await expect(summary).toContainText('2 neu');
    await expect(summary).toContainText('1 unverändert');
    await expect(page.getByText('Zeile 5, Spalte „Datum“', { exact: false })).toBeVisible();
    await expect(page.getByText('Workshop: Moderation in aufgeheizten Bürgerversammlungen')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/programme-import.png' });
    await page.getByTestId('programme-import-apply').click();
    await expect(page.getByTestId('programme-row')).toHaveCount(before + 2);
    const brewery = page.getByTestId('programme-row').filter({ hasText: 'Brauereigeschichte' });
    await expect(brewery).toContainText('19.10.2023, 15:00–16:30 Uhr');

    // Deleting an item nobody was checked in to: asked in the app's own dialog; cancelling keeps it.
    await brewery.getByTestId('programme-delete').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Programmpunkt löschen');
    await expect(dialog).toContainText('Brauereigeschichte');
    await expect(dialog).toHaveCSS('opacity', '1'); // faded in, only for the screenshot
    await page.screenshot({ path: 'test-results/screens/programme-delete.png' });
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('programme-row')).toHaveCount(before + 2);
    await brewery.getByTestId('programme-delete').click();
    await page.getByTestId('programme-delete-confirm').click();
    await expect(brewery).toHaveCount(0);
    await expect(page.getByTestId('programme-row')).toHaveCount(before + 1);
  } finally {
    await browser.close();
    await station.stop();
    dir.cleanup();
  }
});
