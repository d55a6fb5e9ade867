import type { Db } from '../../../db/open';
import { getHubLink, hubWaitingHash, markSynced, preferAddress, setHubWaitingCancellations, setPulledSeq } from '../../../db/queries/hub-link';
import { acknowledge, outboxEntries, outboxPage, type OutboxEntry } from '../../../db/queries/sync-state';
import type { Ports } from '../event/new-event';
import { laptopTime } from '../ports';
import { HubClient, HubError } from './client';
import { followHubClock, measureOffset } from './clock';
import { mergeRecords, type MergeOutcome } from './merge';
import { PROTOCOL_VERSION, pullResponse, pushResponse, type WireRecord } from './protocol';
import { readRecords, referencesOf } from './records';

/** Records per request: small enough that merging a page never holds up the app for long. */
export const PUSH_PAGE = 1000;
export const PULL_PAGE = 2000;
const PUSH_TIMEOUT_MS = 60_000;

export interface SessionHooks {
  onMerged?(outcome: MergeOutcome): void;
  onClock?(offsetMs: number): void;
}

/**
 * What a station sends next: a page of its outbox, plus whatever those records point to that is still waiting too
 * (a walk-in further back than the page), so the hub can place every record of the page.
 */
export function collectPush(db: Db, limit: number): { records: WireRecord[]; entries: OutboxEntry[] } {
  return db.transaction(() => {
    const entries = outboxPage(db, limit);
    let records = readRecords(db, entries);
    const refs = referencesOf(records);
    const have = new Set(entries.map((e) => `${e.kind}\u0000${e.key}`));
    const extra = (['station', 'day', 'list', 'registration'] as const)
      .flatMap((kind) => outboxEntries(db, kind, refs[kind]))
      .filter((e) => !have.has(`${e.kind}\u0000${e.key}`));
    if (extra.length > 0) {
      entries.push(...extra);
      records = readRecords(db, entries);
    }
    return { records, entries };
  })();
}

/** One station file's exchange with its hub: push what the hub has not confirmed, pull what is new there. */
export class LinkSession {
  readonly client: HubClient;

  constructor(
    private readonly db: Db,
    private readonly ports: Ports,
    private readonly hooks: SessionHooks = {},
  ) {
    const link = getHubLink(db);
    if (!link) throw new HubError('not_paired');
    this.client = new HubClient(
      { addresses: link.addresses, certPem: link.certPem, fingerprint: link.fingerprint, token: link.token },
      (addresses) => preferAddress(db, addresses),
    );
  }

  private measure(t0: number, hub: { received: number; sent: number }): void {
    const { offsetMs, roundTripMs } = measureOffset(t0, laptopTime(), hub);
    // A slow round trip says little about the offset.
    if (roundTripMs > 2000) return;
    followHubClock(this.db, offsetMs, true);
    this.hooks.onClock?.(offsetMs);
  }

  private offset(): number {
    return getHubLink(this.db)?.clockOffsetMs ?? 0;
  }

  /** Sends everything waiting; each page leaves the outbox only once the hub answered that it committed it. */
  async pushAll(signal?: AbortSignal): Promise<number> {
    let sent = 0;
    for (;;) {
      const { records, entries } = collectPush(this.db, PUSH_PAGE);
      if (entries.length === 0) return sent;
      if (records.length > 0) {
        const t0 = laptopTime();
        const res = await this.client.post(
          '/hub/v1/push', { v: PROTOCOL_VERSION, sentAt: t0, clockOffsetMs: this.offset(), records }, pushResponse, PUSH_TIMEOUT_MS, signal,
        );
        this.measure(t0, res.hubTime);
      }
      acknowledge(this.db, entries);
      markSynced(this.db, this.ports.clock.now().toISOString());
      sent += records.length;
    }
  }

  /** One pull; with waitMs the hub holds it open until something changes. The cursor moves in the merge's transaction. */
  async pullOnce(waitMs: number, signal?: AbortSignal): Promise<{ more: boolean; outcome: MergeOutcome }> {
    const since = getHubLink(this.db)?.pulledSeq ?? 0;
    const t0 = laptopTime();
    const seen = this.waitingSeen();
    const res = await this.client.post(
      '/hub/v1/pull', { v: PROTOCOL_VERSION, since, limit: PULL_PAGE, waitMs, sentAt: t0, clockOffsetMs: this.offset(), ...seen },
      pullResponse, waitMs + PUSH_TIMEOUT_MS, signal,
    );
    this.measure(t0, res.hubTime);
    const outcome = mergeRecords(this.db, res.records, {
      origin: null, isHub: false, receivedAt: this.ports.clock.now().toISOString(), ids: this.ports.ids,
      after: () => {
        setPulledSeq(this.db, Math.max(since, res.upTo));
        markSynced(this.db, this.ports.clock.now().toISOString());
        // What waits for approval at the hub now; left out when it is what the station has (and by a hub of an
        // earlier build, which sends no hash either: then the station never sends one back).
        if (res.waitingCancellations && res.waitingHash) {
          const list = res.waitingCancellations;
          setHubWaitingCancellations(this.db, list.length > 0 ? JSON.stringify({ hash: res.waitingHash, list }) : null);
          this.emptyWaitingHash = list.length === 0 ? res.waitingHash : null;
        }
      },
    });
    if (res.records.length > 0) this.hooks.onMerged?.(outcome);
    return { more: res.more, outcome };
  }

  /** A hub's hash of an empty list of waiting cancellations (nothing is stored for it). */
  private emptyWaitingHash: string | null = null;

  /** What the station has of the hub's waiting cancellations, to be left out of the answer (see pullRequest). */
  private waitingSeen(): { waitingSeen?: string } {
    const hash = hubWaitingHash(this.db) ?? this.emptyWaitingHash;
    return hash ? { waitingSeen: hash } : {};
  }

  async pullAll(signal?: AbortSignal): Promise<number> {
    let received = 0;
    for (let more = true; more; ) {
      const r = await this.pullOnce(0, signal);
      received += r.outcome.added;
      more = r.more;
    }
    return received;
  }

  close(): void {
    this.client.close();
  }
}
