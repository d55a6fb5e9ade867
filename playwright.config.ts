import { defineConfig } from '@playwright/test';

// The browser is Debian's Chromium (Playwright's own download cannot work on these machines); tests launch it
// themselves because each needs its own fake-camera video. See tests/e2e/support/browser.ts.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
});
