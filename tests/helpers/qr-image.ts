// Node-only test helpers: synthetic camera frames with QR codes, and YUV4MPEG2 files that Chromium can play
// as a fake webcam (`--use-file-for-fake-video-capture=FILE.y4m`).
import fs from 'node:fs';
import QRCode from 'qrcode';
import { mulberry32 } from '../../electron/core/demo/prng';

export interface QrMatrix {
  size: number;
  /** modules[row][col], true = dark module. */
  modules: boolean[][];
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const rows: boolean[][] = [];
  for (let r = 0; r < size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < size; c++) row.push(modules.data[r * size + c] === 1);
    rows.push(row);
  }
  return { size, modules: rows };
}

export interface RenderQrOptions {
  width: number;
  height: number;
  /**
   * Pixels per module, may be fractional (>= 1): modules then come out 1 or 2 px wide, like a code seen from
   * a distance. Default: the largest integer that fits the code (with quiet zone) into 60% of the shorter side.
   */
  moduleSize?: number;
  /** Top-left corner of the code including its quiet zone. Default: centred. */
  x?: number;
  y?: number;
  /** Quiet zone in modules, drawn in `background`. */
  quietZone?: number;
  background?: number;
  foreground?: number;
  /** Rotation around the code centre in degrees (clockwise on screen). Default 0. */
  rotationDeg?: number;
  /**
   * Average 4x4 samples per pixel instead of one, so edges get intermediate grey values like in a real camera
   * image (and fractional module sizes do not alternate between 1 and 2 px). Default false.
   */
  antialias?: boolean;
  /** Frame to draw onto (copied, not modified), e.g. a noisy blankFrame(). Default: filled with `background`. */
  base?: Uint8ClampedArray;
}

/** Grayscale frame (width*height bytes) with a QR code for `text`. Throws if the code does not fit. */
export function renderQrGray(text: string, opts: RenderQrOptions): Uint8ClampedArray {
  const { width, height } = opts;
  assertDimensions(width, height);
  const quietZone = opts.quietZone ?? 4;
  const background = opts.background ?? 255;
  const foreground = opts.foreground ?? 0;
  assertInteger('quietZone', quietZone, 0);
  assertByte('background', background);
  assertByte('foreground', foreground);

  const { size, modules } = qrMatrix(text);
  const span = size + 2 * quietZone;
  const moduleSize = opts.moduleSize ?? Math.floor((Math.min(width, height) * 0.6) / span);
  if (!Number.isFinite(moduleSize) || moduleSize < 1) {
    throw new RangeError(`moduleSize must be >= 1, got ${moduleSize} (frame too small for this code?)`);
  }
  const box = Math.ceil(span * moduleSize);
  const x = opts.x ?? Math.floor((width - box) / 2);
  const y = opts.y ?? Math.floor((height - box) / 2);
  assertInteger('x', x, Number.MIN_SAFE_INTEGER);
  assertInteger('y', y, Number.MIN_SAFE_INTEGER);
  if (x < 0 || y < 0 || x + box > width || y + box > height) {
    throw new RangeError(`QR code of ${box}px at (${x},${y}) does not fit into ${width}x${height}`);
  }

  const rotation = ((opts.rotationDeg ?? 0) * Math.PI) / 180;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const cx = x + box / 2;
  const cy = y + box / 2;
  // Axis-aligned bounds of the (possibly rotated) code; a rotated corner outside the frame is a test bug.
  const half = (box / 2) * (Math.abs(cos) + Math.abs(sin));
  const x0 = Math.floor(cx - half);
  const y0 = Math.floor(cy - half);
  const x1 = Math.ceil(cx + half);
  const y1 = Math.ceil(cy + half);
  if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) {
    throw new RangeError(`rotated QR code (${x0},${y0})-(${x1},${y1}) does not fit into ${width}x${height}`);
  }

  let frame: Uint8ClampedArray;
  if (opts.base !== undefined) {
    if (opts.base.length !== width * height) throw new RangeError('base frame must have width*height bytes');
    frame = new Uint8ClampedArray(opts.base);
  } else {
    frame = new Uint8ClampedArray(width * height).fill(background);
  }
  const samples = opts.antialias === true ? 4 : 1;
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const under = frame[py * width + px]!;
      let sum = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          // Sample point relative to the code centre, rotated back into the code's own coordinates.
          const dx = px + (sx + 0.5) / samples - cx;
          const dy = py + (sy + 0.5) / samples - cy;
          const u = cos * dx + sin * dy + box / 2;
          const v = -sin * dx + cos * dy + box / 2;
          if (u < 0 || v < 0 || u >= box || v >= box) {
            sum += under;
            continue;
          }
          const col = Math.floor(u / moduleSize) - quietZone;
          const row = Math.floor(v / moduleSize) - quietZone;
          const dark = row >= 0 && row < size && col >= 0 && col < size && modules[row]![col]!;
          sum += dark ? foreground : background;
        }
      }
      frame[py * width + px] = Math.round(sum / (samples * samples));
    }
  }
  return frame;
}

/** Opaque RGBA (as in ImageData.data) from grayscale. */
export function grayToRgba(gray: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  assertDimensions(width, height);
  if (gray.length !== width * height) throw new RangeError(`gray has ${gray.length} bytes, expected ${width * height}`);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    const v = gray[i]!;
    rgba[p] = v;
    rgba[p + 1] = v;
    rgba[p + 2] = v;
    rgba[p + 3] = 255;
  }
  return rgba;
}

