// `einlass import` beside the running app and with wrong or guarded files (QA17): an event file that is no Einlass
// file stays byte for byte as it was; a busy, read-only or unreadable file and a list without read permission are
// said in German (and as JSON with --json); relative paths of `npm run einlass` are read from the folder the command
// was typed in. Real processes on real files; permissions are tried as another user when the tests run as root.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/event-fixture';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const FIX = join(ROOT, 'tests', 'fixtures', 'registrations');
const SLOW = 60_000;
const dir = tempDir('einlass-cli-file-');
afterAll(() => dir.cleanup());

interface Run { code: number; stdout: string; stderr: string }

function einlass(args: string[], opts: { env?: Record<string, string>; asOther?: boolean } = {}): Promise<Run> {
  // As root every file may be read and written: another user meets the permissions.
  const other = opts.asOther && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, join(ROOT, 'electron/cli/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...opts.env }, timeout: SLOW, ...other },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

let good: string;
beforeAll(async () => {
  // Open to the other user too (the folder of a permission test is the user's own in real life).
  chmodSync(dir.dir, 0o777);
  good = join(dir.dir, 'gut.einlass');
  expect((await einlass(['import', '--event', good, '--source', join(FIX, 'pretix-orders-de.csv')])).code).toBe(0);
  chmodSync(good, 0o666);
}, SLOW);

function files(): string[] {
  return readdirSync(dir.dir).sort();
}

describe('import: an event file that is not an Einlass file stays unchanged (QA17 M6)', () => {
  it('another program\'s database, an empty file, a text file: not a byte changed, no WAL files, also in a dry run', { timeout: 120_000 }, async () => {
    const foreign = join(dir.dir, 'fremd.sqlite');
    const other = new Database(foreign);
    other.exec("CREATE TABLE kunden (name TEXT); INSERT INTO kunden VALUES ('x')");
    other.close();
    const empty = join(dir.dir, 'leer.einlass');
    writeFileSync(empty, '');
    const text = join(dir.dir, 'text.einlass');
    writeFileSync(text, 'Das ist keine Datenbank.\n');
    const before = files();
    for (const [file, code] of [[foreign, 'event_file_foreign'], [empty, 'event_file_foreign'], [text, 'event_file_corrupt']] as const) {
      const bytes = readFileSync(file);
      for (const dry of [['--dry-run'], []]) {
        const run = await einlass(['import', '--event', file, '--source', join(FIX, 'pretix-orders-de.csv'), '--json', ...dry]);
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout)).toEqual({ applied: false, error: { code, message: expect.stringContaining('Sie bleibt unverändert.') } });
        expect(readFileSync(file).equals(bytes)).toBe(true);
      }
    }
    expect(new Database(foreign, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');
    expect(files()).toEqual(before);
    const said = await einlass(['import', '--event', empty, '--source', join(FIX, 'pretix-orders-de.csv')]);
    expect(said.stderr).toContain('ist keine Einlass-Veranstaltungsdatei (eine Datenbank eines anderen Programms oder eine leere Datei). Sie bleibt unverändert.');
  });

  it('a dry run for an event file in a folder that does not exist creates neither the folder nor the file', async () => {
    const missing = join(dir.dir, 'gibt', 'es-nicht');
    const run = await einlass(['import', '--event', join(missing, 'neu.einlass'), '--source', join(FIX, 'pretix-orders-de.csv'), '--dry-run', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ applied: false, dryRun: true, added: 3 });
    expect(existsSync(join(dir.dir, 'gibt'))).toBe(false);
    // A real import still makes it, folder and all (as the README says).
    expect((await einlass(['import', '--event', join(missing, 'neu.einlass'), '--source', join(FIX, 'pretix-orders-de.csv')])).code).toBe(0);
    expect(existsSync(join(missing, 'neu.einlass'))).toBe(true);
  }, SLOW);
});

describe('import: a busy, read-only or unreadable file said in German (QA17 M4, M7)', () => {
  it('an event file another program holds locked: said so, with --json too, and nothing changed', async () => {
    const bytes = readFileSync(good);
    const holder = new Database(good);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const run = await einlass(['import', '--event', good, '--source', join(FIX, 'pretix-orders-de.csv'), '--json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({ applied: false, error: { code: 'event_file_busy', message: expect.stringContaining('von einem anderen Programm benutzt') } });
      expect(run.stderr).toContain('wird gerade von einem anderen Programm benutzt und ist gesperrt. Es wurde nichts geändert. Bitte in einigen Sekunden erneut versuchen.');
      expect(run.stderr).not.toMatch(/database is locked/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(readFileSync(good).equals(bytes)).toBe(true);
  }, SLOW);

  it('a list without read permission, a read-only and an unreadable event file', async () => {
    const list = join(dir.dir, 'geheim.csv');
    copyFileSync(join(FIX, 'pretix-orders-de.csv'), list);
    chmodSync(list, 0o000);
    const noList = await einlass(['import', '--event', good, '--source', list, '--json'], { asOther: true });
    expect(noList.code).toBe(1);
    expect(JSON.parse(noList.stdout).error).toEqual({ code: 'sync.error.fileUnreadable', message: `Die Datei „${list}“ darf nicht gelesen werden (keine Berechtigung).` });
    expect(noList.stderr).toContain('An der Veranstaltung wurde nichts geändert.');
    expect(noList.stderr).not.toMatch(/EACCES/);

    const readOnly = join(dir.dir, 'nur-lesen.einlass');
    copyFileSync(good, readOnly);
    chmodSync(readOnly, 0o444);
    const bytes = readFileSync(readOnly);
    const ro = await einlass(['import', '--event', readOnly, '--source', join(FIX, 'pretix-orders-de.csv'), '--json'], { asOther: true });
    expect(ro.code).toBe(1);
    expect(JSON.parse(ro.stdout).error.code).toBe('event_file_readonly');
    expect(ro.stderr).toContain('darf nicht geschrieben werden');
    expect(ro.stderr).not.toMatch(/readonly database/);
    // A dry run only reads: that works.
    expect((await einlass(['import', '--event', readOnly, '--source', join(FIX, 'pretix-orders-de.csv'), '--dry-run'], { asOther: true })).code).toBe(0);
    expect(readFileSync(readOnly).equals(bytes)).toBe(true);

    const unreadable = join(dir.dir, 'gesperrt.einlass');
    copyFileSync(good, unreadable);
    chmodSync(unreadable, 0o600);
    for (const dry of [['--dry-run'], []]) {
      const run = await einlass(['import', '--event', unreadable, '--source', join(FIX, 'pretix-orders-de.csv'), ...dry], { asOther: true });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Die Veranstaltungsdatei „${unreadable}“ darf nicht gelesen werden (keine Berechtigung).`);
      expect(run.stderr).not.toContain('keine lesbare Einlass-Veranstaltungsdatei');
    }
  }, 120_000);
});

describe('npm run einlass: relative paths from the folder the command was typed in (QA17 M5)', () => {
  it('--source and --event relative to INIT_CWD; a list not found is named by its whole path', async () => {
    const typedIn = join(dir.dir, 'hier');
    mkdirSync(typedIn);
    copyFileSync(join(FIX, 'pretix-orders-de.csv'), join(typedIn, 'liste.csv'));
    const env = { npm_lifecycle_event: 'einlass', INIT_CWD: typedIn };
    const run = await einlass(['import', '--event', 'tagung.einlass', '--source', 'liste.csv', '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ applied: true, created: true, added: 3 });
    expect(existsSync(join(typedIn, 'tagung.einlass'))).toBe(true);
    expect(existsSync(join(ROOT, 'tagung.einlass'))).toBe(false);
    const missing = await einlass(['import', '--event', 'tagung.einlass', '--source', 'fehlt.csv'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Datei „${join(typedIn, 'fehlt.csv')}“ nicht gefunden.`);
  }, SLOW);
});

describe('import: what a script reads (QA17 L1, L4, L7)', () => {
  it('an unknown option in German, and as JSON with --json; a dry run and cut problems said in the JSON; „Nicht übernommen“ on stdout', async () => {
    const bogus = await einlass(['import', '--event', good, '--source', join(FIX, 'pretix-orders-de.csv'), '--bogus', '--json']);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain('Unbekannte Angabe „--bogus“.');
    expect(bogus.stderr).not.toContain('Unknown option');
    expect(JSON.parse(bogus.stdout)).toEqual({ applied: false, error: { code: 'options', message: 'Unbekannte Angabe „--bogus“.' } });
    const noValue = await einlass(['import', '--source', join(FIX, 'pretix-orders-de.csv'), '--event']);
    expect(noValue.stderr).toContain('Bei „--event“ fehlt der Wert');

    const many = join(dir.dir, 'viele-fehler.csv');
    writeFileSync(many, `ID;Vorname;Nachname\r\n${Array.from({ length: 700 }, (_, i) => `F${i};;`).join('\r\n')}\r\n`);
    const dry = await einlass(['import', '--event', good, '--source', many, '--dry-run', '--json']);
    const summary = JSON.parse(dry.stdout);
    expect(summary).toMatchObject({ applied: false, dryRun: true, problemsCut: true });
    expect(summary.problemsTotal).toBeGreaterThanOrEqual(700);
    expect(summary.problems.length).toBeLessThan(summary.problemsTotal);
    const text = await einlass(['import', '--event', good, '--source', many]);
    expect(text.code).toBe(2);
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^Nicht übernommen: [\d.]+ Fehler in der Liste\./);
    const ok = JSON.parse((await einlass(['import', '--event', good, '--source', join(FIX, 'pretix-orders-de.csv'), '--json'])).stdout);
    expect(ok).toMatchObject({ applied: true, dryRun: false, problemsCut: false });
  }, SLOW);
});
