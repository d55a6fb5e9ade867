import { addonColumns, isAddonRow } from './addons';
import { basename } from 'node:path';
import type { Db } from '../../../db/open';
import { listDays, listRefs } from '../../../db/queries/lists';
import { findSourceByLocation, getSource, listSources, syncFingerprint, type SyncSourceRow } from '../../../db/queries/sync';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { collectGarbageSoon } from '../memory';
import type { ReadHooks, ReadOptions, Table, TableRow, TableStream } from '../tabular/table';
import { applyPlan } from './apply';
import { eraseRemovedSource, removeSource, type RemoveSourceResult } from './remove-source';
import { mergeMapping } from './auto-mapping';
import { fetchSource } from './fetch-source';
import type { Mapping } from './fields';
import { FooterCount, planSync, type SyncPlan } from './plan';
import { savedCancellation, SyncScheduler } from './scheduler';
import { streamTableForList } from './table-errors';
import { UploadStore } from './uploads';

export interface SourceOptions extends ReadOptions {
  authName?: string;
  authValue?: string;
}

/** Of a list's stored options, how its file is read (without its authorization header). */
export function readOptionsOf(options: SourceOptions): ReadOptions {
  const { authName: _name, authValue: _value, ...read } = options;
  return read;
}

/** How an upload is read for a list: as chosen, else with the sheet the list was read from when there is one. */
export type SyncReadOptions = ReadOptions & { listSheet?: string };

export interface StoredPlan {
  id: string;
  plan: SyncPlan;
  source: SyncSourceRow;
  uploadId: string;
  /** The name of the file read (for a URL: the one its answer gave), which may differ from the list's name. */
  fileName: string;
  eventFile: string;
  startedAt: string;
  lineKind: Table['lineKind'];
  /** The organiser's choices it was made with (PlanInput.sameAs): line → registration id. */
  sameAs: ReadonlyMap<number, string>;
  /** Made by a periodic check of a URL list: its fetched file is no one else's. */
  auto?: boolean;
  /** The sheet of a workbook that was read; null for a text file. */
  sheet?: string | null;
}

export interface NewSourceSpec {
  kind: 'file' | 'url';
  label?: string;
  location: string;
  intervalMinutes?: number | null;
}

const KEEP_PLANS = 4;

/** The mapping a list is read with: the source's saved one, new columns proposed (by name, or by the event's programme). */
export function sourceMapping(db: Db, headers: readonly string[], source: SyncSourceRow | null): Mapping {
  return mergeMapping(headers, source ? (JSON.parse(source.mapping) as Mapping) : null, { days: listDays(db), lists: listRefs(db) });
}

export interface TablePreview {
  /** The table without its rows. */
  table: Table;
  rowCount: number;
  /** Of `rowCount`, the lines under the list that the dry run will skip (a total, a date), as the mapping reads them. */
  footerRows: number;
  /** The first rows, to show with the mapping. */
  sample: TableRow[];
  fileName: string;
  /** pretix's column naming an add-on's position, where its rows are folded into their people (see addons.ts). */
  addonColumn: string | null;
}

/** What a dry run writes into when applied: the source as it will be stored, and the mapping it reads with. */
export interface PlanTarget {
  source: SyncSourceRow;
  mapping: Mapping;
}

/**
 * The registration sync of one running app: uploads, dry-run plans waiting to be applied, running jobs that can be
 * cancelled, progress on the push bus. A list is read as a stream each time it is used (preview, every dry run):
 * its rows are never kept, only the plan made from them.
 */
export class SyncService {
  readonly uploads: UploadStore;
  readonly scheduler: SyncScheduler;
  private readonly plans = new Map<string, StoredPlan>();
  private readonly jobs = new Map<string, AbortController>();
  /** Uploads dry runs are being made from right now, and by how many. */
  private readonly reading = new Map<string, number>();
  /** Uploads to drop as soon as the dry run reading them ends (the organiser left the screen while it ran). */
  private readonly dropWhenRead = new Set<string>();
  /** How long a URL may take to answer; shorter in tests. */
  fetchTimeoutMs = 30_000;

