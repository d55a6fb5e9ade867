import { foldQuery } from '../text/fold';

/**
 * How a cell of days is read: "18.10.2023", "18.10. und 19.10.", "2023-10-18 2023-10-19", "18./19.10.2023",
 * "Mittwoch und Donnerstag", "Tag 1 + 2", "beide Tage", a day's label, or the number Excel keeps a date as (45217).
 * Text beside the days that is none ("(nur vormittags)") is a token of its own, so that it is said, not dropped.
 */

export interface EventDay {
  date: string;
  label: string;
}

const WEEKDAYS: Record<string, number> = {
  sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  so: 0, mo: 1, di: 2, mi: 3, do: 4, fr: 5, sa: 6,
};
const ALL_DAYS = new Set(['alle', 'alle tage', 'beide', 'beide tage', 'all', 'all days', 'both', 'both days', 'gesamte veranstaltung']);

const WEEKDAY = `(?:${Object.keys(WEEKDAYS).sort((a, b) => b.length - a.length).join('|')})`;
/** A time after a date ("18.10.2023 9:00 Uhr", "2023-10-18T09:00:00Z"): part of that one day. */
const TIME = String.raw`(?:\s*,\s*|\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*Uhr)?`;
/** An ISO date's time, maybe with its zone; after "18.10.2023 09:00", "-12:00" ends a span of time and is no zone. */
const ISO_TIME = String.raw`(?:\s+|T)\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?(?![\d-]))?`;
/** A year after "18.10.", not the day of a next date ("18.10. 19.10.", "18.10. 2023-10-19") nor the hour of a time. */
const YEAR = String.raw`(?:\s*(\d{4}|\d{2})(?!\d|[.:]\d|-\d\d-))?`;
const JOINER = String.raw`\s*(?:[,/&+]|und|and)\s*`;

/** One date, maybe with its weekday before it and a time after it. Groups: weekday, ISO y-m-d, US m/d/y, d.m.y. */
const ONE_DATE = new RegExp(
  String.raw`^(?:(${WEEKDAY})\.?\s*,?\s*)?(?:(\d{4})-(\d{2})-(\d{2})(?:${ISO_TIME})?|(?:(\d{1,2})\/(\d{1,2})\/(\d{4})|(\d{1,2})\.\s*(\d{1,2})\.${YEAR})(?:${TIME})?)$`,
  'iu',
);
/** Days of one month: "18./19.10.2023", "18. und 19.10.". Groups: the first day, the others, month, year. */
const SAME_MONTH = String.raw`(\d{1,2})\.((?:${JOINER}\d{1,2}\.)+)\s*(\d{1,2})\.${YEAR}`;
const ONE_MONTH = new RegExp(`^${SAME_MONTH}$`, 'iu');
/**
 * A span of days: "18.-19.10.2023", "18.–19.10.", "18. bis 19.10.", "18.10.-20.10.2023", "18.10. bis 19.10.". Groups:
 * first day, its month (when it has one), last day, its month, year.
 */
const TO = String.raw`\s*(?:-|–|bis)\s*`;
const SPAN = String.raw`(\d{1,2})\.(?:\s*(\d{1,2})\.)?${TO}(\d{1,2})\.\s*(\d{1,2})\.${YEAR}`;
const ONE_SPAN = new RegExp(`^${SPAN}$`, 'iu');

/** "Tag 1", "Tage 1 und 2", "Day 2". */
const DAY_NUMBERS = String.raw`(?:tage?|days?)\s*\d{1,2}(?![\d.:])(?:${JOINER}\d{1,2}(?![\d.:]))*`;
/** Excel's number of a date, in a cell without a date format; only those of about 1955 to 2118 (see `parseDay`). */
const SERIAL = String.raw`\d{5}(?:[.,]\d+)?`;

