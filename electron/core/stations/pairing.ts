import { createHash, randomBytes, randomInt } from 'node:crypto';
import { AppError } from '../errors';

/**
 * Pairing codes. The QR code carries `einlass-pair:<base64url JSON {v, addr, fp, code, eventId}>` with the hub's
 * full certificate fingerprint. The code to type carries less: the hub's address, and 16 characters = the 8-character
 * one-time code + the first 40 bits of the fingerprint (8 characters), e.g. "K7M2-X9QP-4F7A-C2D1". A station that
 * typed it fetches the certificate first, without sending anything, and goes on only when the fingerprint starts
 * with those 40 bits; then it pins the full fingerprint. Forging a certificate that matches 40 bits takes about
 * 2^40 key generations, far more than the 15 minutes a code lives. Codes are stored hashed and work once.
 */
export const PAIR_PREFIX = 'einlass-pair:';
export const CODE_TTL_MS = 15 * 60 * 1000;

/** Crockford base32: no I, L, O, U, so nothing reads as another character when typed. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newOneTimeCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The first 40 bits of a hex fingerprint, in Crockford base32 (8 characters). */
export function fingerprintPrefix(fingerprintHex: string): string {
  let bits = BigInt(`0x${fingerprintHex.slice(0, 10)}`);
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = ALPHABET[Number(bits & 31n)]! + s;
    bits >>= 5n;
  }
  return s;
}

export function typedCode(code: string, fingerprintHex: string): string {
  const all = code + fingerprintPrefix(fingerprintHex);
  return all.match(/.{4}/g)!.join('-');
}

export interface PairingPayload {
  addresses: string[];
  /** Full fingerprint (hex) from a QR code, or only its 40-bit prefix (base32) from a typed code. */
  fingerprint: { full: string } | { prefix: string };
  code: string;
  eventId: string | null;
}

export function encodePayload(p: { addresses: string[]; fingerprint: string; code: string; eventId: string }): string {
  const json = JSON.stringify({ v: 1, addr: p.addresses, fp: Buffer.from(p.fingerprint, 'hex').toString('base64url'), code: p.code, eventId: p.eventId });
  return PAIR_PREFIX + Buffer.from(json, 'utf8').toString('base64url');
}

const bad = (reason: string) => new AppError('bad_request', { reason, messageKey: `stations.error.${reason}` });

/** Typed characters as they were meant: case, spaces and dashes do not matter; O is 0, I and L are 1. */
function normaliseTyped(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function normaliseAddress(address: string): string {
  const a = address.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
  const m = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/i.exec(a);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw bad('address');
  return `${m[1]}:${Number(m[2])}`;
}

/**
 * Reads what the station operator scanned, pasted or typed: the QR payload, or the 16-character code together
 * with the hub's address.
 */
export function parsePairingInput(code: string, address?: string | null): PairingPayload {
  const text = code.trim();
  if (text.toLowerCase().startsWith(PAIR_PREFIX)) return parseQrPayload(text.slice(PAIR_PREFIX.length));
  const typed = normaliseTyped(text);
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(typed)) throw bad('code');
  if (!address) throw bad('address');
  return { addresses: [normaliseAddress(address)], fingerprint: { prefix: typed.slice(8) }, code: typed.slice(0, 8), eventId: null };
}

function parseQrPayload(encoded: string): PairingPayload {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(encoded.trim(), 'base64url').toString('utf8'));
  } catch {
    throw bad('code');
  }
  const d = data as { v?: unknown; addr?: unknown; fp?: unknown; code?: unknown; eventId?: unknown };
  const fp = typeof d.fp === 'string' ? Buffer.from(d.fp, 'base64url') : Buffer.alloc(0);
  if (d.v !== 1 || !Array.isArray(d.addr) || d.addr.length === 0 || fp.length !== 32 || typeof d.code !== 'string' || !/^[0-9A-Z]{8}$/.test(d.code)) {
    throw bad('code');
  }
  return {
    addresses: d.addr.slice(0, 8).map((a) => normaliseAddress(String(a))),
    fingerprint: { full: fp.toString('hex') },
    code: d.code,
    eventId: typeof d.eventId === 'string' ? d.eventId : null,
  };
}

export function fingerprintMatches(expected: PairingPayload['fingerprint'], actualHex: string): boolean {
  return 'full' in expected ? expected.full === actualHex : fingerprintPrefix(actualHex) === expected.prefix;
}
