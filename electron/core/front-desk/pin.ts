import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The front-desk PIN locks the admin functions of a station in front-desk mode, so a passer-by at the desk cannot
 * close the event or change settings. Stored as a salted scrypt hash, never in clear.
 */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('base64')}:${scryptSync(pin, salt, 32).toString('base64')}`;
}

export function verifyPin(pin: string, stored: string | null): boolean {
  if (!stored) return true;
  const [scheme, salt, hash] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
