import { listSources, type SyncSourceRow } from '../../../db/queries/sync';
import { AppError } from '../errors';
import { listComesFromHub, type SyncCounts } from './plan';
import type { SourceOptions, SyncService } from './sync-service';

export interface SourceCheck {
  at: string;
  outcome: 'applied' | 'unchanged' | 'pending' | 'error';
  planId: string | null;
  counts: SyncCounts | null;
  messageKey: string | null;
  params: Record<string, unknown>;
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
 * Re-fetches URL sources every N minutes while the app runs and makes a dry run. A plan is applied on its own only
 * when it is clean: no problems at all and nobody cancelled — adding and updating people is what a repeated fetch
 * is for, but cancelling someone or reading a row with a problem waits for an organiser ("Änderungen warten auf
 * Freigabe"). Applied plans are recorded as runs; the outcome of every check is kept in memory and shown.
 */
export class SyncScheduler {
  private readonly checks = new Map<string, SourceCheck>();
  private readonly lastAttempt = new Map<string, number>();
  private handle: unknown = null;
  private running = false;

  constructor(private readonly service: SyncService, private readonly timers: Timers = nodeTimers, private readonly tickMs = 30_000) {}

  start(): void {
    if (this.handle === null) this.handle = this.timers.setInterval(() => void this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearInterval(this.handle);
    this.handle = null;
  }

  check(sourceId: string): SourceCheck | null {
    return this.checks.get(sourceId) ?? null;
  }

  /** Checks every URL source that is due; one tick at a time. */
  async tick(): Promise<void> {
    const event = this.service.ctx.event;
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
        await this.refresh(source);
        if (this.service.ctx.event !== event) break;
      }
    } finally {
      this.running = false;
    }
  }

  async refresh(source: SyncSourceRow): Promise<SourceCheck> {
    const svc = this.service;
    const at = svc.ctx.clock.now().toISOString();
    let check: SourceCheck;
    try {
      const options = JSON.parse(source.options) as SourceOptions;
      const uploadId = await svc.fetchUrl(source.location, options);
      const stored = await svc.plan({
        uploadId, options,
        target: (table) => {
          const mapping = svc.mappingFor(table, source.id);
          return { mapping, source: svc.sourceFor({ sourceId: source.id, location: source.location, options, mapping }) };
        },
      });
      const { counts, problems, blocked } = stored.plan;
      // How a list without ids is read is said on every dry run: nothing to review by itself.
      const notes = (problems.counts.get('keyByEmailAndName') ?? 0) + (problems.counts.get('keyByName') ?? 0);
      const clean = !blocked && problems.errors + problems.warnings - notes === 0 && counts.cancelled === 0 && counts.keptLocal === 0;
      if (clean && counts.added + counts.updated === 0) {
        svc.cancel(undefined, stored.id);
        check = { at, outcome: 'unchanged', planId: null, counts, messageKey: null, params: {} };
      } else if (clean) {
        svc.apply(stored.id);
        check = { at, outcome: 'applied', planId: null, counts, messageKey: null, params: {} };
      } else {
        const previous = this.checks.get(source.id)?.planId;
        if (previous) svc.cancel(undefined, previous);
        check = { at, outcome: 'pending', planId: stored.id, counts, messageKey: null, params: {} };
      }
    } catch (err) {
      const details = err instanceof AppError ? err.details : {};
      const messageKey = typeof details.messageKey === 'string' ? details.messageKey : err instanceof AppError ? err.messageKey : 'errors.internal';
      check = { at, outcome: 'error', planId: null, counts: null, messageKey, params: details };
    }
    this.checks.set(source.id, check);
    svc.ctx.push.publish({ type: 'sync.changed' });
    return check;
  }

  /** A waiting plan was made again (with the organiser's choices): the check now waits on the new one. */
  replaced(planId: string, newPlanId: string): void {
    for (const [id, c] of this.checks) if (c.planId === planId) this.checks.set(id, { ...c, planId: newPlanId });
  }

  /** A removed list: what its last check found is no longer shown. */
  forget(sourceId: string): void {
    this.checks.delete(sourceId);
    this.lastAttempt.delete(sourceId);
  }

  /** Everything: the personal data of the event were deleted. */
  forgetAll(): void {
    this.checks.clear();
    this.lastAttempt.clear();
  }

  /** A pending plan was applied or dropped by hand. */
  settled(planId: string, outcome: 'applied' | 'unchanged'): void {
    for (const [id, c] of this.checks) if (c.planId === planId) this.checks.set(id, { ...c, planId: null, outcome });
  }
}
