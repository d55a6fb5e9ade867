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
    await expect(page.getByTestId('programme-row').filter({ hasText: 'Brauereigeschichte' })).toContainText('19.10.2023, 15:00–16:30 Uhr');
  } finally {
    await browser.close();
    await station.stop();
    dir.cleanup();
  }
});
