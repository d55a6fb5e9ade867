import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { openDemoInBrowser, type DemoInBrowser } from './support/demo-event';

const SCREENS = 'test-results/screens';
const WALK = 'Stadtrundgang: Altstadt und Schloss Neu-Augustusburg';

let demo: DemoInBrowser;
let page: Page;

test.beforeAll(async () => {
  demo = await openDemoInBrowser('einlass-e2e-versions-', 'Büro');
  ({ page } = demo);
});

test.afterAll(async () => {
  await demo?.close();
});

const HEADER = 'ID;Vorname;Nachname;E-Mail;Stadtrundgang';
const MORNING = [
  `101;Greta;Vogel;greta.vogel@example.org;`,
  `102;Hannes;Brandt;hannes.brandt@example.org;`,
  `103;Ilse;Kühn;ilse.kuehn@example.org;`,
];
const NOON = [
  ...MORNING,
  `104;Jonas;Pfeiffer;jonas.pfeiffer@example.org;${WALK}`,
  `105;Karla;Seidel;karla.seidel@example.org;${WALK}`,
  `106;Lutz;Engel;lutz.engel@example.org;`,
];

/** The registration system's export of a time of day, saved under the same name as every export (in its own folder). */
function exportOf(when: string, rows: string[]): string {
  const dir = join(demo.dir, when);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'anmeldungen-export.csv');
  writeFileSync(file, `${[HEADER, ...rows].join('\r\n')}\r\n`);
  return file;
}

/** The file chosen on the sync screen, to its dry run: through the mapping the first time, at once after that. */
async function dryRun(file: string, first = false): Promise<void> {
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(file);
  if (first) await page.getByTestId('sync-plan').click();
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  // Every later export has the columns of the first: compared with the list's mapping, which is said.
  await expect(page.getByTestId('sync-mapping-kept')).toHaveCount(first ? 0 : 1);
}

async function apply(): Promise<void> {
  await page.getByTestId('sync-apply').click();
  await expect(page.getByTestId('sync-done')).toBeVisible();
}

