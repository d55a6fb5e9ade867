// `npm run einlass -- export …` and `… purge …` as users run them: a real process, a real event file, real output
// files read back; exit codes and German messages.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventFile } from '../../db/open';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { tempDir } from '../helpers/event-fixture';
import { pdfText, requirePoppler } from '../helpers/pdf-tools';
import { KNOWN, writeKnownEvent } from '../helpers/report-fixture';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SLOW = 60_000;

function einlass(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, 'electron/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: SLOW },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

let dir: ReturnType<typeof tempDir>;
let file: string;

beforeAll(() => {
  requirePoppler();
  dir = tempDir('einlass-cli-reports-');
  file = join(dir.dir, 'fachtag.einlass');
  const db = openEventFile(file, { create: true });
  db.transaction(() => writeKnownEvent(db, { clock: fixedClock('2023-10-01T10:00:00Z'), ids: sequentialIds() }))();
  db.close();
});
afterAll(() => dir.cleanup());

describe('command line: export and purge', () => {
  it('exports XLSX, PDF statistics and a ZIP of certificates to --out; names its columns; refuses what does not exist', async () => {
    const out = (name: string) => join(dir.dir, name);
    const [xlsx, pdf, zip, columns, bad] = await Promise.all([
      einlass('export', '--event', file, '--report', 'attendance', '--format', 'xlsx', '--out', out('a.xlsx'), '--columns', 'lastName,firstName,daysPresent'),
      einlass('export', '--event', file, '--report', 'stats', '--format', 'pdf', '--out', out('s.pdf')),
      einlass('export', '--event', file, '--report', 'certificates', '--format', 'zip', '--out', out('c.zip')),
      einlass('export', '--event', file, '--report', 'attendance', '--list-columns'),
      einlass('export', '--event', file, '--report', 'log', '--format', 'pdf', '--out', out('x.pdf')),
    ]);
    expect(xlsx).toMatchObject({ code: 0, stderr: '' });
    expect(xlsx.stdout).toContain('(6 Zeilen');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('a.xlsx'));
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Nachname', 'Vorname', 'Tage anwesend']);
    expect(pdf.code).toBe(0);
    expect(pdfText(readFileSync(out('s.pdf')))).toContain('Statistik der Teilnahme');
    expect(zip.code).toBe(0);
    expect(readFileSync(out('c.zip')).subarray(0, 2).toString()).toBe('PK');
    expect(columns.stdout).toMatch(/\* lastName\s+Nachname \(personenbezogen\)/);
    expect(columns.stdout).toMatch(/ {2}email\s+E-Mail \(personenbezogen\)/);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format: für log gibt es xlsx, csv');
    expect(existsSync(out('x.pdf'))).toBe(false);
    expect(existsSync(out('x.pdf.part'))).toBe(false);
  }, SLOW);

  it('purge asks for --yes without a terminal, then removes every name, e-mail and code from the file', async () => {
    const fileAndWal = () => Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => readFileSync(f)));
    const noYes = await einlass('purge', '--event', file, '--keep-stats');
    expect(noYes.code, noYes.stderr).toBe(1);
    expect(noYes.stderr).toContain('--yes');
    expect(fileAndWal().includes(Buffer.from(KNOWN.people[0].email))).toBe(true);

    const purged = await einlass('purge', '--event', file, '--keep-stats', '--yes');
    expect(purged.stderr).toBe('');
    expect(purged.code, purged.stdout).toBe(0);
    expect(purged.stdout).toContain('registrations: 6');
    expect(purged.stdout).toMatch(/Geprüft: keiner der \d+ Namen, E-Mail-Adressen und Codes/);
    const after = fileAndWal();
    for (const p of KNOWN.people) {
      // "Weiß" stays as part of the place, Weißenfels.
      for (const v of [p.code, p.email, p.firstName, p.lastName].filter((x) => !'Weißenfels'.includes(x))) expect(after.includes(Buffer.from(v)), v).toBe(false);
    }
    const stats = await einlass('export', '--event', file, '--report', 'stats', '--format', 'csv', '--out', join(dir.dir, 'after.csv'));
    expect(stats.code).toBe(0);
    expect(readFileSync(join(dir.dir, 'after.csv'), 'utf8')).toContain('Überblick;Angemeldet;5;4;;80%');
  }, SLOW);
});
