/**
 * One parser for everything scanned or typed. Pure (runs in the browser and in Node).
 * Accepts the event's own pattern (a regular expression whose first group is the code, for codes inside other
 * text), a bare registration code, or a code inside a URL (query parameter or last path segment).
 * Anything else is refused with a reason, never an exception.
 */
export type PayloadRefusal = 'empty' | 'too_long' | 'binary' | 'unrecognised';
export type ParsedPayload =
  | { ok: true; code: string; from: 'plain' | 'url' | 'pattern' }
  | { ok: false; reason: PayloadRefusal; printable: string };

export const MAX_PAYLOAD_LENGTH = 2048;
const URL_CODE_PARAMS = ['code', 'secret', 'ticket', 'c', 'token'];
// Codes of other systems are opaque; pretix secrets, for example, are [a-z0-9]{32} or base64 with + / =.
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._~+/=:-]{2,255}$/;
// AIM symbology identifier some hardware scanners put before the data, e.g. "]Q1".
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
// Zero-width and other invisible characters that phones and e-mail clients sprinkle into copied text.
const INVISIBLE = /[\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF\u00AD]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** A short, printable form of any input, for messages and the refused-scan log display. */
export function printable(raw: string, max = 80): string {
  const s = raw.replace(/[\u0000-\u001F\u007F-\u009F\uFFFD]/g, '�').replace(INVISIBLE, '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface ParseOptions {
  /** Per-event pattern, e.g. `Ticket-Nr\\.?\\s*(\\w{4}-\\w{4})`; group 1 (or the whole match) is the code. */
  codePattern?: string | null;
}

/** Compiles an organiser's pattern; null when it is not a valid regular expression. */
export function compileCodePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

export function parsePayload(raw: string, options: ParseOptions = {}): ParsedPayload {
  const refuse = (reason: PayloadRefusal): ParsedPayload => ({ ok: false, reason, printable: printable(raw) });
  if (raw.length > MAX_PAYLOAD_LENGTH) return refuse('too_long');
  let text = raw.replace(INVISIBLE, '').trim();
  if (AIM_PREFIX.test(text)) text = text.slice(3).trim();
  if (text === '') return refuse('empty');
  if (CONTROL.test(text) || text.includes('\uFFFD')) return refuse('binary');
  if (options.codePattern) {
    const m = compileCodePattern(options.codePattern)?.exec(text);
    const code = m ? (m[1] ?? m[0]).trim() : null;
    if (code && CODE_PATTERN.test(code)) return { ok: true, code, from: 'pattern' };
  }
  if (/^https?:\/\//i.test(text)) {
    const code = codeFromUrl(text);
    return code ? { ok: true, code, from: 'url' } : refuse('unrecognised');
  }
  return CODE_PATTERN.test(text) ? { ok: true, code: text, from: 'plain' } : refuse('unrecognised');
}

function codeFromUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  for (const name of URL_CODE_PARAMS) {
    const v = url.searchParams.get(name);
    if (v && CODE_PATTERN.test(v)) return v;
  }
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(last);
  } catch {
    return null;
  }
  return CODE_PATTERN.test(segment) ? segment : null;
}
