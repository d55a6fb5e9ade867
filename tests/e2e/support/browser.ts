import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Debian's Chromium with a fake webcam playing `video` (a Y4M file, looped by Chromium). */
export async function launchWithCamera(video?: string): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "node scripts/ensure-chromium.mjs" or set CHROMIUM_PATH`);
  }
  const camera = video
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
    : [];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...FLAGS, ...camera] });
}