export interface BlankFrameOptions {
  /** Per-pixel uniform noise amplitude (±noise), like sensor noise. Default 0. */
  noise?: number;
  /** Brightness change from left to right edge (±gradient/2), like uneven room light. Default 0. */
  gradient?: number;
  /** Seed of the deterministic PRNG, so a failing test sees the same frame again. */
  seed?: number;
}

/** A "nothing in view" frame: uniform `value`, optionally with seeded noise and a lighting gradient. */
export function blankFrame(
  width: number,
  height: number,
  value = 200,
  options: BlankFrameOptions = {},
): Uint8ClampedArray {
  assertDimensions(width, height);
  const noise = options.noise ?? 0;
  const gradient = options.gradient ?? 0;
  const random = mulberry32(options.seed ?? 1);
  const frame = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const shade = width > 1 ? gradient * (x / (width - 1) - 0.5) : 0;
      const jitter = noise > 0 ? (random() * 2 - 1) * noise : 0;
      frame[y * width + x] = Math.round(value + shade + jitter); // Uint8ClampedArray clamps to 0..255
    }
  }
  return frame;
}

/** Seeded PRNG for test images: the demo data's own (mulberry32), so both stay reproducible the same way. */
export { mulberry32 };

export interface Y4mOptions {
  width: number;
  height: number;
  /** Integer frames per second. */
  fps: number;
}

export interface Y4mWriter {
  writeFrame(gray: Uint8ClampedArray): void;
  close(): void;
  readonly framesWritten: number;
}

/**
 * Streams grayscale frames into a YUV4MPEG2 4:2:0 file (neutral chroma), one frame at a time, so long fake
 * camera videos never sit in memory. Width and height must be even because Chromium's fake capture rejects
 * odd sizes.
 */
export function createY4mWriter(file: string, opts: Y4mOptions): Y4mWriter {
  const { width, height, fps } = opts;
  assertDimensions(width, height);
  if (width % 2 !== 0 || height % 2 !== 0) {
    throw new RangeError(`y4m for Chromium needs even width and height, got ${width}x${height}`);
  }
  assertInteger('fps', fps, 1);
  const chromaSize = Math.ceil(width / 2) * Math.ceil(height / 2);
  // U and V planes follow each other and are both constant, so one buffer covers both.
  const chroma = Buffer.alloc(2 * chromaSize, 128);
  const frameHeader = Buffer.from('FRAME\n', 'ascii');

  const fd = fs.openSync(file, 'w');
  let open = true;
  let framesWritten = 0;
  try {
    writeAll(fd, Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii'));
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }

  return {
    writeFrame(gray: Uint8ClampedArray): void {
      if (!open) throw new Error('y4m writer is closed');
      if (gray.length !== width * height) {
        throw new RangeError(`frame has ${gray.length} bytes, expected ${width * height}`);
      }
      writeAll(fd, frameHeader);
      writeAll(fd, Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength));
      writeAll(fd, chroma);
      framesWritten++;
    },
    close(): void {
      if (!open) return;
      open = false;
      fs.closeSync(fd);
    },
    get framesWritten(): number {
      return framesWritten;
    },
  };
}

/** Convenience wrapper; pass a generator as `frames` to keep memory flat for long videos. */
export function writeY4m(file: string, opts: Y4mOptions & { frames: Iterable<Uint8ClampedArray> }): number {
  const writer = createY4mWriter(file, opts);
  try {
    for (const frame of opts.frames) writer.writeFrame(frame);
    return writer.framesWritten;
  } finally {
    writer.close();
  }
}

function writeAll(fd: number, buf: Buffer): void {
  // writeSync may write fewer bytes than asked; loop so a frame is never silently truncated.
  let offset = 0;
  while (offset < buf.length) offset += fs.writeSync(fd, buf, offset, buf.length - offset);
}

function assertDimensions(width: number, height: number): void {
  assertInteger('width', width, 1);
  assertInteger('height', height, 1);
}

function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

function assertByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new RangeError(`${name} must be an integer 0..255, got ${value}`);
  }
}

/** Box blur with the given radius (edges clamped), to imitate an out-of-focus webcam. */
export function boxBlur(gray: Uint8ClampedArray, width: number, height: number, radius: number): Uint8ClampedArray {
  assertDimensions(width, height);
  assertInteger('radius', radius, 0);
  if (gray.length !== width * height) throw new RangeError(`gray has ${gray.length} bytes, expected ${width * height}`);
  const tmp = new Float32Array(width * height);
  const out = new Uint8ClampedArray(width * height);
  const n = 2 * radius + 1;
  // Separable: horizontal pass into tmp, vertical pass into out.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += gray[y * width + Math.min(width - 1, Math.max(0, x + k))]!;
      tmp[y * width + x] = sum / n;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
      out[y * width + x] = Math.round(sum / n);
    }
  }
  return out;
}

/** Adds seeded uniform noise (±amplitude) to a copy of the frame. */
export function addNoise(gray: Uint8ClampedArray, amplitude: number, seed = 1): Uint8ClampedArray {
  const random = mulberry32(seed);
  const out = new Uint8ClampedArray(gray.length);
  for (let i = 0; i < gray.length; i++) out[i] = Math.round(gray[i]! + (random() * 2 - 1) * amplitude);
  return out;
}
