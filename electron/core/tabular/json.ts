import { decodeText } from './decode-text';
import { emptyHeader, uniqueHeaders } from './headers';
import { MAX_CELL_CHARS, TableError, type ReadOptions, type Table, type TableProblem, type TableRow } from './table';

/**
 * A JSON array of objects (what most registration APIs answer), also wrapped in an object as paginated APIs and
 * exports do (`{ "results": [...] }`, `{ "exportiert": "…", "teilnehmende": [...] }`: see findEntries), or JSON Lines (one object per line, as some exports and log-style APIs
 * write). Nested objects are flattened to "a.b" columns; arrays of plain values become one multi-valued cell ("A; B").
 */
export function readJson(bytes: Uint8Array, options: ReadOptions): Table {
  const decoded = decodeText(bytes, options.encoding);
  if (decoded.text.trim() === '') throw new TableError('emptyFile');
  const data = parseJson(decoded.text);
  // An API's answer of an error with status 200 ({"detail": "Invalid token."}, {"errors": [{"message": …}]}): its
  // message, not its "errors" read as people.
  const message = apiMessage(data);
  if (message !== null) throw new TableError('jsonMessage', { message });
  const found = findEntries(data);
  if (!found) throw notAList(data);
  if ('several' in found) throw severalLists(found.several);
  const { items } = found;
  // "[]" or a first page with no results: there is no header either, only nobody (yet).
  if (items.length === 0) throw new TableError('jsonEmptyList');
  // Entries that are no object (a number, a text, null) are no one's registration: said at their place. A list of
  // only such values is no list of registrations at all.
  const entryProblems: TableProblem[] = [];
  const objects: { entry: number; item: object }[] = [];
  items.forEach((item, i) => {
    if (isObject(item)) objects.push({ entry: i + 1, item });
    else entryProblems.push({ code: 'jsonNotObject', line: i + 1, column: null, severity: 'error', params: { value: shortJson(item) } });
  });
  if (objects.length === 0) throw new TableError('jsonNoObjects', { value: shortJson(items[0]) });
  let flat: { entry: number; fields: Map<string, string> }[];
  try {
    // An entry with every field null or empty is skipped, as an empty row of a CSV is.
    flat = objects.map(({ entry, item }) => ({ entry, fields: flatten(item) })).filter((o) => [...o.fields.values()].some((v) => v.trim() !== ''));
  } catch (err) {
    // Nested thousands of levels deep (no registration system writes that): the stack runs out, not the reader.
    if (err instanceof RangeError) throw new TableError('jsonTooDeep');
    throw err;
  }
  if (flat.length === 0) throw new TableError('jsonAllEmpty', { count: objects.length });
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const { fields } of flat) for (const key of fields.keys()) if (!index.has(key)) index.set(key, names.push(key) - 1);
  const { headers, problems, unnamed } = uniqueHeaders(names, 1);
  // A key of an entry names a column only where some entry has it: an empty key is said at once.
  for (const i of unnamed) problems.push(emptyHeader(i, headers, 1));
  const cellProblems: TableProblem[] = [];
  const rows: TableRow[] = flat.map(({ entry, fields }) => {
    const cells = new Array<string>(names.length).fill('');
    for (const [key, value] of fields) {
      const col = index.get(key)!;
      if (value.length > MAX_CELL_CHARS) {
        cellProblems.push({ code: 'cellTooLong', line: entry, column: headers[col]!, severity: 'error', params: { length: value.length, max: MAX_CELL_CHARS } });
      }
      cells[col] = value.slice(0, MAX_CELL_CHARS);
    }
    return { line: entry, cells };
  });
  return {
    format: 'json', encoding: decoded.encoding, delimiter: null, sheets: [], sheet: null, headers, rows, lineKind: 'entry',
    problems: [...decoded.problems, ...problems, ...entryProblems, ...cellProblems],
    // An entry's key names a column only where it has one; a nameless key is said at once (above).
    blankColumns: new Set(),
  };
}

/**
 * The parsed text: JSON, or JSON Lines (every non-empty line an object) read as their array. An error says where, by
 * line and character of the text, not by the parser's position in characters.
 */
