import { checkedInOf } from '../../../db/queries/check-ins';
import { getEvent } from '../../../db/queries/event';
import { listDays, listRefs } from '../../../db/queries/lists';
import { fileNameOf, findSourceByLocation, getSource, listSources, runProblems, updateSourceSettings } from '../../../db/queries/sync';
import { AppError } from '../errors';
import { collectGarbageSoon } from '../memory';
import { keepExport } from '../reports/export-store';
import { fileNamePart } from '../reports/file-names';
import { exportTranslator } from '../reports/translator';
import type { Handlers } from '../handler';
import type { Mapping } from './fields';
import type { Table } from '../tabular/table';
import { proposeFromSample } from './auto-mapping';
import { markMeanings } from './mark-columns';
import { hitCounts, searchChanges } from './change-search';
import { changesOf, KeyOverlap } from './plan';
import { groupProblems, type SyncProblem } from './problems';
import { runChangesView } from './run-changes';
import { readOptionsOf, syncServiceOf, type SourceOptions } from './sync-service';
import { registrationTemplate } from './template';
import { planView, runsView, sourcesView, sourceView } from './views';
import { parseUrl } from './fetch-source';

type SyncMethod =
  | 'sync.uploadChunk' | 'sync.preview' | 'sync.plan' | 'sync.replan' | 'sync.getPlan' | 'sync.changes' | 'sync.apply' | 'sync.cancel'
  | 'sync.runs' | 'sync.runProblems' | 'sync.runChanges' | 'sync.sources' | 'sync.updateSource' | 'sync.removeSource' | 'sync.eraseRemovedSource'
  | 'sync.template';

const SAMPLE_ROWS = 8;

