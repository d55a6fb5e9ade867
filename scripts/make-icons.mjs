// Renders the app icon (renderer/public/icon.svg, also the favicon of the station server's pages) as the PNGs the
// desktop app needs: build/icon.png (1024 px, from which electron-builder makes the Windows, macOS and Linux icons)
// and resources/icon.png (512 px, the window icon on Linux). Run after changing the SVG: `node scripts/make-icons.mjs`.
// Chromium renders them (the same browser the tests use), so no image library is needed.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = readFileSync(`${root}renderer/public/icon.svg`, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  for (const [size, file] of [[1024, 'build/icon.png'], [512, 'resources/icon.png']]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    writeFileSync(`${root}${file}`, await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${file}: ${size} × ${size}`);
  }
} finally {
  await browser.close();
}