test('a list that books a walk beyond its places is said on the dry run; the morning\'s file loaded again is taken for an older one', async () => {
  await dryRun(exportOf('morning', MORNING), true);
  await expect(page.getByTestId('sync-count-added')).toContainText('3');
  await apply();

  // Two more people for the Altstadt walk, which the demo has booked up to its 25 places.
  await dryRun(exportOf('noon', NOON));
  await expect(page.getByTestId('sync-count-added')).toContainText('3');
  await expect(page.getByTestId('sync-problems')).toContainText(
    `„${WALK}“ hat 25 Plätze; mit dieser Liste wären 27 Personen dafür angemeldet (bisher 25).`);
  await page.screenshot({ path: `${SCREENS}/sync-over-capacity.png` });
  await apply();

  // The morning's export chosen again from the downloads folder: the three added at noon would be cancelled.
  await dryRun(exportOf('morning-again', MORNING));
  await expect(page.getByTestId('sync-count-cancelled')).toContainText('3');
  await expect(page.getByTestId('sync-cancel-hint')).toContainText('Ältere Fassung der Liste?');
  await expect(page.getByTestId('sync-older-file')).toHaveText(
    /^Ist das eine ältere Fassung der Liste\? Alle 3 Personen, die mit dem Abgleich von \d\d\.\d\d\.\d{4} \d\d:\d\d Uhr neu dazukamen, fehlen in dieser Datei und würden storniert\./);
  // Said once, in the red box, not again in the list of notes.
  await expect(page.getByText('Ist das eine ältere Fassung der Liste?')).toHaveCount(1);
  // Applied only once the organiser says it is the newest all the same.
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await page.getByTestId('sync-confirm-older').check();
  await expect(page.getByTestId('sync-apply')).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/sync-older-file.png`, fullPage: true });
  await page.getByTestId('sync-discard').click();
  await expect(page.getByTestId('sync-plan-summary')).toHaveCount(0);
});

test('a file that takes back the changes of the last sync is taken for an older one too, in a box of its own', async () => {
  const afternoon = NOON.map((r) => r.replace('greta.vogel@example.org', 'g.vogel@weissenfels.example').replace('hannes.brandt@example.org', 'h.brandt@weissenfels.example'));
  await dryRun(exportOf('afternoon', afternoon));
  await expect(page.getByTestId('sync-count-updated')).toContainText('2');
  await apply();
  // Noon's file again: both new addresses would be taken back, nobody cancelled.
  await dryRun(exportOf('noon-again', NOON));
  await expect(page.getByTestId('sync-count-updated')).toContainText('2');
  await expect(page.getByTestId('sync-cancel-hint')).toHaveCount(0);
  await expect(page.getByTestId('sync-older-file-box')).toContainText('Ältere Fassung der Liste?');
  await expect(page.getByTestId('sync-older-file')).toHaveText(
    /^Ist das eine ältere Fassung der Liste\? Bei 2 der 2 Personen, die der Abgleich von \d\d\.\d\d\.\d{4} \d\d:\d\d Uhr geändert hat, würde diese Datei die Änderung zurücknehmen\./);
  await page.screenshot({ path: `${SCREENS}/sync-older-file-changes.png` });
  // The organiser knows better (a correction in the registration system taken back): ticked, it is applied.
  await expect(page.getByTestId('sync-apply')).toBeDisabled();
  await page.getByTestId('sync-confirm-older').check();
  await apply();
  await expect(page.getByTestId('sync-history').getByRole('row').nth(1)).toContainText('0 neu, 2 geändert');
});

test('a name corrected in the app that the list now spells anew: kept, and the list\'s new word is marked', async () => {
  await page.getByTestId('nav-people').click();
  await page.getByTestId('people-search').fill('Greta Vogel');
  await page.getByText('Greta Vogel').first().click();
  await page.getByTestId('person-edit').click();
  await page.getByTestId('edit-lastName').fill('Vogel-Brandt');
  await page.getByTestId('edit-save').click();
  await expect(page.getByTestId('person-name')).toHaveText('Greta Vogel-Brandt');
  // The registration system now spells her "Vogl": nothing to write, but not "nothing new" either.
  await dryRun(exportOf('evening', NOON.map((r) => r.replace(';Greta;Vogel;', ';Greta;Vogl;'))));
  await expect(page.getByTestId('sync-count-keptLocal')).toContainText('1');
  await expect(page.getByTestId('sync-no-changes')).toHaveText(/^Nichts zu übernehmen – aber die Liste sagt bei 1 Person etwas Neues zu einer Angabe, die in der App geändert wurde/);
  const row = page.getByTestId('sync-changes').getByRole('row').filter({ hasText: 'Vogel-Brandt' });
  await expect(row).toContainText('in der Liste: Vogl');
  await expect(row.getByTestId('sync-change-list-new')).toHaveText('neu in der Liste');
  await page.screenshot({ path: `${SCREENS}/sync-kept-local-list-new.png` });
  // Applied though nothing is written: the history keeps whom it left as corrected, and what the list said.
  await apply();
  const latest = page.getByTestId('sync-history').getByRole('row').nth(1);
  await expect(latest).toContainText('bei 1 davon blieb eine Korrektur aus der App');
  await latest.getByText('Änderungen anzeigen').click();
  const shown = page.getByTestId('sync-run-changes');
  await expect(shown.getByTestId('sync-change-kind')).toHaveText('Lokal beibehalten (1)');
  const kept = shown.getByRole('row').filter({ hasText: 'Vogel-Brandt' });
  await expect(kept).toContainText('in der Liste: Vogl');
  await expect(kept.getByTestId('sync-change-list-new')).toHaveText('neu in der Liste');
  await page.screenshot({ path: `${SCREENS}/sync-history-kept-local.png` });
  await page.keyboard.press('Escape');
  await expect(shown).toHaveCount(0);
});

test('leaving the screen with a dry run not applied asks first; staying keeps it, leaving drops it', async () => {
  await dryRun(exportOf('night', NOON.map((r) => r.replace(';Lutz;Engel;', ';Lutz;Engelhardt;'))));
  await expect(page.getByTestId('sync-count-updated')).toContainText('1');
  await page.getByTestId('nav-frontDesk').click();
  await expect(page.getByRole('dialog')).toContainText('Probelauf noch nicht übernommen');
  await expect(page.getByRole('dialog')).toContainText('Der Probelauf für „anmeldungen-export.csv“ ist noch nicht übernommen.');
  await page.screenshot({ path: `${SCREENS}/sync-leave-question.png` });
  // "Hier bleiben" is the default: Enter keeps the dry run as it was.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('sync-count-updated')).toContainText('1');
  await expect(page.getByTestId('sync-apply')).toBeEnabled();
  // Closing the event asks as well, in its own words; staying keeps the dry run.
  await page.getByRole('button', { name: 'Weitere Funktionen' }).click();
  await page.getByRole('menuitem', { name: 'Veranstaltung schließen' }).click();
  await expect(page.getByRole('dialog')).toContainText('Wenn Sie die Veranstaltung jetzt schließen, wird er verworfen');
  await expect(page.getByTestId('leave-discard')).toHaveText('Verwerfen und schließen');
  await page.getByTestId('leave-stay').click();
  await expect(page.getByTestId('sync-apply')).toBeEnabled();
  // Left all the same: the front desk, and the list as it was (nothing applied; the wizard is not open any more).
  await page.getByTestId('nav-people').click();
  await page.getByTestId('leave-discard').click();
  await expect(page.getByTestId('people-search')).toBeVisible();
  await page.getByTestId('people-search').fill('Lutz');
  await expect(page.getByText('Lutz Engel', { exact: true })).toBeVisible();
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-plan-summary')).toHaveCount(0);
  await expect(page.getByTestId('sync-start')).toBeVisible();
  // Nothing to lose on the screen's first step: no question.
  await page.getByTestId('sync-start').click();
  await page.getByTestId('nav-frontDesk').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('nav-frontDesk')).toHaveAttribute('aria-current', 'page');
});

test('a file only alike in its columns is offered as a new list; another sheet of a workbook is matched anew', async () => {
  // Another list's export (the speakers), in the same layout: none of its people is in the list.
  const speakers = ['201;Paula;Redner;paula.redner@example.org;', '202;Quirin;Vortrag;quirin.vortrag@example.org;'];
  writeFileSync(join(demo.dir, 'referierende.csv'), `${[HEADER, ...speakers].join('\r\n')}\r\n`);
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(join(demo.dir, 'referierende.csv'));
  await expect(page.getByTestId('sync-source-select')).toHaveValue('Neue Anmeldeliste');
  await page.getByTestId('sync-mapping-back').click();
  await page.getByTestId('sync-close').click();

  // Chosen as the list's new version from its card all the same: said to be another list's file, with the way out.
  const card = (label: string) => page.getByTestId('sync-source').filter({ has: page.getByTestId('sync-source-label').getByText(label, { exact: true }) });
  await card('anmeldungen-export.csv').getByTestId('sync-load-version').click();
  await page.getByTestId('sync-file').setInputFiles(join(demo.dir, 'referierende.csv'));
  await expect(page.getByTestId('sync-none-of-list')).toContainText('Keine Person dieser Datei steht in der Anmeldeliste „anmeldungen-export.csv“.');
  await expect(page.getByTestId('sync-older-file')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/sync-none-of-list.png` });
  await page.getByTestId('sync-as-new-list').click();
  await expect(page.getByTestId('sync-none-of-list')).toHaveCount(0);
  await expect(page.getByTestId('sync-count-added')).toContainText('2');
  await expect(page.getByTestId('sync-count-cancelled')).toContainText('0');
  await expect(page.getByTestId('sync-plan-subtitle')).toContainText('„referierende.csv“');
  await page.getByTestId('sync-discard').click();
  await page.getByTestId('sync-start').click();

  // A workbook: the list's people on the first sheet (offered as the list's new version), a waiting list on the other.
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of [['Anmeldungen', NOON], ['Warteliste', ['301;Rita;Warte;rita.warte@example.org;', '302;Sven;Hoffnung;sven.hoffnung@example.org;']]] as const) {
    const ws = wb.addWorksheet(name);
    for (const r of [HEADER, ...rows]) ws.addRow(r.split(';'));
  }
  const book = join(demo.dir, 'tagung.xlsx');
  writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
  await page.getByTestId('sync-file').setInputFiles(book);
  await expect(page.getByTestId('sync-sheet')).toHaveValue('Anmeldungen');
  await expect(page.getByTestId('sync-source-select')).toHaveValue('anmeldungen-export.csv');
  await page.getByTestId('sync-sheet').click();
  await page.getByRole('option', { name: 'Warteliste' }).click();
  await expect(page.getByTestId('sync-sheet')).toHaveValue('Warteliste');
  await expect(page.getByTestId('sync-source-select')).toHaveValue('Neue Anmeldeliste');
  await page.getByTestId('sync-plan').click();
  await expect(page.getByTestId('sync-count-added')).toContainText('2');
  await expect(page.getByTestId('sync-count-cancelled')).toContainText('0');
  await expect(page.getByTestId('sync-plan-subtitle')).toContainText('· Tabellenblatt „Warteliste“');
  await page.screenshot({ path: `${SCREENS}/sync-other-sheet-new-list.png` });
  await apply();
  // The waiting list's next version, from its card: read from its sheet again, not from the workbook's first.
  await expect(card('tagung.xlsx').getByTestId('sync-source-sheet')).toHaveText('Tabellenblatt „Warteliste“');
  await page.screenshot({ path: `${SCREENS}/sync-card-sheet.png` });
  await card('tagung.xlsx').getByTestId('sync-load-version').click();
  await page.getByTestId('sync-file').setInputFiles(book);
  await expect(page.getByTestId('sync-plan-summary')).toBeVisible();
  await expect(page.getByTestId('sync-plan-subtitle')).toContainText('· Tabellenblatt „Warteliste“');
  await expect(page.getByTestId('sync-count-unchanged')).toContainText('2');
  await expect(page.getByTestId('sync-count-cancelled')).toContainText('0');
  await page.getByTestId('sync-discard').click();
});

