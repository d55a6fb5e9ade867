// Pure pixel helpers for the QR frame decoder. No Node, DOM or Electron APIs: this file is bundled into a
// browser Web Worker and also imported by Node tests/benchmarks.

/** A single-channel 8-bit image, row-major, no padding between rows. */
export interface GrayImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * RGBA (e.g. ImageData.data) to 8-bit luminance. Alpha is ignored because camera frames are opaque.
 * Integer BT.601 weights (77 + 150 + 29 = 256) keep this a shift instead of a float multiply per pixel,
 * which matters at 1280x720 at several frames per second.
 */
export function rgbaToLuminance(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): Uint8ClampedArray {
  const size = width * height;
  if (!(size > 0) || rgba.length < size * 4) {
    throw new RangeError(`rgba buffer of ${rgba.length} bytes is too small for ${width}x${height}`);
  }
  const out = new Uint8ClampedArray(size);
  for (let i = 0, p = 0; i < size; i++, p += 4) {
    out[i] = (rgba[p]! * 77 + rgba[p + 1]! * 150 + rgba[p + 2]! * 29) >> 8;
  }
  return out;
}

/** Light code on a dark background (phone screens in dark mode) becomes a normal dark-on-light code. */
export function invertLuminance(img: GrayImage): GrayImage {
  const src = img.data;
  const out = new Uint8ClampedArray(src.length);
  for (let i = 0; i < src.length; i++) out[i] = 255 - src[i]!;
  return { data: out, width: img.width, height: img.height };
}

/**
 * Half-size image by 2x2 box averaging. Averaging (not skipping) suppresses sensor noise and moiré, and a
 * large, slightly blurred code gets crisper module edges relative to its size.
 */
export function downscale2x(img: GrayImage): GrayImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const src = img.data;
  const sw = img.width;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    let s = 2 * y * sw;
    let o = y * w;
    for (let x = 0; x < w; x++, s += 2, o++) {
      out[o] = (src[s]! + src[s + 1]! + src[s + sw]! + src[s + sw + 1]! + 2) >> 2;
    }
  }
  return { data: out, width: w, height: h };
}

/**
 * Crops the centred region of `fraction` of each dimension and doubles it with bilinear interpolation.
 * A code held far from the camera has modules of 1-2 px; zxing's finder-pattern search needs a few pixels
 * per module to check the 1:1:3:1:1 ratio, and the centre is where people hold the code.
 */
export function cropCentreUpscale2x(img: GrayImage, fraction: number): GrayImage {
  const cw = Math.max(1, Math.floor(img.width * fraction));
  const ch = Math.max(1, Math.floor(img.height * fraction));
  const left = (img.width - cw) >> 1;
  const top = (img.height - ch) >> 1;
  const src = img.data;
  const sw = img.width;
  const w = cw * 2;
  const h = ch * 2;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < ch; y++) {
    const row = (top + y) * sw + left;
    // Clamp the neighbour row/column at the crop edge instead of reading outside it.
    const next = y + 1 < ch ? sw : 0;
    const o0 = 2 * y * w;
    const o1 = o0 + w;
    for (let x = 0; x < cw; x++) {
      const s = row + x;
      const right = x + 1 < cw ? 1 : 0;
      const a = src[s]!;
      const b = src[s + right]!;
      const c = src[s + next]!;
      const d = src[s + next + right]!;
      out[o0 + 2 * x] = a;
      out[o0 + 2 * x + 1] = (a + b + 1) >> 1;
      out[o1 + 2 * x] = (a + c + 1) >> 1;
      out[o1 + 2 * x + 1] = (a + b + c + d + 2) >> 2;
    }
  }
  return { data: out, width: w, height: h };
}