  constructor(readonly ctx: AppContext) {
    this.uploads = new UploadStore(ctx.dataDir, ctx.ids);
    this.scheduler = new SyncScheduler(this);
    // The event was closed (another opened, the app quits): its dry runs no longer apply, and the files they were
    // read from hold the list's people; what the checks found stays in the file (see SyncScheduler.check).
    ctx.push.subscribe((m) => {
      if (m.type === 'event.changed' && m.event === null) this.dropPending();
    });
  }

  progress(jobId: string | undefined, phase: 'read' | 'plan' | 'apply'): (share: number) => void {
    let last = 0;
    return (share) => {
      const now = Date.now();
      if (!jobId || (now - last < 100 && share < 1)) return;
      last = now;
      this.ctx.push.publish({ type: 'sync.progress', jobId, phase, share: Math.round(share * 1000) / 1000 });
    };
  }

  startJob(jobId: string | undefined): AbortSignal | undefined {
    if (!jobId) return undefined;
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    return controller.signal;
  }

  endJob(jobId: string | undefined): void {
    if (jobId) this.jobs.delete(jobId);
  }

  cancel(jobId?: string, planId?: string, keepUpload = false): void {
    if (jobId) this.jobs.get(jobId)?.abort();
    const stored = planId ? this.plans.get(planId) : undefined;
    if (planId) {
      this.dropPlan(planId, !keepUpload);
      collectGarbageSoon();
    }
    if (stored) {
      const { counts, blocked } = stored.plan;
      const changes = counts.added + counts.updated + counts.cancelled + counts.keptLocal > 0 || blocked;
      this.scheduler.settled(stored.source, {
        at: this.ctx.clock.now().toISOString(), outcome: changes ? 'discarded' : 'unchanged', planId: null, counts, messageKey: null, params: {},
      });
    }
  }

  /** Whether a dry run still fits what the event file holds (nothing it compared against has changed since). */
  planFits(planId: string): boolean {
    const stored = this.plans.get(planId);
    const event = this.ctx.event;
    return stored !== undefined && event !== null && stored.eventFile === event.file && syncFingerprint(event.db) === stored.plan.fingerprint;
  }

  /**
   * Whether a dry run still says what applying `uploadId` would do: the same bytes were fetched, and nothing it
   * compared against has changed since.
   */
  stillCurrent(planId: string, uploadId: string): boolean {
    const stored = this.plans.get(planId);
    const event = this.ctx.event;
    if (!stored || !event || stored.eventFile !== event.file) return false;
    const before = this.uploads.get(stored.uploadId);
    if (!before?.complete) return false;
    return this.uploads.read(uploadId).bytes.equals(this.uploads.read(stored.uploadId).bytes) && syncFingerprint(event.db) === stored.plan.fingerprint;
  }

  /**
   * The upload as a stream of rows; file-level problems are refused here as contract errors. `listSheet`: see
   * streamTableForList.
   */
  async stream(uploadId: string, options: SyncReadOptions, hooks: ReadHooks = {}): Promise<{ stream: TableStream; fileName: string; fetchedFrom?: string }> {
    const { upload, bytes } = this.uploads.read(uploadId);
    const { listSheet, ...read } = options;
    return { stream: await streamTableForList(bytes, upload.fileName, read, listSheet, hooks), fileName: upload.fileName, fetchedFrom: upload.fetchedFrom };
  }

  /**
   * Header, first rows, row count and problems of an upload: the rows are counted on the way, not kept. `mappingOf`
   * gives the mapping the organiser will see, so the lines under the list are counted apart from the people.
   */
  async preview(
    uploadId: string, options: SyncReadOptions, sampleRows: number, mappingOf: (table: Table, fileName: string) => Mapping, jobId?: string,
    /** Sees every row too, once the mapping is known (KeyOverlap). */
    watch?: () => ((row: TableRow) => void) | undefined,
  ): Promise<TablePreview> {
    const signal = this.startJob(jobId);
    try {
      const { stream, fileName } = await this.stream(uploadId, options, { signal, onProgress: this.progress(jobId, 'read') });
      const footer = new FooterCount(stream.table, mappingOf(stream.table, fileName));
      const see = watch?.();
      const sample: TableRow[] = [];
      // pretix's add-on rows are no registrations of their own: not counted as such (they belong to their person).
      const addons = addonColumns(stream.table.headers);
      let rowCount = 0;
      for await (const slice of stream.slices) {
        for (let i = 0; i < slice.length && sample.length < sampleRows; i++) sample.push(slice[i]!);
        for (const row of slice) footer.see(row);
        if (see) for (const row of slice) see(row);
        rowCount += slice.length;
        if (addons) for (const row of slice) if (isAddonRow(row, addons)) rowCount--;
      }
      return { table: stream.table, rowCount, footerRows: footer.rows, sample, fileName, addonColumn: addons ? stream.table.headers[addons.addonTo]! : null };
    } finally {
      this.endJob(jobId);
    }
  }

