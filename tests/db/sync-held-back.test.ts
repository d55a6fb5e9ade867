import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { heldBack, withoutHeldBack } from '../../electron/core/sync/held-back';
import { planSync, type SyncPlan } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventWithProgramme } from '../helpers/event-fixture';

// What a periodic check of a URL list applies on its own when part of the list waits for an organiser.
const HEADER = 'ID;Vorname;Nachname;E-Mail;Status;Workshop;Stadtrundgang';

function setup() {
  return eventWithProgramme([['ws-a', 'session', 'Workshop A', 1], ['walk-2', 'walk', 'Stadtrundgang Neustadt', 6]]);
}
type Fixture = ReturnType<typeof setup>;

async function plan(f: Fixture, rows: string[]): Promise<SyncPlan> {
  const table = await readTable(Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`), 'liste.csv');
  return planSync(f.db, { table, mapping: mergeMapping(table.headers, null), sourceId: 'src-1', ids: f.ids });
}

function apply(f: Fixture, p: SyncPlan): void {
  const at = f.clock.now().toISOString();
  applyPlan(f.db, {
    plan: p, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: {
      id: 'src-1', kind: 'url', label: 'liste', location: 'http://example.org/liste.csv', options: '{}',
      mapping: JSON.stringify(mergeMapping(HEADER.split(';'), null)), intervalMinutes: 5, lastRunId: null, createdAt: at,
    },
  });
}

const people = (f: Fixture) => (f.db.prepare(
  `SELECT r.source_id AS id, r.first_name AS name, r.status, (SELECT group_concat(list_id) FROM assignments a WHERE a.registration_id = r.id) AS lists
   FROM registrations r WHERE r.sync_source_id = 'src-1' ORDER BY r.source_id`).all() as { id: string; name: string; status: string; lists: string | null }[])
  .map((r) => `${r.id} ${r.name} ${r.status} ${r.lists ?? '-'}`);

describe('the part of a re-sync a periodic check applies on its own', () => {
  it('leaves out the people it would cancel, a new row with a warning, and walks and sessions of either', async () => {
    const f = setup();
    apply(f, await plan(f, [
      '1;Anna;Schmidt;anna@example.org;bezahlt;Workshop A;Neustadt',
      '2;Bernd;Becker;bernd@example.org;bezahlt;;',
      '3;Clara;Fuchs;clara@example.org;bezahlt;;',
    ]));
    const p = await plan(f, [
      // Anna cancels (and leaves her workshop), Bernd is gone, Clara joins the walk.
      '1;Anna;Schmidt;anna@example.org;storniert;;',
      '3;Clara;Fuchs;clara@example.org;bezahlt;;Neustadt',
      // New: Dora with an address that is none (waits, with her workshop), Emil (loaded, with his).
      '4;Dora;Datum;dora(at)example.org;bezahlt;Workshop A;',
      '5;Emil;Engel;emil@example.org;bezahlt;Workshop A;Neustadt',
    ]);
    const held = heldBack(p, new Set());
    expect(held.all).toBe(false);
    expect(held.lines).toEqual(new Set([4]));
    expect(held.people.size).toBe(2);
    const part = withoutHeldBack(p, held)!;
    expect(part.counts).toMatchObject({ added: 1, updated: 1, cancelled: 0, keptLocal: 0 });
    apply(f, part);
    expect(people(f)).toEqual([
      '1 Anna registered walk-2,ws-a',
      '2 Bernd registered -',
      '3 Clara registered walk-2',
      '5 Emil registered walk-2,ws-a',
    ]);
    // What is left is found again: the cancellations and Dora.
    const rest = await plan(f, [
      '1;Anna;Schmidt;anna@example.org;storniert;;',
      '3;Clara;Fuchs;clara@example.org;bezahlt;;Neustadt',
      '4;Dora;Datum;dora(at)example.org;bezahlt;Workshop A;',
      '5;Emil;Engel;emil@example.org;bezahlt;Workshop A;Neustadt',
    ]);
    expect(rest.counts).toMatchObject({ added: 1, updated: 0, cancelled: 2, unchanged: 2 });
    expect(withoutHeldBack(rest, heldBack(rest, new Set()))).toBeNull();
  });

  it('an error holds the whole list; hundreds of new rows with a warning each wait one by one', async () => {
    const f = setup();
    apply(f, await plan(f, ['1;Anna;Schmidt;anna@example.org;bezahlt;;']));
    const broken = await plan(f, ['1;Anna;Schmidt;anna@example.org;bezahlt;;', '2;;;x@example.org;bezahlt;;', '3;Clara;Fuchs;c@example.org;bezahlt;;', '4;Dora;Datum;d@example.org;bezahlt;;']);
    expect(heldBack(broken, new Set()).all).toBe(true);
    const many = Array.from({ length: 600 }, (_, i) => `${i + 10};Neu${i};Person${i};keine;bezahlt;;`);
    // More than the dry run keeps one by one (500 of a kind): every one of them is known all the same.
    const p = await plan(f, ['1;Anna;Schmidt;anna@example.org;bezahlt;;', ...many, '9;Neu;Person;neu@example.org;bezahlt;;']);
    const held = heldBack(p, new Set());
    expect(held.all).toBe(false);
    expect(held.lines.size).toBe(600);
    expect(withoutHeldBack(p, held)!.counts).toMatchObject({ added: 1 });
  });
});
