/** Dates and times as German users expect them (18.10.2023, 09:30 Uhr), in the event's time zone. */
const DEFAULT_TZ = 'Europe/Berlin';

export function formatTime(iso: string, timeZone = DEFAULT_TZ): string {
  return new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function formatDate(isoOrDate: string, timeZone = DEFAULT_TZ): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate) ? new Date(`${isoOrDate}T12:00:00Z`) : new Date(isoOrDate);
  return new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(d);
}

export function isSameDay(a: string, b: Date, timeZone = DEFAULT_TZ): boolean {
  return formatDate(a, timeZone) === formatDate(b.toISOString(), timeZone);
}

export function formatDateRange(from: string | null, to: string | null): string {
  if (!from) return '';
  if (!to || to === from) return formatDate(from);
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** A count as German readers write it: 65.763, not 65763. */
export function formatCount(n: number): string {
  return n.toLocaleString('de-DE');
}

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

/** 2026-09-14, 2026-09-14T10:22, 2026-09-14 10:22:11.000Z, 2026-09-14T10:22:11+02:00: a whole ISO 8601 date or date-time. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * A value from the registration list as the UI shows it: an ISO date or date-time (an Excel date cell is read as
 * one, pretix and JSON exports write them) in the UI's language, 14.09.2026 or 14.09.2026, 12:22; a date-time with
 * a zone in the event's time zone, one without as written. A list of them ("2026-10-18, 2026-10-19": the days of a
 * registration; "2026-10-18; 2026-10-19": a JSON list's array) item by item. Anything else, and any date that does
 * not exist (2026-02-30), is shown unchanged. Only the display: the stored value, and what exports write, stay as read.
 */
export function formatListValue(value: string, language: string, timeZone = DEFAULT_TZ): string {
  if (!value.includes(', ') && !value.includes('; ')) return formatOne(value, language, timeZone);
  return value.split(/(, |; )/).map((v, i) => (i % 2 === 1 ? v : formatOne(v, language, timeZone))).join('');
}

function formatOne(value: string, language: string, timeZone: string): string {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return value;
  const [, year, month, day, hour, minute, second, zone] = m;
  const wall = new Date(0);
  wall.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  wall.setUTCHours(Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0));
  const exists = wall.getUTCFullYear() === Number(year) && wall.getUTCMonth() === Number(month) - 1 && wall.getUTCDate() === Number(day)
    && wall.getUTCHours() === Number(hour ?? 0) && wall.getUTCMinutes() === Number(minute ?? 0) && wall.getUTCSeconds() === Number(second ?? 0);
  if (!exists) return value;
  // English as in the UK (14/09/2026, 12:22): day before month and 24 hours, as every other date of the app.
  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  const date = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
  if (hour === undefined) return new Intl.DateTimeFormat(locale, { ...date, timeZone: 'UTC' }).format(wall);
  const offset = zone === undefined ? 0 : zoneOffsetMinutes(zone);
  if (Math.abs(offset) > 18 * 60) return value;
  const at = new Date(wall.getTime() - offset * 60_000);
  return new Intl.DateTimeFormat(locale, { ...date, hour: '2-digit', minute: '2-digit', timeZone: zone === undefined ? 'UTC' : timeZone }).format(at);
}

/** "Z" → 0, "+02:00" / "+0200" / "+02" → 120, "-05:30" → -330. */
function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}
