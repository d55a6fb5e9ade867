// The command line as users run it: a real process (tsx + electron/cli/main.ts), real files in a temp folder,
// exit codes and German messages. Spawning costs about a second each, so independent runs go in parallel.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { tempDir } from '../helpers/event-fixture';
import { blankFrame, grayToRgba, renderQrGray } from '../helpers/qr-image';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// tsx's own entry point instead of `npx tsx`: same program, without npm's start-up time and npm's warnings on stderr.
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SLOW = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function einlass(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX, 'electron/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: SLOW },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const jsonLines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

const demo = buildDemoEvent();
const day1 = demo.event.startsOn;
// Someone who may enter on day 1, and someone with an umlaut in the surname for the folding checks.
const guest = demo.registrations.find((r) => r.status === 'registered' && (r.days.length === 0 || r.days.includes(day1)))!;
const umlaut =
  demo.registrations.find((r) => r.status === 'registered' && r.lastName === 'Müller') ??
  demo.registrations.find((r) => r.status === 'registered' && r.lastName.includes('ü'))!;

let dir: string;
let cleanup: () => void;
let eventFile: string;
let demoRun: Run;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('einlass-cli-'));
  eventFile = join(dir, 'demo.einlass');
  demoRun = await einlass('demo', '--event', eventFile);
}, SLOW);

afterAll(() => cleanup?.());

describe('einlass: commands', () => {
  it('every command the usage lists is there: it loads and checks its options (an unknown one is refused by name)', async () => {
    const help = await einlass('--help');
    expect(help.code).toBe(0);
    const names = [...help.stdout.matchAll(/^  ([a-z]+) /gm)].map((m) => m[1]!);
    expect(names).toEqual(['demo', 'serve', 'pair', 'sync', 'handover', 'scan', 'search', 'decode', 'import', 'template', 'export', 'purge']);
    const runs = await Promise.all(names.map((name) => einlass(name, '--gibt-es-nicht')));
    for (const [i, run] of runs.entries()) {
      expect({ command: names[i], code: run.code }).toEqual({ command: names[i], code: 1 });
      expect(run.stderr).toContain('Unbekannte Angabe „--gibt-es-nicht“.');
    }
    const unknown = await einlass('zaubern');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unbekannter Befehl „zaubern“.');
  }, SLOW);
});

describe('einlass demo / scan', () => {
  it('demo creates the event file', () => {
    expect(demoRun.stderr).toBe('');
    expect(demoRun.code).toBe(0);
    expect(demoRun.stdout).toContain('Demo-Veranstaltung angelegt');
    expect(existsSync(eventFile)).toBe(true);
  });

  it('scan --json admits once, then reports already_checked_in (exit 0, then 2); search --list shows it', async () => {
    const scanArgs = ['scan', '--event', eventFile, '--list', 'einlass tag 1', '--code', guest.code, '--json'];
    const first = await einlass(...scanArgs);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'admitted', registration: { firstName: guest.firstName, lastName: guest.lastName } });

    const [second, found] = await Promise.all([
      einlass(...scanArgs),
      einlass('search', '--event', eventFile, '--list', 'Einlass Tag 1', '--json', guest.code.toLowerCase()),
    ]);
    expect(second.code).toBe(2);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'already_checked_in' });
    expect(found.code).toBe(0);
    const result = JSON.parse(found.stdout) as { hits: { code: string; checkedIn: boolean }[] };
    expect(result.hits[0]).toMatchObject({ code: guest.code, checkedIn: true });
  }, SLOW);

  it('scan with a missing file or an unknown list exits 1 with a German message on stderr', async () => {
    const [missing, unknownList] = await Promise.all([
      einlass('scan', '--event', join(dir, 'gibt-es-nicht.einlass'), '--list', 'Einlass Tag 1', '--code', guest.code),
      einlass('scan', '--event', eventFile, '--list', 'Tag 9', '--code', guest.code),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/Die Veranstaltungsdatei „.*gibt-es-nicht\.einlass“ wurde nicht gefunden\./);
    expect(unknownList.code).toBe(1);
    expect(unknownList.stderr).toContain('Die Check-in-Liste „Tag 9“ gibt es nicht. Vorhanden: Einlass Tag 1');
  }, SLOW);
});

