import { describe, expect, it } from 'vitest';
import { syncMethods } from '../../electron/contract/sync-methods';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { hitCounts, searchChanges } from '../../electron/core/sync/change-search';
import { changesOf, planSync, type PlannedChange, type SyncPlan } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';
import { eventWithProgramme } from '../helpers/event-fixture';
import { HOSTILE } from '../helpers/hostile-strings';

const HEADER = 'ID;Code;Vorname;Nachname;Organisation;Ort;Status';
const before = [
  '1;A-1;Anna;Schmidt;Stadt Weißenfels;Weißenfels;bezahlt',
  '2;B-2;Bernd;Müller;Landkreis Burgenlandkreis;Zeitz;bezahlt',
  '3;C-3;Ayşe;Yıldız;Universität Halle;Halle (Saale);bezahlt',
  '4;D-4;Dieter;Krüger;Gemeinde Teutschenthal;Teutschenthal;bezahlt',
];
/** Anna renamed and moved, Bernd gone, Ayşe Yıldız cancelled, Dieter unchanged; two new people. */
const after = [
  '1;A-1;Anna;Berger;Stadt Weißenfels;Naumburg;bezahlt',
  '3;C-3;Ayşe;Yıldız;Universität Halle;Halle (Saale);storniert',
  '4;D-4;Dieter;Krüger;Gemeinde Teutschenthal;Teutschenthal;bezahlt',
  '5;E-5;Elif;Yıldız-Kaya;Stadt Zeitz;Zeitz;bezahlt',
  '6;F-6;Frank;Köhler;Verein Miteinander e. V.;Weißenfels;bezahlt',
];

type Fixture = ReturnType<typeof eventWithProgramme>;

async function plan(f: Fixture, rows: string[], header = HEADER): Promise<SyncPlan> {
  const table = await readTable(Buffer.from(`${[header, ...rows].join('\r\n')}\r\n`), 'liste.csv');
  return planSync(f.db, { table, mapping: mergeMapping(table.headers, null), sourceId: 'src', ids: f.ids });
}

