import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { DEMO_FILE_NAME } from '../../electron/core/event/demo';
import { decodeFrame } from '../../electron/core/qr/decode-frame';
import { grayToRgba } from '../helpers/qr-image';
import { tempDir } from '../helpers/event-fixture';
import { launchWithCamera } from './support/browser';
import { recordResults } from './support/result-recorder';
import { startStation } from './support/station';
import { writeCameraVideo } from './support/videos';

const demo = buildDemoEvent();
const [held, next, phone, paper] = demo.registrations.filter((r) => r.status === 'registered' && r.notes === null).slice(10, 14);
const name = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`;

test('camera scenes: a code held for 5 s counts once, two codes in a row, a phone screen, paper at an angle', async () => {
  const dir = tempDir('einlass-e2e-scenes-');
  mkdirSync('test-results/screens', { recursive: true });
  const file = join(dir.dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file]);
  const station = await startStation(['--event', file]);
  const video = writeCameraVideo(dir.dir, 'scenes', [
    { code: null, seconds: 1.5 },
    { code: held!.code, seconds: 5 },
    { code: next!.code, seconds: 1.5 },
    { code: null, seconds: 1 },
    { code: phone!.code, seconds: 2, look: 'phone' },
    { code: null, seconds: 1 },
    { code: paper!.code, seconds: 2, look: 'paper' },
    { code: null, seconds: 6 },
  ]);
  const browser = await launchWithCamera(video);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    const seen = await recordResults(page);
    await page.goto(station.openUrl);

    const result = page.getByTestId('scan-result-name');
    await expect(result).toHaveText(name(held!), { timeout: 20_000 });
    await expect(result).toHaveText(name(next!), { timeout: 20_000 });
    await expect(result).toHaveText(name(phone!), { timeout: 20_000 });
    await page.screenshot({ path: 'test-results/screens/front-desk-phone.png' });
    await expect(result).toHaveText(name(paper!), { timeout: 20_000 });

    // Before the video loops: the held code made one result and one record, no "already checked in".
    expect(seen).toEqual([held, next, phone, paper].map((r) => `admitted:${name(r!)}`));
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare(`SELECT r.code, count(c.id) AS entries, (SELECT count(*) FROM refused_scans s WHERE s.registration_id = r.id) AS refused
                FROM registrations r LEFT JOIN check_ins c ON c.registration_id = r.id WHERE r.code IN (?, ?, ?, ?) GROUP BY r.id ORDER BY r.code`)
      .all(held!.code, next!.code, phone!.code, paper!.code);
    db.close();
    expect(rows).toEqual([held, next, phone, paper].map((r) => ({ code: r!.code, entries: 1, refused: 0 })).sort((a, b) => a.code.localeCompare(b.code)));
  } finally {
    await browser.close();
    await station.stop();
    dir.cleanup();
  }
});

test('the generated phone and paper frames are real, decodable QR codes', () => {
  // Guards the scenes above: if the video helper ever draws unreadable frames, this says so directly.
  const dir = tempDir('einlass-scene-frames-');
  try {
    for (const look of ['phone', 'paper'] as const) {
      const file = writeCameraVideo(dir.dir, look, [{ code: held!.code, seconds: 0.1, look }]);
      const bytes = readFileSync(file);
      const header = bytes.indexOf(0x0a);
      const start = bytes.indexOf('FRAME\n', header) + 6;
      const gray = new Uint8ClampedArray(bytes.subarray(start, start + 640 * 480));
      expect(decodeFrame(grayToRgba(gray, 640, 480), 640, 480, { budgetMs: 10_000 })).toBe(held!.code);
    }
  } finally {
    dir.cleanup();
  }
});
