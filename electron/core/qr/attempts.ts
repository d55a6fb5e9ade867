// The decode strategy: which image transformations and binarizers are tried for one frame, and in which order.
// Pure module (bundled into the scanner Web Worker, also run in Node).
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { Binarizer, LuminanceSource } from '@zxing/library';
import { cropCentreUpscale2x, downscale2x, invertLuminance, type GrayImage } from './luminance.js';

/** Below this the 2x downscale leaves too few pixels per module to be worth an attempt. */
const MIN_DOWNSCALE_SIDE = 160;
/** Only frames this large can contain a code so small that upscaling the centre helps. */
const MIN_UPSCALE_SIDE = 240;
/** Share of width/height cropped around the centre before upscaling; output has the frame's pixel count. */
const CENTRE_FRACTION = 0.5;

/** Names of the decode attempts, in the order they are tried. */
export type AttemptName =
  | 'hybrid'
  | 'global-histogram'
  | 'inverted'
  | 'downscaled'
  | 'downscaled-global-histogram'
  | 'centre-upscaled';

export interface Attempt {
  name: AttemptName;
  /** Produces the (possibly transformed) image lazily, so skipped fallbacks cost nothing. */
  image: () => GrayImage;
  binarizer: (source: LuminanceSource) => Binarizer;
  /** Pixel count for predicting the attempt's cost before paying for it. */
  pixels: number;
}

const hybrid = (source: LuminanceSource): Binarizer => new HybridBinarizer(source);
const globalHistogram = (source: LuminanceSource): Binarizer => new GlobalHistogramBinarizer(source);

// One reader and hint map per module: QRCodeReader keeps no per-decode state, and rebuilding them per frame
// would only create garbage in the worker.
const reader = new QRCodeReader();
const hints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
]);

/** Cheapest and most likely first; each later attempt covers a case the earlier ones miss. */
export function buildAttempts(full: GrayImage): Attempt[] {
  const pixels = full.width * full.height;
  const attempts: Attempt[] = [
    // Local thresholds: copes with uneven light and low contrast; finds almost every clean code.
    { name: 'hybrid', image: () => full, binarizer: hybrid, pixels },
    // One global threshold: HybridBinarizer turns sensor noise in flat areas (quiet zone, white modules) into
    // speckles that break the finder-pattern ratios; a single threshold does not.
    { name: 'global-histogram', image: () => full, binarizer: globalHistogram, pixels },
    // Light-on-dark (dark-mode wallets/screens): zxing only looks for dark finder patterns.
    { name: 'inverted', image: () => invertLuminance(full), binarizer: hybrid, pixels },
  ];
  if (Math.min(full.width, full.height) >= MIN_DOWNSCALE_SIDE) {
    // 2x2 averaging halves the noise; with both binarizers this covers noise plus uneven light (hybrid) and
    // heavy noise plus blur (global), which the full-size attempts miss.
    let half: GrayImage | undefined;
    const downscaled = (): GrayImage => (half ??= downscale2x(full));
    attempts.push(
      { name: 'downscaled', image: downscaled, binarizer: hybrid, pixels: pixels >> 2 },
      { name: 'downscaled-global-histogram', image: downscaled, binarizer: globalHistogram, pixels: pixels >> 2 },
    );
  }
  if (Math.min(full.width, full.height) >= MIN_UPSCALE_SIDE) {
    const side = 2 * CENTRE_FRACTION;
    // Codes far from the camera (modules of ~1.5 px, rotated) that the detector misses at native size.
    attempts.push({
      name: 'centre-upscaled',
      image: () => cropCentreUpscale2x(full, CENTRE_FRACTION),
      binarizer: hybrid,
      pixels: Math.round(pixels * side * side),
    });
  }
  return attempts;
}

/** Runs one attempt; null means no readable QR code in this rendition of the frame. */
export function runAttempt(attempt: Attempt): string | null {
  try {
    const img = attempt.image();
    const source = new RGBLuminanceSource(img.data, img.width, img.height);
    const result = reader.decode(new BinaryBitmap(attempt.binarizer(source)), hints);
    const text = result.getText();
    // An empty string carries no check-in information; treat it like no code so the caller keeps scanning.
    return text.length > 0 ? text : null;
  } catch {
    // NotFound/Checksum/Format exceptions are zxing's normal "no (readable) code here". Anything else from
    // inside zxing on a strange image is treated the same way: a real code will be seen in the next frame.
    return null;
  }
}