describe('einlass decode', () => {
  const TEXT = 'https://einlass.example/c/K7QX-M2PA';
  let qrPng: string, qrJpg: string, blankPng: string, fakePng: string;

  beforeAll(() => {
    const [w, h] = [640, 480];
    // A grey-only PNG (pngjs must expand it to RGBA), an RGB JPEG with compression artefacts, a frame without
    // a code, and a text file that only claims to be a PNG.
    const png = new PNG({ width: w, height: h });
    png.data = Buffer.from(grayToRgba(renderQrGray(TEXT, { width: w, height: h, rotationDeg: 12, antialias: true }), w, h));
    qrPng = join(dir, 'code.png');
    writeFileSync(qrPng, PNG.sync.write(png, { colorType: 0 }));

    const rgba = grayToRgba(renderQrGray(guest.code, { width: w, height: h, moduleSize: 5, antialias: true }), w, h);
    qrJpg = join(dir, 'code.jpg');
    writeFileSync(qrJpg, jpeg.encode({ data: rgba, width: w, height: h }, 80).data);

    const blank = new PNG({ width: w, height: h });
    blank.data = Buffer.from(grayToRgba(blankFrame(w, h, 190, { noise: 8, gradient: 40 }), w, h));
    blankPng = join(dir, 'leer.png');
    writeFileSync(blankPng, PNG.sync.write(blank));

    fakePng = join(dir, 'x.png');
    writeFileSync(fakePng, 'kein Bild\n');
  });

  it('prints the text per file, names unreadable files on stderr, and exits 0 / 2 / 1', async () => {
    const [all, json, good] = await Promise.all([
      einlass('decode', qrPng, fakePng, blankPng, qrJpg),
      einlass('decode', '--json', qrPng, blankPng, qrJpg),
      einlass('decode', qrJpg, qrPng),
    ]);

    // A read error wins (exit 1), and the files after it are still decoded.
    expect(all.code).toBe(1);
    expect(all.stdout.trim().split('\n')).toEqual([
      `${qrPng}: ${TEXT}`,
      `${blankPng}: – kein QR-Code erkannt`,
      `${qrJpg}: ${guest.code}`,
    ]);
    expect(all.stderr.trim()).toBe(`${fakePng}: kein PNG- oder JPEG-Bild.`);

    expect(json.code).toBe(2);
    expect(json.stderr).toBe('');
    const lines = jsonLines(json.stdout);
    expect(lines.map((l) => [l.file, l.text])).toEqual([
      [qrPng, TEXT],
      [blankPng, null],
      [qrJpg, guest.code],
    ]);
    for (const l of lines) expect(typeof l.ms).toBe('number');

    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout.trim().split('\n')).toEqual([`${qrJpg}: ${guest.code}`, `${qrPng}: ${TEXT}`]);
  }, SLOW);
});

describe('einlass search', () => {
  it(`finds ${umlaut.firstName} ${umlaut.lastName} however the umlaut is typed`, async () => {
    const last = umlaut.lastName;
    const variants = [last, last.replace(/ü/g, 'ue'), last.replace(/ü/g, 'u'), last.toUpperCase()];
    const runs = await Promise.all([
      einlass('search', '--event', eventFile, umlaut.firstName, last.slice(0, 3)),
      ...variants.map((v) => einlass('search', '--event', eventFile, '--json', '--limit', '50', v)),
    ]);
    const [table, ...jsons] = runs;

    // Plain output: a table with the person's row, several words joined to one query.
    expect(table!.code).toBe(0);
    expect(table!.stdout).toMatch(/^Name +Organisation +Ort +Code +Status +eingecheckt/);
    const row = table!.stdout.split('\n').find((l) => l.includes(umlaut.code));
    expect(row).toContain(`${umlaut.firstName} ${umlaut.lastName}`);
    expect(row).toMatch(/angemeldet +–$/);

    jsons.forEach((run, i) => {
      expect(run.code, variants[i]).toBe(0);
      const result = JSON.parse(run.stdout) as { query: string; ms: number; hits: { code: string }[] };
      expect(result.query).toBe(variants[i]);
      expect(typeof result.ms).toBe('number');
      expect(result.hits.map((h) => h.code), variants[i]).toContain(umlaut.code);
    });
  }, SLOW);
});
