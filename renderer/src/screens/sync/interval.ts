/** The longest interval between automatic fetches: once a day. */
export const MAX_INTERVAL_MINUTES = 1440;

/**
 * What was typed into "Automatisch neu laden alle … Minuten": empty is "only on demand" (null), whole minutes from 1
 * to 1440 (a trailing "min" or "Minuten" is allowed) are the interval, and anything else is refused rather than read
 * as something else: "0,5" is not 5 minutes, and "abc" does not silently switch the checks off.
 */
export function parseInterval(text: string): { ok: true; minutes: number | null } | { ok: false } {
  const s = text.trim().replace(/\s*(?:min\.?|minuten|minutes)$/i, '');
  if (s === '') return text.trim() === '' ? { ok: true, minutes: null } : { ok: false };
  if (!/^\d{1,5}$/.test(s)) return { ok: false };
  const minutes = Number(s);
  return minutes >= 1 && minutes <= MAX_INTERVAL_MINUTES ? { ok: true, minutes } : { ok: false };
}
