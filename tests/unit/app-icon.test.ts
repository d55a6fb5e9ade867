import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The app's icon: electron-builder finds build/icon.png on its own (its buildResources folder, not set otherwise in
// electron-builder.yml) and makes the Windows, macOS and Linux icons from it; without it every installer and the
// task bar show Electron's default icon. Made from renderer/public/icon.svg by scripts/make-icons.mjs.
const png = (path: string) => {
  const bytes = readFileSync(new URL(`../../${path}`, import.meta.url));
  expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

describe('the app icon', () => {
  it('is there for the installers: a square PNG of at least 512 px (macOS needs that much) in build/', () => {
    const { width, height } = png('build/icon.png');
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
    expect(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')).not.toMatch(/buildResources|^\s*icon:/m);
  });

  it('is the same picture for the window and the browser tab', () => {
    expect(png('resources/icon.png')).toEqual({ width: 512, height: 512 });
    expect(readFileSync(new URL('../../renderer/public/icon.svg', import.meta.url), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });
});