  /** Fetches a URL source (every page of a paginated API) into an upload; `jobId` gets the progress of the pages. */
  async fetchUrl(url: string, options: SourceOptions, jobId?: string): Promise<string> {
    const signal = this.startJob(jobId);
    try {
      const { bytes, fileName } = await fetchSource(url, {
        authName: options.authName, authValue: options.authValue, timeoutMs: this.fetchTimeoutMs, onProgress: this.progress(jobId, 'read'), signal,
      });
      return this.uploads.put(fileName, bytes, url).id;
    } finally {
      this.endJob(jobId);
    }
  }

  /**
   * The source a newly loaded file most likely belongs to: same file name or URL, else the only file source when
   * the file has most of that source's columns (a re-export under a new name; the preview then checks that the file
   * shares people with it, see KeyOverlap). A list of another layout is offered as a new source, so people of the
   * first list are not marked cancelled by a file that never listed them.
   */
  suggestSource(kind: 'file' | 'url', location: string, headers: readonly string[]): SyncSourceRow | null {
    const { db } = this.ctx.requireEvent();
    const same = findSourceByLocation(db, kind, location);
    if (same || kind === 'url') return same;
    const files = listSources(db).filter((s) => s.kind === 'file');
    if (files.length !== 1) return null;
    const known = Object.keys(JSON.parse(files[0]!.mapping) as Mapping);
    const have = new Set(headers);
    return known.filter((h) => have.has(h)).length * 2 >= known.length ? files[0]! : null;
  }

  mappingFor(table: Table, sourceId: string | null): Mapping {
    const { db } = this.ctx.requireEvent();
    return sourceMapping(db, table.headers, sourceId ? getSource(db, sourceId) : null);
  }

  /** The source row as it will be stored when the plan is applied. */
  sourceFor(input: { sourceId?: string | null; newSource?: NewSourceSpec; location: string; options: SourceOptions; mapping: Mapping }): SyncSourceRow {
    const { db } = this.ctx.requireEvent();
    if (input.sourceId) {
      const s = getSource(db, input.sourceId);
      if (!s) throw new AppError('not_found', { entity: 'syncSource' });
      const old = JSON.parse(s.options) as SourceOptions;
      const options = { ...input.options, authName: input.options.authName ?? old.authName, authValue: input.options.authValue ?? old.authValue };
      // A URL list loaded by hand from a new address (chosen as that list) is fetched from there from now on; a file
      // loaded as a version of a URL list leaves its address alone.
      const location = s.kind !== 'url' || /^https?:\/\//i.test(input.location) ? input.location : s.location;
      return { ...s, location, options: JSON.stringify(options), mapping: JSON.stringify(input.mapping) };
    }
    const spec = input.newSource ?? { kind: 'file' as const, location: input.location };
    return {
      id: this.ctx.ids.next(), kind: spec.kind, label: spec.label?.trim() || labelFor(spec.kind, spec.location), location: spec.location,
      options: JSON.stringify(input.options), mapping: JSON.stringify(input.mapping), intervalMinutes: spec.intervalMinutes ?? null,
      lastRunId: null, createdAt: this.ctx.clock.now().toISOString(),
    };
  }

