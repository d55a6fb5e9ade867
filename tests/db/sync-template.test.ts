import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openEventFile } from '../../db/open';
import { insertList } from '../../db/queries/lists';
import { writeNewEvent } from '../../electron/core/event/new-event';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { exportTranslator } from '../../electron/core/reports/translator';
import { applyPlan } from '../../electron/core/sync/apply';
import { planSync } from '../../electron/core/sync/plan';
import { sourceMapping } from '../../electron/core/sync/sync-service';
import { registrationTemplate } from '../../electron/core/sync/template';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventWithProgramme } from '../helpers/event-fixture';
import { tableError } from '../helpers/table-error';

// The Excel template for a list kept by hand: made for this event's programme, filled in as an organiser does, and
// loaded again without a single choice in the mapping.

function setup() {
  const f = eventWithProgramme([
    ['f1', 'session', 'Fachforum 1: Migration und Inklusion', 1], ['f2', 'session', 'Fachforum 2: Strukturwandel', 2],
    ['w2', 'walk', 'Stadtrundgang: Engagement im Quartier', 6],
  ]);
  // The keynote is open to everyone: no column to tick.
  insertList(f.db, { id: 'k1', kind: 'session', name: 'Keynote', admission: 'all', position: 0, createdAt: f.clock.now().toISOString() });
  return f;
}

const COLUMNS = [
  'Nr.', 'Vorname', 'Nachname', 'E-Mail', 'Organisation', 'Ort', 'Bundesland', 'Bereich', 'Rolle', 'Anmerkungen',
  'Teilnahme 18.10.2023', 'Teilnahme 19.10.2023',
  'Fachforum 1: Migration und Inklusion', 'Fachforum 2: Strukturwandel', 'Stadtrundgang Altstadt', 'Stadtrundgang: Engagement im Quartier',
  'Storniert',
];

