/**
 * Tells a hardware scanner that types like a keyboard ("keyboard wedge") from a person typing: scanners send a
 * whole code within a few milliseconds per character, people need 80 ms and more. A burst ends with Enter (most
 * scanners) or with a pause (scanners set up without a suffix). Pure, so it is tested on plain Node.
 */
export interface WedgeOptions {
  /** Longest gap between two characters of one scan. */
  maxGapMs?: number;
  /** A pause this long ends a burst that had no Enter. */
  endPauseMs?: number;
  minLength?: number;
}

export class WedgeDetector {
  private buffer = '';
  private last = -Infinity;
  private readonly maxGap: number;
  private readonly endPause: number;
  private readonly minLength: number;

  constructor(options: WedgeOptions = {}) {
    this.maxGap = options.maxGapMs ?? 35;
    this.endPause = options.endPauseMs ?? 120;
    this.minLength = options.minLength ?? 4;
  }

  /**
   * Feeds one key (`KeyboardEvent.key`) at time `now` (ms). Returns a finished scan, or null.
   * A slow key starts a new candidate burst, so a person's typing never becomes a scan.
   */
  feed(key: string, now: number): string | null {
    const gap = now - this.last;
    if (gap > this.endPause) {
      const pending = this.finish();
      this.reset();
      if (pending) {
        this.last = now;
        if (key.length === 1) this.buffer = key;
        return pending;
      }
    }
    this.last = now;
    if (key === 'Enter' || key === 'Tab') {
      const done = this.finish();
      this.reset();
      return done;
    }
    if (key.length !== 1) return null;
    if (this.buffer.length > 0 && gap > this.maxGap) {
      this.reset();
      this.last = now;
    }
    this.buffer += key;
    return null;
  }

  /** Call after a quiet period: a burst without Enter is complete once the scanner has stopped typing. */
  flush(now: number): string | null {
    if (now - this.last < this.endPause) return null;
    const done = this.finish();
    this.reset();
    return done;
  }

  /** Characters of the burst so far (so a field that received them can be cleaned up). */
  get pending(): string {
    return this.buffer;
  }

  private finish(): string | null {
    return this.buffer.length >= this.minLength ? this.buffer : null;
  }

  private reset(): void {
    this.buffer = '';
    this.last = -Infinity;
  }
}
