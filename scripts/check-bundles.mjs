#!/usr/bin/env node
// The Electron window cannot start on a machine without the Electron runtime (see README), so nothing else would
// notice a main or preload bundle that is not valid JavaScript: `electron-vite build` succeeds either way (it did,
// with two `require` declarations in out/main/index.js). Every file of those bundles is parsed here with
// `node --check`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dirs = ['out/main', 'out/preload'];
const files = dirs.flatMap((dir) => {
  if (!existsSync(dir)) {
    console.error(`${dir} is missing: run "npx electron-vite build" first`);
    process.exit(1);
  }
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(c|m)?js$/.test(f)).map((f) => join(dir, f));
});
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  if (r.status !== 0) {
    failed++;
    console.error(`✗ ${file}\n${r.stderr.trim()}`);
  }
}
console.log(`${files.length - failed} of ${files.length} bundle files parse`);
process.exit(failed > 0 ? 1 : 0);