async function resync(): Promise<SyncPlan> {
  const f = eventWithProgramme([]);
  const first = await plan(f, before);
  const at = f.clock.now().toISOString();
  applyPlan(f.db, {
    plan: first, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
    source: { id: 'src', kind: 'file', label: 'liste.csv', location: 'liste.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
  });
  return plan(f, after);
}

const names = (p: SyncPlan, kind: PlannedChange['kind'] | undefined, query: string) =>
  changesOf(p, kind, 0, 50, new Map(), searchChanges(p, query)).items.map((c) => `${c.kind}:${c.name}`);

describe('searching the dry run\'s changes', () => {
  it('finds a person by name in any spelling, under whatever kind they are, and counts the finds per kind', async () => {
    const p = await resync();
    expect(p.counts).toMatchObject({ added: 2, updated: 1, cancelled: 2, unchanged: 1 });
    for (const query of ['Yıldız', 'yildiz', 'YILDIZ', ' yıld ', 'Yıldız,']) {
      expect(hitCounts(searchChanges(p, query)!)).toEqual({ added: 1, updated: 0, cancelled: 1, keptLocal: 0 });
    }
    expect(names(p, 'added', 'yildiz')).toEqual(['added:Elif Yıldız-Kaya']);
    expect(names(p, 'cancelled', 'yildiz')).toEqual(['cancelled:Ayşe Yıldız']);
    // All kinds at once: the other changes first, then the new people (as without a search).
    expect(names(p, undefined, 'yildiz')).toEqual(['cancelled:Ayşe Yıldız', 'added:Elif Yıldız-Kaya']);
    // Every word, each at the start of a word of the person: "Kaya" alone, both names, but not "ildiz".
    expect(names(p, undefined, 'kaya elif')).toEqual(['added:Elif Yıldız-Kaya']);
    expect(hitCounts(searchChanges(p, 'ildiz')!)).toEqual({ added: 0, updated: 0, cancelled: 0, keptLocal: 0 });
    // "mueller" as typed on a keyboard without umlauts; Bernd is no longer in the list (no line, cancelled).
    expect(names(p, 'cancelled', 'mueller')).toEqual(['cancelled:Bernd Müller']);
    expect(names(p, 'cancelled', 'Müller')).toEqual(['cancelled:Bernd Müller']);
    // As organisers ask: "Frau" and "Herr" are no part of a name; alone, the start of one ("Herr" of "Herrmann").
    expect(names(p, undefined, 'Frau Yıldız')).toEqual(['cancelled:Ayşe Yıldız', 'added:Elif Yıldız-Kaya']);
    expect(names(p, undefined, 'Herr Dr. Müller')).toEqual(['cancelled:Bernd Müller']);
    expect(names(p, undefined, 'Frau')).toEqual([]);
  });

  it('finds by code, organisation and town, and a renamed person by their former name', async () => {
    const p = await resync();
    expect(names(p, undefined, 'b-2')).toEqual(['cancelled:Bernd Müller']);
    expect(names(p, undefined, 'E-5')).toEqual(['added:Elif Yıldız-Kaya']);
    // A code typed without its dash, as it is read off a phone: found too.
    expect(names(p, undefined, 'b2')).toEqual(['cancelled:Bernd Müller']);
    expect(names(p, undefined, 'E5')).toEqual(['added:Elif Yıldız-Kaya']);
    // Anna's organisation did not change: it is found all the same (the plan writes her row).
    expect(names(p, undefined, 'stadt weissenf')).toEqual(['updated:Anna Berger']);
    expect(names(p, undefined, 'Weißenfels')).toEqual(['updated:Anna Berger', 'added:Frank Köhler']);
    expect(names(p, undefined, 'naumburg')).toEqual(['updated:Anna Berger']);
    expect(names(p, 'updated', 'Schmidt')).toEqual(['updated:Anna Berger']);
    expect(names(p, undefined, 'Verein Miteinander')).toEqual(['added:Frank Köhler']);
    // Dieter is unchanged: not among the changes, whatever is searched.
    expect(names(p, undefined, 'Krüger')).toEqual([]);
  });

  it('without a query, or with one of no words, every change is listed as before', async () => {
    const p = await resync();
    expect(searchChanges(p, '  ,; ')).toBeNull();
    const all = changesOf(p, undefined, 0, 50);
    expect(all.total).toBe(5);
    expect(changesOf(p, undefined, 0, 50, new Map(), searchChanges(p, '  '))).toEqual(all);
  });

  it('pages through the finds: every page from the first adds up to all of them, each once, each a find', async () => {
    const f = eventWithProgramme([]);
    const rows = Array.from({ length: 230 }, (_, i) => `${i + 10};K-${i + 10};${i % 3 === 0 ? 'Özlem' : 'Peter'};Nummer${i};Ort ${i % 7};Zeitz;bezahlt`);
    const p = await plan(f, rows);
    const hits = searchChanges(p, 'ozlem')!;
    expect(hitCounts(hits).added).toBe(77);
    for (const kind of ['added', undefined] as const) {
      const seen: PlannedChange[] = [];
      for (let offset = 0; ; offset += 20) {
        const page = changesOf(p, kind, offset, 20, new Map(), hits);
        expect(page.total).toBe(77);
        seen.push(...page.items);
        if (page.items.length < 20) break;
      }
      expect(seen).toHaveLength(77);
      expect(new Set(seen.map((c) => c.registrationId)).size).toBe(77);
      expect(seen.every((c) => c.name.startsWith('Özlem'))).toBe(true);
      // In the order of the list, with the line each person has there.
      expect(seen.map((c) => c.line)).toEqual(Array.from({ length: 77 }, (_, k) => 2 + k * 3));
    }
  });

  it('reads the search text of the planned inserts as it will be stored, whatever the names hold', async () => {
    const f = eventWithProgramme([]);
    const odd = [...HOSTILE, 'Zoë "Zo" Ñandú', 'back\\slash', 'ﬁ Ligatur', '😀 Emoji', '\u00a0', 'Łukasz'];
    const rows = odd.map((s, i) => [String(i + 1), `X-${i + 1}`, `Vor ${s}`, `Nach${i}`, s, s, 'bezahlt']);
    const csv = (r: string[]) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';');
    const p = await plan(f, rows.map(csv));
    expect(p.ops.inserts.length).toBe(odd.length);
    expect(p.ops.inserts.searchTexts()).toEqual(Array.from({ length: odd.length }, (_, i) => p.ops.inserts.get(i).searchText));
    expect(names(p, 'added', 'zoe nand')).toEqual(['added:Vor Zoë "Zo" Ñandú Nach16']);
  });

  it('sync.changes takes a query of at most 200 characters, and none at all as before', () => {
    const input = syncMethods['sync.changes'].input;
    expect(input.parse({ planId: 'p' })).toEqual({ planId: 'p', offset: 0, limit: 50 });
    expect(input.safeParse({ planId: 'p', query: 'ä'.repeat(200) }).success).toBe(true);
    expect(input.safeParse({ planId: 'p', query: 'ä'.repeat(201) }).success).toBe(false);
  });
});
