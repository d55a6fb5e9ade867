import { foldQuery } from '../text/fold';
import { normaliseHeader } from './header-name';
import { ListResolver, parseDay, type EventDay, type ListRef } from './values';

/**
 * Lists kept by hand in Excel often have a column per day, workshop or walk, or a column "Storniert", and mark a
 * person with an "x", "ja", a tick or a checkbox (WAHR). In such a column the header says what the mark means.
 */

const YES = new Set(['x', 'ja', 'j', 'yes', 'y', '1', 'wahr', 'true', 'ok']);
const NO = new Set(['', 'nein', 'n', 'no', '0', 'falsch', 'false', '-']);
const YES_SYMBOLS = /^[✓✔☑☒]$/u;
const NO_SYMBOLS = /^[–—☐]$/u;

/** `true` for a yes-mark, `false` for a no-mark or an empty cell, `null` for anything else (a name, a date). */
export function parseMark(cell: string): boolean | null {
  const t = cell.trim();
  if (YES_SYMBOLS.test(t)) return true;
  if (NO_SYMBOLS.test(t)) return false;
  const folded = foldQuery(t);
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return null;
}

/** Header words of a column that says whether someone cancelled: a yes-mark in it means cancelled. */
export const CANCEL_HEADERS = [
  'storniert', 'storno', 'stornierung', 'abgesagt', 'absage', 'abgemeldet', 'abmeldung', 'cancelled', 'canceled', 'cancellation',
];
const CANCEL_SET = new Set(CANCEL_HEADERS);

export function isCancelHeader(header: string): boolean {
  return CANCEL_SET.has(normaliseHeader(header));
}

/** Between a question and one of its options in a column's name: "Welche Tage? – Mittwoch", "Workshop: Migration". */
const QUESTION_OPTION = /[?:]\s+(?:[–—-]\s+)?|\s[–—-]\s/;

const WEEKDAY_WORD = /\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/g;

/**
 * The event day a column's header names: "18.10.2023", "Teilnahme am 18.10.", "Tag 1", "Mittwoch, 18.10.", or a
 * day's label. Only a day of the event counts; `null` for anything else, and for headers that name no one day.
 */
export function dayOfHeader(header: string, days: readonly EventDay[]): string | null {
  if (days.length === 0) return null;
  const folded = foldQuery(header);
  const candidates = [
    header,
    /\d{1,2}\.\s*\d{1,2}\.(?:\s*\d{4}|\s*\d{2}(?!\d))?/.exec(header)?.[0],
    /\d{4}-\d{2}-\d{2}/.exec(header)?.[0],
    /\b(?:tag|day)\s*\d{1,2}\b/.exec(folded)?.[0],
    folded.match(WEEKDAY_WORD)?.[0],
  ];
  for (const c of candidates) {
    if (c === undefined) continue;
    const parsed = parseDay(c, days);
    if (parsed?.length === 1 && days.some((d) => d.date === parsed[0])) return parsed[0]!;
  }
  return null;
}

/** Words a column of one day may have besides the day: "Teilnahme am 18.10.", "Mi 18.10.", "Tag 2 (Donnerstag)". */
const DAY_WORDS = /\b(?:teilnahme|teilnahmetag|anwesend|anwesenheit|dabei|am|an|den|tag|day|attending|attendance|on|mo|di|mi|do|fr|sa|so)\b/g;
const DAY_QUESTION = /\b(?:tag|tage|tagen|day|days|teilnahme|datum|termin|termine)\b/;

/**
 * The day a column's name is about, for proposing it as a column of that day: stricter than `dayOfHeader`, which
 * reads a column the organiser has mapped. "Übernachtung 18.10." or "Anreise am Mittwoch?" name a day too, but are
 * not about attending it: only a name of the day and words like "Teilnahme am" count, or a question about days
 * with the day as its option (pretix: "An welchen Tagen nehmen Sie teil? – Mittwoch").
 */
export function dayColumnName(header: string, days: readonly EventDay[]): string | null {
  const date = dayOfHeader(header, days);
  if (date === null) return null;
  const parts = header.split(QUESTION_OPTION);
  const option = parts.length > 1 && DAY_QUESTION.test(foldQuery(parts.slice(0, -1).join(' '))) ? parts.pop()! : header;
  const rest = foldQuery(option.replace(/\d{1,2}\.\s*\d{1,2}\.(?:\s*\d{2,4})?|\d{4}-\d{2}-\d{2}/g, ' '))
    .replace(WEEKDAY_WORD, ' ').replace(/\b(?:tag|day)\s*\d{1,2}\b/g, ' ').replace(DAY_WORDS, ' ').replace(/[\d\s.,-]+/g, ' ').trim();
  const label = days.find((d) => d.date === date)?.label;
  return rest === '' || (label !== undefined && foldQuery(option) === foldQuery(label)) ? date : null;
}

/**
 * The option of a question's column ("Welchen Stadtrundgang möchten Sie besuchen? – Altstadt und Schloss": the walk
 * "Altstadt und Schloss"), as pretix names such columns; null for a header that is no question with an option.
 */
export function optionOfHeader(header: string): string | null {
  const parts = header.split(QUESTION_OPTION);
  return parts.length > 1 ? parts.pop()!.trim() || null : null;
}

/** Words that start a column about one session or walk ("Workshop 2: Migration", "Stadtrundgang – Altstadt"). */
const LIST_PREFIX = /^(?:(?:stadtrundgang|stadtrundgange|rundgang|rundgange|stadtfuhrung|stadtfuhrungen|fuhrung|exkursion|exkursionen|city walks?|walks?|workshops?|sessions?|foren|forum|fachforum|fachforen|ag|arbeitsgruppen?|programmpunkte?|panels?|teilnahme(?: am| an)?)\b\s*)+/;

/**
 * The session or walk a column's header names, by its name or an unambiguous part of it, with or without a word
 * like "Stadtrundgang" in front, or as the option after a question: pretix exports a multiple-choice question as a
 * column per option ("Welchen Stadtrundgang möchten Sie besuchen? – Altstadt", with Ja/Nein). A header of only
 * such words ("Workshops", "Stadtrundgang") names none — unless a session or walk has exactly that name (a programme
 * with one "Workshop"): its column in the template is named so. Cells that are no mark are still read as names.
 */
export function listOfHeader(header: string, resolver: ListResolver): ListRef | null {
  const folded = foldQuery(header);
  const rest = folded.replace(LIST_PREFIX, '').trim();
  if (rest === '') return resolver.named(header);
  const option = optionOfHeader(header);
  return resolver.resolve(header) ?? (rest !== folded ? resolver.resolve(rest) : null) ?? (option ? resolver.resolve(option) : null);
}

export interface MarkMeaning {
  days?: string;
  sessions?: string;
  walks?: string;
  status?: 'cancelled';
}

/** For the mapping screen: what a mark in each column would mean, for each meaning the column may be given. */
export function markMeanings(headers: readonly string[], days: readonly EventDay[], lists: readonly ListRef[]): Record<string, MarkMeaning> {
  const sessions = new ListResolver(lists, 'session');
  const walks = new ListResolver(lists, 'walk');
  const out: Record<string, MarkMeaning> = {};
  for (const h of headers) {
    const date = dayOfHeader(h, days);
    const m: MarkMeaning = {
      days: days.find((d) => d.date === date)?.label, sessions: listOfHeader(h, sessions)?.name, walks: listOfHeader(h, walks)?.name,
      status: isCancelHeader(h) ? 'cancelled' : undefined,
    };
    const given = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as MarkMeaning;
    if (Object.keys(given).length > 0) out[h] = given;
  }
  return out;
}
