#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Type check → lint → unit/db/api tests (vitest) → electron-vite build (and its main and preload bundles parsed)
// → end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureAptTool, ensureChromium } from './ensure-chromium.mjs';

const results = 'test-results';
mkdirSync(results, { recursive: true });

function step(title, cmd, args, env = {}) {
  console.log(`\n━━ ${title} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (${secs} s)`);
    summary();
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${title} (${secs} s)`);
}

function count(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0 };
  }
}

function summary() {
  const v = count(`${results}/vitest.json`, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests }));
  const p = count(`${results}/playwright.json`, (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky }));
  console.log(`\ntests: ${v.passed + p.passed} passed, ${v.failed + p.failed} failed`);
}

const chromium = ensureChromium();
if (!chromium) process.exit(1);
// Exported PDFs (reports, certificates, rosters) are checked with pdftotext and pdftoppm.
if (!ensureAptTool('pdftotext', 'poppler-utils')) process.exit(1);

step('TypeScript (Node side)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('TypeScript (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
step('TypeScript (browser tests, benchmarks)', 'npx', ['tsc', '-p', 'tsconfig.browser-tests.json', '--noEmit']);
step('ESLint (incl. layer boundaries)', 'npx', ['eslint', '.', '--max-warnings', '0']);
step('Unit, database and contract tests', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`,
]);
step('electron-vite build', 'npx', ['electron-vite', 'build']);
step('Electron bundles parse', process.execPath, ['scripts/check-bundles.mjs']);
step('End-to-end tests (Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
  CHROMIUM_PATH: chromium,
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json`,
});
summary();
