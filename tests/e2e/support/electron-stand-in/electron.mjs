// A stand-in for the `electron` module, for starting the desktop app's main bundle (out/main/index.js) under plain
// Node where the Electron runtime cannot be installed: it records what the main process asks of Electron (windows,
// the app protocol, IPC handlers, session guards) so a test can check the shell's wiring without a window. Not a
// mock of our code: everything behind these calls is the app's own.
import { EventEmitter } from 'node:events';
import Module, { createRequire, register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const standIn = {
  windows: [],
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  ipcHandlers: new Map(),
  /** Listeners the preload registered with ipcRenderer.on, by channel. */
  rendererListeners: new Map(),
  /** What the preload handed to the page with contextBridge.exposeInMainWorld. */
  exposed: {},
  sessionGuards: [],
  sandboxed: false,
  exitCode: null,
  loaded: null,
};
let markLoaded;
standIn.loaded = new Promise((resolve) => (markLoaded = resolve));

class StandInApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock() { return true; }
  whenReady() { return Promise.resolve(); }
  enableSandbox() { standIn.sandboxed = true; }
  getPath(name) {
    if (name !== 'userData') throw new Error(`app.getPath(${name}) is not part of the stand-in`);
    return process.env.EINLASS_STAND_IN_USER_DATA;
  }
  getVersion() { return '0.0.0-stand-in'; }
  getAppPath() { return process.cwd(); }
  quit() { this.emit('will-quit'); }
  exit(code) { standIn.exitCode = code; }
}
export const app = new StandInApp();

class WebContents extends EventEmitter {
  mainFrame = { url: '' };
  sent = [];
  send(channel, ...args) {
    this.sent.push({ channel, args });
    for (const listener of standIn.rendererListeners.get(channel) ?? []) listener({ sender: null }, ...args);
  }
  setWindowOpenHandler(handler) { this.windowOpenHandler = handler; }
  isDestroyed() { return false; }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    app.emit('web-contents-created', {}, this.webContents);
    standIn.windows.push(this);
  }
  async loadURL(url) {
    this.url = url;
    this.webContents.mainFrame = { url };
    markLoaded(this);
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() { return false; }
}

export const Menu = { setApplicationMenu() {}, buildFromTemplate: (template) => template };
export const protocol = {
  registerSchemesAsPrivileged(schemes) { standIn.privilegedSchemes.push(...schemes); },
  handle(scheme, handler) { standIn.protocolHandlers.set(scheme, handler); },
};
export const ipcMain = {
  handle(channel, handler) { standIn.ipcHandlers.set(channel, handler); },
  on() {},
};
const recorder = (name) => (handler) => standIn.sessionGuards.push({ name, handler });
export const session = {
  defaultSession: {
    setPermissionRequestHandler: recorder('permissionRequest'),
    setPermissionCheckHandler: recorder('permissionCheck'),
    setDevicePermissionHandler: recorder('devicePermission'),
    webRequest: { onHeadersReceived: recorder('headersReceived') },
  },
};

/**
 * The preload's side (out/preload/index.cjs is CommonJS and gets this through require): invoke goes to the handler
 * the main process registered, as from the page at `pageUrl`.
 */
export function preloadElectron(pageUrl) {
  return {
    contextBridge: { exposeInMainWorld: (name, api) => (standIn.exposed[name] = api) },
    ipcRenderer: {
      invoke: (channel, ...args) => standIn.ipcHandlers.get(channel)({ senderFrame: { url: pageUrl } }, ...args),
      on(channel, listener) {
        if (!standIn.rendererListeners.has(channel)) standIn.rendererListeners.set(channel, []);
        standIn.rendererListeners.get(channel).push(listener);
      },
      removeListener(channel, listener) {
        standIn.rendererListeners.set(channel, (standIn.rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
      },
    },
  };
}

/**
 * Starts the built main process (out/main/index.js, from the working directory) with this stand-in as `electron`
 * and resolves with its window once it has loaded its page.
 */
export async function startMain(userDataDir) {
  process.env.EINLASS_STAND_IN_USER_DATA = userDataDir;
  register('./loader.mjs', import.meta.url);
  await import(pathToFileURL(resolve('out/main/index.js')).href);
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error('the main process opened no window within 20 s')), 20_000).unref());
  return Promise.race([standIn.loaded, late]);
}

/**
 * Loads the built preload (out/preload/index.cjs) as Electron loads it into the window at `pageUrl`: `electron` is
 * the only module it may require. Returns what it exposed to the page as `window.einlass`.
 */
export function loadPreload(pageUrl) {
  const side = preloadElectron(pageUrl);
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'electron' ? side : load.call(this, request, ...rest);
  };
  try {
    createRequire(import.meta.url)(resolve('out/preload/index.cjs'));
  } finally {
    Module._load = load;
  }
  return standIn.exposed.einlass;
}

export default { app, BrowserWindow, Menu, protocol, ipcMain, session };
