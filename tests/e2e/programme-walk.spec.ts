import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { buildDemoEvent } from '../../electron/core/demo/demo-event';
import { DEMO_FILE_NAME } from '../../electron/core/event/demo';
import { tempDir } from '../helpers/event-fixture';
import { pdfText } from '../helpers/pdf-tools';
import { launchWithCamera } from './support/browser';
import { recordResults } from './support/result-recorder';
import { startStation, type RunningStation } from './support/station';
import { writeCameraVideo } from './support/videos';

const SCREENS = 'test-results/screens';
const demo = buildDemoEvent();
const people = demo.registrations.filter((r) => r.status === 'registered' && r.choices.length === 0 && r.notes === null);
const [a, b, c, joiner] = people;
const name = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`;

async function addToRoster(page: Page, person: { firstName: string; lastName: string }) {
  await page.getByTestId('roster-add').click();
  await page.getByTestId('search-input').fill(`${person.firstName} ${person.lastName}`);
  await page.getByTestId('search-hit').filter({ hasText: name(person) }).first().click();
}

test('walk guide mode: set up a walk, mark people present, add a joiner, undo, survive a killed station', async () => {
  const dir = tempDir('einlass-e2e-walk-');
  const file = join(dir.dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file, '--station', 'Rundgang Saale']);
  let station: RunningStation = await startStation(['--event', file]);
  const browser = await launchWithCamera(writeCameraVideo(dir.dir, 'empty', [{ code: null, seconds: 1 }]));
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    await page.goto(station.openUrl);

    // Set up the walk in the programme editor.
    await page.getByTestId('nav-programme').click();
    await page.getByTestId('programme-add').click();
    await page.getByTestId('item-kind').click();
    await page.getByRole('option', { name: 'Stadtrundgang' }).click();
    await page.getByTestId('item-name').fill('Stadtrundgang: Saaleufer und Marktplatz');
    await page.getByTestId('item-startsAt').fill('14:00');
    await page.getByTestId('item-endsAt').fill('15:30');
    await page.getByTestId('item-location').fill('Treffpunkt Marktplatz, Rathaus');
    await page.getByTestId('item-host').fill('Sabine Förster');
    await page.getByTestId('item-capacity').fill('12');
    await page.screenshot({ path: `${SCREENS}/programme-item-form.png` });
    await page.getByTestId('item-save').click();
    await expect(page.getByTestId('programme-row').filter({ hasText: 'Saaleufer' })).toContainText('12');
    await page.screenshot({ path: `${SCREENS}/programme.png` });

    // Guide mode: assign three people (joined on the spot), then the guide ticks and unticks.
    await page.getByTestId('nav-roster').click();
    await page.getByTestId('roster-list').click();
    await page.getByRole('option', { name: /Saaleufer/ }).click();
    await expect(page.getByText('Für diesen Punkt ist noch niemand eingetragen.')).toBeVisible();
    for (const p of [a!, b!, c!]) {
      await addToRoster(page, p);
      await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
      await page.getByTestId('result-next').click();
    }
    await expect(page.getByTestId('roster-counter')).toHaveAttribute('data-present', '3');
    await expect(page.getByTestId('places-left')).toHaveText('noch 9 Plätze frei');

    // Untick one (with confirmation), tick them again by tap, untick another for good.
    const card = (p: { firstName: string; lastName: string }) => page.getByTestId('roster-card').filter({ hasText: name(p) });
    await card(b!).click();
    await page.getByTestId('roster-undo-confirm').click();
    await expect(card(b!)).toHaveAttribute('data-present', 'false');
    await card(b!).click();
    await expect(card(b!)).toHaveAttribute('data-present', 'true');
    await card(c!).click();
    await page.getByTestId('roster-undo-confirm').click();
    await expect(card(c!)).toHaveAttribute('data-present', 'false');

    // A joiner found by search.
    await addToRoster(page, joiner!);
    await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
    await page.getByTestId('result-next').click();
    await expect(card(joiner!)).toContainText('vor Ort dazugekommen');
    await expect(page.getByTestId('roster-counter')).toHaveAttribute('data-present', '3');
    await page.screenshot({ path: `${SCREENS}/roster.png` });

    // The station is killed (no shutdown at all) and started again: the same state.
    await station.stop('SIGKILL');
    station = await startStation(['--event', file]);
    await page.goto(station.openUrl);
    await page.getByTestId('nav-roster').click();
    // A new station process listens on a new port: a new origin, so the page's remembered choice is gone.
    await page.getByTestId('roster-list').click();
    await page.getByRole('option', { name: /Saaleufer/ }).click();
    await expect(page.getByTestId('roster-counter')).toHaveAttribute('data-present', '3');
    for (const [p, present] of [[a, 'true'], [b, 'true'], [c, 'false'], [joiner, 'true']] as const) {
      await expect(card(p!)).toHaveAttribute('data-present', present);
    }

    const db = new Database(file, { readonly: true });
    const types = db
      .prepare(`SELECT c.type FROM check_ins c JOIN check_in_lists l ON l.id = c.list_id WHERE l.name LIKE '%Saaleufer%' ORDER BY c.scanned_at, c.rowid`)
      .all()
      .map((r) => (r as { type: string }).type);
    db.close();
    expect(types).toEqual(['entry', 'entry', 'entry', 'undo', 'entry', 'undo', 'entry']);

    // The printed roster: a PDF download with the walk, its people, ticks for those present.
    const downloading = page.waitForEvent('download');
    await page.getByTestId('roster-print').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^Teilnahmeliste-.*Saaleufer.*\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Stadtrundgang: Saaleufer und Marktplatz');
    expect(text).toContain('Führung: Sabine Förster');
    for (const p of [a!, b!, c!, joiner!]) expect(text).toContain(`${p.lastName}, ${p.firstName}`);
    expect(text).toContain('4 Personen auf der Liste · 12 Plätze · 3 beim Druck anwesend');
    expect((text.match(/☑/g) ?? []).length).toBe(3);
    writeFileSync(`${SCREENS}/roster.pdf`, pdf);

    // The organiser's overview shows the walk's column.
    await page.getByTestId('nav-attendance').click();
    await expect(page.getByTestId('attendance-matrix')).toContainText('Saaleufer');
    await page.screenshot({ path: `${SCREENS}/attendance.png` });
  } finally {
    await browser.close();
    await station.stop();
    dir.cleanup();
  }
});

test('session scanning with the camera on a walk roster; a person not on the list is refused', async () => {
  const dir = tempDir('einlass-e2e-session-');
  const file = join(dir.dir, DEMO_FILE_NAME);
  execFileSync('npx', ['tsx', 'electron/cli/main.ts', 'demo', '--event', file]);
  const walk = 'walk-altstadt';
  const onWalk = demo.registrations.find((r) => r.status === 'registered' && r.choices.includes(walk))!;
  const notOnWalk = demo.registrations.find((r) => r.status === 'registered' && !r.choices.some((k) => k.startsWith('walk-')))!;
  const station = await startStation(['--event', file]);
  const browser = await launchWithCamera(
    writeCameraVideo(dir.dir, 'walk', [{ code: null, seconds: 1 }, { code: onWalk.code, seconds: 1.5 }, { code: null, seconds: 2 }, { code: notOnWalk.code, seconds: 1.5 }, { code: null, seconds: 8 }]),
  );
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' });
    const seen = await recordResults(page);
    await page.goto(station.openUrl);
    await page.getByTestId('nav-roster').click();
    await page.getByTestId('roster-list').click();
    await page.getByRole('option', { name: /Altstadt und Schloss/ }).click();
    await page.getByRole('switch', { name: 'Kamera' }).check({ force: true });
    await expect.poll(() => seen, { timeout: 30_000 }).toEqual(expect.arrayContaining([`admitted:${name(onWalk)}`, `refused:${name(notOnWalk)}`]));
    await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'refused', { timeout: 20_000 });
    await expect(page.getByTestId('scan-result')).toContainText('nicht angemeldet');
    // The guide is out in town: no desk to send them to, but what can be done on the walk.
    await expect(page.getByTestId('scan-result')).toContainText('Wenn Platz ist, mit „Trotzdem einlassen …“ mitnehmen.');
    await expect(page.getByTestId('scan-result')).not.toContainText('Tagungsleitung');
    await page.screenshot({ path: `${SCREENS}/roster-refused.png` });
    await page.getByTestId('result-next').click();
    await expect(page.getByTestId('roster-card').filter({ hasText: name(onWalk) })).toHaveAttribute('data-present', 'true');

    // The walk is overbooked for the no-shows: its free places count the people present, and the guide sees how many
    // booked people are still missing, and is told before taking in a joiner that one of them may lose their place.
    const booked = demo.registrations.filter((r) => r.status === 'registered' && r.choices.includes(walk)).length;
    const capacity = demo.programme.find((i) => i.key === walk)!.capacity!;
    expect(booked).toBeGreaterThanOrEqual(capacity);
    // Opened again, without the camera (whose looping video would show its results over the roster).
    await page.goto(station.openUrl);
    await page.getByTestId('nav-roster').click();
    await expect(page.getByTestId('roster-list')).toHaveValue(/Altstadt und Schloss/);
    await expect(page.getByTestId('places-left')).toHaveText(`noch ${capacity - 1} Plätze frei`);
    await expect(page.getByTestId('roster-missing')).toHaveText(`${booked - 1} Angemeldete fehlen noch`);
    await page.screenshot({ path: `${SCREENS}/roster-missing.png` });
    await page.getByTestId('roster-add').click();
    await expect(page.getByTestId('roster-reserved')).toHaveText(
      `Noch ${booked - 1} Angemeldete fehlen, und nur ${capacity - 1} Plätze sind frei: Wer jetzt ohne Anmeldung dazukommt, nimmt vielleicht einer angemeldeten Person den Platz. Im Zweifel bis zum Beginn warten.`,
    );
    await page.screenshot({ path: `${SCREENS}/roster-add-reserved.png` });
    // Someone booked here already is marked so (a tap checks them in, as on the roster).
    const bookedHere = demo.registrations.find((r) => r.status === 'registered' && r.choices.includes(walk) && r.code !== onWalk.code
      && demo.registrations.filter((x) => name(x) === name(r)).length === 1)!;
    await page.getByTestId('search-input').fill(name(bookedHere));
    await expect(page.getByTestId('search-hit').filter({ hasText: name(bookedHere) }).getByTestId('search-hit-booked')).toHaveText('angemeldet');
    await expect(page.getByTestId('search-hit-same-time')).toHaveCount(0);
    // Someone booked on the walk at the same time comes here instead: moved, so the other guide does not wait.
    const elsewhere = demo.registrations.find((r) => r.status === 'registered' && r.choices.includes('walk-industrie')
      && demo.registrations.filter((x) => name(x) === name(r)).length === 1)!;
    await page.getByTestId('search-input').fill(name(elsewhere));
    // Said on the hit, before the guide taps it.
    const hit = page.getByTestId('search-hit').filter({ hasText: name(elsewhere) }).first();
    await expect(hit.getByTestId('search-hit-same-time')).toHaveText(
      'Wird hierher umgebucht – zur selben Zeit angemeldet für „Stadtrundgang: Strukturwandel – von der Schuhstadt zum Logistikstandort“');
    await expect(hit.getByTestId('search-hit-booked')).toHaveCount(0);
    await page.screenshot({ path: `${SCREENS}/roster-add-same-time.png` });
    await hit.click();
    await expect(page.getByTestId('scan-result')).toHaveAttribute('data-status', 'admitted');
    await expect(page.getByTestId('scan-result-moved')).toHaveText(
      'Von „Stadtrundgang: Strukturwandel – von der Schuhstadt zum Logistikstandort“ (zur selben Zeit) hierher umgebucht: Dort wird nicht mehr auf die Person gewartet.');
    await page.screenshot({ path: `${SCREENS}/roster-moved-from-parallel-walk.png` });
    await page.getByTestId('result-next').click();
    await expect(page.getByTestId('roster-card').filter({ hasText: name(elsewhere) })).toContainText('umgebucht');
    // Picked by mistake: the untick says the move goes back with it, and the person leaves this roster.
    await page.getByTestId('roster-card').filter({ hasText: name(elsewhere) }).click();
    await expect(page.getByTestId('roster-undo-moved-back')).toHaveText(
      'Die Umbuchung aus „Stadtrundgang: Strukturwandel – von der Schuhstadt zum Logistikstandort“ wird mit zurückgenommen: Die Person ist dann wieder dort eingetragen, wofür sie angemeldet ist.');
    await page.screenshot({ path: `${SCREENS}/roster-undo-moved-back.png` });
    await page.getByTestId('roster-undo-confirm').click();
    await expect(page.getByTestId('roster-card').filter({ hasText: name(elsewhere) })).toHaveCount(0);
    await expect(page.getByTestId('places-left')).toHaveText(`noch ${capacity - 1} Plätze frei`);
  } finally {
    await browser.close();
    await station.stop();
    dir.cleanup();
  }
});
