// The in-page half of the scan-latency bench, installed with page.addInitScript before the app loads. It is
// plain JavaScript in a string because the Node tsconfig has no DOM types (and the page must not depend on the
// bench's module graph).
//
// - Marker: on every frame the <video data-testid="camera-preview"> presents (requestVideoFrameCallback), the
//   top-left MARKER x MARKER pixels of the video frame are drawn to a small canvas and averaged; the test video
//   paints them black in every frame that shows a QR code. An empty -> black transition is an appearance.
// - Result: a MutationObserver on the document notes when [data-testid=scan-result] shows a new result (the name
//   differs from the one shown before, or the panel reappeared).
// Both are stamped with performance.now() and read out by the bench with page.evaluate(PROBE_READOUT).

export const MARKER_SIZE = 24;
/** Frame average below this counts as marker on (empty frames are ~190 there, the marker is 0). */
export const MARKER_THRESHOLD = 96;

export interface ProbeAppearance {
  /** performance.now() inside the video-frame callback. */
  at: number;
  /** The callback's own `now` argument (the rendering step's time). */
  now: number;
  /** metadata.captureTime (when the fake camera produced the frame), if Chromium provides it. */
  captureTime: number | null;
  presentedFrames: number;
  average: number;
}

export interface ProbeResult {
  /** performance.now() in the MutationObserver callback, i.e. right after React committed the change. */
  at: number;
  name: string;
  status: string | null;
}

export interface ProbeState {
  hasVideoFrameCallback: boolean;
  videoSize: [number, number] | null;
  frames: number;
  /** Largest gap in metadata.presentedFrames between two callbacks minus 1 (frames presented without a callback). */
  skippedFrames: number;
  /** Sum of such gaps over the run. */
  skippedTotal: number;
  frameIntervals: number[];
  sampleMs: number[];
  appearances: ProbeAppearance[];
  results: ProbeResult[];
  errors: string[];
}

export const PROBE_READOUT = 'window.__einlassBench';

export const LATENCY_PROBE = `(() => {
  const SIZE = ${MARKER_SIZE};
  const THRESHOLD = ${MARKER_THRESHOLD};
  const state = {
    hasVideoFrameCallback: typeof HTMLVideoElement !== 'undefined' && 'requestVideoFrameCallback' in HTMLVideoElement.prototype,
    videoSize: null, frames: 0, skippedFrames: 0, skippedTotal: 0, frameIntervals: [], sampleMs: [], appearances: [], results: [], errors: [],
  };
  window.__einlassBench = state;

  let canvas = null;
  let ctx = null;
  let video = null;
  let markerOn = false;
  let lastFrameAt = null;
  let lastPresented = null;

  function cornerAverage(v) {
    if (!ctx) {
      canvas = document.createElement('canvas');
      canvas.width = SIZE;
      canvas.height = SIZE;
      ctx = canvas.getContext('2d', { willReadFrequently: true });
    }
    // Source rectangle in the video's own pixels: the CSS mirroring of the preview does not apply here.
    ctx.drawImage(v, 0, 0, SIZE, SIZE, 0, 0, SIZE, SIZE);
    const d = ctx.getImageData(0, 0, SIZE, SIZE).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i];
    return sum / (SIZE * SIZE);
  }

  function attach(v) {
    video = v;
    markerOn = false;
    if (!state.hasVideoFrameCallback) return;
    const onFrame = (now, meta) => {
      if (video !== v) return;
      const at = performance.now();
      try {
        if (v.videoWidth > 0) {
          state.videoSize = [v.videoWidth, v.videoHeight];
          const average = cornerAverage(v);
          const on = average < THRESHOLD;
          if (on && !markerOn) {
            state.appearances.push({
              at, now, captureTime: typeof meta.captureTime === 'number' ? meta.captureTime : null,
              presentedFrames: meta.presentedFrames, average,
            });
          }
          markerOn = on;
          state.frames++;
          if (lastFrameAt !== null && state.frameIntervals.length < 5000) state.frameIntervals.push(at - lastFrameAt);
          if (lastPresented !== null) {
            const gap = meta.presentedFrames - lastPresented - 1;
            state.skippedFrames = Math.max(state.skippedFrames, gap);
            if (gap > 0) state.skippedTotal += gap;
          }
          lastFrameAt = at;
          lastPresented = meta.presentedFrames;
          if (state.sampleMs.length < 5000) state.sampleMs.push(performance.now() - at);
        }
      } catch (err) {
        if (state.errors.length < 20) state.errors.push(String(err));
      }
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  }

  let shown = null;
  function check() {
    const v = document.querySelector('video[data-testid="camera-preview"]');
    if (v && v !== video) attach(v);
    const panel = document.querySelector('[data-testid="scan-result"]');
    let current = null;
    let status = null;
    if (panel) {
      const nameEl = panel.querySelector('[data-testid="scan-result-name"]');
      status = panel.getAttribute('data-status');
      current = nameEl ? nameEl.textContent : '(' + status + ')';
    }
    if (current !== null && current !== shown) state.results.push({ at: performance.now(), name: current, status });
    shown = current;
  }

  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-status'],
  });
})();`;
