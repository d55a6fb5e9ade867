/**
 * Reads the webcam and hands frames to the decode worker, throttled: at most one frame in flight and a pause
 * between decodes. While codes come and go (a queue at the door) it decodes often and large; after IDLE_AFTER_MS
 * with nothing read it decodes smaller frames less often, so a camera with nothing in view costs little CPU, and
 * it is back at full pace with the first code it reads. Frames are scaled down before they leave the main thread.
 */
const ACTIVE = { intervalMs: 110, maxWidth: 960 };
const IDLE = { intervalMs: 160, maxWidth: 720 };
const IDLE_AFTER_MS = 3000;

export type CameraProblem = 'denied' | 'missing' | 'failed';

export interface ScannerCallbacks {
  onCode(text: string): void;
  onReady(): void;
  onProblem(problem: CameraProblem): void;
}

export class CameraScanner {
  private stream: MediaStream | null = null;
  private worker: Worker | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private inFlight = false;
  private frameId = 0;
  private lastCodeAt = -Infinity;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly callbacks: ScannerCallbacks,
    private readonly deviceId: string | null = null,
  ) {}

  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) return this.callbacks.onProblem('missing');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: {
          width: { ideal: 1280 },
          height: { ideal: 720 },
          ...(this.deviceId ? { deviceId: { exact: this.deviceId } } : { facingMode: 'user' }),
        },
      });
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      return this.callbacks.onProblem(
        name === 'NotAllowedError' || name === 'SecurityError' ? 'denied'
        : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing'
        : 'failed',
      );
    }
    if (this.stopped) return this.releaseStream();
    this.video.srcObject = this.stream;
    this.video.muted = true;
    await this.video.play().catch(() => undefined);
    this.worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<{ id: number; text: string | null }>) => {
      this.inFlight = false;
      if (e.data.text) {
        this.lastCodeAt = performance.now();
        this.callbacks.onCode(e.data.text);
      }
    };
    this.callbacks.onReady();
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    const started = performance.now();
    const pace = started - this.lastCodeAt > IDLE_AFTER_MS ? IDLE : ACTIVE;
    const { video } = this;
    if (!this.inFlight && this.worker && video.readyState >= 2 && video.videoWidth > 0) {
      const scale = Math.min(1, pace.maxWidth / video.videoWidth);
      try {
        const bitmap = await createImageBitmap(video, {
          resizeWidth: Math.round(video.videoWidth * scale),
          resizeHeight: Math.round(video.videoHeight * scale),
          resizeQuality: 'medium',
        });
        if (this.stopped) {
          bitmap.close();
          return;
        }
        this.inFlight = true;
        this.worker.postMessage({ id: ++this.frameId, bitmap }, [bitmap]);
      } catch {
        // A frame that cannot be grabbed (camera just stopped) is simply skipped.
      }
    }
    this.schedule(Math.max(0, pace.intervalMs - (performance.now() - started)));
  }

  private releaseStream(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    this.releaseStream();
    this.video.srcObject = null;
  }
}
