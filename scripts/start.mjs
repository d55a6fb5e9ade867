// `npm start`: makes sure the Electron runtime and a better-sqlite3 binary for Electron's ABI exist, builds the app
// with electron-vite, and opens the desktop window.
//
// node_modules/better-sqlite3 stays built for Node (tests, CLI, `npm run serve`); the Electron build lives in
// .native/electron-<version>/ and reaches the app through better-sqlite3's `nativeBinding` option
// (electron/main/native-binding.ts spells the same path).
//
// Environment switches:
//   ELECTRON_SKIP_BINARY_DOWNLOAD=1          no download attempt when the Electron runtime is missing (Electron's own
//                                            install script honours the same variable).
//   EINLASS_ELECTRON_INSTALL_TIMEOUT_MS=<n>  how long the runtime download may take (default 3 minutes).
//   EINLASS_ELECTRON_DIST_CHECK=missing      test hook: treat the runtime as missing even when it is installed, so
//                                            tests/unit/electron-security-policy.test.ts can check the message on
//                                            any machine without starting a window.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const MINUTE = 60_000;
const installTimeoutMs = Number(process.env.EINLASS_ELECTRON_INSTALL_TIMEOUT_MS) || 3 * MINUTE;

const say = (text) => console.error(`\n${text}\n`);

function packageDir(name, from = root) {
  for (const dir of createRequire(join(from, 'index.js')).resolve.paths(name) ?? []) {
    if (existsSync(join(dir, name, 'package.json'))) return join(dir, name);
  }
  return null;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function binOf(name, from = root) {
  const dir = packageDir(name, from);
  if (!dir) return null;
  const { bin } = readJson(join(dir, 'package.json'));
  const rel = typeof bin === 'string' ? bin : bin?.[name];
  return rel ? join(dir, rel) : null;
}

/**
 * Runs a command; never rejects. A command that outlives `timeoutMs` is stopped. With `quiet`, its output is kept
 * instead of shown (a download failing offline prints a long stack trace), and `output` holds it.
 */
function run(command, args, { cwd = root, env = process.env, timeoutMs = 30 * MINUTE, quiet = false } = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (c) => (output = (output + c).slice(-20_000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      done({ ok: false, timedOut, output });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ ok: code === 0 && !timedOut, timedOut, output });
    });
  });
}

function electronBinary(electronDir) {
  if (process.env.EINLASS_ELECTRON_DIST_CHECK === 'missing') return null;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(distDir, executable);
  return existsSync(binary) ? binary : null;
}

async function ensureElectronRuntime(electronDir) {
  if (electronBinary(electronDir)) return true;
  const skipped = Boolean(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD);
  if (!skipped) {
    console.error('Einlass: Electron-Laufzeit fehlt, wird heruntergeladen … / Electron runtime missing, downloading …');
    const result = await run(process.execPath, [join(electronDir, 'install.js')], { timeoutMs: installTimeoutMs, quiet: true });
    if (result.ok && electronBinary(electronDir)) return true;
    // One line of the download's own error is enough to tell "offline" from "disk full".
    const cause = result.timedOut ? 'timeout' : /^\w*Error[^\n]*$/m.exec(result.output)?.[0]?.slice(0, 160);
    if (cause) console.error(`(${cause})`);
  }
  const [grund, reason] = skipped
    ? ['ELECTRON_SKIP_BINARY_DOWNLOAD ist gesetzt', 'ELECTRON_SKIP_BINARY_DOWNLOAD is set']
    : ['kein Zugang zu ihrem Download-Server', 'no access to its download server'];
  say(
    `Einlass: Die Electron-Laufzeit konnte nicht heruntergeladen werden (${grund}),\n` +
      'daher kann das Desktop-Fenster auf diesem Rechner nicht starten. `npm run serve` stellt dieselbe App über den\n' +
      'Stationsserver im Browser bereit und gibt die Adresse samt Zugangs-Token aus, die Sie im Browser öffnen.\n' +
      `The Electron runtime could not be downloaded (${reason}), so the desktop window\n` +
      'cannot start on this machine. `npm run serve` serves the same app in a browser through the station server\n' +
      'and prints the address to open, with its access token.',
  );
  return false;
}

