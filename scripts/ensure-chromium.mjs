#!/usr/bin/env node
// Finds a Chromium for the end-to-end tests, installing Debian's package when we are root on a Debian/Ubuntu
// machine. Playwright's own browser download cannot be used (it fetches from outside the npm registry).
// Prints the path on success; otherwise says exactly what to install and exits 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function found() {
  return candidates.find((p) => p && existsSync(p));
}

/** Installs a Debian package when its command is missing and we are root with apt; true when the command exists. */
export function ensureAptTool(command, pkg, { quiet = false } = {}) {
  const has = () => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  if (has()) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    if (!quiet) console.log(`${command} fehlt – wird mit apt installiert (${pkg}) …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0) {
      spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
    }
  }
  if (has()) return true;
  console.error(`Für die Tests wird „${command}“ gebraucht. Bitte installieren: Debian/Ubuntu: sudo apt-get install ${pkg} · macOS: brew install poppler\n` +
    `The tests need "${command}": install the "${pkg}" package.`);
  return false;
}

export function ensureChromium({ quiet = false } = {}) {
  let path = found();
  if (path) return path;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    if (!quiet) console.log('Chromium fehlt – wird mit apt installiert (chromium) …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (install && install.status === 0) path = found();
  }
  if (path) return path;
  console.error(
    [
      'Für die Browser-Tests wird Chromium gebraucht, es wurde aber keins gefunden.',
      'Bitte installieren:  Debian/Ubuntu: sudo apt-get install chromium   ·   Fedora: sudo dnf install chromium',
      '                     macOS: brew install --cask chromium   ·   oder CHROMIUM_PATH=/pfad/zu/chrome setzen.',
      'Chromium is needed for the browser tests: install the "chromium" package or set CHROMIUM_PATH.',
    ].join('\n'),
  );
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureChromium();
  if (!path) process.exit(1);
  console.log(execFileSync(path, ['--version'], { encoding: 'utf8' }).trim(), `(${path})`);
}
