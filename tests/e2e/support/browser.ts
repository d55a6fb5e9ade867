import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Every page is a user who asked for less motion (Chromium's --force-prefers-reduced-motion does not reach pages
 * Playwright emulates): the app then shows no transitions, so a screenshot never catches a button half-way
 * through one.
 */
const PAGE_DEFAULTS = { reducedMotion: 'reduce' } as const;

/** Debian's Chromium with a fake webcam playing `video` (a Y4M file, looped by Chromium). */
export async function launchWithCamera(video?: string): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "node scripts/ensure-chromium.mjs" or set CHROMIUM_PATH`);
  }
  const camera = video
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
    : [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...FLAGS, ...camera] });
  const newPage = browser.newPage.bind(browser);
  const newContext = browser.newContext.bind(browser);
  browser.newPage = (options) => newPage({ ...PAGE_DEFAULTS, ...options });
  browser.newContext = (options) => newContext({ ...PAGE_DEFAULTS, ...options });
  return browser;
}