  /**
   * The dry run of an upload: read as a stream and compared slice by slice. `target` decides the source and the
   * mapping once the header is known.
   */
  async plan(input: {
    uploadId: string; options: SyncReadOptions; jobId?: string;
    /** `fetchedFrom`: the address a fetched list came from (none for a file). */
    target: (table: Table, fileName: string, fetchedFrom?: string) => PlanTarget;
    sameAs?: ReadonlyMap<number, string>;
    auto?: boolean;
  }): Promise<StoredPlan> {
    const event = this.ctx.requireEvent();
    const startedAt = this.ctx.clock.now().toISOString();
    const signal = this.startJob(input.jobId);
    this.reading.set(input.uploadId, (this.reading.get(input.uploadId) ?? 0) + 1);
    try {
      const { stream, fileName, fetchedFrom } = await this.stream(input.uploadId, input.options, { signal, onProgress: this.progress(input.jobId, 'plan') });
      const { source, mapping } = input.target(stream.table, fileName, fetchedFrom);
      const sameAs = input.sameAs ?? new Map<number, string>();
      const plan = await planSync(event.db, { table: stream, mapping, sourceId: source.id, ids: this.ctx.ids, signal, sameAs });
      const stored: StoredPlan = {
        id: this.ctx.ids.next(), plan, source, uploadId: input.uploadId, fileName, eventFile: event.file, startedAt,
        lineKind: stream.table.lineKind, sameAs, auto: input.auto, sheet: stream.table.sheet,
      };
      this.plans.set(stored.id, stored);
      // The oldest dry runs go. Those of periodic checks take their fetched files along (a URL list fetched every
      // few minutes while a cancellation waits for approval would otherwise leave a copy of itself each time); an
      // organiser's file stays for "Zurück zur Zuordnung" until the event is closed.
      for (const old of [...this.plans.keys()].slice(0, Math.max(0, this.plans.size - KEEP_PLANS))) {
        this.dropPlan(old, this.plans.get(old)?.auto === true);
      }
      return stored;
    } catch (err) {
      if (signal?.aborted) throw new AppError('bad_request', { messageKey: 'sync.error.cancelled' });
      throw err;
    } finally {
      // What reading and comparing the list left behind goes before the organiser's next step allocates anew.
      collectGarbageSoon();
      this.endJob(input.jobId);
      const n = (this.reading.get(input.uploadId) ?? 1) - 1;
      if (n > 0) this.reading.set(input.uploadId, n);
      else this.reading.delete(input.uploadId);
      if (n <= 0 && this.dropWhenRead.delete(input.uploadId)) this.dropUpload(input.uploadId);
    }
  }

  /**
   * The same dry run again with the organiser's choices of who is who (PlanInput.sameAs): same file, source,
   * mapping and read options. The earlier plan is dropped (its upload kept); a periodic check waiting on it now
   * waits on this one.
   */
  async replan(planId: string, sameAs: ReadonlyMap<number, string>, jobId?: string): Promise<StoredPlan> {
    const before = this.getPlan(planId);
    const { source } = before;
    const stored = await this.plan({
      uploadId: before.uploadId, options: readOptionsOf(JSON.parse(source.options) as SourceOptions), jobId, sameAs, target: () => ({ source, mapping: JSON.parse(source.mapping) as Mapping }),
      // A periodic check's dry run made again is still one: its fetched file goes with it when it is old.
      auto: before.auto,
    });
    this.dropPlan(planId, false);
    this.scheduler.replaced(planId, stored.id);
    return stored;
  }

  /**
   * A copy of a dry run's file, for the organiser to map anew (sync.preview with planId): the dry run may go
   * meanwhile (a later check replaces it), and its file with it. Dropped as any upload (see SyncWizard).
   */
  copyUpload(uploadId: string): string {
    const { upload, bytes } = this.uploads.read(uploadId);
    return this.uploads.put(upload.fileName, bytes, upload.fetchedFrom).id;
  }

  /** A file the organiser left (a preview not taken further): gone, unless a dry run still reads it. */
  /** A file read for the mapping goes; one a dry run is being made from right now goes when that ends. */
  dropUpload(uploadId: string): void {
    if (this.reading.has(uploadId)) this.dropWhenRead.add(uploadId);
    else if (!this.uploadsInUse().has(uploadId)) this.uploads.drop(uploadId);
  }

  /** A dry run kept for the event open now. */
  hasPlan(planId: string): boolean {
    const stored = this.plans.get(planId);
    return stored !== undefined && stored.eventFile === this.ctx.event?.file;
  }

  getPlan(planId: string): StoredPlan {
    this.ctx.requireEvent();
    if (!this.hasPlan(planId)) throw new AppError('bad_request', { messageKey: 'sync.error.planGone' });
    return this.plans.get(planId)!;
  }

