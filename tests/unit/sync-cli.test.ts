// `npm run einlass -- import`: a real process, real files; exit codes, the JSON summary, and the event file
// untouched (or not even created) when nothing could be applied.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { registrationCsv } from '../bench/import-data';
import { tempDir } from '../helpers/event-fixture';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const FIX = join(ROOT, 'tests', 'fixtures', 'registrations');
const dir = tempDir('einlass-sync-cli-');
afterAll(() => dir.cleanup());

function einlass(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX, 'electron/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe('import command', () => {
  it('output nobody reads to the end (| head): the command ends quietly, without a broken-pipe error', { timeout: 120_000 }, async () => {
    const list = join(dir.dir, 'gross.csv');
    writeFileSync(list, registrationCsv(3000));
    const child = spawn(process.execPath, [TSX, 'electron/cli/main.ts', 'import', '--event', join(dir.dir, 'pipe.einlass'), '--source', list, '--dry-run', '--json'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like a reader that stops at once (| head -c 0): the reading end is closed before anything is written.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it('creates the event file on first import, prints JSON counts, and re-syncs', { timeout: 120_000 }, async () => {
    const event = join(dir.dir, 'fachtag.einlass');
    const dry = await einlass('import', '--event', event, '--source', join(FIX, 'pretix-orders-de.csv'), '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ applied: false, added: 3, updated: 0, cancelled: 0, unchanged: 0 });
    expect(existsSync(event)).toBe(false);

    const first = await einlass('import', '--event', event, '--source', join(FIX, 'pretix-orders-de.csv'), '--json');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ applied: true, created: true, added: 3 });
    expect(summary.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'unknownSession', line: 2, column: 'Welchen Workshop möchten Sie besuchen?' }));
    expect(existsSync(event)).toBe(true);

    const again = await einlass('import', '--event', event, '--source', join(FIX, 'pretix-orders-de.csv'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('neu: 0, geändert: 0, storniert: 0, unverändert: 3');
    expect(readdirSync(dir.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a new event file is named and the next steps said; new people the list already calls cancelled are counted (QA17 L2, L5)', { timeout: 120_000 }, async () => {
    const list = join(dir.dir, 'neu.csv');
    writeFileSync(list, 'ID;Vorname;Nachname;Status\n1;Anna;Schmidt;bezahlt\n2;Bernd;Becker;storniert\n3;Clara;Fuchs;bezahlt\n');
    const event = join(dir.dir, 'Fachtag_Weißenfels.einlass');
    const text = await einlass('import', '--event', event, '--source', list);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('neu: 3, geändert: 0, storniert: 0, unverändert: 0, lokal beibehalten: 0; von den Neuen 1 schon storniert');
    expect(text.stdout).toContain('Veranstaltung „Fachtag Weißenfels“, noch ohne Tage und Programm');
    const again = await einlass('import', '--event', join(dir.dir, 'neu-2.einlass'), '--source', list, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 3, cancelled: 0, addedCancelled: 1 });
    // --sheet for a CSV: said, and not kept with the list for its next version.
    const sheet = await einlass('import', '--event', event, '--source', list, '--sheet', 'Teilnehmende');
    expect(sheet.stdout.split('\n')[1]).toBe('  ! --sheet gilt nur für Arbeitsmappen (Excel, LibreOffice); „neu.csv“ hat keine Tabellenblätter, die Angabe wurde nicht beachtet.');
    const db = new Database(event, { readonly: true });
    expect(JSON.parse(db.prepare('SELECT options FROM sync_sources').pluck().get() as string)).not.toHaveProperty('sheet');
    db.close();
  });

  it('an address refusing the key says how to give one here; an ftp:// address is no file (QA17 L3)', { timeout: 120_000 }, async () => {
    const server = createServer((_req, res) => { res.writeHead(401, { 'content-type': 'application/json' }); res.end('{"detail":"Invalid token."}'); });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const refused = await einlass('import', '--event', join(dir.dir, 'url.einlass'), '--source', `http://127.0.0.1:${port}/export.csv`);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Zugriff verweigert (401).');
      expect(refused.stderr).toContain('--header "Authorization: Token …"');
    } finally {
      server.close();
    }
    const ftp = await einlass('import', '--event', join(dir.dir, 'url.einlass'), '--source', 'ftp://127.0.0.1/liste.csv');
    expect(ftp.code).toBe(1);
    expect(ftp.stderr).toContain('„ftp://127.0.0.1/liste.csv“ ist keine http- oder https-Adresse');
    expect(existsSync(join(dir.dir, 'url.einlass'))).toBe(false);
  });

  it('a file older than the one last applied is not applied without --confirm-older', { timeout: 120_000 }, async () => {
    const event = join(dir.dir, 'versionen.einlass');
    const list = join(dir.dir, 'versionsliste.csv');
    const write = (n: number) => writeFileSync(list, `ID;Vorname;Nachname\r\n${Array.from({ length: n }, (_, i) => `V${i};Vera${i};Vogt`).join('\r\n')}\r\n`);
    write(10);
    expect((await einlass('import', '--event', event, '--source', list)).code).toBe(0);
    write(14);
    expect((await einlass('import', '--event', event, '--source', list)).code).toBe(0);
    // The first file again: the four added since would be cancelled.
    write(10);
    const before = readFileSync(event);
    const held = await einlass('import', '--event', event, '--source', list);
    expect(held.code).toBe(2);
    expect(held.stdout).toContain('Ist das eine ältere Fassung der Liste? Alle 4 Personen, die mit dem Abgleich von');
    expect(held.stderr).toContain('Nicht übernommen: Die Datei sieht älter aus als die zuletzt übernommene (siehe oben). Ist sie doch die neueste, mit --confirm-older erneut aufrufen.');
    expect(readFileSync(event).equals(before)).toBe(true);
    expect(JSON.parse((await einlass('import', '--event', event, '--source', list, '--json')).stdout)).toMatchObject({ applied: false, needsConfirmOlder: true, cancelled: 4 });
    const confirmed = await einlass('import', '--event', event, '--source', list, '--confirm-older', '--json');
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ applied: true, needsConfirmOlder: false, cancelled: 4 });
  });

  it('a new version lacking half of its people is not applied without --confirm-cancel: nobody here to ask', { timeout: 120_000 }, async () => {
    const event = join(dir.dir, 'tagung.einlass');
    const list = join(dir.dir, 'tagesliste.csv');
    const write = (n: number) => writeFileSync(list, `ID;Vorname;Nachname\r\n${Array.from({ length: n }, (_, i) => `T${i};Tina${i};Tagfeld`).join('\r\n')}\r\n`);
    write(12);
    expect((await einlass('import', '--event', event, '--source', list)).code).toBe(0);
    write(2);
    const before = readFileSync(event);
    const held = await einlass('import', '--event', event, '--source', list);
    expect(held.code).toBe(2);
    expect(held.stdout).toContain('10 von 12 Personen dieser Anmeldeliste stehen nicht mehr in der Datei');
    expect(held.stderr).toContain('Nicht übernommen: 10 Personen würden storniert (siehe oben). Ist die Datei richtig und vollständig, mit --confirm-cancel erneut aufrufen.');
    expect(readFileSync(event).equals(before)).toBe(true);
    const json = await einlass('import', '--event', event, '--source', list, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ applied: false, needsConfirmation: true, cancelled: 10 });
    const confirmed = await einlass('import', '--event', event, '--source', list, '--confirm-cancel', '--json');
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ applied: true, needsConfirmation: false, cancelled: 10, unchanged: 2 });
    const db = new Database(event, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM registrations WHERE status = 'cancelled'").pluck().get()).toBe(10);
    db.close();
  });

  it('a file of a new name is loaded as the new version of a named list with --list; the dry run without it says so', { timeout: 120_000 }, async () => {
    const event = join(dir.dir, 'fassung.einlass');
    const rows = ['TL-1;Tilo;Tagliste', 'TL-2;Tara;Tagliste', 'TL-3;Timo;Tagliste', 'TL-4;Tanja;Tagliste'];
    const csv = (name: string, lines: string[]) => {
      const path = join(dir.dir, name);
      writeFileSync(path, `ID;Vorname;Nachname\r\n${lines.join('\r\n')}\r\n`);
      return path;
    };
    expect((await einlass('import', '--event', event, '--source', csv('tagungsliste.csv', rows))).code).toBe(0);
    const renamed = csv('tagungsliste (1).csv', [...rows.slice(0, 3), 'TL-5;Theo;Tagliste']);
    const dry = await einlass('import', '--event', event, '--source', renamed, '--dry-run');
    expect(dry.stdout).toContain('3 von 4 Personen dieser Datei sind schon über die Anmeldeliste „tagungsliste.csv“ da.');
    expect(dry.stdout).toContain('Als neue Fassung dieser Liste laden: erneut mit --list "tagungsliste.csv" aufrufen.');
    // Applied without --list, it would take the people over as a list of its own, and whoever is missing from it
    // would stay registered: not applied, as the app would ask.
    const held = await einlass('import', '--event', event, '--source', renamed, '--json');
    expect(held.code).toBe(2);
    expect(JSON.parse(held.stdout)).toMatchObject({ applied: false, needsList: 'tagungsliste.csv', needsConfirmation: false });
    // Why, on stderr as well: a script that logs only errors sees it.
    expect(held.stderr).toContain('Nicht übernommen: Die meisten Personen dieser Datei gehören zur Anmeldeliste „tagungsliste.csv“');
    const heldText = await einlass('import', '--event', event, '--source', renamed);
    expect(heldText.code).toBe(2);
    expect(heldText.stdout).toContain('Als eigene, neue Anmeldeliste laden (sie übernimmt diese Personen): erneut mit --new-list aufrufen.');
    expect(heldText.stderr).toContain(
      'Nicht übernommen: Die meisten Personen dieser Datei gehören zur Anmeldeliste „tagungsliste.csv“ (siehe oben). Bitte mit --list oder --new-list sagen, was die Datei ist. Die Veranstaltungsdatei ist unverändert.');
    const withList = await einlass('import', '--event', event, '--source', renamed, '--list', 'tagungsliste.csv', '--dry-run');
    expect(withList.stdout.split('\n')[0]).toBe('4 Zeilen aus „tagungsliste (1).csv“, mit der Anmeldeliste „tagungsliste.csv“ verglichen');
    const unknown = await einlass('import', '--event', event, '--source', renamed, '--list', 'Referenten');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Die Anmeldeliste „Referenten“ gibt es in dieser Veranstaltungsdatei nicht. Vorhanden: „tagungsliste.csv“.');
    const asVersion = await einlass('import', '--event', event, '--source', renamed, '--list', 'Tagungsliste.csv', '--json');
    expect(asVersion.code).toBe(0);
    expect(JSON.parse(asVersion.stdout)).toMatchObject({ applied: true, added: 1, cancelled: 1, unchanged: 3, warnings: 0 });
    const db = new Database(event, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM sync_sources').pluck().get()).toBe(1);
    expect(db.prepare("SELECT status FROM registrations WHERE first_name = 'Tanja'").pluck().get()).toBe('cancelled');
    // The list keeps the file's name, not its folder (as the app does: the card showed a whole path).
    expect(db.prepare('SELECT location FROM sync_sources').pluck().get()).toBe('tagungsliste (1).csv');
    db.close();

    // The same file name read from another folder (or loaded in the app) is the same list.
    mkdirSync(join(dir.dir, 'downloads'));
    const elsewhere = join(dir.dir, 'downloads', 'tagungsliste (1).csv');
    writeFileSync(elsewhere, readFileSync(renamed));
    expect(JSON.parse((await einlass('import', '--event', event, '--source', elsewhere, '--json')).stdout))
      .toMatchObject({ applied: true, added: 0, cancelled: 0, unchanged: 4, warnings: 0 });
    // A list of its own, though its people are another list's: said with --new-list.
    const speakers = csv('referenten.csv', rows.slice(0, 3));
    expect((await einlass('import', '--event', event, '--source', speakers)).code).toBe(2);
    const own = await einlass('import', '--event', event, '--source', speakers, '--new-list', '--json');
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ applied: true, needsList: null });
    const after = new Database(event, { readonly: true });
    expect(after.prepare('SELECT location FROM sync_sources ORDER BY created_at').pluck().all()).toEqual(['tagungsliste (1).csv', 'referenten.csv']);
    after.close();
  });

  it('an anonymous Microsoft Forms export: the address comes from the question, not the form\'s own "anonymous" column', { timeout: 120_000 }, async () => {
    const list = join(dir.dir, 'Anmeldung Fachtag(1-2).csv');
    writeFileSync(list, 'ID;Startzeit;E-Mail;Name;Vorname;Nachname;E-Mail-Adresse\r\n1;01.09.2023 10:00:00;anonymous;;Anna;Schmidt;anna@example.org\r\n');
    const event = join(dir.dir, 'forms.einlass');
    const out = await einlass('import', '--event', event, '--source', list, '--json');
    expect(JSON.parse(out.stdout)).toMatchObject({ applied: true, added: 1, problems: [], codeColumn: false });
    const db = new Database(event, { readonly: true });
    expect(db.prepare('SELECT email FROM registrations WHERE first_name = ?').pluck().get('Anna')).toBe('anna@example.org');
    db.close();
  });

  it('a list without a code column (pretix\'s check-in list exported without its secrets) is said, as on the mapping screen', { timeout: 120_000 }, async () => {
    const withSecrets = readFileSync(join(FIX, 'pretix-checkin-de.csv'), 'utf8');
    const list = join(dir.dir, 'checkin-ohne-secret.csv');
    writeFileSync(list, withSecrets.replace(/^(.*?),Secret,/m, '$1,').replace(/,a1b2c3d4e5f6g7h8,/, ',').replace(/,f6g7h8i9j0k1l2m3,/, ','));
    const without = await einlass('import', '--event', join(dir.dir, 'ohne.einlass'), '--source', list, '--dry-run');
    expect(without.code).toBe(0);
    expect(without.stdout).toContain('! Keine Spalte ist als „Code (QR/Ticket)“ zugeordnet: Die QR-Codes aus den Bestätigungs-E-Mails werden am Einlass nicht erkannt');
    const withCode = await einlass('import', '--event', join(dir.dir, 'mit.einlass'), '--source', join(FIX, 'pretix-checkin-de.csv'), '--dry-run', '--json');
    expect(JSON.parse(withCode.stdout)).toMatchObject({ added: 2, codeColumn: true });
  });

  it('a workbook of several sheets: the sheet read is named, with the others and how to read one of them', { timeout: 120_000 }, async () => {
    const book = join(FIX, 'pretix-bestelldaten.xlsx');
    const text = await einlass('import', '--event', join(dir.dir, 'mappe.einlass'), '--source', book, '--dry-run');
    expect(text.stdout.split('\n')[1]).toBe('  aus dem Tabellenblatt „Bestellzeilen“; die Mappe hat auch „Bestellungen“, „Gebühren“ – ein anderes mit --sheet NAME lesen.');
    const json = await einlass('import', '--event', join(dir.dir, 'mappe.einlass'), '--source', book, '--dry-run', '--json', '--sheet', 'Bestellungen');
    expect(JSON.parse(json.stdout)).toMatchObject({ sheet: 'Bestellungen' });
    // A CSV has no sheet to name.
    const csv = await einlass('import', '--event', join(dir.dir, 'mappe.einlass'), '--source', join(FIX, 'pretix-checkin-de.csv'), '--dry-run', '--json');
    expect(JSON.parse(csv.stdout)).toMatchObject({ sheet: null });
  });

  it('a list loaded from a workbook\'s second sheet reads that sheet for its next version; --new-list is a list of its own', { timeout: 120_000 }, async () => {
    const wb = new ExcelJS.Workbook();
    const sheets = { Anmeldungen: [['1', 'Anna', 'Schmidt'], ['2', 'Bernd', 'Müller'], ['3', 'Clara', 'Fuchs']], Warteliste: [['91', 'Wanda', 'Warte'], ['92', 'Willi', 'Wartig']] };
    for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows([['ID', 'Vorname', 'Nachname'], ...rows]);
    const book = join(dir.dir, 'tagung.xlsx');
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    const event = join(dir.dir, 'warteliste.einlass');
    const run = async (...args: string[]) => JSON.parse((await einlass('import', '--event', event, '--source', book, '--json', ...args)).stdout) as { sheet: string; added: number };
    expect(await run('--sheet', 'Warteliste')).toMatchObject({ sheet: 'Warteliste', applied: true, added: 2 });
    // The same workbook again: its list's sheet, not the first one (which would have cancelled the waiting list).
    expect(await run('--dry-run')).toMatchObject({ sheet: 'Warteliste', added: 0, unchanged: 2, cancelled: 0 });
    // The other sheet as a list of its own, though the file's name is the waiting list's.
    expect(await run('--sheet', 'Anmeldungen', '--new-list')).toMatchObject({ sheet: 'Anmeldungen', applied: true, added: 3, cancelled: 0 });
    const lists = new Database(event, { readonly: true });
    expect(lists.prepare('SELECT count(*) FROM sync_sources').pluck().get()).toBe(2);
    lists.close();
  });

  it('a message about a column names it (two columns called E-Mail)', { timeout: 120_000 }, async () => {
    const out = await einlass('import', '--event', join(dir.dir, 'doppelt.einlass'), '--source', join(FIX, 'duplicate-headers.csv'), '--dry-run', '--json');
    expect(JSON.parse(out.stdout).problems).toContainEqual(expect.objectContaining({
      code: 'duplicateHeader', column: 'E-Mail', message: 'Spaltenname „E-Mail“ kommt mehrfach vor; die weitere Spalte heißt jetzt „E-Mail (2)“.',
    }));
  });

  it('a file of mixed encodings names its lines read as Windows-1252, in the singular for one', { timeout: 120_000 }, async () => {
    const one = await einlass('import', '--event', join(dir.dir, 'gemischt.einlass'), '--source', join(FIX, 'mixed-encoding.csv'), '--dry-run');
    expect(one.stdout).toContain('Zeile 3: Die Datei mischt Zeichenkodierungen: Zeile 3 wurde als Windows-1252 gelesen.');
    const list = join(dir.dir, 'gemischt-2.csv');
    writeFileSync(list, Buffer.concat([Buffer.from('ID;Name\r\n1;Zoë\r\n2;Gro'), Buffer.from([0xdf]), Buffer.from('\r\n3;Wei'), Buffer.from([0xdf]), Buffer.from('\r\n')]));
    const two = await einlass('import', '--event', join(dir.dir, 'gemischt.einlass'), '--source', list, '--dry-run');
    expect(two.stdout).toContain('Die Zeilen 3, 4 wurden als Windows-1252 gelesen.');
  });

  it('template: the Excel template of an event, which reads back as a list without people yet', { timeout: 120_000 }, async () => {
    const event = join(dir.dir, 'vorlage.einlass');
    expect((await einlass('import', '--event', event, '--source', join(FIX, 'formular-windows-1252.csv'))).code).toBe(0);
    const out = join(dir.dir, 'Vorlage.xlsx');
    const made = await einlass('template', '--event', event, '--out', out);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toContain(`Vorlage geschrieben: ${out}`);
    const again = await einlass('import', '--event', event, '--source', out, '--dry-run');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('nur die Kopfzeile');
    // Filled in: no codes in a list kept by hand is said calmly, not as a warning.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    wb.getWorksheet('Anmeldungen')!.addRow([1, 'Hanne', 'Hand']);
    writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
    const filled = await einlass('import', '--event', event, '--source', out, '--dry-run');
    expect(filled.code).toBe(0);
    expect(filled.stdout).toContain('\n  Eine selbst geführte Liste ohne Codes: Einlass vergibt jeder Person einen eigenen Code');
    expect(filled.stdout).not.toContain('QR-Codes aus den Bestätigungs-E-Mails');
    const missing = await einlass('template', '--event', join(dir.dir, 'gibt-es-nicht.einlass'), '--out', out);
    expect(missing.code).toBe(1);
    expect(existsSync(join(dir.dir, 'gibt-es-nicht.einlass'))).toBe(false);
  });

  it('prints the same problem in many rows once, with its first lines; the JSON lists them one by one', { timeout: 120_000 }, async () => {
    const list = join(dir.dir, 'anmeldungen-2000.csv');
    writeFileSync(list, registrationCsv(2000));
    const event = join(dir.dir, 'viele.einlass');
    const text = await einlass('import', '--event', event, '--source', list, '--dry-run');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2.000 Zeilen aus „anmeldungen-2000.csv“');
    // A new event file has no workshops yet: one line per workshop named, not one per row.
    const workshopB = text.stdout.split('\n').filter((l) => l.includes('„Workshop B“'));
    expect(workshopB).toHaveLength(1);
    expect(workshopB[0]).toMatch(/^ {2}! Zeilen (\d+, ){4}\d+ und \d+ weitere, Spalte „Workshops“: Programmpunkt „Workshop B“ gibt es/);
    const json = JSON.parse((await einlass('import', '--event', event, '--source', list, '--dry-run', '--json')).stdout);
    // Each on its own with its line, up to 500 of each kind; the counts are complete.
    const sessions = json.problems.filter((p: { code: string }) => p.code === 'unknownSession');
    expect(sessions).toHaveLength(500);
    expect(sessions.slice(0, 2).map((p: { line: number }) => p.line)).toEqual([2, 3]);
    expect(json.warnings).toBeGreaterThan(1500);
  });

  it('exit code 2 and nothing written when the list has errors; 1 with a clear message for unreadable input', { timeout: 120_000 }, async () => {
    const event = join(dir.dir, 'fehler.einlass');
    const blocked = await einlass('import', '--event', event, '--source', join(FIX, 'problems.csv'), '--json');
    expect(blocked.code).toBe(2);
    const out = JSON.parse(blocked.stdout);
    expect(out).toMatchObject({ applied: false, errors: 3 });
    expect(blocked.stderr).toMatch(/^Nicht übernommen: 3 Fehler in der Liste/);
    expect(out.problems[0]).toEqual({ severity: 'error', code: 'missingName', line: 3, column: 'Nachname', message: 'Name fehlt.' });
    expect(existsSync(event)).toBe(false);

    const good = join(dir.dir, 'gut.einlass');
    expect((await einlass('import', '--event', good, '--source', join(FIX, 'formular-windows-1252.csv'))).code).toBe(0);
    const before = readFileSync(good);
    const empty = await einlass('import', '--event', good, '--source', join(FIX, 'header-only.csv'));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Die Datei enthält nur die Kopfzeile, aber keine Anmeldungen. An der Veranstaltung wurde nichts geändert.');
    // With --json, a script gets what is wrong on stdout as well, as a key and in words.
    const cut = await einlass('import', '--event', good, '--source', join(FIX, 'truncated.xlsx'), '--json');
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout)).toEqual({
      applied: false,
      error: { code: 'sync.table.error.xlsxCorrupt', message: expect.stringMatching(/^Die Excel-Datei ist beschädigt oder unvollständig, etwa nach einem abgebrochenen Download\./) },
    });
    const missing = await einlass('import', '--event', good, '--source', join(FIX, 'gibt-es-nicht.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nicht gefunden');
    // A folder, a delimiter that is no single character: said in words, not as a JavaScript error.
    const folder = await einlass('import', '--event', good, '--source', FIX);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('ist ein Ordner, keine Datei.');
    for (const delimiter of ['', ';;', '"']) {
      const bad = await einlass('import', '--event', good, '--source', join(FIX, 'formular-windows-1252.csv'), '--delimiter', delimiter);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('--delimiter: ein einzelnes Zeichen');
    }
    expect(readFileSync(good).equals(before)).toBe(true);

    // The file of a station of a networked event: its people come from the hub.
    const db = new Database(good);
    db.prepare("UPDATE sync_state SET role = 'station'").run();
    db.close();
    const station = readFileSync(good);
    const atStation = await einlass('import', '--event', good, '--source', join(FIX, 'pretix-orders-de.csv'));
    expect(atStation.code).toBe(1);
    expect(atStation.stderr).toContain('bekommt die Anmeldeliste von dort');
    expect(readFileSync(good).equals(station)).toBe(true);
  });
});
