import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { planSync, type SyncPlan } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventWithProgramme } from '../helpers/event-fixture';

/**
 * The days column of a list as form tools and spreadsheets write it (QA walkthrough qa13, A3 and B3): two days in
 * one cell joined by „und“, „+“, „&“ or a space were read as the first day only, without a word; a date Excel keeps
 * as a number (45217) was no day. The event is Wednesday 18 and Thursday 19 October 2023.
 */

type Fixture = ReturnType<typeof eventWithProgramme>;

async function syncTable(f: Fixture, file: Buffer, name: string): Promise<SyncPlan> {
  const table = await readTable(file, name);
  const mapping = mergeMapping(table.headers, null);
  const p = await planSync(f.db, { table, mapping, sourceId: 'src-1', ids: f.ids });
  const at = f.clock.now().toISOString();
  applyPlan(f.db, {
    plan: p, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: {
      id: 'src-1', kind: 'file', label: name, location: name, options: '{}', mapping: JSON.stringify(mapping), intervalMinutes: null, lastRunId: null, createdAt: at,
    },
  });
  return p;
}

const daysOf = (f: Fixture) => Object.fromEntries(
  (f.db.prepare('SELECT source_id AS id, days FROM registrations WHERE sync_source_id IS NOT NULL ORDER BY 1').all() as { id: string; days: string }[])
    .map((r) => [r.id, JSON.parse(r.days) as string[]]),
);

const both = ['2023-10-18', '2023-10-19'];

describe('sync: the days of a person, as lists write them', () => {
  it('two days in one cell, joined in any way a form tool or a person writes them, are both days', async () => {
    const f = eventWithProgramme([]);
    const cells = [
      '18.10.2023 und 19.10.2023', '18.10. und 19.10.', '2023-10-18 2023-10-19', '19.10.2023 & 18.10.2023', '18.10.2023 + 19.10.2023',
      '18./19.10.2023', 'Mittwoch und Donnerstag', 'Mi, 18.10.', '2023-10-18T09:00:00Z', '18.10.2023 (nur vormittags)', '18.-19.10.2023',
    ];
    const csv = ['ID;Vorname;Nachname;Tage', ...cells.map((c, i) => `${i + 1};P${i + 1};Test;${c}`)].join('\r\n');
    const p = await syncTable(f, Buffer.from(`${csv}\r\n`), 'tage.csv');
    expect(daysOf(f)).toEqual({
      1: both, 2: both, 3: both, 4: both, 5: both, 6: both, 7: both,
      8: ['2023-10-18'], 9: ['2023-10-18'], 10: ['2023-10-18'], 11: both,
    });
    // Nothing left out without a word: what is no day is said, with its line and column, in the text it was in.
    expect(p.problems.sorted().map((x) => [x.code, x.line, x.column, x.params])).toEqual([
      ['unreadableDate', 11, 'Tage', { value: '(nur vormittags)', within: '18.10.2023 (nur vormittags)', context: 'within' }],
    ]);
  });

  it('a date Excel keeps as a number (a workbook cell without a date format, or its CSV) is that day', async () => {
    const f = eventWithProgramme([]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Anmeldungen');
    ws.addRow(['ID', 'Vorname', 'Nachname', 'Tage']);
    ws.addRow(['1', 'Anna', 'Schmidt', 45217]);
    ws.addRow(['2', 'Bernd', 'Becker', '45218']);
    ws.addRow(['3', 'Clara', 'Fuchs', new Date(Date.UTC(2023, 9, 19))]);
    ws.addRow(['4', 'Dora', 'Datum', '45217; 45218']);
    ws.addRow(['5', 'Emil', 'Eins', 12345]);
    const p = await syncTable(f, Buffer.from(await wb.xlsx.writeBuffer()), 'tage.xlsx');
    expect(daysOf(f)).toEqual({ 1: ['2023-10-18'], 2: ['2023-10-19'], 3: ['2023-10-19'], 4: both, 5: [] });
    expect(p.problems.sorted().map((x) => [x.code, x.line, x.params])).toEqual([['unreadableDate', 6, { value: '12345' }]]);
  });
});
