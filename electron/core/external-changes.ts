import type { Db } from '../../db/open';
import type { AppContext } from './app-context';
import { externalChangeToSync } from './sync/sync-service';

/** How often the open event file is asked whether another program wrote to it. */
export const EXTERNAL_POLL_MS = 1500;

interface Seen {
  db: Db;
  version: number;
  /** The newest check-in record (rowid) seen: which lists got new ones. */
  lastCheckIn: number;
  summary: string;
}

const statements = new WeakMap<Db, { version: () => number; lastCheckIn: () => number; listsSince: (rowid: number) => string[] }>();

function queries(db: Db) {
  let q = statements.get(db);
  if (!q) {
    const version = db.prepare('PRAGMA data_version').pluck();
    const last = db.prepare('SELECT coalesce(max(rowid), 0) FROM check_ins').pluck();
    const since = db.prepare('SELECT DISTINCT list_id FROM check_ins WHERE rowid > ?').pluck();
    q = {
      version: () => version.get() as number,
      lastCheckIn: () => last.get() as number,
      listsSince: (rowid) => since.all(rowid) as string[],
    };
    statements.set(db, q);
  }
  return q;
}

/**
 * Notices what another program committed to the open event file — `einlass import` run by a scheduled task beside
 * the running station, a command-line scan or hand-over — and tells the open screens, as the app's own writes do
 * (QA17 M1: the people list, the desk's counter, the list's card and its history stayed as they were until a reload).
 *
 * SQLite's `PRAGMA data_version` changes only when another connection commits, so the station's own writes do not
 * count, and asking it costs one step of a prepared statement: it is asked every 1.5 s on a timer that keeps no
 * process alive. On a change: the waiting dry runs of periodic list checks are judged again (see
 * SyncScheduler.externalChange), and the screens are told what may have changed.
 */
export class ExternalChanges {
  private handle: NodeJS.Timeout | null = null;
  private seen: Seen | null = null;
  private busy: Promise<boolean> | null = null;

  constructor(private readonly ctx: AppContext, private readonly intervalMs = EXTERNAL_POLL_MS) {}

  start(): void {
    if (this.handle !== null) return;
    this.handle = setInterval(() => void this.poll(), this.intervalMs);
    this.handle.unref();
  }

  stop(): void {
    if (this.handle !== null) clearInterval(this.handle);
    this.handle = null;
  }

  /** Looks once; true when another program had written since the last look (the screens were told). */
  poll(): Promise<boolean> {
    // One look at a time: judging a waiting dry run again may take a moment with a long list.
    if (this.busy) return this.busy;
    this.busy = this.look().finally(() => (this.busy = null));
    return this.busy;
  }

  private async look(): Promise<boolean> {
    const event = this.ctx.event;
    if (!event) {
      this.seen = null;
      return false;
    }
    const q = queries(event.db);
    const version = q.version();
    // Another event opened (or the first look): what it holds now is where changes are counted from.
    if (!this.seen || this.seen.db !== event.db) {
      this.seen = { db: event.db, version, lastCheckIn: q.lastCheckIn(), summary: JSON.stringify(this.ctx.summary()) };
      return false;
    }
    if (version === this.seen.version) return false;
    const seen = this.seen;
    seen.version = version;
    const lists = q.listsSince(seen.lastCheckIn);
    seen.lastCheckIn = q.lastCheckIn();
    const summary = JSON.stringify(this.ctx.summary());
    const push = this.ctx.push;
    // The event itself (its name, its personal data deleted by `einlass purge`): only when it changed, as that
    // reloads every screen.
    if (summary !== seen.summary) {
      seen.summary = summary;
      push.publish({ type: 'event.changed', event: this.ctx.summary() });
    }
    for (const listId of lists) push.publish({ type: 'checkin.recorded', listId, registrationId: null, status: 'synced' });
    push.publish({ type: 'programme.changed' });
    push.publish({ type: 'stations.changed' });
    // The people and the lists at once; the card once more when a waiting dry run was judged again.
    push.publish({ type: 'sync.changed' });
    if (await externalChangeToSync(this.ctx)) push.publish({ type: 'sync.changed' });
    return true;
  }
}

const watchers = new WeakMap<AppContext, ExternalChanges>();

/** Called where an app starts (station server, desktop app): the open event is watched for other programs' writes. */
export function watchExternalChanges(ctx: AppContext): ExternalChanges {
  let w = watchers.get(ctx);
  if (!w) {
    watchers.set(ctx, (w = new ExternalChanges(ctx)));
    w.start();
  }
  return w;
}
