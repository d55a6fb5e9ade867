import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_LENGTH, parsePayload, printable } from '../../electron/core/payload/parse-payload';

describe('payload parser', () => {
  it.each([
    ['K7QX-M2PA', 'K7QX-M2PA'],
    ['  K7QX-M2PA\r\n', 'K7QX-M2PA'],
    ['\u200BK7QX-M2PA\uFEFF', 'K7QX-M2PA'],
    [']Q1K7QX-M2PA', 'K7QX-M2PA'],
    ['https://anmeldung.example.org/ticket?code=K7QX-M2PA&x=1', 'K7QX-M2PA'],
    ['https://anmeldung.example.org/t/K7QX-M2PA', 'K7QX-M2PA'],
    ['https://pretix.example.org/org/event/order/abc/?secret=x3fwpqd2r8k5s0ty9u1v4n7m6b2c8a0z', 'x3fwpqd2r8k5s0ty9u1v4n7m6b2c8a0z'],
  ])('reads %j as %j', (raw, code) => {
    expect(parsePayload(raw)).toEqual({ ok: true, code, from: raw.includes('://') ? 'url' : 'plain' });
  });

  it.each([
    ['', 'empty'],
    ['   \u200B ', 'empty'],
    ['\u0000\u0001\u0002abc', 'binary'],
    ['abc\u0007def', 'binary'],
    ['Hallo Welt, das ist kein Code', 'unrecognised'],
    ['https://example.org/', 'unrecognised'],
    ['javascript:alert(1)', 'unrecognised'],
    ['x'.repeat(MAX_PAYLOAD_LENGTH + 1), 'too_long'],
    ['ab', 'unrecognised'],
  ])('refuses %j as %s', (raw, reason) => {
    const r = parsePayload(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('never throws and always returns a printable, short form of hostile input', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rnd() * 300);
      let s = '';
      for (let j = 0; j < len; j++) s += String.fromCharCode(Math.floor(rnd() * (rnd() < 0.8 ? 128 : 0xffff)));
      const r = parsePayload(s);
      if (!r.ok) {
        expect(r.printable.length).toBeLessThanOrEqual(80);
        expect(r.printable).not.toMatch(/[\u0000-\u001F]/);
      } else {
        expect(r.code).toMatch(/^[A-Za-z0-9][A-Za-z0-9._~+/=:-]{2,255}$/);
      }
    }
    expect(printable('a'.repeat(200))).toHaveLength(80);
  });
});
