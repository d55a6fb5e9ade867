import { describe, expect, it } from 'vitest';
import { collectGarbageSoon } from '../../electron/core/memory';

describe('collectGarbageSoon', () => {
  it('frees what a large piece of work left behind once the current work is answered', async () => {
    let rows: { i: number; text: string }[] | null = Array.from({ length: 1_000_000 }, (_, i) => ({ i, text: `Zeile ${i}` }));
    const full = process.memoryUsage().heapUsed;
    expect(rows.length).toBe(1_000_000);
    rows = null;
    collectGarbageSoon();
    // Not at once: the answer of the current request goes first.
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(full * 0.9);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.memoryUsage().heapUsed).toBeLessThan(full / 2);
  });
});