test('a cell too long says what to do; with its column set to "Nicht übernehmen" the message goes at once', async () => {
  const notes = `Bitte vegetarisch. ${'Sehr lange Anmerkung. '.repeat(1000)}`;
  const file = join(demo.dir, 'anmerkungen.csv');
  writeFileSync(file, `ID;Vorname;Nachname;Anmerkungen\r\n401;Tilo;Lang;"${notes}"\r\n402;Ute;Kurz;keine\r\n`);
  await page.getByTestId('nav-sync').click();
  await page.getByTestId('sync-start').click();
  await page.getByTestId('sync-file').setInputFiles(file);
  const problems = page.getByTestId('sync-problems');
  await expect(problems).toContainText('Die Zelle ist 22.019 Zeichen lang (höchstens 10.000). Bitte in der Datei kürzen – oder die Spalte auf „Nicht übernehmen“ stellen, wenn sie nicht gebraucht wird.');
  await page.getByTestId('map-3').click();
  await page.getByRole('option', { name: 'Nicht übernehmen' }).click();
  await expect(problems).toHaveCount(0);
  await page.getByTestId('sync-plan').click();
  await expect(page.getByTestId('sync-count-added')).toContainText('2');
  await expect(page.getByTestId('sync-apply')).toBeEnabled();
  await page.getByTestId('sync-discard').click();
});
