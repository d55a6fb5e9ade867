import { describe, expect, it } from 'vitest';
import { decodeFrame, decodeFrameDetailed, rgbaToLuminance } from '../../electron/core/qr/decode-frame.js';
import { addNoise, blankFrame, grayToRgba, mulberry32, renderQrGray, type RenderQrOptions } from '../helpers/qr-image.js';

const CODE = 'K7QX-M2PA';
const URL_TEXT = 'https://einlass.example/checkin?code=K7QX-M2PA&event=devconf-2025';
const UMLAUT_TEXT = 'Grüße aus Köln – Straße Nr. 5, Ärger über Öl';

const SIZES = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
] as const;

/** Renders a code and returns it as an RGBA frame, the form the worker gets from ImageData. */
function frame(text: string, opts: RenderQrOptions): Uint8ClampedArray {
  return grayToRgba(renderQrGray(text, opts), opts.width, opts.height);
}

function randomRgba(width: number, height: number, seed: number): Uint8ClampedArray {
  const random = mulberry32(seed);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < out.length; i++) out[i] = (random() * 256) | 0;
  return out;
}

/** Tests of what is decoded must not depend on how busy the machine is; the budget itself has its own tests. */
const RELAXED = { budgetMs: 10_000 };

describe('decodeFrame: codes in view', () => {
  for (const { width, height } of SIZES) {
    for (const text of [CODE, URL_TEXT, UMLAUT_TEXT]) {
      it(`decodes ${JSON.stringify(text)} at ${width}x${height}`, () => {
        expect(decodeFrame(frame(text, { width, height }), width, height, RELAXED)).toBe(text);
      });
    }

    it(`decodes a low-contrast code (90 on 160) at ${width}x${height}`, () => {
      const rgba = frame(CODE, { width, height, foreground: 90, background: 160 });
      expect(decodeFrame(rgba, width, height, RELAXED)).toBe(CODE);
    });

    it(`decodes an inverted code (light on dark) at ${width}x${height} via the inverted attempt`, () => {
      const rgba = frame(URL_TEXT, { width, height, foreground: 235, background: 20 });
      const report = decodeFrameDetailed(rgba, width, height, { budgetMs: 10_000 });
      expect(report.text).toBe(URL_TEXT);
      expect(report.attempt).toBe('inverted');
    });
  }

  it('decodes a small code in a corner of a 1280x720 frame', () => {
    const rgba = frame(CODE, { width: 1280, height: 720, moduleSize: 2, x: 40, y: 600 });
    expect(decodeFrame(rgba, 1280, 720, RELAXED)).toBe(CODE);
  });

  it('decodes a tiny rotated code (1.5 px modules) only through the centre upscale', () => {
    const gray = renderQrGray(CODE, {
      width: 1280,
      height: 720,
      moduleSize: 1.5,
      rotationDeg: 45,
      antialias: true,
      foreground: 40,
      background: 200,
    });
    const report = decodeFrameDetailed(grayToRgba(addNoise(gray, 6, 1), 1280, 720), 1280, 720, { budgetMs: 10_000 });
    expect(report.text).toBe(CODE);
    expect(report.attempt).toBe('centre-upscaled');
  });

  it('decodes a rotated, anti-aliased code drawn over a noisy scene', () => {
    const base = blankFrame(1280, 720, 150, { noise: 20, gradient: 60, seed: 7 });
    const rgba = frame(URL_TEXT, { width: 1280, height: 720, base, rotationDeg: 20, antialias: true, moduleSize: 5 });
    expect(decodeFrame(rgba, 1280, 720, RELAXED)).toBe(URL_TEXT);
  });

  it('decodes a heavily noisy code through a fallback', () => {
    const gray = addNoise(renderQrGray(URL_TEXT, { width: 1280, height: 720, foreground: 40, background: 200 }), 40, 7);
    const report = decodeFrameDetailed(grayToRgba(gray, 1280, 720), 1280, 720, { budgetMs: 10_000 });
    expect(report.text).toBe(URL_TEXT);
    expect(report.attempt).not.toBe('hybrid');
  });

  it('accepts a plain Uint8Array (e.g. a Node Buffer) as well as Uint8ClampedArray', () => {
    const rgba = frame(CODE, { width: 640, height: 480 });
    expect(decodeFrame(new Uint8Array(rgba.buffer), 640, 480, RELAXED)).toBe(CODE);
    expect(decodeFrame(Buffer.from(rgba.buffer), 640, 480, RELAXED)).toBe(CODE);
  });
});

