import { describe, expect, it } from 'vitest';
import { listListsWithCounts } from '../../db/queries/lists';
import { applyProgramme, readProgramme } from '../../electron/core/programme/programme-import';
import { readTable } from '../../electron/core/tabular/read-table';
import { smallEvent } from '../helpers/event-fixture';

const csv = (text: string) => readTable(new TextEncoder().encode(`\uFEFF${text}`), 'programm.csv');

describe('programme import', () => {
  it('reads German columns, dates, times and kinds, with problems by line and column', async () => {
    const table = await csv(
      [
        'Titel;Art;Datum;Beginn;Ende;Ort;Plätze;Leitung',
        'Fachforum Migration;Forum;18.10.2023;13:30;15:00 Uhr;Raum 2;40;Dr. Özlem Yılmaz',
        'Stadtrundgang Altstadt;Stadtrundgang;Tag 1;16.00;1730;Marktplatz;25;Gudrun Pfeiffer',
        ';Forum;18.10.2023;;;;;',
        'Abschluss;Plenum;32.10.2023;25:00;;Saal;viele;',
      ].join('\r\n'),
    );
    const { items, problems } = readProgramme(table, ['2023-10-18', '2023-10-19']);
    expect(items.map((i) => [i.name, i.kind, i.day, i.startsAt, i.endsAt, i.capacity])).toEqual([
      ['Fachforum Migration', 'session', '2023-10-18', '13:30', '15:00', 40],
      ['Stadtrundgang Altstadt', 'walk', '2023-10-18', '16:00', '17:30', 25],
    ]);
    expect(items[0]!.host).toBe('Dr. Özlem Yılmaz');
    expect(problems).toEqual([
      { line: 4, column: 'Titel', code: 'missingTitle', value: undefined },
      { line: 5, column: 'Datum', code: 'unknownDay', value: '32.10.2023' },
      { line: 5, column: 'Beginn', code: 'badTime', value: '25:00' },
      { line: 5, column: 'Plätze', code: 'badCapacity', value: 'viele' },
    ]);
  });

  it('says when no title column is there', async () => {
    const { items, problems } = readProgramme(await csv('Foo;Bar\n1;2'), []);
    expect(items).toEqual([]);
    expect(problems).toEqual([{ line: null, column: null, code: 'noTitleColumn' }]);
  });

  it('plans, then adds new items and updates changed ones by title and day; rules and assignments stay', async () => {
    const { db, ports } = smallEvent();
    db.prepare("UPDATE check_in_lists SET day_id = (SELECT id FROM days WHERE date = '2023-10-18'), entry_exit = 1 WHERE id = 'walk-1'").run();
    const table = await csv('Title,Type,Date,Start,End,Room,Capacity\nStadtrundgang Altstadt,walk,2023-10-18,16:00,17:30,Marktplatz,30\nPodium,panel,2023-10-19,10:00,11:00,Saal,\n');
    const { items } = readProgramme(table, ['2023-10-18', '2023-10-19']);
    const planned = applyProgramme(db, ports, items, false);
    expect(planned.map((p) => [p.item.name, p.action])).toEqual([['Stadtrundgang Altstadt', 'update'], ['Podium', 'add']]);
    expect(listListsWithCounts(db).filter((l) => l.kind !== 'entrance')).toHaveLength(1);
    applyProgramme(db, ports, items, true);
    const lists = listListsWithCounts(db).filter((l) => l.kind !== 'entrance');
    expect(lists.map((l) => [l.name, l.kind, l.day, l.capacity, l.location, l.entryExit, l.admission])).toEqual([
      ['Stadtrundgang Altstadt', 'walk', '2023-10-18', 30, 'Marktplatz', true, 'assigned'],
      ['Podium', 'session', '2023-10-19', null, 'Saal', false, 'all'],
    ]);
    expect(db.prepare("SELECT count(*) AS n FROM assignments WHERE list_id = 'walk-1'").get()).toEqual({ n: 1 });
    expect(applyProgramme(db, ports, items, false).map((p) => p.action)).toEqual(['unchanged', 'unchanged']);
  });
});
