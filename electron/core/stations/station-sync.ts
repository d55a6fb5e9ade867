import type { Db } from '../../../db/open';
import { getHubLink, markSyncError } from '../../../db/queries/hub-link';
import { outboxCount, outboxCountOf } from '../../../db/queries/sync-state';
import type { Ports } from '../event/new-event';
import { HubError } from './client';
import { clockWarning, followHubClock } from './clock';
import { LinkSession } from './link';
import type { MergeOutcome } from './merge';
import { MAX_WAIT_MS } from './protocol';

export interface LinkStatus {
  connected: boolean;
  lastSyncAt: string | null;
  /** Records made here that the hub has not confirmed yet. */
  pending: number;
  /** Of them, check-ins (said as such: "2 Check-ins noch nicht übertragen", not "2 noch nicht übertragen"). */
  pendingCheckIns: number;
  clockOffsetMs: number;
  clockWarning: boolean;
  lastError: string | null;
  revoked: boolean;
  hubAddress: string | null;
}

export interface StationSyncHooks {
  onStatus(status: LinkStatus): void;
  onMerged(outcome: MergeOutcome): void;
}

const LONG_POLL_MS = 20_000;
/** Retries while the hub is away: quick at first, then every quarter second (a refused connection on the local network costs nothing). */
const BACKOFF_MS = [100, 250];
/** Records written by another process (a command-line scan on this file) are noticed this often. */
const OUTBOX_POLL_MS = 1000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * A paired station's background exchange while the app runs: one loop sends what was made here as soon as it is
 * made (and retries with backoff while the hub is away), another holds a pull open at the hub so changes from
 * other stations arrive within moments. Work never waits for either: scans are stored locally first.
 */
export class StationSync {
  private readonly session: LinkSession;
  private readonly stop$ = new AbortController();
  private wakePush: (() => void) | null = null;
  private connected = false;
  private lastError: string | null = null;
  private revoked = false;
  private published = '';
  private publishTimer: NodeJS.Timeout | null = null;
  private pushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    ports: Ports,
    private readonly hooks: StationSyncHooks,
  ) {
    this.session = new LinkSession(db, ports, { onMerged: (o) => hooks.onMerged(o) });
    followHubClock(db, getHubLink(db)?.clockOffsetMs ?? 0, false);
  }

  start(): void {
    void this.pushLoop();
    void this.pullLoop();
    this.publish();
  }

  stop(): void {
    this.stop$.abort();
    this.wakePush?.();
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.session.close();
  }

  /** Something was recorded here: send it now. */
  nudge(): void {
    this.wakePush?.();
    this.publishSoon();
  }

  status(): LinkStatus {
    const link = getHubLink(this.db);
    return {
      connected: this.connected && !this.revoked,
      lastSyncAt: link?.lastSyncAt ?? null,
      pending: outboxCount(this.db),
      pendingCheckIns: outboxCountOf(this.db, 'check_in'),
      clockOffsetMs: link?.clockOffsetMs ?? 0,
      clockWarning: clockWarning(link?.clockOffsetMs),
      lastError: this.lastError,
      revoked: this.revoked,
      hubAddress: link?.addresses[0] ?? null,
    };
  }

  /**
   * Pushes are serialised, and a pull waits for what is pending to be pushed first: a field changed here and at the
   * hub at the same time is then decided at the hub, which keeps the conflict for the organiser to see.
   */
  private push(): Promise<number> {
    const run = this.pushing.then(() => this.session.pushAll(this.stop$.signal));
    this.pushing = run.catch(() => undefined);
    return run;
  }

  /** Exchange everything now (the "Jetzt abgleichen" button); throws what went wrong. */
  async syncNow(): Promise<void> {
    try {
      await this.push();
      await this.session.pullAll(this.stop$.signal);
      this.succeeded();
    } catch (err) {
      this.failed(err);
      throw err;
    }
  }

  private get stopped(): boolean {
    return this.stop$.signal.aborted || this.revoked;
  }

  private async pushLoop(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      if (outboxCount(this.db) === 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, OUTBOX_POLL_MS);
          this.wakePush = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wakePush = null;
        continue;
      }
      try {
        await this.push();
        attempt = 0;
        this.succeeded();
      } catch (err) {
        this.failed(err);
        await sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!, this.stop$.signal);
      }
    }
  }

  private async pullLoop(): Promise<void> {
    let attempt = 0;
    let more = true;
    while (!this.stopped) {
      try {
        if (outboxCount(this.db) > 0) await this.push();
        const r = await this.session.pullOnce(more ? 0 : Math.min(LONG_POLL_MS, MAX_WAIT_MS), this.stop$.signal);
        more = r.more;
        attempt = 0;
        this.succeeded();
      } catch (err) {
        this.failed(err);
        more = true;
        await sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!, this.stop$.signal);
      }
    }
  }

  private succeeded(): void {
    this.connected = true;
    this.lastError = null;
    this.publishSoon();
  }

  private failed(err: unknown): void {
    if (this.stop$.signal.aborted) return;
    const reason = err instanceof HubError ? err.reason : 'internal';
    if (!(err instanceof HubError)) console.error('[einlass] station sync failed:', err instanceof Error ? err.stack : String(err));
    this.connected = false;
    this.lastError = reason;
    if (reason === 'revoked' || reason === 'unauthorized') this.revoked = true;
    markSyncError(this.db, reason);
    this.publishSoon();
  }

  /** Status goes out at most every 300 ms, and only when it changed. */
  private publishSoon(): void {
    if (this.publishTimer || this.stop$.signal.aborted) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      this.publish();
    }, 300);
  }

  private publish(): void {
    if (this.stop$.signal.aborted) return;
    const status = this.status();
    const text = JSON.stringify(status);
    if (text === this.published) return;
    this.published = text;
    this.hooks.onStatus(status);
  }
}
