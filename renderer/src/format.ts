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

export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim();
}
