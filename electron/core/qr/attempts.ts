// The decode strategy: which image transformations and binarizers are tried for one frame, and in which order.
// Pure module (bundled into the scanner Web Worker, also run in Node).
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  GridSamplerInstance,
  HybridBinarizer,
  PerspectiveTransform,
  QRCodeReader,
  RGBLuminanceSource,
  ResultPoint,
} from '@zxing/library';
import type { Binarizer, BitMatrix, LuminanceSource } from '@zxing/library';
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
// would only create garbage in the worker. The subclass only exposes zxing's bit-matrix decoder for the
// perspective retry below.
class QrReader extends QRCodeReader {
  bitMatrixDecoder() {
    return this.getDecoder();
  }
}
const reader = new QrReader();

/** A finder-pattern centre zxing's detector reported while searching (in pixels of the attempt's image). */
interface FinderCandidate {
  x: number;
  y: number;
  moduleSize: number;
}

/**
 * More finder-pattern candidates than this means texture or noise (a clean code yields 3), not a tilted code:
 * the perspective retry is skipped there, which keeps its cost and its chance of a misread negligible.
 */
const MAX_FINDER_CANDIDATES = 12;
/** Finder-pattern triples tried per attempt, best-shaped first. */
const MAX_TRIPLES = 2;

// Filled through zxing's result-point callback during one attempt's detection; reset before each attempt.
// Module-level because zxing wants the callback inside the (shared) hint map; decoding is synchronous.
let finderCandidates: FinderCandidate[] = [];
let tooManyCandidates = false;
const collectFinderCandidates = {
  foundPossibleResultPoint(point: ResultPoint): void {
    // Finder patterns carry a count; alignment patterns, reported through the same callback, do not.
    const p = point as ResultPoint & { getCount?: () => number; getEstimatedModuleSize?: () => number };
    if (typeof p.getCount !== 'function' || typeof p.getEstimatedModuleSize !== 'function') return;
    if (finderCandidates.length >= MAX_FINDER_CANDIDATES) {
      tooManyCandidates = true;
      return;
    }
    finderCandidates.push({ x: p.getX(), y: p.getY(), moduleSize: p.getEstimatedModuleSize() });
  },
};

const hints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
  [DecodeHintType.NEED_RESULT_POINT_CALLBACK, collectFinderCandidates],
]);
const decoderHints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);

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

/**
 * Runs one attempt; null means no readable QR code in this rendition of the frame. When zxing's own detection
 * fails after finding a few finder patterns, the same binarized image gets a perspective-corrected retry.
 */
export function runAttempt(attempt: Attempt): string | null {
  try {
    const img = attempt.image();
    const source = new RGBLuminanceSource(img.data, img.width, img.height);
    const bitmap = new BinaryBitmap(attempt.binarizer(source));
    finderCandidates = [];
    tooManyCandidates = false;
    let text: string | null;
    try {
      text = reader.decode(bitmap, hints).getText();
    } catch {
      // Candidates exist only if binarizing succeeded, so getBlackMatrix() returns the cached matrix here.
      text = finderCandidates.length >= 3 && !tooManyCandidates ? decodeTilted(bitmap.getBlackMatrix(), finderCandidates) : null;
    }
    // An empty string carries no check-in information; treat it like no code so the caller keeps scanning.
    return text !== null && text.length > 0 ? text : null;
  } catch {
    // NotFound/Checksum/Format exceptions are zxing's normal "no (readable) code here". Anything else from
    // inside zxing on a strange image is treated the same way: a real code will be seen in the next frame.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Perspective retry. zxing maps a version-1 code (our 9-character registration codes; no alignment pattern)
// onto the image as a parallelogram through its three finder patterns. A code held close to the camera at an
// angle is a trapezoid, so the guessed fourth corner lands modules off and decoding fails. The finder patterns
// themselves tell how the scale changes across the code: a projective map shrinks lengths along an edge by the
// square of its denominator, so the module sizes measured at the three finder patterns give that denominator,
// and with it the fourth corner. The corner is then refined in half-module steps; zxing's Reed-Solomon and
// format checks decide, so a wrong guess can only fail, never produce a different text in practice.

/** Bottom-right offsets tried, in module sizes along the code's top and left edges: the estimate first. */
const CORNER_OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0], [0.5, 0], [-0.5, 0], [0, 0.5], [0, -0.5], [0.5, 0.5], [-0.5, -0.5], [0.5, -0.5], [-0.5, 0.5],
];

