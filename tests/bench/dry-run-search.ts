// Searching a dry run's changes ("Name, Code oder Organisation suchen" above the change list): a first import of
// 100 000 people (all of them "Neu"), searched keystroke by keystroke as an organiser types. Each keystroke is a new
// query (the cache of the last search does not help); the first builds the plan's search index. Goal: well under
// 100 ms per keystroke. In `npm run bench` (`--only dry-run-search`), or standalone: `npx tsx tests/bench/dry-run-search.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openEventFile } from '../../db/open';
import { writeNewEvent } from '../../electron/core/event/new-event';
import { randomIds, systemClock } from '../../electron/core/ports';
import { mergeMapping } from '../../electron/core/sync/auto-mapping';
import { hitCounts, searchChanges } from '../../electron/core/sync/change-search';
import { changesOf, planSync } from '../../electron/core/sync/plan';
import { readTable } from '../../electron/core/tabular/read-table';
import { registrationCsv } from './import-data';
import { fmt, round, stats, writeResult, type BenchOutcome } from './common';

const ROWS = Number(process.env.EINLASS_BENCH_IMPORT_ROWS ?? 100_000);
/** What an organiser types, one query per keystroke; the last ones find nobody, or one person by code. */
const TYPED = ['Yılmaz', 'Heike Kr', 'Weißenf', 'T0054321', 'Frau Yıldız'];

export async function benchDryRunSearch(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'einlass-dry-run-search-'));
  try {
    const db = openEventFile(join(dir, 'bench.einlass'), { create: true });
    writeNewEvent(db, { clock: systemClock, ids: randomIds }, { name: 'Benchmark', startsOn: '2023-10-18', endsOn: '2023-10-19' }, 'Bench');
    const table = await readTable(Buffer.from(registrationCsv(ROWS)), 'liste.csv');
    const plan = await planSync(db, { table, mapping: mergeMapping(table.headers, null), sourceId: 'bench-source', ids: randomIds });
    console.log(`dry run: ${plan.counts.added.toLocaleString('de-DE')} added`);
    const times: number[] = [];
    const words: { query: string; found: number | null; ms: number }[] = [];
    let first = 0;
    for (const word of TYPED) {
      for (let n = 1; n <= word.length; n++) {
        const query = word.slice(0, n);
        const t0 = performance.now();
        const hits = searchChanges(plan, query);
        // And the first page the screen shows, as sync.changes gives it.
        changesOf(plan, 'added', 0, 50, new Map(), hits);
        const ms = performance.now() - t0;
        if (first === 0) first = ms;
        else times.push(ms);
        if (n === word.length) {
          const found = hits ? hitCounts(hits).added : null;
          words.push({ query, found, ms: round(ms, 2) });
          console.log(`"${query}": ${found ?? '-'} found, ${fmt(ms, 2)} ms`);
        }
      }
    }
    const s = stats(times)!;
    console.log(`first keystroke (builds the index): ${fmt(first)} ms`);
    console.log(`per keystroke after it (${times.length}): median ${fmt(s.median, 2)} ms, p95 ${fmt(s.p95, 2)} ms, max ${fmt(s.max, 2)} ms`);
    db.close();
    const summary = { rows: ROWS, keystrokes: times.length + 1, firstMs: round(first, 1), medianMs: round(s.median, 2), p95Ms: round(s.p95, 2), maxMs: round(s.max, 2), goalMs: 100 };
    const result = {
      bench: 'dry-run-search',
      at: new Date().toISOString(),
      node: process.version,
      method: 'planSync of a generated first import (all "Neu"); each prefix of the typed words is one searchChanges() plus the first page of changesOf(), timed with performance.now(); the first keystroke builds the index and is reported apart.',
      ...summary,
      words,
    };
    return { result, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchDryRunSearch().then(
    (outcome) => console.log(`\n  -> ${writeResult('dry-run-search', outcome.result)}`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
