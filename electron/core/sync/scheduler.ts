import { createHash } from 'node:crypto';
import type { Db } from '../../../db/open';
import { retryPendingRewrite } from '../../../db/queries/erasure';
import { hubWaitingCancellations } from '../../../db/queries/hub-link';
import { checksWithWaitingCancellations, getSource, listSources, runProblems, saveSourceCheck, sourceCheck, type SyncSourceRow } from '../../../db/queries/sync';
import { AppError } from '../errors';
import { heldBack, holdsAnything, seenWarningsOf, withoutHeldBack } from './held-back';
import { listComesFromHub, type SyncCounts } from './plan';
import type { SyncProblem } from './problems';
import type { SourceOptions, StoredPlan, SyncService } from './sync-service';

export interface SourceCheck {
  at: string;
  /**
   * What the last look at the list found: applied (on its own, or by the organiser), nothing to change, changes
   * waiting for approval, a list that cannot be applied as it is (errors in rows), a dry run the organiser
   * discarded, or a fetch that failed.
   */
  outcome: 'applied' | 'unchanged' | 'pending' | 'blocked' | 'discarded' | 'error';
  planId: string | null;
  counts: SyncCounts | null;
  messageKey: string | null;
  params: Record<string, unknown>;
  /**
   * Applied by this same check while the rest waits (`pending`): the new and changed people, without what is held
   * back (see HeldBack).
   */
  applied?: SyncCounts;
  /** Read back from the event file after a restart: the dry run it may have made is no longer open. */
  restored?: boolean;
  /**
   * `pending`: the whole list waits, new registrations too, for a warning about the list as a whole (a column
   * gone, half of the people missing: see HeldBack), not only some of its people.
   */
  wholeList?: boolean;
  /**
   * `unchanged`: what this check's dry run held for approval was applied by another program writing to the event
   * file (`einlass import` of the same list, a scheduled task): the list was loaded elsewhere (see externalChange).
   */
  elsewhere?: boolean;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const nodeTimers: Timers = {
  setInterval: (fn, ms) => {
    const h = setInterval(fn, ms);
    // The scheduler must never keep a command-line run or a test alive.
    h.unref();
    return h;
  },
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/**
 * Re-fetches URL sources every N minutes while the app runs and makes a dry run. Adding and updating people is
 * what a repeated fetch is for, and is applied on its own; what needs an organiser's look waits ("Änderungen warten
 * auf Freigabe", see HeldBack). Applied plans are recorded as runs; the outcome of every check is shown, and kept
 * with the list so that it is still shown after a restart (without its dry run, which lives in memory only).
 */
export class SyncScheduler {
  private readonly checks = new Map<string, SourceCheck>();
  /** Ids of the people whose cancellation a restored check left waiting (see remember). */
  private readonly restoredCancelling = new Map<string, string[]>();
  private readonly lastAttempt = new Map<string, number>();
  private handle: unknown = null;
  private running = false;
  /** The list a periodic check is fetching right now (the card says so: a fetch may take up to 30 s). */
  private fetching: string | null = null;

  constructor(private readonly service: SyncService, private readonly timers: Timers = nodeTimers, private readonly tickMs = 30_000) {}

  start(): void {
    if (this.handle === null) this.handle = this.timers.setInterval(() => void this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearInterval(this.handle);
    this.handle = null;
  }

  check(sourceId: string): SourceCheck | null {
    const known = this.checks.get(sourceId);
    if (known) return known;
    const event = this.service.ctx.event;
    const saved = event ? sourceCheck(event.db, sourceId) : null;
    if (!saved) return null;
    const { cancelling, ...kept } = JSON.parse(saved) as Omit<SourceCheck, 'planId'> & { cancelling?: string[] };
    const check = { ...kept, planId: null, restored: true };
    this.checks.set(sourceId, check);
    if (cancelling) this.restoredCancelling.set(sourceId, cancelling);
    return check;
  }

  /**
   * What a check found: shown from now on, and kept with the list for after a restart — with the ids of the people
   * whose cancellation waits for approval, so that the desk still says so after a restart, offline too, until the
   * next check (see savedCancellation; the dry run itself lives in memory only).
   */
  private remember(sourceId: string, check: SourceCheck): void {
    this.checks.set(sourceId, check);
    const event = this.service.ctx.event;
    const { at, outcome, counts, messageKey, params, applied, wholeList, elsewhere } = check;
    // A restored check (its dry run gone with the restart) that still stands keeps the ids it was saved with.
    const cancelling = outcome !== 'pending' ? [] : check.planId ? this.service.cancelledIn(check.planId) : (this.restoredCancelling.get(sourceId) ?? []);
    if (check.planId || outcome !== 'pending') this.restoredCancelling.delete(sourceId);
    if (event) {
      saveSourceCheck(event.db, sourceId, JSON.stringify({
        at, outcome, counts, messageKey, params, applied, wholeList, elsewhere, ...(cancelling.length > 0 ? { cancelling } : {}),
      }));
    }
  }

  /**
   * When the periodic check of a list comes next (it runs at the first tick at or after that time, so up to a tick
   * later), or null when it is not checked on its own here; and whether it is being fetched right now.
   */
  timing(source: Pick<SyncSourceRow, 'id' | 'kind' | 'intervalMinutes'>): { nextCheckAt: string | null; nextCheckSoon: boolean; fetching: boolean } {
    const fetching = this.fetching === source.id;
    const event = this.service.ctx.event;
    if (source.kind !== 'url' || !source.intervalMinutes || this.handle === null || !event || listComesFromHub(event.db)) {
      return { nextCheckAt: null, nextCheckSoon: false, fetching };
    }
    const now = this.service.ctx.clock.now().getTime();
    const last = this.lastAttempt.get(source.id);
    const due = last === undefined ? now : Math.max(now, last + source.intervalMinutes * 60_000);
    return { nextCheckAt: new Date(due).toISOString(), nextCheckSoon: due - now < 60_000, fetching };
  }

  /** Checks every URL source that is due; one tick at a time. */
  async tick(): Promise<void> {
    const event = this.service.ctx.event;
    // Not a list check, but this is the station's periodic look: an erasure's rewrite left for later (another
    // program read the file at the time, see rewriteFile) is tried again here, at hubs and stations alike.
    if (event && !this.running) retryPendingRewrite(event.db);
    // A station takes its people from the hub (an old hub that joined another keeps its sources, unused).
    if (!event || this.running || listComesFromHub(event.db)) return;
    this.running = true;
    try {
      const now = this.service.ctx.clock.now().getTime();
      for (const source of listSources(event.db)) {
        if (source.kind !== 'url' || !source.intervalMinutes) continue;
        const last = this.lastAttempt.get(source.id);
        if (last !== undefined && now - last < source.intervalMinutes * 60_000) continue;
        this.lastAttempt.set(source.id, now);
        this.fetching = source.id;
        this.service.ctx.push.publish({ type: 'sync.changed' });
        try {
          await this.refresh(source);
        } finally {
          this.fetching = null;
        }
        if (this.service.ctx.event !== event) break;
      }
    } finally {
      this.running = false;
    }
  }

  async refresh(source: SyncSourceRow): Promise<SourceCheck> {
    const svc = this.service;
    const at = svc.ctx.clock.now().toISOString();
    const waiting = this.checks.get(source.id)?.planId ?? null;
    let check: SourceCheck;
    try {
      const options = JSON.parse(source.options) as SourceOptions;
      const uploadId = await svc.fetchUrl(source.location, options);
      // The same answer as the dry run waiting for approval, and nothing changed here since: that one stays, as the
      // organiser may be reading it right now (a new one would take its place under their hands).
      if (waiting && svc.stillCurrent(waiting, uploadId)) {
        svc.uploads.drop(uploadId);
        const waited = this.checks.get(source.id)!;
        // A failed fetch said in between is over; what an earlier check applied is not this one's (see the history).
        const { applied: _earlier, ...rest } = waited;
        check = waited.outcome === 'pending' ? { ...rest, at, messageKey: null, params: {} } : { ...rest, at };
      } else {
        check = await this.judge(at, source, uploadId, options, waiting);
      }
    } catch (err) {
      const details = err instanceof AppError ? err.details : {};
      const messageKey = typeof details.messageKey === 'string' ? details.messageKey : err instanceof AppError ? err.messageKey : 'errors.internal';
      const before = this.check(source.id);
      // Changes waiting for approval stay shown, and can be looked at, next to the failed fetch; so do those a check
      // before a restart left waiting (their dry run is made again by the next fetch that works).
      check = before?.outcome === 'pending' && ((before.planId && svc.hasPlan(before.planId)) || (before.restored && !before.planId))
        ? { ...before, at, messageKey, params: details, applied: undefined }
        : { at, outcome: 'error', planId: null, counts: null, messageKey, params: details };
    }
    this.remember(source.id, check);
    // Done before the card is told, so that it no longer says "being fetched".
    if (this.fetching === source.id) this.fetching = null;
    svc.ctx.push.publish({ type: 'sync.changed' });
    return check;
  }

  /**
   * The dry run of a fetched list, and what becomes of it: applied when nothing in it waits for an organiser (see
   * HeldBack), else the rest is applied and a dry run of what is held back waits. A dry run that waited before
   * stays until it is old (KEEP_PLANS), as long as nothing was written: whoever is reading it can still apply it,
   * and the other then no longer fits and is made anew at the next check.
   */
  private async judge(at: string, source: SyncSourceRow, uploadId: string, options: SourceOptions, waiting: string | null): Promise<SourceCheck> {
    const svc = this.service;
    let stored = await this.dryRun(source, uploadId, options);
    let held = heldBack(stored.plan, this.seenBefore(source.id));
    let applied: SyncCounts | null = null;
    const part = holdsAnything(held) && !held.all ? withoutHeldBack(stored.plan, held) : null;
    if (part) {
      // Written, and the list compared again: the dry run that waits holds only what needs approval.
      svc.applyPart(stored.id, part);
      applied = part.counts;
      waiting = null;
      stored = await this.dryRun(source, uploadId, options);
      held = heldBack(stored.plan, this.seenBefore(source.id));
    }
    const { counts, problems, blocked } = stored.plan;
    if (!holdsAnything(held)) {
      if (waiting) svc.cancel(undefined, waiting);
      const nothing = counts.added + counts.updated === 0;
      if (nothing) svc.cancel(undefined, stored.id);
      else svc.apply(stored.id, true);
      // Applied in two goes (the list changed between them): said as one.
      const total = applied ? { ...counts, added: applied.added + counts.added, updated: applied.updated + counts.updated } : counts;
      return { at, outcome: nothing && !applied ? 'unchanged' : 'applied', planId: null, counts: total, messageKey: null, params: {} };
    }
    return {
      at, outcome: blocked ? 'blocked' : 'pending', planId: stored.id, counts, messageKey: null,
      params: blocked ? { errors: problems.errors } : {}, ...(applied ? { applied } : {}), ...(!blocked && held.all ? { wholeList: true } : {}),
    };
  }

  /**
   * Another program wrote to the event file (see ExternalChanges): `einlass import` of this same list by a scheduled
   * task, say. A dry run waiting for approval that no longer fits what the file holds is made again from the list
   * it fetched — nothing of it is applied here, the next check fetches and judges anew — so that what the other
   * program applied is no longer offered for approval (QA17 H1, M2). When nothing is left to change, the card says
   * the list was loaded elsewhere. True when a check changed.
   */
  async externalChange(): Promise<boolean> {
    const svc = this.service;
    let changed = false;
    for (const [sourceId, c] of [...this.checks]) {
      if ((c.outcome !== 'pending' && c.outcome !== 'blocked') || !c.planId || !svc.hasPlan(c.planId) || svc.planFits(c.planId)) continue;
      let stored: StoredPlan;
      try {
        // The same file, mapping and choices of who is who; the check now waits on the new one (see replaced).
        stored = await svc.replan(c.planId, svc.getPlan(c.planId).sameAs);
      } catch {
        continue;
      }
      const now = this.checks.get(sourceId) ?? c;
      const { counts, problems, blocked } = stored.plan;
      if (!blocked && counts.added + counts.updated + counts.cancelled + counts.keptLocal === 0) {
        svc.cancel(undefined, stored.id);
        this.remember(sourceId, { at: svc.ctx.clock.now().toISOString(), outcome: 'unchanged', planId: null, counts, messageKey: null, params: {}, elsewhere: true });
      } else {
        const held = heldBack(stored.plan, this.seenBefore(sourceId));
        this.remember(sourceId, {
          at: now.at, outcome: blocked ? 'blocked' : 'pending', planId: stored.id, counts, messageKey: now.messageKey,
          params: blocked ? { errors: problems.errors } : now.outcome === 'pending' ? now.params : {}, ...(!blocked && held.all ? { wholeList: true } : {}),
        });
      }
      changed = true;
    }
    return changed;
  }

  /** The warnings the list's last applied sync had: an organiser saw them then. */
  private seenBefore(sourceId: string): Set<string> {
    const { db } = this.service.ctx.requireEvent();
    const runId = getSource(db, sourceId)?.lastRunId;
    const run = runId ? runProblems(db, runId) : null;
    return seenWarningsOf(run ? (JSON.parse(run.problems) as SyncProblem[]) : []);
  }

  /** A dry run of a fetched list, with the list's saved mapping. */
  private async dryRun(source: SyncSourceRow, uploadId: string, options: SourceOptions): Promise<StoredPlan> {
    const svc = this.service;
    try {
      return await svc.plan({
        uploadId, options, auto: true,
        target: (table) => {
          const mapping = svc.mappingFor(table, source.id);
          return { mapping, source: svc.sourceFor({ sourceId: source.id, location: source.location, options, mapping }) };
        },
      });
    } catch (err) {
      // An answer that could not be read holds people all the same: not kept on disk.
      svc.uploads.drop(uploadId);
      throw err;
    }
  }

  /** The dry runs of periodic checks waiting for approval, with when the list was fetched. */
  waiting(): { planId: string; at: string }[] {
    return [...this.checks.values()].flatMap((c) => (c.outcome === 'pending' && c.planId ? [{ planId: c.planId, at: c.at }] : []));
  }

  /** A waiting plan was made again (with the organiser's choices): the check now waits on the new one. */
  replaced(planId: string, newPlanId: string): void {
    for (const [id, c] of this.checks) if (c.planId === planId) this.remember(id, { ...c, planId: newPlanId });
  }

  /** A removed list: what its last check found is no longer shown (the file forgets it with the list's access). */
  forget(sourceId: string): void {
    this.checks.delete(sourceId);
    this.restoredCancelling.delete(sourceId);
    this.lastAttempt.delete(sourceId);
  }

  /**
   * A URL list's key or address was changed: a failed fetch is no longer shown (it was about the old access, a 403
   * stayed red on the card until the next check), and a list checked periodically is fetched at the next tick
   * (within 30 s) instead of after its interval. Changes waiting for approval stay.
   */
  accessChanged(sourceId: string): void {
    if (this.check(sourceId)?.outcome === 'error') {
      this.checks.delete(sourceId);
      const event = this.service.ctx.event;
      if (event) saveSourceCheck(event.db, sourceId, null);
    }
    this.lastAttempt.delete(sourceId);
  }

  /** Everything: the event was closed, or its personal data were deleted (the file forgets the checks then). */
  forgetAll(): void {
    this.checks.clear();
    this.restoredCancelling.clear();
    this.lastAttempt.clear();
  }

  /**
   * A dry run of a URL list was applied or discarded, by hand or by a check: the card says so from now on, not what
   * an earlier check found (a failed fetch, changes waiting that are applied now).
   */
  settled(source: SyncSourceRow, check: SourceCheck): void {
    if (source.kind === 'url') this.remember(source.id, check);
  }
}

const savedChecks = new Map<string, { at: string; cancelling: Set<string> }>();

/** What `raw` (JSON kept in the event file) reads as, made once per text: asked at every admission. */
function parsedOnce<T>(cache: Map<string, T>, raw: string, make: (raw: string) => T): T {
  let value = cache.get(raw);
  if (value === undefined) {
    value = make(raw);
    if (cache.size > 20) cache.clear();
    cache.set(raw, value);
  }
  return value;
}

function parsedCheck(raw: string): { at: string; cancelling: Set<string> } {
  return parsedOnce(savedChecks, raw, () => {
    const parsed = JSON.parse(raw) as { at: string; outcome: string; cancelling?: string[] };
    return { at: parsed.at, cancelling: new Set(parsed.outcome === 'pending' ? (parsed.cancelling ?? []) : []) };
  });
}

/** A person's cancellation waiting for approval: which list says so, and when it was fetched. */
export interface WaitingCancellation {
  id: string;
  source: string;
  at: string;
}

/**
 * Every cancellation a periodic check left waiting here, as kept with the lists (see remember): what a hub sends its
 * stations with every answer, so that their desks warn as its own does.
 */
export function waitingCancellations(db: Db): { list: WaitingCancellation[]; hash: string } {
  const checks = checksWithWaitingCancellations(db);
  const key = JSON.stringify(checks);
  if (lastWaiting?.key !== key) {
    const list = checks.flatMap(({ label, check }) => {
      const { at, cancelling } = parsedCheck(check);
      return [...cancelling].map((id) => ({ id, source: label, at }));
    });
    lastWaiting = { key, list, hash: createHash('sha256').update(key).digest('base64url').slice(0, 22) };
  }
  return { list: lastWaiting.list, hash: lastWaiting.hash };
}

/** The last answer of waitingCancellations: a hub is asked at every pull of every station. */
let lastWaiting: { key: string; list: WaitingCancellation[]; hash: string } | null = null;

const hubLists = new Map<string, Map<string, WaitingCancellation>>();

/**
 * A cancellation a periodic check left waiting for approval, as kept with the list (see remember) — or, at a
 * station, as its hub last said (migration 014): the list's name and when it was fetched, or null. Read from the
 * event file, so it holds after a restart before any list is looked at, and offline; each is parsed once.
 */
export function savedCancellation(db: Db, registrationId: string): { source: string; at: string } | null {
  // One cached statement per admission, and nothing more where no check left anything waiting.
  for (const { label, check } of checksWithWaitingCancellations(db)) {
    const saved = parsedCheck(check);
    if (saved.cancelling.has(registrationId)) return { source: label, at: saved.at };
  }
  const fromHub = hubWaitingCancellations(db);
  if (!fromHub) return null;
  const byId = parsedOnce(hubLists, fromHub, () => new Map((JSON.parse(fromHub) as { list: WaitingCancellation[] }).list.map((w) => [w.id, w])));
  const w = byId.get(registrationId);
  return w ? { source: w.source, at: w.at } : null;
}