function decodeTilted(matrix: BitMatrix, candidates: FinderCandidate[]): string | null {
  for (const [topLeft, topRight, bottomLeft] of plausibleTriples(mergeCandidates(candidates)).slice(0, MAX_TRIPLES)) {
    const text = decodeWithProjectiveCorner(matrix, topLeft, topRight, bottomLeft);
    if (text !== null) return text;
  }
  return null;
}

/** The detector reports each finder pattern once per new sighting; sightings of one pattern are averaged. */
function mergeCandidates(candidates: FinderCandidate[]): FinderCandidate[] {
  const merged: (FinderCandidate & { n: number })[] = [];
  for (const c of candidates) {
    const same = merged.find((m) => Math.abs(m.x - c.x) <= 2 * m.moduleSize && Math.abs(m.y - c.y) <= 2 * m.moduleSize);
    if (!same) {
      merged.push({ ...c, n: 1 });
      continue;
    }
    same.x = (same.x * same.n + c.x) / (same.n + 1);
    same.y = (same.y * same.n + c.y) / (same.n + 1);
    same.moduleSize = (same.moduleSize * same.n + c.moduleSize) / (same.n + 1);
    same.n++;
  }
  return merged;
}

/**
 * Triples that could be the three finder patterns of one code, as [topLeft, topRight, bottomLeft], best first:
 * a roughly right-angled, roughly isosceles corner with similar module sizes, at least 10 modules apart.
 */
function plausibleTriples(centres: FinderCandidate[]): [ResultPoint, ResultPoint, ResultPoint][] {
  const scored: { score: number; triple: [ResultPoint, ResultPoint, ResultPoint] }[] = [];
  for (let i = 0; i < centres.length; i++) {
    for (let j = i + 1; j < centres.length; j++) {
      for (let k = j + 1; k < centres.length; k++) {
        const group = [centres[i]!, centres[j]!, centres[k]!];
        const sizes = group.map((c) => c.moduleSize);
        const sizeRatio = Math.max(...sizes) / Math.min(...sizes);
        const points = group.map((c) => new ResultPoint(c.x, c.y));
        ResultPoint.orderBestPatterns(points); // -> [bottomLeft, topLeft, topRight]
        const [bl, tl, tr] = points as [ResultPoint, ResultPoint, ResultPoint];
        const a = ResultPoint.distance(tl, tr);
        const b = ResultPoint.distance(tl, bl);
        const cos = ((tr.getX() - tl.getX()) * (bl.getX() - tl.getX()) + (tr.getY() - tl.getY()) * (bl.getY() - tl.getY())) / (a * b);
        const sideRatio = Math.max(a, b) / Math.min(a, b);
        const meanSize = sizes.reduce((s, v) => s + v, 0) / 3;
        if (sizeRatio > 2 || sideRatio > 2 || Math.abs(cos) > 0.5 || Math.min(a, b) < 10 * meanSize) continue;
        scored.push({ score: Math.log(sideRatio) + Math.abs(cos) + Math.log(sizeRatio), triple: [tl, tr, bl] });
      }
    }
  }
  return scored.sort((x, y) => x.score - y.score).map((s) => s.triple);
}

