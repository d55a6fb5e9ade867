import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64ByString, toBase64, toBase64ByString } from '../../renderer/src/api/base64';

// Node 20 has no Uint8Array.prototype.toBase64: here toBase64/fromBase64 take the string way; the built-in way is
// the browser's (every upload in the end-to-end tests goes through it).
describe('file chunks as base64, both ways', () => {
  it('any bytes, of any length around the 32 KB steps of the string way, give Node\'s base64 and back', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
      const expected = Buffer.from(bytes).toString('base64');
      expect(toBase64ByString(bytes)).toBe(expected);
      expect(toBase64(bytes)).toBe(expected);
      expect(Buffer.from(fromBase64ByString(expected)).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(fromBase64(expected)).equals(Buffer.from(bytes))).toBe(true);
    }), { numRuns: 60 });
  });

  it('lengths at the steps themselves', () => {
    for (const n of [0, 1, 2, 3, 0x7fff, 0x8000, 0x8001, 0x10001, 512 * 1024]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
      const expected = Buffer.from(bytes).toString('base64');
      expect(toBase64ByString(bytes)).toBe(expected);
      expect(Buffer.from(fromBase64ByString(expected)).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});
