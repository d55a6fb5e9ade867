// Starts the built desktop app (out/main/index.js and out/preload/index.cjs) under Node with the Electron stand-in,
// as `npm start` starts it in Electron, then does what the window would: loads the page through the app protocol
// and uses the API the preload exposes (check-in, a roster PDF, an Excel export), with push messages. Prints what
// it saw as one line of JSON for tests/e2e/desktop-shell.spec.ts. Usage: node start-main.mjs USER_DATA_DIR
import { loadPreload, standIn, startMain } from './electron.mjs';

const errors = [];
const originalError = console.error;
console.error = (...args) => {
  errors.push(args.map(String).join(' '));
  originalError(...args);
};

const win = await startMain(process.argv[2]);

const page = await standIn.protocolHandlers.get('app')(new Request(win.url));
const html = await page.text();
const escape = await standIn.protocolHandlers.get('app')(new Request('app://einlass/..%2f..%2fpackage.json'));
// The scripts and styles the page names, as the window would fetch them.
const assets = [];
for (const [, ref] of html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)) {
  const res = await standIn.protocolHandlers.get('app')(new Request(new URL(ref, win.url)));
  assets.push({ ref, status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength });
}
const untrusted = await standIn.ipcHandlers.get('einlass:invoke')({ senderFrame: { url: 'https://example.org/' } }, 'lists.list', {});

const einlass = loadPreload(win.url);
const pushes = [];
einlass.subscribe((message) => pushes.push(message.type));

const info = await einlass.invoke('app.info', {});
const demo = await einlass.invoke('event.openDemo', {});
const lists = await einlass.invoke('lists.list', {});
const entrance = lists.value.lists.find((l) => l.kind === 'entrance');
const hits = await einlass.invoke('registrations.search', { query: 'Müller', listId: entrance.id });
const guest = hits.value.hits.find((h) => h.status === 'registered' && !h.checkedIn);
const scan = await einlass.invoke('checkin.scan', { listId: entrance.id, code: guest.code, method: 'manual' });
const walk = lists.value.lists.find((l) => l.kind === 'walk');
const roster = await einlass.invoke('programme.rosterPdf', { listId: walk.id });
const xlsx = await einlass.invoke('reports.export', { report: 'attendance', format: 'xlsx' });
await new Promise((r) => setTimeout(r, 200));

console.log(JSON.stringify({
  url: win.url,
  webPreferences: win.options.webPreferences,
  icon: win.options.icon,
  sandboxed: standIn.sandboxed,
  privilegedSchemes: standIn.privilegedSchemes.map((s) => s.scheme),
  sessionGuards: standIn.sessionGuards.map((g) => g.name),
  page: { status: page.status, csp: page.headers.get('content-security-policy'), hasRoot: html.includes('id="root"') },
  escape: escape.status,
  assets,
  untrusted,
  info, demo: demo.ok ? { ok: true, name: demo.value.name, isDemo: demo.value.isDemo } : demo,
  scan: scan.ok ? { ok: true, outcome: scan.value.outcome ?? scan.value.status, name: guest.lastName } : scan,
  roster: roster.ok ? { ok: true, mimeType: roster.value.mimeType, size: roster.value.size } : roster,
  xlsx: xlsx.ok ? { ok: true, mimeType: xlsx.value.mimeType, size: xlsx.value.size } : xlsx,
  pushes,
  errors,
}));
process.exit(0);
