/**
 * Times in reports, as a clock on the wall of the event shows them (check-ins are stored in UTC). Formatters are
 * cached per time zone: building an Intl.DateTimeFormat costs more than formatting, and exports format 100 000s.
 */
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const offsets = new Map<string, number>();
const HOUR = 3_600_000;

/**
 * Offset of the time zone from UTC at an instant, cached per hour: time zones change their offset on whole hours,
 * and formatToParts per row would dominate an export of 100 000 records.
 */
function offsetMs(epochMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(epochMs / HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts = partsFormatter(timeZone).formatToParts(new Date(epochMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    offset = asUtc - (epochMs - (epochMs % 1000));
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

export function wallClockParts(iso: string, timeZone: string): WallClock {
  const epoch = Date.parse(iso);
  const d = new Date(epoch + offsetMs(epoch, timeZone));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO date (YYYY-MM-DD) of an instant in the event's time zone. */
export function localDate(iso: string, timeZone: string): string {
  const p = wallClockParts(iso, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 09:30 */
export function localTime(iso: string, timeZone: string): string {
  const p = wallClockParts(iso, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** 18.10.2023 from an ISO date or instant. */
export function germanDate(isoOrDate: string, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)) {
    const [y, m, d] = isoOrDate.split('-');
    return `${d}.${m}.${y}`;
  }
  const p = wallClockParts(isoOrDate, timeZone);
  return `${pad(p.day)}.${pad(p.month)}.${p.year}`;
}

/** 18.10.2023 09:30 */
export function germanDateTime(iso: string, timeZone: string): string {
  const p = wallClockParts(iso, timeZone);
  return `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** 18.10.2023 09:30:15 — the check-in log keeps seconds, which order quick scans. */
export function germanDateTimeSeconds(iso: string, timeZone: string): string {
  const p = wallClockParts(iso, timeZone);
  return `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * A Date whose UTC fields are the event's wall-clock time. Spreadsheets have no time zones: a cell shows the
 * serial number as it is, so 09:30 in Weißenfels must be written as 09:30 "UTC", not as 07:30.
 */
export function spreadsheetDate(iso: string, timeZone: string): Date {
  const p = wallClockParts(iso, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** A calendar date (YYYY-MM-DD) as a spreadsheet date at midnight. */
export function spreadsheetDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/** "Mittwoch, 18.10.2023" */
export function germanWeekdayDate(isoDate: string): string {
  const weekday = new Intl.DateTimeFormat('de-DE', { weekday: 'long', timeZone: 'UTC' }).format(spreadsheetDay(isoDate));
  return `${weekday}, ${germanDate(isoDate, 'UTC')}`;
}

/** "18.–19.10.2023", "30.10.–02.11.2023" or "18.10.2023"; null without a start. */
export function germanDateRange(from: string | null, to: string | null): string | null {
  if (!from) return null;
  if (!to || to === from) return germanDate(from, 'UTC');
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  if (fy === ty && fm === tm) return `${fd}.–${td}.${tm}.${ty}`;
  if (fy === ty) return `${fd}.${fm}.–${td}.${tm}.${ty}`;
  return `${fd}.${fm}.${fy} – ${td}.${tm}.${ty}`;
}

/** A count as German readers write it: 65.763, not 65763 (the PDFs). */
export function germanCount(n: number): string {
  return n.toLocaleString('de-DE');
}
