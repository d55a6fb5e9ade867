/// <reference lib="webworker" />
import { decodeFrame } from '../../../electron/core/qr/decode-frame';

/**
 * Decodes camera frames off the main thread. Receives an ImageBitmap (already scaled down by the sender),
 * answers with the decoded text or null and the time spent.
 */
declare const self: DedicatedWorkerGlobalScope;

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

self.onmessage = (e: MessageEvent<{ id: number; bitmap: ImageBitmap }>) => {
  const { id, bitmap } = e.data;
  const started = performance.now();
  let text: string | null = null;
  try {
    const { width, height } = bitmap;
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (context) {
      context.drawImage(bitmap, 0, 0);
      text = decodeFrame(context.getImageData(0, 0, width, height).data, width, height, { liveFrame: id });
    }
  } finally {
    bitmap.close();
  }
  self.postMessage({ id, text, ms: performance.now() - started });
};
