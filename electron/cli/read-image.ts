// Reads PNG and JPEG files into RGBA pixels for the QR frame decoder (Node only; electron/core/qr stays
// browser-pure, so file access lives here).
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbaImage {
  /** RGBA, 4 bytes per pixel, row-major, exactly width*height*4 bytes. */
  data: Uint8Array;
  width: number;
  height: number;
}

export type ImageReadProblem = 'not_found' | 'unreadable' | 'unsupported' | 'corrupt';

export class ImageReadError extends Error {
  constructor(
    readonly file: string,
    readonly problem: ImageReadProblem,
    readonly detail: string,
  ) {
    super(`${file}: ${problem} (${detail})`);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Decoding more than this would take seconds and hundreds of MB; no camera photo comes close. */
const MAX_MEGAPIXELS = 100;

/** The format is taken from the file's first bytes, not its name: a "photo.png" that is a JPEG still reads. */
export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

export function decodeImage(bytes: Buffer, file = '(buffer)'): RgbaImage {
  const format = imageFormat(bytes);
  if (!format) throw new ImageReadError(file, 'unsupported', 'neither PNG nor JPEG');
  let image: RgbaImage;
  try {
    if (format === 'png') {
      // pngjs expands palette, grey and 16-bit images to 8-bit RGBA.
      const png = PNG.sync.read(bytes);
      image = { data: png.data, width: png.width, height: png.height };
    } else {
      const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS });
      image = { data: jpg.data, width: jpg.width, height: jpg.height };
    }
  } catch (err) {
    throw new ImageReadError(file, 'corrupt', err instanceof Error ? err.message : String(err));
  }
  if (!(image.width > 0 && image.height > 0) || image.data.length !== image.width * image.height * 4) {
    throw new ImageReadError(file, 'corrupt', `unexpected pixel data for ${image.width}x${image.height}`);
  }
  return image;
}

export function readImage(file: string): RgbaImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImageReadError(file, 'not_found', 'ENOENT');
    throw new ImageReadError(file, 'unreadable', code ?? (err instanceof Error ? err.message : String(err)));
  }
  return decodeImage(bytes, file);
}