function parseJson(text: string): unknown {
  try {
    // Whole numbers of more than 15 digits (64-bit ids some APIs write as numbers) are read as the text they are:
    // as JavaScript numbers, 12345678901234567890 and …891 are the same, and two people would share an id.
    // Parsed as written first, so that an error names its place in the text as written.
    const data = JSON.parse(text) as unknown;
    return LONG_INTEGER.test(text) ? JSON.parse(quoteLongIntegers(text)) as unknown : data;
  } catch (err) {
    const lines = text.split(/\r\n?|\n/).filter((l) => l.trim() !== '');
    if (lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{'))) {
      try {
        return lines.map((l) => JSON.parse(LONG_INTEGER.test(l) ? quoteLongIntegers(l) : l) as unknown);
      } catch {
        // Not JSON Lines either: the error of the whole text is the one to show.
      }
    }
    throw invalidAt(text, err);
  }
}

const LONG_INTEGER = /\d{16}/;

/** The text with every whole number of 16 or more digits outside strings in quotes. */
function quoteLongIntegers(text: string): string {
  const out: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    let end = i + 1;
    while (end < text.length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++;
    const next = text[end];
    const whole = next !== '.' && next !== 'e' && next !== 'E';
    if (whole && end - i - (c === 0x2d ? 1 : 0) >= 16) {
      out.push(text.slice(from, i), '"', text.slice(i, end), '"');
      from = end;
    }
    i = end - 1;
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Line and character of the position V8 names in its message ("… in JSON at position 232"), else its message. */
function invalidAt(text: string, err: unknown): TableError {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  if (!at) return new TableError('jsonInvalid', { detail: message.slice(0, 200) });
  const lines = text.slice(0, Number(at[1])).split(/\r\n?|\n/);
  return new TableError('jsonInvalidAt', { line: lines.length, char: lines[lines.length - 1]!.length + 1 });
}

/** Where paginated APIs put the entries of a page (`{ "results": [...] }`, `{ "attendees": [...] }`, …). */
const LIST_KEYS = ['results', 'data', 'items', 'registrations', 'attendees'] as const;

type Found = { key: string | null; items: unknown[] } | { several: string[] };

/**
 * The entries of a JSON answer: the array itself, or the array in an object (`key` says where); null where there is
 * none, or several and none of them under one of LIST_KEYS (readJson says which).
 */
export function jsonEntries(data: unknown): { key: string | null; items: unknown[] } | null {
  const found = findEntries(data);
  return found && !('several' in found) ? found : null;
}

/**
 * Where the entries are: the array itself; else, in an object, its only list of objects whatever its key (an export's
 * `{ "exportiert": "…", "anzahl": 10, "teilnehmende": [...] }`), or of several the one under a key of LIST_KEYS (pretix's
 * `results` beside other lists); the same one level down (`{ "data": { "teilnehmende": [...] } }`, key "data.teilnehmende").
 */
function findEntries(data: unknown): Found | null {
  if (Array.isArray(data)) return { key: null, items: data };
  if (!isObject(data)) return null;
  const o = data as Record<string, unknown>;
  const top = listIn(o);
  if (top) return top;
  const inner: Found[] = [];
  for (const [key, value] of Object.entries(o)) {
    const found = isObject(value) ? listIn(value as Record<string, unknown>) : null;
    if (found) inner.push('several' in found ? { several: found.several.map((k) => `${key}.${k}`) } : { key: `${key}.${found.key}`, items: found.items });
  }
  if (inner.length === 1) return inner[0]!;
  if (inner.length > 1) return { several: inner.flatMap((f) => ('several' in f ? f.several : [f.key!])) };
  // The only list, of no objects or empty: read, so that the message says what it holds ("einzelne Werte", "leer").
  const arrays = Object.keys(o).filter((k) => Array.isArray(o[k]));
  return arrays.length === 1 ? { key: arrays[0]!, items: o[arrays[0]!] as unknown[] } : null;
}

/** Keys under which APIs answer an error's text, in the order of how telling they are (Eventbrite's `error` is a code). */
const MESSAGE_KEYS = ['detail', 'error_description', 'message', 'error', 'title'] as const;

/**
 * The text of an error an API answered as JSON: a small object (at most 5 keys, no list of registrations) with a text
 * under one of MESSAGE_KEYS, or `error: { message }`, or `errors: [{ message } | "text"]`. Null for anything else —
 * a registration with a field "message" has more fields than that.
 */
function apiMessage(data: unknown): string | null {
  if (!isObject(data)) return null;
  const o = data as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length > 5 || LIST_KEYS.some((k) => Array.isArray(o[k]))) return null;
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  for (const key of MESSAGE_KEYS) {
    const found = text(o[key]) ?? (isObject(o[key]) ? text((o[key] as Record<string, unknown>).message) : null);
    if (found) return clip(found, 200);
  }
  if (Array.isArray(o.errors) && o.errors.length > 0) {
    const first = o.errors[0];
    const found = text(first) ?? (isObject(first) ? text((first as Record<string, unknown>).message) ?? text((first as Record<string, unknown>).detail) : null);
    if (found) return clip(found, 200);
  }
  return null;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Why a JSON holds no list, for the message: one entry (its first keys named), an empty object, or a single value. */
function notAList(data: unknown): TableError {
  if (!isObject(data)) return new TableError('jsonNotArray', { context: 'value', value: shortJson(data) });
  const keys = Object.keys(data);
  if (keys.length === 0) return new TableError('jsonNotArray', { context: 'empty' });
  const named = keys.slice(0, 3).map((k) => `„${clip(k, 30)}“`).join(', ');
  return new TableError('jsonSingleEntry', { keys: keys.length > 3 ? `${named} …` : named });
}

/** A non-empty array with an object in it: what a list of registrations is, as against a list of tags or ids. */
const isObjectList = (v: unknown): v is unknown[] => Array.isArray(v) && v.some(isObject);

function listIn(o: Record<string, unknown>): Found | null {
  const lists = Object.keys(o).filter((k) => isObjectList(o[k]));
  if (lists.length === 1) return { key: lists[0]!, items: o[lists[0]!] as unknown[] };
  // An API's page with no entries (`"results": []`) is an empty list, said as such; of several lists, the known one.
  const known = LIST_KEYS.find((k) => (lists.length === 0 ? Array.isArray(o[k]) : lists.includes(k)));
  if (known) return { key: known, items: o[known] as unknown[] };
  return lists.length > 1 ? { several: lists } : null;
}

/** Which lists there are, the first two by name: the organiser or the one who made the export picks one. */
function severalLists(keys: string[]): TableError {
  const named = { first: keys[0]!, second: keys[1]! };
  return keys.length > 2 ? new TableError('jsonSeveralLists', { ...named, total: keys.length, context: 'more' }) : new TableError('jsonSeveralLists', named);
}

interface Answer {
  question_identifier?: unknown;
  question?: unknown;
  answer?: unknown;
}

const questionOf = (a: Answer): string | null => {
  for (const q of [a.question_identifier, a.question]) if ((typeof q === 'string' && q.trim()) || typeof q === 'number') return String(q).trim();
  return null;
};

/**
 * The answers to an order form's questions as APIs give them, one object per question: pretix
 * (`{ "question_identifier": "walk", "answer": "Altstadt" }`), Eventbrite (`{ "question": "Which walk?", "answer": … }`).
 */
function isAnswerList(items: unknown[]): items is Answer[] {
  return items.length > 0 && items.every((a) => a !== null && typeof a === 'object' && !Array.isArray(a) && 'answer' in a && questionOf(a as Answer) !== null);
}

/** One column per question ("answers.walk"), named by its identifier where there is one, else by its text. */
function answers(items: Answer[]): Map<string, string> {
  const byQuestion = new Map<string, string[]>();
  for (const a of items) {
    const text = a.answer === null || a.answer === undefined ? '' : typeof a.answer === 'object' ? JSON.stringify(a.answer) : String(a.answer);
    const q = questionOf(a)!;
    byQuestion.set(q, [...(byQuestion.get(q) ?? []), text]);
  }
  return new Map([...byQuestion].map(([q, texts]) => [q, texts.filter(Boolean).join('; ')]));
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/**
 * A plain value as a cell: true and false as "ja" and "nein" (the person page and the exports speak German, and a
 * column of them mapped as a mark reads them as a tick or none); numbers and text as JSON has them.
 */
const cellText = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'ja' : 'nein') : String(v));
const isObject = (v: unknown): v is object => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A value as JSON writes it, shortened for a message; an array nested too deep to write is "[…]". */
function shortJson(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Array.isArray(v) ? '[…]' : '{…}';
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Objects of plain values, such as Eventbrite's `barcodes: [{ "barcode": "…", "status": "unused" }]`. */
function isFlatObjectList(items: unknown[]): items is Record<string, unknown>[] {
  return items.every((o) => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.values(o).every(isScalar));
}

/** One column per key, the values of all objects joined as a multi-valued cell ("barcodes.barcode": "A1; B2"). */
function byKey(items: Record<string, unknown>[]): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const o of items) {
    for (const [k, v] of Object.entries(o)) {
      const values = out.get(k) ?? [];
      if (v !== null && v !== undefined && v !== '') values.push(cellText(v));
      out.set(k, values);
    }
  }
  return new Map([...out].map(([k, values]) => [k, values.join('; ')]));
}

function flatten(item: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (item === null || item === undefined) return out;
  if (typeof item !== 'object') {
    out.set(prefix || 'Wert', cellText(item));
    return out;
  }
  if (Array.isArray(item)) {
    const plain = item.every((v) => v === null || typeof v !== 'object');
    if (plain) out.set(prefix || 'Wert', item.filter((v) => v !== null && v !== '').map(cellText).join('; '));
    else if (isAnswerList(item)) for (const [question, answer] of answers(item)) out.set(`${prefix || 'Antwort'}.${question}`, answer);
    else if (isFlatObjectList(item)) for (const [key, values] of byKey(item)) out.set(`${prefix || 'Wert'}.${key}`, values);
    else out.set(prefix || 'Wert', JSON.stringify(item));
    return out;
  }
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, name, out);
    else if (Array.isArray(value)) flatten(value, name, out);
    else out.set(name, value === null || value === undefined ? '' : cellText(value));
  }
  return out;
}
