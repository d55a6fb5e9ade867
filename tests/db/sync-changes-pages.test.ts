import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../electron/core/sync/apply';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { changesOf, planSync, type PlannedChange, type SyncPlan } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';
import { smallEvent } from '../helpers/event-fixture';

type Fixture = ReturnType<typeof smallEvent>;

async function plan(f: Fixture, rows: string[]): Promise<SyncPlan> {
  const table = await readTable(Buffer.from(['ID;Code;Vorname;Nachname;Status', ...rows].join('\r\n')), 'liste.csv');
  return planSync(f.db, { table, mapping: mergeMapping(table.headers, null), sourceId: 'src', ids: f.ids });
}

/** Every page of `size` from the first on, put together. */
function allPages(p: SyncPlan, kind: PlannedChange['kind'] | undefined, size: number): { totals: Set<number>; items: PlannedChange[] } {
  const totals = new Set<number>();
  const items: PlannedChange[] = [];
  for (let offset = 0; ; offset += size) {
    const page = changesOf(p, kind, offset, size);
    totals.add(page.total);
    expect(page.items.length).toBeLessThanOrEqual(size);
    items.push(...page.items);
    if (page.items.length < size) return { totals, items };
  }
}

describe('the dry run shown page by page', () => {
  it('pages of any size, of all changes or of one kind, add up to the whole plan: nothing twice, nothing left out', async () => {
    const person = fc.record({ n: fc.integer({ min: 10, max: 21 }), name: fc.constantFrom('Anna', 'Bernd'), cancelled: fc.boolean() });
    await fc.assert(fc.asyncProperty(fc.array(person, { maxLength: 12 }), fc.array(person, { maxLength: 12 }), fc.integer({ min: 1, max: 7 }),
      async (before, after, size) => {
        const f = smallEvent();
        const row = (p: { n: number; name: string; cancelled: boolean }) => `${p.n};K-${p.n};${p.name};Muster;${p.cancelled ? 'storniert' : 'bezahlt'}`;
        const unique = <T extends { n: number }>(ps: T[]) => [...new Map(ps.map((p) => [p.n, p])).values()];
        const first = await plan(f, ['9;K-9;Erste;Zeile;bezahlt', ...unique(before).map(row)]);
        const at = f.clock.now().toISOString();
        applyPlan(f.db, {
          plan: first, runId: f.ids.next(), startedAt: at, at, stationId: f.station.id,
          source: { id: 'src', kind: 'file', label: 'liste.csv', location: 'liste.csv', options: '{}', mapping: '{}', intervalMinutes: null, lastRunId: null, createdAt: at },
        });
        const p = await plan(f, ['9;K-9;Erste;Zeile;bezahlt', ...unique(after).map(row)]);
        const whole = allPages(p, undefined, size);
        const key = (c: PlannedChange) => `${c.kind}:${c.registrationId}`;
        expect(whole.totals).toEqual(new Set([whole.items.length]));
        expect(new Set(whole.items.map(key)).size).toBe(whole.items.length);
        expect(whole.items.filter((c) => c.kind === 'added')).toHaveLength(p.counts.added);
        expect(whole.items.filter((c) => c.kind === 'updated')).toHaveLength(p.counts.updated);
        expect(whole.items.filter((c) => c.kind === 'cancelled')).toHaveLength(p.counts.cancelled);
        for (const kind of ['added', 'updated', 'cancelled', 'keptLocal'] as const) {
          const one = allPages(p, kind, size);
          expect(one.items.map(key)).toEqual(whole.items.filter((c) => c.kind === kind).map(key));
          expect(one.totals).toEqual(new Set([one.items.length]));
        }
      }), { numRuns: 150 });
  }, 120_000);
});
