import { isUtf8 } from 'node:buffer';
import { TableError, type TableProblem } from './table';

/**
 * Text files from registration systems and spreadsheets come as UTF-8 (with or without BOM), UTF-16 (Excel's
 * "Unicode text"), Windows-1252 (older Excel on Windows), Mac OS Roman (Excel for Mac's "CSV") or the DOS code page 850
 * (Excel's "CSV (MS-DOS)", old DOS and AS/400 programs). The encoding is detected, never asked: a BOM decides; else
 * bytes that are valid UTF-8 are UTF-8; else Windows-1252, or Mac OS Roman or cp850 where its reading gives the umlauts
 * of words and Windows-1252's does not (see legacyEncoding). A file that mixes UTF-8 and Windows-1252
 * (lines pasted together from two exports, one cell typed in another program) keeps its UTF-8 characters and reads
 * only the bytes that are no UTF-8 as Windows-1252; the lines with such bytes are reported.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | OneByte | 'mixed';
  problems: TableProblem[];
}

/** Encodings of one byte per character. */
type OneByte = 'windows-1252' | 'macintosh' | 'cp850';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * A one-byte encoding that differs from Latin-1 in its characters from 0x80 on (`high`, one per byte): the bytes are
 * read as Latin-1, then those characters swapped. Node's TextDecoder reads "windows-1252" as Latin-1 (0x80–0x9F
 * stay controls) and has no code page 850 (the Encoding Standard has none).
 */
function oneByteDecoder(high: string): { decode(bytes: Uint8Array): string } {
  const swapped = new RegExp(`[\\u0080-\\u${(0x7f + high.length).toString(16).padStart(4, '0')}]`, 'g');
  return {
    decode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
      .replace(swapped, (c) => high[c.charCodeAt(0) - 0x80]!),
  };
}
/** 0x80–0x9F of Windows-1252. */
const cp1252 = oneByteDecoder('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
/** 0x80–0xFF of code page 850 (DOS Western Europe). */
const cp850 = oneByteDecoder('ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0');

/**
 * A file name inside a zip archive: UTF-8 where the entry says so (general purpose flag, bit 11) or where the bytes
 * are valid UTF-8 (macOS writes UTF-8 without the flag); else the OEM code page of the Windows that packed it, which
 * is 850 on a German Windows ("Teilnehmende März.csv" from "Senden an → ZIP-komprimierter Ordner"). Its umlauts and ß
 * are where code page 437's are.
 */
export function decodeZipName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return utf8.decode(bytes);
  } catch {
    return cp850.decode(bytes);
  }
}

/** How the bytes are to be decoded, found without decoding them all (a mixed file is the exception). */
type Detected =
  | { encoding: DecodedText['encoding']; codec: 'utf-8' | 'utf-8-strict' | 'utf-16le' | 'utf-16be' | OneByte; body: Uint8Array; problems: TableProblem[] }
  | { encoding: 'mixed'; codec: 'text'; text: string; problems: TableProblem[] };

export function decodeText(bytes: Uint8Array, forced?: string): DecodedText {
  const d = detect(bytes, forced);
  if (d.codec === 'text') return { text: d.text, encoding: d.encoding, problems: d.problems };
  let text = '';
  for (const piece of decodePieces(d, d.body.length || 1)) text += piece.text;
  return { text, encoding: d.encoding, problems: d.problems };
}

export interface TextPiece {
  text: string;
  /** Bytes of the input decoded up to the end of this piece. */
  end: number;
}

/**
 * The same text in pieces of about `size` bytes, each decoded when asked for: a large file is never held as one
 * string next to its bytes. `head` is the start of the text (for detecting the delimiter and line breaks).
 * `pieces` can be read more than once, each time from the start.
 */
export function decodeInPieces(bytes: Uint8Array, forced: string | undefined, size: number): {
  encoding: DecodedText['encoding']; problems: TableProblem[]; head: string; headComplete: boolean; pieces: Iterable<TextPiece>;
} {
  const d = detect(bytes, forced);
  if (d.codec === 'text') {
    const text = d.text;
    const pieces = function* () {
      for (let i = 0; i < text.length; i += size) yield { text: text.slice(i, i + size), end: Math.round(bytes.length * Math.min(1, (i + size) / text.length)) };
    };
    return { encoding: d.encoding, problems: d.problems, head: text.slice(0, HEAD_BYTES), headComplete: text.length <= HEAD_BYTES, pieces: { [Symbol.iterator]: pieces } };
  }
  let head = '';
  for (const piece of decodePieces({ ...d, body: d.body.subarray(0, HEAD_BYTES) }, HEAD_BYTES)) head += piece.text;
  return { encoding: d.encoding, problems: d.problems, head, headComplete: d.body.length <= HEAD_BYTES, pieces: { [Symbol.iterator]: () => decodePieces(d, size) } };
}

