import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { devNativeBindingPath, electronNativeBinding } from '../../electron/main/native-binding';
import {
  APP_ENTRY_URL, APP_ORIGIN, IPC_CHANNELS, WINDOW_WEB_PREFERENCES, allowNavigation, allowPermission, contentTypeFor,
  isAppUrl, isTrustedSender, resolveAppAsset,
} from '../../electron/main/security-policy';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('navigation', () => {
  it('allows the app itself', () => {
    expect(APP_ORIGIN).toBe('app://einlass');
    for (const url of [APP_ENTRY_URL, 'app://einlass/', 'app://einlass', 'app://einlass/index.html#/checkin?x=1']) {
      expect(allowNavigation(url), url).toBe(true);
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('denies every other origin and scheme', () => {
    for (const url of [
      'https://example.org/', 'http://einlass/', 'http://127.0.0.1:4300/', 'file:///etc/passwd', 'file:///C:/x.html',
      'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'blob:app://einlass/1234', 'about:blank',
      'app://evil/', 'app://einlass.evil.org/', 'app://einlass:8080/', 'app://user@einlass/', 'app://EINLASS.example/',
      'einlass://einlass/', 'devtools://devtools/', 'chrome://settings', '', 'app:einlass', '//einlass/',
    ]) {
      expect(allowNavigation(url), url).toBe(false);
    }
  });

  it('denies what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['app://einlass/']]) expect(allowNavigation(value)).toBe(false);
  });
});

describe('permissions', () => {
  it('grants the camera to the app', () => {
    expect(allowPermission('media', APP_ORIGIN, ['video'])).toBe(true);
    expect(allowPermission('media', `${APP_ORIGIN}/`, ['video'])).toBe(true);
    expect(allowPermission('media', APP_ORIGIN)).toBe(true);
  });

  it('denies the microphone and unknown media, also mixed into a camera request', () => {
    expect(allowPermission('media', APP_ORIGIN, ['audio'])).toBe(false);
    expect(allowPermission('media', APP_ORIGIN, ['video', 'audio'])).toBe(false);
    expect(allowPermission('media', APP_ORIGIN, ['unknown'])).toBe(false);
  });

  it('denies the camera to foreign origins', () => {
    for (const origin of ['https://example.org', 'http://127.0.0.1:4300', 'file://', 'null', '', 'app://evil']) {
      expect(allowPermission('media', origin, ['video']), origin).toBe(false);
    }
  });

  it('denies every other permission, even to the app', () => {
    for (const permission of [
      'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal',
      'midi', 'midiSysex', 'pointerLock', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'mediaKeySystem',
      'idle-detection', 'storage-access', 'unknown',
    ]) {
      expect(allowPermission(permission, APP_ORIGIN, ['video']), permission).toBe(false);
    }
  });
});

describe('window and IPC', () => {
  it('uses exactly the required web preferences', () => {
    expect({ ...WINDOW_WEB_PREFERENCES }).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
    expect(Object.isFrozen(WINDOW_WEB_PREFERENCES)).toBe(true);
  });

  it('trusts only frames that show the app', () => {
    expect(isTrustedSender('app://einlass/index.html')).toBe(true);
    for (const url of [undefined, null, '', 'about:blank', 'https://example.org/', 'file:///index.html', 'app://x/']) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('app protocol files', () => {
  const base = resolve('/srv/einlass/out/renderer');

  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppAsset(base, 'app://einlass/')).toBe(join(base, 'index.html'));
    expect(resolveAppAsset(base, 'app://einlass/index.html?x=1#y')).toBe(join(base, 'index.html'));
    expect(resolveAppAsset(base, 'app://einlass/assets/decode-worker-C0y.js')).toBe(
      join(base, 'assets', 'decode-worker-C0y.js'),
    );
  });

  it('refuses paths that leave the folder and other origins', () => {
    for (const url of [
      'app://einlass/../package.json', 'app://einlass/%2e%2e/package.json', 'app://einlass/assets/..%2f..%2fmain/index.js',
      'app://einlass/..%5c..%5cpackage.json', 'app://einlass/%2e%2e%2f%2e%2e%2fetc/passwd', 'app://einlass/x%00.js',
      'app://einlass/%E0%A4%A', 'app://other/index.html', 'file:///srv/einlass/out/renderer/index.html',
    ]) {
      // A backslash is an ordinary file name character on POSIX, so some of these stay inside as odd names there.
      const file = resolveAppAsset(base, url);
      expect(file === null || file.startsWith(base + sep), url).toBe(true);
    }
    // The URL parser already folds `%2e%2e` at the root away; encoded slashes survive it and must be caught here.
    expect(resolveAppAsset(base, 'app://einlass/%2e%2e/package.json')).toBe(join(base, 'package.json'));
    expect(resolveAppAsset(base, 'app://einlass/assets/..%2f..%2fmain/index.js')).toBeNull();
    expect(resolveAppAsset(base, 'app://einlass/..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppAsset(base, 'app://einlass/x%00.js')).toBeNull();
  });

  it('serves scripts as JavaScript, so the module worker passes the nosniff check', () => {
    expect(contentTypeFor('/x/assets/decode-worker-C0y.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/assets/index.CSS')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('native binding for Electron', () => {
  it('points at .native/electron-<version> in development and at the default when packaged', () => {
    const path = devNativeBindingPath('/repo', '41.7.1');
    expect(path).toBe(join('/repo', '.native', 'electron-41.7.1', 'better_sqlite3.node'));
    expect(electronNativeBinding({ isPackaged: true, getAppPath: () => '/repo' }, '41.7.1')).toBeUndefined();
  });

  it('uses the development binary only when scripts/start.mjs has built it', () => {
    const appRoot = mkdtempSync(join(tmpdir(), 'einlass-app-'));
    const app = { isPackaged: false, getAppPath: () => appRoot };
    const warn = console.warn;
    try {
      console.warn = () => undefined;
      expect(electronNativeBinding(app, '41.7.1')).toBeUndefined();
      const path = devNativeBindingPath(appRoot, '41.7.1');
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
      expect(electronNativeBinding(app, '41.7.1')).toBe(path);
    } finally {
      console.warn = warn;
      rmSync(appRoot, { recursive: true, force: true });
    }
  });
});

describe('preload', () => {
  const file = join(root, 'electron/preload/index.ts');
  const source = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

  function calls(name: string): ts.CallExpression[] {
    const found: ts.CallExpression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === name) {
        found.push(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
  }

  function mentions(node: ts.Node, identifier: string): boolean {
    if (ts.isIdentifier(node) && node.text === identifier) return true;
    return ts.forEachChild(node, (child) => (mentions(child, identifier) ? true : undefined)) ?? false;
  }

  it('exposes exactly invoke and subscribe, once, as functions of its own', () => {
    const exposed = calls('exposeInMainWorld');
    expect(exposed).toHaveLength(1);
    expect(calls('exposeInIsolatedWorld')).toHaveLength(0);
    const [key, api] = exposed[0]!.arguments;
    expect(key && ts.isStringLiteral(key) ? key.text : null).toBe('einlass');
    expect(api && ts.isObjectLiteralExpression(api)).toBe(true);
    const properties = (api as ts.ObjectLiteralExpression).properties;
    expect(properties.map((p) => p.name?.getText(sf)).sort()).toEqual(['invoke', 'subscribe']);
    for (const name of ['invoke', 'subscribe']) {
      const declared = sf.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === name);
      expect(declared, `${name} is a function declared in the preload`).toBe(true);
    }
  });

  it('never hands ipcRenderer or the IPC event to the page', () => {
    for (const call of calls('exposeInMainWorld')) {
      for (const arg of call.arguments) expect(mentions(arg, 'ipcRenderer')).toBe(false);
    }
    expect(source).toMatch(/\(_event: IpcRendererEvent, message: PushMessage\) => listener\(message\)/);
  });

  it('uses the channels the main process handles', () => {
    expect(source).toContain(`'${IPC_CHANNELS.invoke}'`);
    expect(source).toContain(`'${IPC_CHANNELS.push}'`);
  });
});

interface StartRun {
  code: number | null;
  output: string;
  ms: number;
}

function runStart(env: Record<string, string>): Promise<StartRun> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output, ms: Date.now() - started }));
  });
}

describe('npm start without the Electron runtime', () => {
  it('explains in German and English that `npm run serve` is the way, and fails', async () => {
    const run = await runStart({ EINLASS_ELECTRON_DIST_CHECK: 'missing', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('npm run serve');
    expect(run.output).toContain('Electron-Laufzeit');
    expect(run.output).toContain('The Electron runtime could not be downloaded');
    expect(run.ms).toBeLessThan(15_000);
  });

  it('gives up on a download server that never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((ready) => silent.listen(0, '127.0.0.1', ready));
    const port = (silent.address() as { port: number }).port;
    const cache = mkdtempSync(join(tmpdir(), 'einlass-electron-cache-'));
    try {
      const run = await runStart({
        EINLASS_ELECTRON_DIST_CHECK: 'missing',
        EINLASS_ELECTRON_INSTALL_TIMEOUT_MS: '1500',
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        // An empty cache, so a previously downloaded runtime cannot be unpacked into node_modules by this test.
        electron_config_cache: cache,
      });
      expect(run.code).toBe(1);
      expect(run.output).toContain('npm run serve');
      expect(run.ms).toBeLessThan(15_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
