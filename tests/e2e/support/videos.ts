import { join } from 'node:path';
import { blankFrame, createY4mWriter, renderQrGray } from '../../helpers/qr-image';

export interface Scene {
  /** Text of the QR code in view, or null for an empty desk. */
  code: string | null;
  seconds: number;
}

/**
 * Writes a fake-camera video (Y4M, looped by Chromium) of the given scenes: a QR code as a phone or printout shows
 * it, centred on a slightly textured background, or nothing in view.
 */
export function writeCameraVideo(dir: string, name: string, scenes: Scene[], size = { width: 640, height: 480 }, fps = 10): string {
  const file = join(dir, `${name}.y4m`);
  const writer = createY4mWriter(file, { ...size, fps });
  const empty = blankFrame(size.width, size.height, 190, { noise: 6, seed: 7 });
  for (const scene of scenes) {
    const frame = scene.code
      ? renderQrGray(scene.code, { ...size, moduleSize: Math.floor(size.height / 60), base: empty })
      : empty;
    for (let i = 0; i < Math.round(scene.seconds * fps); i++) writer.writeFrame(frame);
  }
  writer.close();
  return file;
}