export const syncHandlers: Handlers<SyncMethod> = {
  'sync.uploadChunk': (ctx, input) => {
    const up = syncServiceOf(ctx).uploads.chunk({
      uploadId: input.uploadId, index: input.index, data: Buffer.from(input.dataBase64, 'base64'), last: input.last,
      fileName: input.fileName,
    });
    // The chunks' text (a 16 MB list is 22 MB of base64) is garbage now: gone before the file is read.
    if (input.last) collectGarbageSoon();
    return { uploadId: up.id, size: up.size, complete: up.complete };
  },

  'sync.preview': async (ctx, input) => {
    const svc = syncServiceOf(ctx);
    const { db } = ctx.requireEvent();
    const waiting = input.planId ? svc.getPlan(input.planId) : null;
    const sourceId = waiting?.source.id ?? input.sourceId;
    const stored = sourceId ? getSource(db, sourceId) : null;
    if (sourceId && !stored) throw new AppError('not_found', { entity: 'syncSource' });
    const storedOptions = stored ? (JSON.parse(stored.options) as SourceOptions) : {};
    // A chosen file is read as detected for it; a list fetched or read again for its mapping, as chosen for the list.
    const options: SourceOptions = { ...(input.uploadId ? {} : readOptionsOf(storedOptions)), ...input.options };
    // A new version of a list read from a workbook's sheet: that sheet, where the new workbook has it.
    const listSheet = stored && !options.sheet ? storedOptions.sheet : undefined;
    let uploadId = waiting ? svc.copyUpload(waiting.uploadId) : input.uploadId;
    if (!uploadId) {
      const url = input.url ?? (stored?.kind === 'url' ? stored.location : undefined);
      if (!url) throw new AppError('bad_request', { messageKey: 'sync.error.noInput' });
      uploadId = await svc.fetchUrl(url, { authName: input.authName ?? storedOptions.authName, authValue: input.authValue ?? storedOptions.authValue }, input.jobId);
    }
    // The source this list most likely belongs to, and its mapping, as soon as the header is read.
    const target: { sourceId: string | null; mapping: Mapping; sameColumns: boolean } = { sourceId: null, mapping: {}, sameColumns: false };
    /** A list guessed from the columns alone: the file's rows are checked to share people with it. */
    const guess: { overlap: KeyOverlap | null; others: KeyOverlap[]; sameStem: boolean } = { overlap: null, others: [], sameStem: false };
    const mappingOf = (table: Table, fileName: string): Mapping => {
      const suggested = stored ?? (input.url ? svc.suggestSource('url', input.url, table.headers) : svc.suggestSource('file', fileName, table.headers));
      target.sourceId = suggested?.id ?? null;
      target.mapping = svc.mappingFor(table, target.sourceId);
      // The list's next version with the columns it had (the list chosen, or known by the file's name, not only
      // guessed from its columns): the app goes straight to the dry run with the list's mapping.
      const known = stored ?? (input.uploadId && !input.url && suggested && findSourceByLocation(db, 'file', fileName)?.id === suggested.id ? suggested : null);
      target.sameColumns = known !== null && sameHeaders(Object.keys(JSON.parse(known.mapping) as Mapping), table.headers);
      // Guessed from its columns, or known by the name of a workbook (whose other sheet may be another list: a
      // waiting list beside the registrations): the rows must share people with it.
      if (suggested && !stored && !input.url && (!known || table.sheet !== null)) {
        guess.overlap = new KeyOverlap(db, table, target.mapping, suggested.id);
        guess.sameStem = !known && sameHeaders(Object.keys(JSON.parse(suggested.mapping) as Mapping), table.headers) && sameNameStem(fileName, suggested.location);
      }
      // No list by name or columns: another system's export of a list's people (other column names) is that list's
      // new version most likely — found by the people it shares (a walkthrough's was offered as a new list, which
      // would have taken all 42 people over).
      if (!suggested && !input.url) guess.others = listSources(db).filter((s) => s.kind === 'file').map((s) => new KeyOverlap(db, table, target.mapping, s.id));
      return target.mapping;
    };
    const { table, fileName, rowCount, footerRows, sample, addonColumn } = await svc.preview(uploadId, { ...options, listSheet }, SAMPLE_ROWS, mappingOf, input.jobId,
      () => {
        const all = [...(guess.overlap ? [guess.overlap] : []), ...guess.others];
        return all.length === 0 ? undefined : (row) => { for (const o of all) o.see(row); };
      });
    // A new download of the list from a system that dates or counts its file names („report-2023-10-05T1412.csv“,
    // „Anmeldung(1-4).xlsx“): the list's columns and mostly its people: straight to the dry run, as for the same name.
    if (guess.sameStem && guess.overlap?.mostOf) target.sameColumns = true;
    // Alike in its columns, but not one in ten of its people in that list: offered as a new list.
    if (guess.overlap?.another) {
      target.sourceId = null;
      target.mapping = svc.mappingFor(table, null);
      target.sameColumns = false;
    }
    const sharing = guess.others.filter((o) => o.mostOf).sort((a, b) => b.shared - a.shared)[0];
    if (sharing) {
      target.sourceId = sharing.sourceId;
      target.mapping = svc.mappingFor(table, sharing.sourceId);
    }
    // A new source's proposal looks at the first rows too; a known source's mapping was the organiser's.
    if (target.sourceId === null) target.mapping = proposeFromSample(target.mapping, table.headers, sample, listDays(db));
    return {
      uploadId, fileName, format: table.format, encoding: table.encoding, delimiter: table.delimiter, sheets: table.sheets,
      sheet: table.sheet, headers: table.headers, blankColumns: [...table.blankColumns].sort((a, b) => a - b), rowCount, footerRows,
      lineKind: table.lineKind, sample: sample.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.slice(0, 300)) })),
      mapping: target.mapping, markMeanings: markMeanings(table.headers, listDays(db), listRefs(db)), sourceId: target.sourceId,
      sameColumns: target.sameColumns && !table.problems.some((p) => p.severity === 'error'),
      addonColumn,
      problems: groupProblems(table.problems).slice(0, 100),
    };
  },

  'sync.plan': async (ctx, input) => {
    const svc = syncServiceOf(ctx);
    const known = input.sourceId ? getSource(ctx.requireEvent().db, input.sourceId) : null;
    // A URL list fetched again ("Jetzt aktualisieren", or a waiting dry run's file mapped anew): read as chosen for
    // the list before (a delimiter, encoding or sheet chosen when it was first loaded is kept, for the periodic
    // checks too). A file is read as detected for it, unless the organiser chose.
    const knownOptions = known ? (JSON.parse(known.options) as SourceOptions) : {};
    const read = input.options ?? (known?.kind === 'url' ? readOptionsOf(knownOptions) : {});
    // The sheet the list was read from, as for its preview; kept with the list when it is the one read again.
    const listSheet = !read.sheet ? knownOptions.sheet : undefined;
    const stored = await svc.plan({
      uploadId: input.uploadId, options: { ...read, listSheet }, jobId: input.jobId,
      target: (table, fileName, fetchedFrom) => {
        const mapping: Mapping = Object.fromEntries(table.headers.map((h) => [h, input.mapping[h] ?? 'extra']));
        const location = input.newSource?.location ?? fetchedFrom ?? fileName;
        const sheet = listSheet !== undefined && table.sheet === listSheet ? { sheet: listSheet } : {};
        const options: SourceOptions = { ...read, ...sheet, authName: input.authName, authValue: input.authValue };
        return { mapping, source: svc.sourceFor({ sourceId: input.sourceId, newSource: input.newSource, location, options, mapping }) };
      },
    });
    return planView(ctx.requireEvent().db, stored);
  },

  'sync.replan': async (ctx, input) => {
    const stored = await syncServiceOf(ctx).replan(input.planId, new Map(input.sameAs.map((c) => [c.line, c.registrationId])), input.jobId);
    return planView(ctx.requireEvent().db, stored);
  },

  'sync.getPlan': (ctx, input) => planView(ctx.requireEvent().db, syncServiceOf(ctx).getPlan(input.planId)),

  'sync.changes': (ctx, input) => {
    const { plan } = syncServiceOf(ctx).getPlan(input.planId);
    const { db } = ctx.requireEvent();
    const hits = input.query ? searchChanges(plan, input.query) : null;
    const page = changesOf(plan, input.kind, input.offset, input.limit, new Map(listRefs(db).map((l) => [l.id, l])), hits);
    const inside = checkedInOf(db, page.items.flatMap((c) => (c.kind === 'cancelled' ? [c.registrationId] : [])));
    const items = page.items.map((c) => (inside.has(c.registrationId) ? { ...c, checkedIn: true } : c));
    return { total: page.total, items, ...(hits ? { matches: hitCounts(hits) } : {}) };
  },

  'sync.apply': (ctx, input) => {
    const svc = syncServiceOf(ctx);
    const { problems } = svc.getPlan(input.planId).plan;
    if (!input.confirmCancel && problems.counts.has('mostGone')) throw new AppError('bad_request', { messageKey: 'sync.error.confirmCancel' });
    if (!input.confirmOlder && problems.counts.has('olderFile')) throw new AppError('bad_request', { messageKey: 'sync.error.confirmOlder' });
    const { runId, stored } = svc.apply(input.planId);
    return { runId, counts: stored.plan.counts };
  },

  'sync.cancel': (ctx, input) => {
    const svc = syncServiceOf(ctx);
    const waits = input.leftOpen && input.planId !== undefined && svc.scheduler.waiting().some((w) => w.planId === input.planId);
    svc.cancel(input.jobId, waits ? undefined : input.planId, input.keepUpload);
    if (input.uploadId) svc.dropUpload(input.uploadId);
    return {};
  },

  'sync.template': async (ctx) => {
    const { db } = ctx.requireEvent();
    const { bytes, columns } = await registrationTemplate(db, await exportTranslator());
    const fileName = `${fileNamePart(getEvent(db)?.name ?? '') || 'Veranstaltung'}_Anmeldeliste-Vorlage.xlsx`;
    return { ...keepExport(ctx, { bytes, fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), columns };
  },

  'sync.runs': (ctx, input) => ({ runs: runsView(ctx.requireEvent().db, input.limit) }),

  'sync.runProblems': (ctx, input) => {
    const run = runProblems(ctx.requireEvent().db, input.runId);
    if (!run) throw new AppError('not_found', { entity: 'syncRun' });
    const { lineKind } = JSON.parse(run.counts) as { lineKind?: 'line' | 'row' | 'entry' };
    return { lineKind: lineKind ?? 'line', problems: groupProblems(JSON.parse(run.problems) as SyncProblem[]) };
  },

  'sync.runChanges': (ctx, input) => runChangesView(ctx.requireEvent().db, input.runId, input.kind, input.offset, input.limit, input.query),

  'sync.sources': (ctx, input) => {
    const svc = syncServiceOf(ctx);
    return { sources: sourcesView(ctx.requireEvent().db, svc.scheduler, input.withRemoved) };
  },

  'sync.updateSource': (ctx, input) => {
    const { db } = ctx.requireEvent();
    const s = getSource(db, input.sourceId);
    if (!s || s.removedAt) throw new AppError('not_found', { entity: 'syncSource' });
    const options = JSON.parse(s.options) as SourceOptions;
    if (input.authName !== undefined) options.authName = input.authName || undefined;
    if (input.authValue !== undefined) options.authValue = input.authValue || undefined;
    const interval = input.intervalMinutes === undefined ? s.intervalMinutes : input.intervalMinutes;
    if (interval !== null && s.kind !== 'url') throw new AppError('bad_request', { messageKey: 'sync.error.intervalOnlyUrl' });
    // A new address for a URL list: checked as one, fetched from the next check on (a file list is read from whatever file is loaded).
    if (input.location !== undefined && s.kind !== 'url') throw new AppError('bad_request', { messageKey: 'sync.error.urlInvalid' });
    const location = input.location === undefined ? s.location : parseUrl(input.location).toString();
    updateSourceSettings(db, s.id, { label: input.label ?? s.label, intervalMinutes: interval, options: JSON.stringify(options), location });
    const { scheduler } = syncServiceOf(ctx);
    // Checked periodically: tried with the new access at the station's next look (within 30 s), not after the interval.
    if (input.authValue !== undefined || location !== s.location) scheduler.accessChanged(s.id);
    ctx.push.publish({ type: 'sync.changed' });
    return sourceView(db, getSource(db, s.id)!, scheduler);
  },

  'sync.removeSource': (ctx, input) => syncServiceOf(ctx).removeSource(input.sourceId, input.erase),
  'sync.eraseRemovedSource': (ctx, input) => syncServiceOf(ctx).eraseRemovedSource(input.sourceId),
};

/** The same column names in the same order. */
function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

/**
 * Whether two file names are the same but for dates, times and numbers in them („report-2023-10-01T0930.csv“ and
 * „report-2023-10-05T1412.csv“, „Anmeldung(1-3).xlsx“ and „Anmeldung(1-4).xlsx“): what registration systems change
 * from one download of a list to the next. Names of fewer than four letters so left are not compared.
 */
export function sameNameStem(a: string, b: string): boolean {
  const stem = (name: string) => fileNameOf(name).replace(/\.[A-Za-z0-9]{2,5}$/, '').toLowerCase()
    .replace(/\d{4}-\d{2}-\d{2}(t\d{2}:?\d{2}(:?\d{2})?)?/g, ' ').replace(/[\d\s_.,;:()[\]{}+-]+/g, '');
  const [x, y] = [stem(a), stem(b)];
  return x.length >= 4 && x === y;
}
