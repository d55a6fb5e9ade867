import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blankFrame, createY4mWriter, renderQrGray, writeY4m } from '../helpers/qr-image.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'einlass-y4m-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface ParsedY4m {
  header: string;
  frames: Array<{ y: Buffer; u: Buffer; v: Buffer }>;
}

/** Independent minimal reader: trusts only the header's W and H, not the writer's internals. */
function readY4m(file: string): ParsedY4m {
  const data = fs.readFileSync(file);
  const headerEnd = data.indexOf(0x0a);
  expect(headerEnd).toBeGreaterThan(0);
  const header = data.subarray(0, headerEnd).toString('ascii');
  const width = Number(/ W(\d+)/.exec(header)?.[1]);
  const height = Number(/ H(\d+)/.exec(header)?.[1]);
  const ySize = width * height;
  const cSize = Math.ceil(width / 2) * Math.ceil(height / 2);
  const frames: ParsedY4m['frames'] = [];
  let pos = headerEnd + 1;
  while (pos < data.length) {
    const marker = data.subarray(pos, pos + 6).toString('ascii');
    expect(marker).toBe('FRAME\n');
    pos += 6;
    expect(pos + ySize + 2 * cSize).toBeLessThanOrEqual(data.length);
    frames.push({
      y: data.subarray(pos, pos + ySize),
      u: data.subarray(pos + ySize, pos + ySize + cSize),
      v: data.subarray(pos + ySize + cSize, pos + ySize + 2 * cSize),
    });
    pos += ySize + 2 * cSize;
  }
  return { header, frames };
}

describe('y4m writer', () => {
  it('writes header, FRAME markers and 4:2:0 planes that read back identically', () => {
    const file = path.join(dir, 'small.y4m');
    const width = 64;
    const height = 48;
    const frames = [
      blankFrame(width, height, 200),
      blankFrame(width, height, 90, { noise: 30, seed: 5 }),
      renderQrGray('K7QX', { width, height, moduleSize: 1, quietZone: 2 }),
    ];
    expect(writeY4m(file, { width, height, fps: 25, frames })).toBe(3);

    const parsed = readY4m(file);
    expect(parsed.header).toBe('YUV4MPEG2 W64 H48 F25:1 Ip A1:1 C420jpeg');
    expect(parsed.frames).toHaveLength(3);
    parsed.frames.forEach((f, i) => {
      expect(f.y).toHaveLength(width * height);
      expect(f.u).toHaveLength((width / 2) * (height / 2));
      expect(f.v).toHaveLength((width / 2) * (height / 2));
      expect(Buffer.compare(f.y, Buffer.from(frames[i]!))).toBe(0);
      expect(f.u.every((b) => b === 128)).toBe(true);
      expect(f.v.every((b) => b === 128)).toBe(true);
    });
    const expectedSize = 'YUV4MPEG2 W64 H48 F25:1 Ip A1:1 C420jpeg\n'.length + 3 * (6 + 64 * 48 + 2 * 32 * 24);
    expect(fs.statSync(file).size).toBe(expectedSize);
  });

  it('streams frames from a generator without holding them', () => {
    const file = path.join(dir, 'stream.y4m');
    function* frames(): Generator<Uint8ClampedArray> {
      for (let i = 0; i < 50; i++) yield blankFrame(32, 16, i * 5);
    }
    expect(writeY4m(file, { width: 32, height: 16, fps: 10, frames: frames() })).toBe(50);
    const parsed = readY4m(file);
    expect(parsed.frames).toHaveLength(50);
    expect(parsed.frames[49]!.y[0]).toBe(245);
  });

  it('supports incremental writing and counts frames', () => {
    const file = path.join(dir, 'incremental.y4m');
    const writer = createY4mWriter(file, { width: 8, height: 4, fps: 30 });
    writer.writeFrame(blankFrame(8, 4, 1));
    writer.writeFrame(blankFrame(8, 4, 2));
    expect(writer.framesWritten).toBe(2);
    writer.close();
    writer.close(); // idempotent, so a finally block can always call it
    expect(() => writer.writeFrame(blankFrame(8, 4))).toThrow(/closed/);
    expect(readY4m(file).frames.map((f) => f.y[0])).toEqual([1, 2]);
  });

  it('rejects what Chromium would reject or what would corrupt the file', () => {
    const file = path.join(dir, 'bad.y4m');
    expect(() => createY4mWriter(file, { width: 63, height: 48, fps: 25 })).toThrow(/even/);
    expect(() => createY4mWriter(file, { width: 64, height: 47, fps: 25 })).toThrow(/even/);
    expect(() => createY4mWriter(file, { width: 0, height: 48, fps: 25 })).toThrow();
    expect(() => createY4mWriter(file, { width: 64, height: 48, fps: 0 })).toThrow(/fps/);
    expect(() => createY4mWriter(file, { width: 64, height: 48, fps: 29.97 })).toThrow(/fps/);
    const writer = createY4mWriter(file, { width: 64, height: 48, fps: 25 });
    try {
      expect(() => writer.writeFrame(new Uint8ClampedArray(64 * 48 - 1))).toThrow(/bytes/);
    } finally {
      writer.close();
    }
    expect(readY4m(file).frames).toHaveLength(0);
  });
});

describe('renderQrGray', () => {
  it('refuses a code that does not fit the frame', () => {
    expect(() => renderQrGray('K7QX-M2PA', { width: 100, height: 100, moduleSize: 10 })).toThrow(/fit/);
    expect(() => renderQrGray('K7QX-M2PA', { width: 640, height: 480, moduleSize: 4, x: 600 })).toThrow(/fit/);
  });

  it('draws the quiet zone in the background colour over a base frame', () => {
    const base = blankFrame(200, 200, 100);
    const gray = renderQrGray('A', { width: 200, height: 200, moduleSize: 4, x: 10, y: 10, base });
    expect(gray[0]).toBe(100); // outside the code: untouched base
    expect(gray[10 * 200 + 10]).toBe(255); // quiet zone corner
    expect(gray[(10 + 16) * 200 + (10 + 16)]).toBe(0); // top-left finder pattern corner
    expect(base[10 * 200 + 10]).toBe(100); // base not modified
  });
});