  /** `auto`: by a periodic check on its own (see SyncScheduler), not by an organiser. */
  apply(planId: string, auto = false): { runId: string; stored: StoredPlan } {
    const stored = this.getPlan(planId);
    const runId = this.write(stored, stored.plan, auto);
    this.dropPlan(planId, true);
    collectGarbageSoon();
    this.dropOthersOf(stored);
    this.scheduler.settled(stored.source, {
      at: this.ctx.clock.now().toISOString(), outcome: 'applied', planId: null, counts: stored.plan.counts, messageKey: null, params: {},
    });
    this.ctx.push.publish({ type: 'sync.changed' });
    return { runId, stored };
  }

  /**
   * Of a periodic check's dry run, the part it applies on its own (see withoutHeldBack), recorded as a run. The dry
   * run goes (it no longer fits); its fetched file stays, for the dry run of what is held back. Other dry runs of the
   * list go as after any apply: made again from their older files, they would cancel the people just added. One an
   * organiser has open says so at once (see SyncWizard), with "Liste neu abrufen".
   */
  applyPart(planId: string, part: SyncPlan): void {
    const stored = this.getPlan(planId);
    this.write(stored, part, true);
    this.dropPlan(planId, false);
    this.dropOthersOf(stored, stored.uploadId);
    this.ctx.push.publish({ type: 'sync.changed' });
  }

  private write(stored: StoredPlan, plan: SyncPlan, auto: boolean): string {
    const event = this.ctx.requireEvent();
    const runId = this.ctx.ids.next();
    applyPlan(event.db, {
      plan, source: stored.source, runId, startedAt: stored.startedAt, at: this.ctx.clock.now().toISOString(),
      stationId: event.station.id, lineKind: stored.lineKind, auto, sheet: stored.sheet,
    });
    return runId;
  }

  /**
   * Other dry runs of the list just written to (a later check's) compared against what changed: no use any more.
   * Their files go, but `keep`.
   */
  private dropOthersOf(stored: StoredPlan, keep?: string): void {
    for (const [id, other] of this.plans) if (other.source.id === stored.source.id) this.dropPlan(id, other.uploadId !== keep);
  }

  /**
   * A list fetched by a periodic check says this person is cancelled, and that waits for approval: the desk admits
   * them (nothing is applied yet), and says so. The list's name and when it was fetched; null when none says so.
   */
  cancellationWaiting(registrationId: string): { source: string; at: string } | null {
    for (const { planId, at } of this.scheduler.waiting()) {
      if (!this.hasPlan(planId)) continue;
      const stored = this.plans.get(planId)!;
      if (cancelledBy(stored.plan).has(registrationId)) return { source: stored.source.label, at };
    }
    return null;
  }

  /** The people a dry run would cancel (ids), for what a check keeps with the list (see SyncScheduler.remember). */
  cancelledIn(planId: string): string[] {
    const stored = this.plans.get(planId);
    return stored ? [...cancelledBy(stored.plan)] : [];
  }

  /** "Liste entfernen" (see removeSource): its plans not yet applied are dropped. */
  removeSource(sourceId: string, erase = false): RemoveSourceResult {
    const event = this.ctx.requireEvent();
    const result = removeSource(event.db, {
      sourceId, erase, runId: this.ctx.ids.next(), at: this.ctx.clock.now().toISOString(), stationId: event.station.id,
    });
    for (const [id, stored] of this.plans) if (stored.source.id === sourceId) this.dropPlan(id, true);
    if (erase) this.dropForErasure(sourceId);
    this.scheduler.forget(sourceId);
    this.ctx.push.publish({ type: 'sync.changed' });
    return result;
  }

  /** The personal data of a list removed earlier (see eraseRemovedSource). */
  eraseRemovedSource(sourceId: string): { erased: number; rewritten: boolean } {
    const event = this.ctx.requireEvent();
    const result = eraseRemovedSource(event.db, { sourceId, runId: this.ctx.ids.next(), at: this.ctx.clock.now().toISOString(), stationId: event.station.id });
    this.dropForErasure(sourceId);
    this.ctx.push.publish({ type: 'sync.changed' });
    return result;
  }

