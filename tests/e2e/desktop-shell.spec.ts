import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { tempDir } from '../helpers/event-fixture';

/**
 * The desktop app as built (out/main, out/preload), started under Node with a stand-in for the Electron module
 * (support/electron-stand-in): the Electron runtime cannot be installed here, so this is how its shell is run at
 * all. Everything behind the Electron calls is the app's own: the window's page through the app protocol, the
 * preload's API over IPC to the real event file, PDFs and Excel exports, push messages.
 */
test('the built desktop app starts, serves its page and answers the preload API, guarded as configured', async () => {
  const dir = tempDir('einlass-e2e-desktop-');
  try {
    const run = spawnSync(process.execPath, ['tests/e2e/support/electron-stand-in/start-main.mjs', dir.dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(seen.errors).toEqual([]);
    // The window: sandboxed, isolated, the preload from the build, the page from the app protocol with its policy.
    expect(seen.url).toBe('app://einlass/index.html');
    expect(seen.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(seen.webPreferences.preload).toMatch(/out[/\\]preload[/\\]index\.cjs$/);
    expect(seen.sandboxed).toBe(true);
    expect(seen.privilegedSchemes).toEqual(['app']);
    expect(seen.sessionGuards).toEqual(['permissionRequest', 'permissionCheck', 'devicePermission', 'headersReceived']);
    expect(seen.page).toMatchObject({ status: 200, hasRoot: true });
    expect(seen.page.csp).toContain("default-src 'self'");
    expect(seen.escape).toBe(404);
    // The page's script, style sheet and icon come through the same protocol, with their types.
    expect(seen.assets.map((a: { type: string }) => a.type.split(';')[0]).sort()).toEqual(['image/svg+xml', 'text/css', 'text/javascript']);
    for (const asset of seen.assets) expect(asset).toMatchObject({ status: 200, bytes: expect.any(Number) });
    expect(Math.min(...seen.assets.map((a: { bytes: number }) => a.bytes))).toBeGreaterThan(300);
    // The window's icon (Linux): a PNG of 512 × 512 px shipped with the app (electron-builder.yml packs resources/).
    expect(seen.icon).toMatch(/resources[/\\]icon\.png$/);
    const icon = readFileSync(seen.icon);
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(seen.untrusted).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Through the preload: the demo event, a check-in with its push message, a roster PDF, an Excel export.
    expect(seen.info).toMatchObject({ ok: true, value: { event: null } });
    expect(seen.demo).toEqual({ ok: true, name: 'Partnerfachtagung 2023', isDemo: true });
    expect(seen.scan).toMatchObject({ ok: true, outcome: 'admitted' });
    expect(seen.roster).toMatchObject({ ok: true, mimeType: 'application/pdf' });
    expect(seen.roster.size).toBeGreaterThan(5_000);
    expect(seen.xlsx).toMatchObject({ ok: true, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(seen.pushes).toEqual(expect.arrayContaining(['event.changed', 'checkin.recorded']));
  } finally {
    dir.cleanup();
  }
});