async function filledIn(template: Buffer, rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Anmeldungen')!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the registration list template', () => {
  it("has the recognised columns, one to tick per day, per session with registration and per walk, and a sheet of hints", async () => {
    const f = setup();
    const { bytes, columns } = await registrationTemplate(f.db, await exportTranslator());
    expect(columns).toEqual(COLUMNS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Anmeldungen', 'Hinweise']);
    const ws = wb.getWorksheet('Anmeldungen')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS);
    expect(ws.rowCount).toBe(1);
    // What goes in: a note on each header, a choice of "x" in the columns to tick, the federal states in theirs.
    expect(String(ws.getCell('A1').note)).toContain('nie ändern');
    expect(ws.getCell('K500').dataValidation).toMatchObject({ type: 'list', formulae: ['"x"'] });
    expect(ws.getCell('G2').dataValidation.formulae?.[0]).toContain('Sachsen-Anhalt');
    const hints = wb.getWorksheet('Hinweise')!;
    const texts = hints.getSheetValues().flat().filter((v): v is string => typeof v === 'string');
    expect(texts).toContain('Stadtrundgang: Engagement im Quartier');
    expect(texts.join('\n')).toContain('„Nr.“: eine feste Nummer je Person');
  });

  it('filled in, it is read with every column mapped and each mark meaning what its column says; the hints are no people', async () => {
    const f = setup();
    const { bytes } = await registrationTemplate(f.db, await exportTranslator());
    // Nothing filled in yet: said as a list without people, not read from the hints sheet.
    expect((await tableError(readTable(bytes, 'Vorlage.xlsx'))).code).toBe('headerOnly');
    const filled = await filledIn(bytes, [
      [1, 'Anna', 'Schmidt', 'anna@example.org', 'Stadt Weißenfels', 'Weißenfels', 'Sachsen-Anhalt', 'Verwaltung', null, 'Rollstuhl', null, 'x', 'x', null, null, 'x', null],
      [2, 'Bernd', 'Müller', null, 'Burgenlandkreis', 'Naumburg (Saale)', 'Sachsen-Anhalt', null, 'Presse', null, null, null, null, null, null, null, null],
      [3, 'Clara', 'Fuchs', null, 'Universität Leipzig', 'Leipzig', 'Sachsen', 'Wissenschaft', null, null, 'x', 'x', null, 'x', 'x', null, 'x'],
    ]);
    const table = await readTable(filled, 'Vorlage.xlsx');
    expect(table.sheet).toBe('Anmeldungen');
    expect(table.problems).toEqual([]);
    const mapping = sourceMapping(f.db, table.headers, null);
    expect(Object.entries(mapping).filter(([, target]) => target === 'extra' || target === 'ignore')).toEqual([]);
    const plan = await planSync(f.db, { table, mapping, sourceId: 'src', ids: f.ids });
    expect(plan.problems.items).toEqual([]);
    expect(plan.counts).toMatchObject({ added: 3, cancelled: 0 });
    const at = f.clock.now().toISOString();
    applyPlan(f.db, {
      plan, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
      source: { id: 'src', kind: 'file', label: 'Vorlage.xlsx', location: 'Vorlage.xlsx', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
    });
    const people = f.db.prepare(
      `SELECT r.source_id AS nr, r.status, r.days, r.federal_state AS state, r.role, r.notes, r.extra,
              (SELECT group_concat(list_id, ' ') FROM (SELECT list_id FROM assignments a WHERE a.registration_id = r.id ORDER BY list_id)) AS lists
       FROM registrations r WHERE r.sync_source_id = 'src' ORDER BY r.source_id`,
    ).all();
    expect(people).toEqual([
      { nr: '1', status: 'registered', days: '["2023-10-19"]', state: 'Sachsen-Anhalt', role: null, notes: 'Rollstuhl', extra: '{}', lists: 'f1 w2' },
      { nr: '2', status: 'registered', days: '[]', state: 'Sachsen-Anhalt', role: 'Presse', notes: null, extra: '{}', lists: null },
      { nr: '3', status: 'cancelled', days: '["2023-10-18","2023-10-19"]', state: 'Sachsen', role: null, notes: null, extra: '{}', lists: 'f2 walk-1' },
    ]);
  });

  it('a session or walk named just "Workshop" or "Stadtrundgang" is its own column, the word in its header meaning it', async () => {
    const f = eventWithProgramme([['ws', 'session', 'Workshop', 1], ['sr', 'walk', 'Stadtrundgang', 2]]);
    const { bytes, columns } = await registrationTemplate(f.db, await exportTranslator());
    expect(columns).toEqual(expect.arrayContaining(['Workshop', 'Stadtrundgang']));
    const row = (nr: number, name: string, ticks: Record<string, string>) => columns.map((c) => (c === 'Nr.' ? nr : c === 'Nachname' ? name : ticks[c] ?? null));
    const filled = await filledIn(bytes, [row(1, 'Schmidt', { Workshop: 'x', Stadtrundgang: 'x' }), row(2, 'Müller', { Stadtrundgang: 'x' })]);
    const table = await readTable(filled, 'Vorlage.xlsx');
    const mapping = sourceMapping(f.db, table.headers, null);
    expect(mapping).toMatchObject({ Workshop: 'sessions', Stadtrundgang: 'walks' });
    const plan = await planSync(f.db, { table, mapping, sourceId: 'src', ids: f.ids });
    expect(plan.problems.items).toEqual([]);
    const at = f.clock.now().toISOString();
    applyPlan(f.db, {
      plan, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
      source: { id: 'src', kind: 'file', label: 'Vorlage.xlsx', location: 'Vorlage.xlsx', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
    });
    expect(f.db.prepare(
      `SELECT r.last_name AS name, (SELECT group_concat(list_id, ' ') FROM (SELECT list_id FROM assignments a WHERE a.registration_id = r.id ORDER BY list_id)) AS lists
       FROM registrations r WHERE r.sync_source_id = 'src' ORDER BY r.source_id`,
    ).all()).toEqual([{ name: 'Schmidt', lists: 'sr ws' }, { name: 'Müller', lists: 'sr' }]);
  });

  it('an event of one day has no day to tick; one without programme only the person columns', async () => {
    const db = openEventFile(':memory:');
    writeNewEvent(db, { clock: fixedClock('2023-10-18T07:30:00.000Z', 1000), ids: sequentialIds() }, { name: 'Eintägig', startsOn: '2023-10-18', endsOn: '2023-10-18' }, 'Einlass 1');
    const { columns } = await registrationTemplate(db, await exportTranslator());
    expect(columns).toEqual(['Nr.', 'Vorname', 'Nachname', 'E-Mail', 'Organisation', 'Ort', 'Bundesland', 'Bereich', 'Rolle', 'Anmerkungen', 'Storniert']);
  });
});