/**
 * npm exports settings from ~/.npmrc (such as `nodedir`) as npm_config_* variables, and node-gyp and prebuild-install
 * obey them over their defaults: a `nodedir` would silently build against Node's headers instead of Electron's. The
 * tools are therefore run directly with node (npx would put those variables back) and without these variables.
 */
function nativeBuildEnv() {
  const env = { ...process.env };
  const redirecting = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i;
  for (const key of Object.keys(env)) if (redirecting.test(key)) delete env[key];
  return env;
}

async function buildNativeBinding(electronVersion, arch, workDir) {
  const env = nativeBuildEnv();
  const prebuild = binOf('prebuild-install', workDir) ?? binOf('prebuild-install', packageDir('better-sqlite3'));
  if (prebuild) {
    const args = [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--verbose'];
    if ((await run(process.execPath, args, { cwd: workDir, env, timeoutMs: 3 * MINUTE })).ok) return true;
  }
  const nodeGyp = binOf('node-gyp');
  if (!nodeGyp) return false;
  console.error('Einlass: kein fertiges Binary, wird kompiliert … / no prebuilt binary, compiling …');
  const args = [
    nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
  ];
  return (await run(process.execPath, args, { cwd: workDir, env })).ok;
}

async function ensureNativeBinding(electronVersion) {
  const targetDir = join(root, '.native', `electron-${electronVersion}`);
  const target = join(targetDir, 'better_sqlite3.node');
  if (existsSync(target)) return true;
  const source = packageDir('better-sqlite3');
  mkdirSync(join(root, '.native'), { recursive: true });
  // A copy without build/: node_modules/better-sqlite3/build keeps the Node binary that tests and the CLI load.
  const workDir = mkdtempSync(join(root, '.native', 'build-'));
  let built = false;
  try {
    for (const entry of ['package.json', 'binding.gyp', 'lib', 'src', 'deps']) {
      cpSync(join(source, entry), join(workDir, entry), { recursive: true });
    }
    built = await buildNativeBinding(electronVersion, process.arch, workDir);
    const output = join(workDir, 'build', 'Release', 'better_sqlite3.node');
    if (built && existsSync(output)) {
      mkdirSync(targetDir, { recursive: true });
      // Copied under another name first, so an interrupted copy never looks like a finished binary.
      copyFileSync(output, `${target}.partial`);
      renameSync(`${target}.partial`, target);
    } else {
      built = false;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  if (!built) {
    say(
      `Einlass: Das Datenbankmodul better-sqlite3 für Electron ${electronVersion} ließ sich weder herunterladen noch\n` +
        'kompilieren (dafür braucht es Zugang zu GitHub bzw. electronjs.org und einen C++-Compiler).\n' +
        `The better-sqlite3 database module for Electron ${electronVersion} could neither be downloaded nor built\n` +
        '(that needs access to GitHub or electronjs.org and a C++ compiler). `npm run serve` works without it.',
    );
  }
  return built;
}

async function main() {
  const electronDir = packageDir('electron');
  if (!electronDir) {
    say('Einlass: Das Paket electron fehlt; bitte `npm install` ausführen. / The electron package is missing; run `npm install`.');
    return 1;
  }
  if (!(await ensureElectronRuntime(electronDir))) return 1;
  const electronVersion = readJson(join(electronDir, 'package.json')).version;
  if (!(await ensureNativeBinding(electronVersion))) return 1;

  const electronVite = binOf('electron-vite');
  if (!electronVite || !(await run(process.execPath, [electronVite, 'build'])).ok) return 1;

  const env = { ...process.env };
  // Set by some tool chains; it would make the binary behave as plain Node instead of opening the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(require('electron'), [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((done) => {
    child.on('error', (err) => {
      console.error(`Einlass: Electron konnte nicht starten / Electron could not start: ${err.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

process.exitCode = await main();