describe('decodeFrame: nothing in view', () => {
  for (const { width, height } of SIZES) {
    it(`returns null for a uniform frame at ${width}x${height}`, () => {
      expect(decodeFrame(grayToRgba(blankFrame(width, height), width, height), width, height)).toBeNull();
    });

    it(`returns null for a noisy, unevenly lit frame at ${width}x${height}`, () => {
      const gray = blankFrame(width, height, 128, { noise: 40, gradient: 120, seed: 3 });
      expect(decodeFrame(grayToRgba(gray, width, height), width, height, RELAXED)).toBeNull();
    });

    it(`returns null for random RGBA frames at ${width}x${height}`, () => {
      for (let seed = 1; seed <= 3; seed++) {
        expect(decodeFrame(randomRgba(width, height, seed), width, height, { budgetMs: 10_000 })).toBeNull();
      }
    });
  }

  it('never reads text out of many small random frames', () => {
    for (let seed = 100; seed < 400; seed++) {
      const w = 16 + (seed % 7) * 24;
      const h = 16 + (seed % 5) * 20;
      expect(decodeFrame(randomRgba(w, h, seed), w, h, RELAXED)).toBeNull();
    }
  });

  it('returns null for a code that is cut off by the frame edge', () => {
    // Render into a wider frame, then keep only the left part so one finder pattern is missing.
    const full = renderQrGray(CODE, { width: 640, height: 480, moduleSize: 8, x: 400, y: 100 });
    const cut = new Uint8ClampedArray(480 * 480);
    for (let y = 0; y < 480; y++) cut.set(full.subarray(y * 640, y * 640 + 480), y * 480);
    expect(decodeFrame(grayToRgba(cut, 480, 480), 480, 480, { budgetMs: 10_000 })).toBeNull();
  });
});

describe('decodeFrame: invalid input never throws', () => {
  const good = frame(CODE, { width: 640, height: 480 });
  const cases: Array<[string, unknown, number, number]> = [
    ['zero size', new Uint8ClampedArray(0), 0, 0],
    ['zero width', good, 0, 480],
    ['negative size', good, -640, -480],
    ['NaN size', good, Number.NaN, 480],
    ['Infinity size', good, Number.POSITIVE_INFINITY, 480],
    ['fractional size', good, 640.5, 480],
    ['buffer too short', good.subarray(0, good.length - 4), 640, 480],
    ['buffer too long', new Uint8ClampedArray(good.length + 4), 640, 480],
    ['swapped dimensions that do not match', good, 480, 641],
    ['gray buffer instead of RGBA', renderQrGray(CODE, { width: 640, height: 480 }), 640, 480],
    ['huge claimed size', new Uint8ClampedArray(16), 1_000_000, 1_000_000],
    ['1x1 pixel', new Uint8ClampedArray([0, 0, 0, 255]), 1, 1],
    ['1 pixel high strip', new Uint8ClampedArray(4000 * 4), 4000, 1],
    ['null buffer', null, 640, 480],
    ['plain array', Array.from(good), 640, 480],
    ['Float32Array', new Float32Array(640 * 480 * 4), 640, 480],
  ];
  for (const [name, rgba, width, height] of cases) {
    it(`returns null for ${name}`, () => {
      let result: string | null | undefined;
      // The cast deliberately feeds values the types forbid, as a JS caller or a bad postMessage could.
      expect(() => {
        result = decodeFrame(rgba as Uint8ClampedArray, width, height, RELAXED);
      }).not.toThrow();
      expect(result).toBeNull();
    });
  }

  it('tolerates odd options', () => {
    const rgba = frame(CODE, { width: 640, height: 480 });
    expect(decodeFrame(rgba, 640, 480, { budgetMs: Number.NaN })).toBe(CODE);
    expect(decodeFrame(rgba, 640, 480, { budgetMs: -5 })).toBe(CODE);
    expect(decodeFrame(rgba, 640, 480, { budgetMs: Number.POSITIVE_INFINITY })).toBe(CODE);
  });
});

