import { describe, expect, it } from 'vitest';
import { WedgeDetector } from '../../renderer/src/scanner/keyboard-wedge';

/** Types `text` starting at `start` with `gap` ms between keys; returns every scan the detector reports. */
function type(d: WedgeDetector, text: string[], start: number, gap: number): { scans: string[]; end: number } {
  const scans: string[] = [];
  let t = start;
  for (const key of text) {
    const s = d.feed(key, t);
    if (s) scans.push(s);
    t += gap;
  }
  return { scans, end: t };
}

const keys = (s: string) => [...s];

describe('keyboard-wedge detector', () => {
  it('reports a fast burst ending in Enter as one scan', () => {
    const d = new WedgeDetector();
    expect(type(d, [...keys('K7QX-M2PA'), 'Enter'], 1000, 8).scans).toEqual(['K7QX-M2PA']);
  });

  it('reports a fast burst without Enter after the pause', () => {
    const d = new WedgeDetector();
    const { scans, end } = type(d, keys(']Q1K7QX-M2PA'), 1000, 5);
    expect(scans).toEqual([]);
    expect(d.flush(end + 50)).toBeNull();
    expect(d.flush(end + 200)).toBe(']Q1K7QX-M2PA');
    expect(d.flush(end + 400)).toBeNull();
  });

  it('never turns human typing into a scan, with or without Enter', () => {
    const d = new WedgeDetector();
    expect(type(d, [...keys('mueller'), 'Enter'], 1000, 90).scans).toEqual([]);
    const { end } = type(d, keys('Heike'), 5000, 150);
    expect(d.flush(end + 500)).toBeNull();
  });

  it('separates two scans in a row, and a scan right after typing', () => {
    const d = new WedgeDetector();
    const first = type(d, keys('AAAA-1111'), 1000, 6);
    const second = type(d, keys('BBBB-2222'), first.end + 300, 6);
    expect([...first.scans, ...second.scans]).toEqual(['AAAA-1111']);
    expect(d.flush(second.end + 200)).toBe('BBBB-2222');

    const mixed = new WedgeDetector();
    const typed = type(mixed, keys('hei'), 1000, 120);
    expect(type(mixed, [...keys('CCCC-3333'), 'Enter'], typed.end + 40, 7).scans).toEqual(['CCCC-3333']);
  });

  it('ignores short bursts and modifier keys', () => {
    const d = new WedgeDetector();
    expect(type(d, ['Shift', 'a', 'b', 'Enter'], 1000, 5).scans).toEqual([]);
    expect(type(d, ['Shift', ...keys('ABCD-1234'), 'Enter'], 2000, 5).scans).toEqual(['ABCD-1234']);
  });
});
