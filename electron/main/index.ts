import { hostname } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, Menu } from 'electron';
import { AppContext } from '../core/app-context';
import { stationsServiceOf } from '../core/stations/service';
import { startHubServer } from '../server/hub/hub-server';
import { watchExternalChanges, type ExternalChanges } from '../core/external-changes';
import { startSyncScheduler } from '../core/sync/sync-service';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { forwardPush, registerIpc } from './ipc';
import { electronNativeBinding } from './native-binding';
import { guardSession, installSecurityGuards } from './security';
import { APP_ENTRY_URL, WINDOW_WEB_PREFERENCES } from './security-policy';

let mainWindow: BrowserWindow | null = null;

function createWindow(ctx: AppContext): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'Einlass',
    // The window's icon on Linux (Windows and macOS take the installer's, made from build/icon.png).
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: { ...WINDOW_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  forwardPush(ctx, win.webContents);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/** macOS binds copy and paste to the Edit menu; elsewhere a check-in station needs no menu bar at all. */
function installMenu(): void {
  if (process.platform === 'darwin') {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
}

function start(): void {
  installSecurityGuards();
  registerAppScheme();

  let ctx: AppContext | null = null;
  let external: ExternalChanges | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(() => {
    guardSession();
    serveAppProtocol(join(__dirname, '../renderer'));
    installMenu();
    ctx = new AppContext({
      dataDir: join(app.getPath('userData'), 'events'),
      version: app.getVersion(),
      stationName: hostname(),
      nativeBinding: electronNativeBinding(app),
      rememberLastEvent: true,
    });
    // The event open when the app was last quit, unless it was closed on purpose (see AppContext.reopenLast).
    ctx.reopenLast();
    registerIpc(ctx);
    // Registration lists from a URL are fetched again every few minutes while the app runs.
    startSyncScheduler(ctx);
    // What another program writes to the event file (`einlass import` by a scheduled task) reaches the window.
    external = watchExternalChanges(ctx);
    // A paired station exchanges with its hub (and a hub serves its stations) whether or not a window asks.
    stationsServiceOf(ctx, { startHubServer });
    mainWindow = createWindow(ctx);
    mainWindow.on('closed', () => (mainWindow = null));
  }).catch((err: unknown) => {
    console.error('[einlass] start failed:', err instanceof Error ? err.stack : String(err));
    app.exit(1);
  });

  // One window is the whole app, so closing it ends the app on every platform and releases the event file.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    external?.stop();
    ctx?.close();
  });
}

// A second copy would open the same event file and write check-ins next to the first; it hands over focus instead.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