function decodeWithProjectiveCorner(matrix: BitMatrix, tl: ResultPoint, tr: ResultPoint, bl: ResultPoint): string | null {
  // Module sizes at each end of the top edge (TL-TR) and of the left edge (TL-BL), measured along that edge.
  const tlAlongTop = finderWidth(matrix, tl, tr) / 7;
  const trAlongTop = finderWidth(matrix, tr, tl) / 7;
  const tlAlongLeft = finderWidth(matrix, tl, bl) / 7;
  const blAlongLeft = finderWidth(matrix, bl, tl) / 7;
  if (!(tlAlongTop > 0 && trAlongTop > 0 && tlAlongLeft > 0 && blAlongLeft > 0)) return null;

  // Projective denominators at TR and BL relative to TL (1 at TL): lengths scale with 1/w^2.
  const g = Math.sqrt(tlAlongTop / trAlongTop);
  const h = Math.sqrt(tlAlongLeft / blAlongLeft);
  const w = g + h - 1;
  if (!(w > 0.25)) return null;
  const brX = (tr.getX() * g + bl.getX() * h - tl.getX()) / w;
  const brY = (tr.getY() * g + bl.getY() * h - tl.getY()) / w;

  const top = ResultPoint.distance(tl, tr);
  const left = ResultPoint.distance(tl, bl);
  const moduleSize = (tlAlongTop + trAlongTop + tlAlongLeft + blAlongLeft) / 4;
  // Modules between the finder centres, +7 for the finder patterns: the code's side in modules (4v + 17).
  const estimate = (top / ((tlAlongTop + trAlongTop) / 2) + left / ((tlAlongLeft + blAlongLeft) / 2)) / 2 + 7;
  const nearest = Math.max(21, Math.min(177, 4 * Math.round((estimate - 17) / 4) + 17));
  const second = estimate >= nearest ? nearest + 4 : nearest - 4;
  const dimensions = second >= 21 && second <= 177 ? [nearest, second] : [nearest];

  const ux = (tr.getX() - tl.getX()) / top;
  const uy = (tr.getY() - tl.getY()) / top;
  const vx = (bl.getX() - tl.getX()) / left;
  const vy = (bl.getY() - tl.getY()) / left;
  const sampler = GridSamplerInstance.getInstance();
  const decoder = reader.bitMatrixDecoder();
  for (const dimension of dimensions) {
    const far = dimension - 3.5; // finder centres sit 3.5 modules in from the code's edges
    for (const [du, dv] of CORNER_OFFSETS) {
      const x = brX + (du * ux + dv * vx) * moduleSize;
      const y = brY + (du * uy + dv * vy) * moduleSize;
      const transform = PerspectiveTransform.quadrilateralToQuadrilateral(
        3.5, 3.5, far, 3.5, far, far, 3.5, far,
        tl.getX(), tl.getY(), tr.getX(), tr.getY(), x, y, bl.getX(), bl.getY(),
      );
      try {
        return decoder.decodeBitMatrix(sampler.sampleGridWithTransform(matrix, dimension, dimension, transform), decoderHints).getText();
      } catch {
        // Not this corner (or grid outside the image): try the next one.
      }
    }
  }
  return null;
}

/**
 * Width of the finder pattern centred at `from`, measured on the line towards `to`: from the centre out to the
 * end of the outer dark ring (dark, light, dark, then light again), in both directions. 7 modules when sharp.
 */
function finderWidth(matrix: BitMatrix, from: ResultPoint, to: ResultPoint): number {
  const dx = to.getX() - from.getX();
  const dy = to.getY() - from.getY();
  return (
    runToFinderEdge(matrix, from.getX(), from.getY(), dx, dy) + runToFinderEdge(matrix, from.getX(), from.getY(), -dx, -dy)
  );
}

function runToFinderEdge(matrix: BitMatrix, x0: number, y0: number, dx: number, dy: number): number {
  const steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
  if (steps === 0) return Number.NaN;
  const sx = dx / steps;
  const sy = dy / steps;
  let transitions = 0;
  let dark = true;
  for (let s = 1; s <= steps; s++) {
    const x = Math.round(x0 + sx * s);
    const y = Math.round(y0 + sy * s);
    if (x < 0 || y < 0 || x >= matrix.getWidth() || y >= matrix.getHeight()) return Number.NaN;
    if (matrix.get(x, y) !== dark) {
      dark = !dark;
      if (++transitions === 3) return Math.hypot(x - x0, y - y0);
    }
  }
  return Number.NaN;
}
