import type { Page } from '@playwright/test';

/**
 * Records every result the page shows ("admitted:Name", "refused:Name", …), in order, from page load on.
 * Fake-camera videos loop, and a camera switched on later joins the loop anywhere, so tests assert on this record
 * rather than on whichever result happens to be on screen.
 */
export async function recordResults(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('recordResult', (s: string) => seen.push(s));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="scan-result"]');
      const who = document.querySelector('[data-testid="scan-result-name"]')?.textContent ?? '';
      const key = el ? `${el.getAttribute('data-status')}:${who}` : '';
      const w = window as unknown as { lastKey?: string; recordResult(s: string): void };
      if (key && key !== w.lastKey) w.recordResult(key);
      w.lastKey = key;
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return seen;
}
