import { expect, test, type Browser, type Page } from '@playwright/test';
import { tempDir } from '../helpers/event-fixture';
import { launchWithCamera } from './support/browser';

const SCREENS = 'test-results/screens';
const STAND_IN = new URL('./support/electron-stand-in/', import.meta.url);

interface Bridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (m: unknown) => void): () => void;
}

/** What tests/e2e/support/electron-stand-in/electron.mjs offers (plain JS: it stands in for a module). */
interface StandInModule {
  standIn: { protocolHandlers: Map<string, (request: Request) => Promise<Response>> };
  app: { quit(): void };
  startMain(userDataDir: string): Promise<{ url: string }>;
  loadPreload(pageUrl: string): Bridge;
}

let dir: ReturnType<typeof tempDir>;
let quitApp: (() => void) | undefined;
let browser: Browser;
let page: Page;
/** Methods the page called over the bridge, and the paths it fetched. */
const invoked: string[] = [];
const fetched: string[] = [];

/**
 * The desktop window as far as it can be had without Electron: the built main process and preload run in this
 * process with the Electron stand-in (see desktop-shell.spec.ts), and Chromium shows the built page, which finds
 * the preload's `window.einlass` and so talks IPC to the main process, as in the app, instead of HTTP to a station
 * server. Pages are served from what the main process answers on app://; push messages reach the page as in the app.
 */
test.beforeAll(async () => {
  dir = tempDir('einlass-e2e-window-');
  const { standIn, app, startMain, loadPreload } = (await import(new URL('electron.mjs', STAND_IN).href)) as StandInModule;
  // The main process closes its event file as the app quits (this worker may run other spec files after this one).
  quitApp = () => app.quit();
  const win = await startMain(dir.dir);
  const bridge = loadPreload(win.url);

  browser = await launchWithCamera();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
  await page.exposeFunction('__einlassInvoke', (method: string, input: unknown) => {
    invoked.push(method);
    return bridge.invoke(method, input);
  });
  bridge.subscribe((message) => void page.evaluate((m) => (window as unknown as { __einlassPush?: (m: unknown) => void }).__einlassPush?.(m), message).catch(() => undefined));
  await page.addInitScript(() => {
    const listeners = new Set<(m: unknown) => void>();
    const w = window as unknown as Record<string, unknown>;
    const received: string[] = [];
    w.__einlassReceived = received;
    w.__einlassPush = (m: unknown) => {
      received.push((m as { type: string }).type);
      listeners.forEach((l) => l(m));
    };
    w.einlass = {
      invoke: (method: string, input: unknown) => (w.__einlassInvoke as (m: string, i: unknown) => Promise<unknown>)(method, input),
      subscribe: (listener: (m: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  });
  const appProtocol = standIn.protocolHandlers.get('app')!;
  await page.route('http://einlass.desktop/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    fetched.push(path);
    const res = await appProtocol(new Request(`app://einlass${path}`));
    await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
  });
});

test.afterAll(async () => {
  await browser?.close();
  quitApp?.();
  dir?.cleanup();
});

test('the desktop window over IPC: first start, the demo event, a check-in by name at the front desk', async () => {
  await page.goto('http://einlass.desktop/index.html');
  await expect(page.getByRole('heading', { name: 'Willkommen bei Einlass' })).toBeVisible();
  await page.getByRole('button', { name: 'Demo-Veranstaltung öffnen' }).click();
  await expect(page.getByText('Partnerfachtagung 2023')).toBeVisible();
  const search = page.getByTestId('search-input');
  await search.fill('Müller');
  const hit = page.getByTestId('search-hit').filter({ hasNotText: 'bereits eingecheckt' }).first();
  const name = (await hit.locator('p').first().textContent())!.trim();
  await hit.click();
  await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
  await expect(page.getByTestId('scan-result-name')).toHaveText(name);
  await page.screenshot({ path: `${SCREENS}/desktop-window-admitted.png` });
  // The check-in came back to the window as a push message over IPC, as it would to every window of the app.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __einlassReceived: string[] }).__einlassReceived)).toContain('checkin.recorded');
  await page.getByTestId('result-next').click();
  await search.fill(name);
  await expect(page.getByTestId('search-hit').filter({ hasText: name })).toContainText('bereits eingecheckt');
  // All of it over IPC: the page fetched files, never the station server's API.
  expect(invoked).toEqual(expect.arrayContaining(['app.info', 'event.openDemo', 'registrations.search', 'checkin.admit']));
  expect(fetched.filter((p) => p.startsWith('/api'))).toEqual([]);
});