const DATE_IN_TEXT = String.raw`(?:${WEEKDAY}\.?\s*,?\s*)?(?:\d{4}-\d{2}-\d{2}(?:${ISO_TIME})?|(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\.\s*\d{1,2}\.${YEAR})(?:${TIME})?)`;
/** Anything in a cell that names days, on its own: words are whole words, numbers whole numbers. */
const DAYS_IN_TEXT = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${SPAN}|${SAME_MONTH}|${DATE_IN_TEXT}|${DAY_NUMBERS}|${SERIAL}|${WEEKDAY}\.?)(?![\p{L}\d])`,
  'giu',
);
/** What may stand between days: spaces, punctuation, "und". */
const BETWEEN_DAYS = /^(?:[\s,.;:/&+·()[\]]|\b(?:und|and|u)\b)*$/iu;
const JOINERS_AT_ENDS = /^(?:[\s,;/&+·]|(?:und|and)\s)+|(?:[\s,;/&+·]|\s(?:und|and))+$/giu;

/** Month names, German and English, with their usual short forms (after foldQuery-like lower-casing). */
const MONTHS: [number, string[]][] = [
  [1, ['januar', 'jänner', 'jaenner', 'january', 'jan']], [2, ['februar', 'february', 'feb', 'febr']], [3, ['märz', 'maerz', 'march', 'mär', 'mrz', 'mar']],
  [4, ['april', 'apr']], [5, ['mai', 'may']], [6, ['juni', 'june', 'jun']], [7, ['juli', 'july', 'jul']], [8, ['august', 'aug']],
  [9, ['september', 'sept', 'sep']], [10, ['oktober', 'october', 'okt', 'oct']], [11, ['november', 'nov']], [12, ['dezember', 'december', 'dez', 'dec']],
];
const MONTH_OF = new Map(MONTHS.flatMap(([n, names]) => names.map((name) => [name, n] as const)));
const MONTH = `(${[...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?(?![\\p{L}])`;
/** "18. Oktober 2023", "18. Okt.", "18 October 2023". */
const DAY_MONTH = new RegExp(String.raw`(\d{1,2})(?:\.\s*|\s+)${MONTH}(?:\s*(\d{4}))?`, 'giu');
/** "October 18, 2023", "Oct 18th". */
const MONTH_DAY = new RegExp(String.raw`(?<![\p{L}])${MONTH}\s*(\d{1,2})(?:st|nd|rd|th)?(?![\d.])(?:,?\s*(\d{4}))?`, 'giu');

/** Dates with the month's name written as the dates of numbers only ("18. Oktober 2023" → "18.10.2023"). */
function withMonthNumbers(text: string): string {
  if (!/\p{L}{3}/u.test(text)) return text;
  return text
    .replace(DAY_MONTH, (_, d: string, m: string, y?: string) => `${d}.${MONTH_OF.get(m.toLowerCase())}.${y ?? ''}`)
    .replace(MONTH_DAY, (_, m: string, d: string, y?: string) => `${d}.${MONTH_OF.get(m.toLowerCase())}.${y ?? ''}`);
}

/**
 * The days a part of a cell (see `splitMulti`) names one by one, each a token for `parseDay`: the whole part if it
 * is one day (a date with its time, "beide Tage", a day's label); otherwise each date, weekday or "Tag 2" in it,
 * and each piece of other text between or after them. A part that names no day at all is one token.
 */
export function dayTokens(part: string, days: readonly EventDay[] = []): string[] {
  const text = withMonthNumbers(part.trim());
  if (parseDay(text, days) !== null) return [text];
  const tokens: string[] = [];
  let end = 0;
  for (const m of text.matchAll(DAYS_IN_TEXT)) {
    tokens.push(...otherText(text.slice(end, m.index)), ...oneByOne(m[0]));
    end = m.index + m[0].length;
  }
  if (tokens.length === 0) return [text];
  tokens.push(...otherText(text.slice(end)));
  return tokens;
}

/** Text between days, as the organiser wrote it ("(nur vormittags)"), unless it only joins them ("und", " / "). */
function otherText(between: string): string[] {
  if (BETWEEN_DAYS.test(between)) return [];
  let text = between.replace(JOINERS_AT_ENDS, '');
  // A bracket whose other half is beside a day: "beide Tage (18. und 19.10.)".
  if (!text.includes(')')) text = text.replace(/^\(\s*|\s*\($/g, '');
  if (!text.includes('(')) text = text.replace(/^\)\s*|\s*\)$/g, '');
  return [text];
}

/** "18./19.10.2023" → "18.10.2023", "19.10.2023"; "Tag 1 und 2" → "Tag 1", "Tag 2"; one day as it is. */
function oneByOne(found: string): string[] {
  const month = ONE_MONTH.exec(found);
  if (month) {
    const [, first, others, m, y] = month;
    return [first!, ...others!.match(/\d{1,2}/g)!].map((d) => `${d}.${m}.${y ?? ''}`);
  }
  if (/^(?:tage?|days?)\s*\d/iu.test(found)) return found.match(/\d{1,2}/g)!.map((n) => `Tag ${n}`);
  return [found];
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/**
 * One day named in a token: "18.10.2023", "18.10.23", "18.10.", "2023-10-18", "2023-10-18 09:00", "Mi, 18.10.",
 * "Tag 1", "Day 2", "Mittwoch", 45217 or an event day's label. `null` when it cannot be read as a day (also when
 * there is more in it than one day, or the weekday is not the date's); all days for "beide Tage".
 */
export function parseDay(token: string, days: readonly EventDay[]): string[] | null {
  const t = withMonthNumbers(token.trim());
  const date = ONE_DATE.exec(t);
  if (date) return oneOrNull(dateOf(date, days));
  const span = ONE_SPAN.exec(t);
  if (span) return spanOf(span, days);
  const serial = /^(\d{5})(?:[.,]\d+)?$/.exec(t);
  if (serial) return oneOrNull(excelSerialDate(Number(serial[1])));
  const folded = foldQuery(t);
  if (ALL_DAYS.has(folded)) return days.map((d) => d.date);
  const m = /^(?:tag|day)\s*(\d{1,2})$/.exec(folded);
  if (m) return oneOrNull(days[Number(m[1]) - 1]?.date ?? null);
  const word = folded.replace(/\.$/, '');
  if (word in WEEKDAYS) {
    const matching = days.filter((d) => weekdayOf(d.date) === WEEKDAYS[word]);
    return matching.length === 1 ? [matching[0]!.date] : null;
  }
  const byLabel = days.filter((d) => foldQuery(d.label) === folded);
  return byLabel.length === 1 ? [byLabel[0]!.date] : null;
}

function dateOf(m: RegExpExecArray, days: readonly EventDay[]): string | null {
  const [, weekday, isoY, isoM, isoD, usM, usD, usY, d, mo, y] = m;
  let date: string | null;
  if (isoY) date = iso(Number(isoY), Number(isoM), Number(isoD));
  else if (usY) date = iso(Number(usY), Number(usM), Number(usD));
  else {
    const year = y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : yearFor(Number(mo), days);
    date = year === null ? null : iso(year, Number(mo), Number(d));
  }
  // "Mittwoch, 19.10.2023" for a Thursday: which of the two is meant is for the organiser to say.
  if (date === null || weekday === undefined) return date;
  return weekdayOf(date) === WEEKDAYS[foldQuery(weekday)] ? date : null;
}

/**
 * A date Excel shows as a number (its cell has no date format): days since 30.12.1899, Excel's 1900 date system
 * (workbooks in the 1904 system are Mac ones of before 2011). Only numbers of 20000 to 79999 (1954 to 2118): a
 * smaller or larger number in a column of days is more likely something else.
 */
function excelSerialDate(serial: number): string | null {
  if (serial < 20_000 || serial >= 80_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The event's days from the first to the last of a span; a span without any of them is its first and last day (said
 * as days outside the event). Null for a span that ends before it begins or names no real date.
 */
function spanOf(m: RegExpExecArray, days: readonly EventDay[]): string[] | null {
  const [, d1, m1, d2, m2, y] = m;
  const year = y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : yearFor(Number(m2), days);
  if (year === null) return null;
  const from = iso(year, Number(m1 ?? m2), Number(d1));
  const to = iso(year, Number(m2), Number(d2));
  if (from === null || to === null || from > to) return null;
  const within = days.filter((d) => d.date >= from && d.date <= to).map((d) => d.date);
  return within.length > 0 ? within : [...new Set([from, to])];
}

function oneOrNull(date: string | null): string[] | null {
  return date ? [date] : null;
}

function yearFor(month: number, days: readonly EventDay[]): number | null {
  const match = days.find((d) => Number(d.date.slice(5, 7)) === month) ?? days[0];
  return match ? Number(match.date.slice(0, 4)) : null;
}
