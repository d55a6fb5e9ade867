/**
 * Slows down guessing of pairing codes: after 10 refused attempts from one address within 10 minutes, that address
 * is refused until the window has passed. (A code has 40 bits and lives 15 minutes; this keeps it that way.)
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 10 * 60 * 1000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  allowed(key: string, now: number): boolean {
    return this.recent(key, now).length < this.maxFailures;
  }

  failed(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }
}
