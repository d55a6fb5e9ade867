import { join } from 'node:path';
import { addNoise, blankFrame, boxBlur, createY4mWriter, renderQrGray } from '../../helpers/qr-image';

export type Look = 'plain' | 'phone' | 'paper';

export interface Scene {
  /** Text of the QR code in view, or null for an empty desk. */
  code: string | null;
  seconds: number;
  /**
   * plain: a printout held straight; phone: a light code on a phone screen with a dark bezel and a faint screen
   * raster; paper: a printout held at an angle, unevenly lit and slightly out of focus.
   */
  look?: Look;
}

export interface Size {
  width: number;
  height: number;
}

function phoneFrame(code: string, size: Size, empty: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height } = size;
  const frame = Uint8ClampedArray.from(empty);
  const phoneW = Math.round(height * 0.55);
  const phoneH = Math.round(height * 0.9);
  const x0 = Math.round((width - phoneW) / 2);
  const y0 = Math.round((height - phoneH) / 2);
  for (let y = y0; y < y0 + phoneH; y++) {
    for (let x = x0; x < x0 + phoneW; x++) {
      const bezel = x < x0 + 12 || x >= x0 + phoneW - 12 || y < y0 + 40 || y >= y0 + phoneH - 40;
      // Screen raster: a faint periodic brightness change, as a camera sees an LCD.
      frame[y * width + x] = bezel ? 25 : 228 + Math.round(8 * Math.sin(x * 1.7) * Math.sin(y * 1.3));
    }
  }
  const module = Math.max(2, Math.floor((phoneW - 40) / 37));
  return renderQrGray(code, { ...size, moduleSize: module, base: frame, background: 235, foreground: 35, quietZone: 2, antialias: true });
}

function paperFrame(code: string, size: Size, empty: Uint8ClampedArray): Uint8ClampedArray {
  const { width, height } = size;
  const drawn = renderQrGray(code, { ...size, moduleSize: Math.floor(height / 62), base: empty, rotationDeg: 14, antialias: true, background: 245, foreground: 30 });
  // Light from one side: the far edge of the sheet is darker.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) drawn[y * width + x] = Math.round(drawn[y * width + x]! * (0.7 + 0.3 * (x / width)));
  }
  return addNoise(boxBlur(drawn, width, height, 1), 5, 3);
}

/**
 * Writes a fake-camera video (Y4M, looped by Chromium) of the given scenes: a QR code as a phone or printout shows
 * it, on a slightly textured background, or nothing in view.
 */
export function writeCameraVideo(dir: string, name: string, scenes: Scene[], size: Size = { width: 640, height: 480 }, fps = 10): string {
  const file = join(dir, `${name}.y4m`);
  const writer = createY4mWriter(file, { ...size, fps });
  const empty = blankFrame(size.width, size.height, 190, { noise: 6, seed: 7 });
  for (const scene of scenes) {
    const frame = !scene.code
      ? empty
      : scene.look === 'phone' ? phoneFrame(scene.code, size, empty)
      : scene.look === 'paper' ? paperFrame(scene.code, size, empty)
      : renderQrGray(scene.code, { ...size, moduleSize: Math.floor(size.height / 60), base: empty });
    for (let i = 0; i < Math.round(scene.seconds * fps); i++) writer.writeFrame(frame);
  }
  writer.close();
  return file;
}