/** Enough of the start of a text to see its delimiter and its line breaks. */
const HEAD_BYTES = 64 * 1024;

function* decodePieces(d: Exclude<Detected, { codec: 'text' }>, size: number): Generator<TextPiece> {
  const body = d.body;
  const table = d.codec === 'windows-1252' ? cp1252 : d.codec === 'cp850' ? cp850 : null;
  const decoder = table ? null
    : d.codec === 'utf-8-strict' ? new TextDecoder('utf-8', { ignoreBOM: true })
      : new TextDecoder(d.codec);
  for (let i = 0; i < body.length; i += size) {
    const slice = body.subarray(i, Math.min(body.length, i + size));
    const last = i + size >= body.length;
    let text = decoder ? decoder.decode(slice, { stream: !last }) : table!.decode(slice);
    if (last && decoder) text += decoder.decode();
    if ((d.codec === 'utf-16le' || d.codec === 'utf-16be') && text.includes('\u0000')) throw new TableError('binaryFile');
    if (text !== '') yield { text, end: i + slice.length };
  }
}

function detect(bytes: Uint8Array, forced?: string): Detected {
  if (forced) return detectForced(bytes, forced);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // UTF-8 after a BOM: a broken byte is replaced rather than reinterpreting the whole file.
    return { encoding: 'utf-8-bom', codec: 'utf-8', body: bytes.subarray(3), problems: [] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', codec: 'utf-16le', body: bytes.subarray(2), problems: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', codec: 'utf-16be', body: bytes.subarray(2), problems: [] };
  const guessed16 = guessUtf16(bytes);
  if (guessed16) return { encoding: guessed16, codec: guessed16, body: bytes, problems: [] };
  if (looksBinary(bytes)) throw new TableError('binaryFile');
  if (isUtf8(bytes)) return { encoding: 'utf-8', codec: 'utf-8-strict', body: bytes, problems: [] };
  return decodeNotUtf8(bytes);
}

function detectForced(bytes: Uint8Array, encoding: string): Detected {
  const label = encoding.toLowerCase();
  if (label === 'utf-16le' || label === 'utf-16be' || label === 'macintosh' || label === 'cp850') return { encoding: label, codec: label, body: bytes, problems: [] };
  return label === 'utf-8'
    ? { encoding: 'utf-8', codec: 'utf-8', body: bytes, problems: [] }
    : { encoding: 'windows-1252', codec: 'windows-1252', body: bytes, problems: [] };
}

/** UTF-16 without BOM: in text of Latin letters every other byte is zero. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** NUL bytes or many control characters: an image, a PDF, an old .xls, not a text export. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > n * 0.02;
}

function decodeNotUtf8(bytes: Uint8Array): Detected {
  const lines = splitLines(bytes);
  let utf8Chars = 0;
  const legacyLines: number[] = [];
  const parts: string[] = [];
  lines.forEach((line, i) => {
    const mixed = decodeMixed(line);
    parts.push(mixed.text);
    utf8Chars += mixed.utf8Chars;
    if (mixed.legacy) legacyLines.push(i + 1);
  });
  // Not one character written as UTF-8: a Windows-1252 file (German Excel's "CSV (Trennzeichen-getrennt)").
  if (utf8Chars === 0) {
    const legacy = legacyEncoding(bytes);
    return { encoding: legacy, codec: legacy, body: bytes, problems: [] };
  }
  const shown = legacyLines.slice(0, 10).join(', ') + (legacyLines.length > 10 ? ', …' : '');
  return {
    text: parts.join(''),
    encoding: 'mixed',
    codec: 'text',
    problems: [{ code: 'mixedEncoding', line: legacyLines[0] ?? null, column: null, severity: 'warning', params: { lines: shown, count: legacyLines.length } }],
  };
}

/** Letters of German words, and how they are written in Windows-1252, in Mac OS Roman and in cp850. */
const WIN_LETTERS = new Set([0xe4, 0xf6, 0xfc, 0xdf, 0xc4, 0xd6, 0xdc, 0xe9, 0xe8, 0xe1, 0xe0]); // äöüßÄÖÜéèáà
// äöüßÜé; not Ä (0x80, Windows-1252's €) nor Ö (0x85, its …), which a Windows-1252 list has between words.
const MAC_LETTERS = new Set([0x8a, 0x9a, 0x9f, 0xa7, 0x86, 0x8e]);
// äöüßÖé; not Ä (0x8E) nor Ü (0x9A), which are é and ö on a Mac. Counted inside words only: ä and ö are „ and ” in
// Windows-1252, German quotation marks next to the first or last letter of a word.
const DOS_LETTERS = new Set([0x84, 0x94, 0x81, 0xe1, 0x99, 0x82]);
const isAsciiLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * Which one-byte encoding a file that is not UTF-8 is in: Mac OS Roman or cp850 when their reading of the bytes next
 * to letters gives umlauts more than twice as often as each other reading ("M\x9Fller" is Müller on a Mac, MŸller in
 * Windows-1252; "M\x81ller" is Müller in DOS); else Windows-1252. The letters of each are punctuation, box drawing
 * or rare letters in the others (ä is E4 in Windows-1252: "‰" on a Mac, "õ" in DOS).
 */