  /**
   * After an erasure: the erased people may be in any file read here. Dry runs an organiser left open go with their
   * files (one of the same list loaded as a new list, say, left by going to another screen: the privacy probe found
   * two such copies of 100 000 people), and so do files no dry run reads any more (one dropped as too old, a list
   * chosen and left). Only what periodic checks of other lists wait with stays.
   */
  private dropForErasure(sourceId: string): void {
    const waiting = new Set(this.scheduler.waiting().map((w) => w.planId));
    for (const [id, stored] of this.plans) if (!waiting.has(id) || stored.source.id === sourceId) this.dropPlan(id, true);
    this.uploads.dropAllBut(this.uploadsInUse());
  }

  private uploadsInUse(): Set<string> {
    return new Set([...[...this.plans.values()].map((p) => p.uploadId), ...this.reading.keys()]);
  }

  private dropPlan(planId: string, withUpload: boolean): void {
    const stored = this.plans.get(planId);
    if (!stored) return;
    this.plans.delete(planId);
    // Another dry run of the same file, kept or being made (a replan), still reads it.
    if (withUpload && !this.uploadsInUse().has(stored.uploadId)) this.uploads.drop(stored.uploadId);
  }

  /**
   * The event's personal data were deleted: dry runs not applied (those of periodic checks too) and the files they
   * were read from go, and what the checks found is no longer shown.
   */
  dropPending(): void {
    for (const c of this.jobs.values()) c.abort();
    for (const id of [...this.plans.keys()]) this.dropPlan(id, true);
    this.uploads.dropAll();
    this.scheduler.forgetAll();
  }

  dispose(): void {
    this.scheduler.stop();
    this.dropPending();
  }
}

/**
 * The name a new list gets until the organiser gives it one: a file's name; for a URL its host and the last part of
 * its path ("pretix.eu · orders", "example.org · teilnehmer.csv"), so an API and an export of one system differ.
 */
export function labelFor(kind: 'file' | 'url', location: string): string {
  if (kind === 'file') return basename(location);
  try {
    const url = new URL(location);
    const last = url.pathname.split('/').filter(Boolean).pop();
    let part = '';
    try {
      part = last ? decodeURIComponent(last) : '';
    } catch {
      part = last ?? '';
    }
    return part ? `${url.host} · ${part.slice(0, 60)}` : url.host;
  } catch {
    return location.slice(0, 80);
  }
}

const services = new WeakMap<AppContext, SyncService>();

/** The sync of this app, created on first use; its periodic re-fetch starts with it. */
export function syncServiceOf(ctx: AppContext): SyncService {
  let s = services.get(ctx);
  if (!s) {
    services.set(ctx, (s = new SyncService(ctx)));
    s.scheduler.start();
  }
  return s;
}

/** The people a dry run cancels, worked out once per dry run: asked at every admission at the desk. */
const cancelledOf = new WeakMap<SyncPlan, Set<string>>();
function cancelledBy(plan: SyncPlan): Set<string> {
  let ids = cancelledOf.get(plan);
  if (!ids) cancelledOf.set(plan, (ids = new Set(plan.changes.filter((c) => c.kind === 'cancelled').map((c) => c.registrationId))));
  return ids;
}

/**
 * See SyncService.cancellationWaiting; after a restart (no dry run open any more), what the last check kept with
 * the list (savedCancellation), until the next check.
 */
export function cancellationWaiting(ctx: AppContext, registrationId: string): { source: string; at: string } | null {
  return services.get(ctx)?.cancellationWaiting(registrationId) ?? savedCancellation(ctx.requireEvent().db, registrationId);
}

/** After the purge of personal data (see SyncService.dropPending); nothing to do where no list was loaded. */
export function dropPendingSyncs(ctx: AppContext): void {
  services.get(ctx)?.dropPending();
}

/**
 * Another program wrote to the event file (see ExternalChanges): the waiting dry runs of periodic checks are judged
 * again. Nothing to do where no list was looked at yet.
 */
export async function externalChangeToSync(ctx: AppContext): Promise<boolean> {
  return (await services.get(ctx)?.scheduler.externalChange()) ?? false;
}

/** Called where an app starts (station server, desktop app), so URL sources refresh without opening the view. */
export function startSyncScheduler(ctx: AppContext): void {
  syncServiceOf(ctx);
}
