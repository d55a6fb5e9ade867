/** Distinct, short tones for each result, so staff hear the outcome without looking. */
type Kind = 'admitted' | 'already_checked_in' | 'refused';

const PATTERNS: Record<Kind, { freq: number; ms: number }[]> = {
  admitted: [{ freq: 880, ms: 90 }, { freq: 1320, ms: 140 }],
  already_checked_in: [{ freq: 660, ms: 120 }, { freq: 660, ms: 120 }],
  refused: [{ freq: 220, ms: 380 }],
};

let audio: AudioContext | null = null;

export function playFeedback(kind: Kind): void {
  try {
    audio ??= new AudioContext();
    let t = audio.currentTime;
    for (const { freq, ms } of PATTERNS[kind]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = kind === 'refused' ? 'square' : 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.3, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
      osc.connect(gain).connect(audio.destination);
      osc.start(t);
      osc.stop(t + ms / 1000 + 0.02);
      t += ms / 1000 + 0.05;
    }
  } catch {
    // No audio device: the screen still says everything.
  }
}