function legacyEncoding(bytes: Uint8Array): OneByte {
  let mac = 0;
  let win = 0;
  let dos = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const before = isAsciiLetter(bytes[i - 1]);
    const after = isAsciiLetter(bytes[i + 1]);
    if (!before && !after) continue;
    if (MAC_LETTERS.has(b)) mac++;
    if (WIN_LETTERS.has(b)) win++;
    if (DOS_LETTERS.has(b) && before && after) dos++;
  }
  if (mac > 2 * win && mac > 2 * dos) return 'macintosh';
  if (dos > 2 * win && dos > 2 * mac) return 'cp850';
  return 'windows-1252';
}

/**
 * A line of bytes that is not all UTF-8: each UTF-8 sequence that makes a character a list can hold (Latin letters
 * with their accents, punctuation, Greek, Cyrillic, emoji) is read as UTF-8, every other byte as Windows-1252 — so
 * "Müller" typed in UTF-8 stays "Müller" next to a "Weiß" saved as Windows-1252, and a Windows-1252 "ß“" (0xDF 0x93,
 * valid UTF-8 for an N'Ko letter) stays "ß“".
 */
function decodeMixed(line: Uint8Array): { text: string; utf8Chars: number; legacy: boolean } {
  let text = '';
  let utf8Chars = 0;
  let legacy = false;
  let from = 0;
  for (let i = 0; i < line.length; ) {
    const b = line[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = utf8Length(line, i);
    const cp = n > 0 ? codePoint(line, i, n) : -1;
    if (cp >= 0 && plausible(cp)) {
      i += n;
      utf8Chars++;
      continue;
    }
    text += utf8.decode(line.subarray(from, i)) + cp1252.decode(line.subarray(i, i + 1));
    legacy = true;
    i++;
    from = i;
  }
  return { text: text + utf8.decode(line.subarray(from)), utf8Chars, legacy };
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode 15, table 3-7), 0 if there is none. */
function utf8Length(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => b[i + k] !== undefined && b[i + k]! >= lo && b[i + k]! <= hi;
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (lead === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (lead === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (lead >= 0xf1 && lead <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (lead === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function codePoint(b: Uint8Array, i: number, n: number): number {
  const lead = b[i]! & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  let cp = lead;
  for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
  return cp;
}

/**
 * Characters of names, places and notes: Latin with accents, Greek, Cyrillic, Hebrew, Arabic, punctuation and
 * symbols, Chinese, Japanese, Korean, emoji. Not the rare scripts whose two-byte sequences a Windows-1252 letter
 * followed by punctuation makes ("ß“" is 0xDF 0x93).
 */
function plausible(cp: number): boolean {
  return (cp >= 0xa0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x6ff) || (cp >= 0x1e00 && cp <= 0x1eff)
    || (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) || cp >= 0x1f000;
}

/**
 * Lines including their line break, so joining the decoded parts gives the whole text back. A lone CR ends a line
 * too (old Mac exports), as it does when the text is read as CSV.
 */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}