describe('decodeFrame: time budget', () => {
  it('runs only the first attempt when the budget is 0', () => {
    const rgba = grayToRgba(blankFrame(640, 480, 200, { noise: 10 }), 640, 480);
    const report = decodeFrameDetailed(rgba, 640, 480, { budgetMs: 0 });
    expect(report.text).toBeNull();
    expect(report.tried).toEqual(['hybrid']);
  });

  it('misses an inverted code when the budget allows no fallback', () => {
    const rgba = frame(CODE, { width: 640, height: 480, foreground: 255, background: 0 });
    expect(decodeFrame(rgba, 640, 480, { budgetMs: 0 })).toBeNull();
  });

  it('runs every attempt in the documented order when nothing is found and the budget is ample', () => {
    const rgba = grayToRgba(blankFrame(1280, 720, 200, { noise: 10 }), 1280, 720);
    const report = decodeFrameDetailed(rgba, 1280, 720, { budgetMs: 10_000 });
    expect(report.tried).toEqual([
      'hybrid',
      'global-histogram',
      'inverted',
      'downscaled',
      'downscaled-global-histogram',
      'centre-upscaled',
    ]);
  });

  it('skips the resampling attempts on frames too small for them', () => {
    const rgba = grayToRgba(blankFrame(120, 100), 120, 100);
    expect(decodeFrameDetailed(rgba, 120, 100, { budgetMs: 10_000 }).tried).toEqual([
      'hybrid',
      'global-histogram',
      'inverted',
    ]);
  });
});

describe('rgbaToLuminance', () => {
  it('uses integer BT.601 weights and ignores alpha', () => {
    const rgba = new Uint8ClampedArray([
      255, 255, 255, 0, // white, transparent
      0, 0, 0, 255, // black
      255, 0, 0, 255, // red
      0, 255, 0, 255, // green
      0, 0, 255, 255, // blue
      128, 128, 128, 17, // mid grey
    ]);
    expect(Array.from(rgbaToLuminance(rgba, 6, 1))).toEqual([255, 0, 76, 149, 28, 128]);
  });

  it('returns width*height values', () => {
    expect(rgbaToLuminance(new Uint8ClampedArray(8 * 3 * 4), 8, 3)).toHaveLength(24);
  });
});

describe('decodeFrame on a live camera (liveFrame)', () => {
  it('runs the first attempt and one fallback per frame, every fallback in turn', () => {
    const empty = grayToRgba(blankFrame(640, 480), 640, 480);
    const all = decodeFrameDetailed(empty, 640, 480, { budgetMs: 10_000 }).tried;
    expect(all.length).toBeGreaterThan(2);
    const seen = new Set<string>();
    for (let frame = 0; frame < all.length - 1; frame++) {
      const tried = decodeFrameDetailed(empty, 640, 480, { budgetMs: 10_000, liveFrame: frame }).tried;
      expect(tried).toHaveLength(2);
      expect(tried[0]).toBe(all[0]);
      seen.add(tried[1]!);
    }
    expect([...seen].sort()).toEqual(all.slice(1).sort());
  });

  it('still reads an inverted code held in view within a few frames', () => {
    const gray = renderQrGray(CODE, { width: 640, height: 480, background: 0, foreground: 255 });
    const rgba = grayToRgba(gray, 640, 480);
    const texts = [0, 1, 2, 3, 4, 5].map((frame) => decodeFrame(rgba, 640, 480, { budgetMs: 10_000, liveFrame: frame }));
    expect(texts).toContain(CODE);
  });
});
