// Export benchmark: an event with 10 000 people and 100 000 check-in records exported to XLSX and CSV, and 500
// certificates to PDF (one file, and a ZIP of one PDF each). Time and peak memory per export.
// Standalone: `npx tsx tests/bench/export.ts`; in `npm run bench` through benchExport().
// Each export runs in a process of its own, so its peak memory (maxRSS) is its own and not the fixture's.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEventFile } from '../../db/open';
import { getEvent } from '../../db/queries/event';
import { getReportOrganisation } from '../../db/queries/report-settings';
import { writeDemoEvent } from '../../electron/core/event/demo';
import { fixedClock, randomIds, sequentialIds } from '../../electron/core/ports';
import { loadAttendance } from '../../electron/core/reports/attendance';
import { certificatePeople, certificatesPdf, certificatesZip } from '../../electron/core/reports/certificates';
import { runExport, type ExportRequest } from '../../electron/core/reports/export';
import { exportTranslator } from '../../electron/core/reports/translator';
import { addPeople, simulateAttendance } from '../helpers/report-fixture';
// common.ts loads Playwright; the export processes must not carry it in their peak memory, so it is loaded lazily.
import type { BenchOutcome } from './common';

const PEOPLE = 10_000;
const RECORDS = 100_000;
const CERTIFICATES = 500;

const STEPS: Record<string, { about: string; req?: ExportRequest }> = {
  'attendance.xlsx': { about: 'Anwesenheit je Person, XLSX (10 000 Zeilen, alle Spalten)', req: { report: 'attendance', format: 'xlsx' } },
  'attendance.csv': { about: 'Anwesenheit je Person, CSV', req: { report: 'attendance', format: 'csv' } },
  'log.xlsx': { about: 'Check-in-Protokoll, XLSX (100 000 Zeilen)', req: { report: 'log', format: 'xlsx' } },
  'log.csv': { about: 'Check-in-Protokoll, CSV', req: { report: 'log', format: 'csv' } },
  'all.xlsx': { about: 'alle Tabellen in einer XLSX', req: { report: 'all', format: 'xlsx' } },
  'stats.pdf': { about: 'Statistik mit Diagrammen, PDF', req: { report: 'stats', format: 'pdf' } },
  'certificates.pdf': { about: `${CERTIFICATES} Teilnahmebescheinigungen, eine PDF` },
  'certificates.zip': { about: `${CERTIFICATES} Teilnahmebescheinigungen, ZIP mit einer PDF je Person` },
};

interface StepResult {
  step: string;
  ms: number;
  peakRssMb: number;
  baseRssMb: number;
  sizeKb: number;
  rows: number;
}

function buildFixture(file: string): { ms: number; checkIns: number; refused: number } {
  const started = performance.now();
  const ports = { clock: fixedClock('2023-10-20T08:00:00.000Z'), ids: sequentialIds() };
  const db = openEventFile(file, { create: true });
  db.transaction(() => writeDemoEvent(db, ports, 'Einlass 1'))();
  addPeople(db, PEOPLE - 200, ports.ids);
  const made = simulateAttendance(db, { ids: ports.ids, targetRecords: RECORDS });
  db.close();
  return { ms: performance.now() - started, ...made };
}

/** One export, in this (child) process: prints its figures as JSON. */
async function runStep(step: string, file: string, outDir: string): Promise<StepResult> {
  const db = openEventFile(file);
  const t = await exportTranslator();
  const env = { clock: fixedClock('2023-10-20T08:00:00.000Z'), ids: randomIds, t, stationId: null };
  const out = join(outDir, step);
  const baseRssMb = process.memoryUsage().rss / 1e6;
  const started = performance.now();
  let rows: number;
  const spec = STEPS[step]!;
  if (spec.req) {
    const stream = createWriteStream(out);
    const closed = new Promise<void>((resolve) => stream.on('close', () => resolve()));
    rows = (await runExport(db, spec.req, env, stream)).rows;
    await closed;
  } else {
    const data = loadAttendance(db);
    const people = certificatePeople(data).slice(0, CERTIFICATES);
    const e = getEvent(db)!;
    const ctx = { event: { ...e, timezone: data.timezone }, organisation: getReportOrganisation(db), issuedOn: env.clock.now(), t };
    const bytes = step.endsWith('.zip') ? await certificatesZip(people, data, ctx) : await certificatesPdf(people, data, ctx);
    const stream = createWriteStream(out);
    await new Promise((resolve) => stream.end(bytes, () => resolve(null)));
    rows = people.length;
  }
  const ms = performance.now() - started;
  db.close();
  return { step, ms, peakRssMb: process.resourceUsage().maxRSS / 1000, baseRssMb, sizeKb: statSync(out).size / 1024, rows };
}

export async function benchExport(): Promise<BenchOutcome> {
  const { benchTempDir, printTable, round } = await import('./common');
  const tmp = benchTempDir('export');
  try {
    const file = join(tmp.dir, 'gross.einlass');
    console.log(`  building the event: ${PEOPLE} people, ${RECORDS} records ...`);
    const fixture = buildFixture(file);
    const outDir = join(tmp.dir, 'out');
    mkdirSync(outDir);
    const self = fileURLToPath(import.meta.url);
    const tsx = join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const steps: StepResult[] = [];
    for (const step of Object.keys(STEPS)) {
      const out = execFileSync(process.execPath, [tsx, self, '--step', step, '--event', file, '--out', outDir], { encoding: 'utf8', maxBuffer: 1e6 });
      steps.push(JSON.parse(out.trim().split('\n').pop()!) as StepResult);
    }
    printTable(
      `Export: ${PEOPLE} people, ${fixture.checkIns} check-ins + ${fixture.refused} refused scans (fixture built in ${round(fixture.ms / 1000)} s)`,
      ['export', 'rows', 'seconds', 'peak RSS MB', 'RSS before MB', 'file KB'],
      steps.map((s) => [s.step, s.rows, round(s.ms / 1000, 2), round(s.peakRssMb), round(s.baseRssMb), round(s.sizeKb)]),
    );
    const summary = Object.fromEntries(steps.map((s) => [s.step, { seconds: round(s.ms / 1000, 2), peakRssMb: round(s.peakRssMb) }]));
    return { result: { people: PEOPLE, records: fixture.checkIns + fixture.refused, fixtureSeconds: round(fixture.ms / 1000), steps }, summary };
  } finally {
    await tmp.remove();
  }
}

const args = process.argv.slice(2);
if (args[0] === '--step') {
  const [, step, , file, , outDir] = args;
  runStep(step!, file!, outDir!).then(
    (r) => console.log(JSON.stringify(r)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchExport().then(
    async (outcome) => console.log(`  -> ${(await import('./common')).writeResult('export', outcome.result)}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
