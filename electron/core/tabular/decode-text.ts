import { isUtf8 } from 'node:buffer';
import { TableError, type TableProblem } from './table';

/**
 * Text files from registration systems and spreadsheets come as UTF-8 (with or without BOM), UTF-16 (Excel's
 * "Unicode text") or Windows-1252 (older Excel on Windows). The encoding is detected, never asked:
 * a BOM decides; else bytes that are valid UTF-8 are UTF-8; else Windows-1252. A file that mixes both
 * (lines pasted together from two exports) is decoded line by line, and the Windows-1252 lines are reported.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'mixed';
  problems: TableProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** 0x80–0x9F of Windows-1252 (Node's TextDecoder treats the label as Latin-1 and leaves them as controls). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const cp1252 = {
  decode(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  },
};

/** How the bytes are to be decoded, found without decoding them all (a mixed file is the exception). */
type Detected =
  | { encoding: DecodedText['encoding']; codec: 'utf-8' | 'utf-8-strict' | 'utf-16le' | 'utf-16be' | 'windows-1252'; body: Uint8Array; problems: TableProblem[] }
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
  encoding: DecodedText['encoding']; problems: TableProblem[]; head: string; pieces: Iterable<TextPiece>;
} {
  const d = detect(bytes, forced);
  if (d.codec === 'text') {
    const text = d.text;
    const pieces = function* () {
      for (let i = 0; i < text.length; i += size) yield { text: text.slice(i, i + size), end: Math.round(bytes.length * Math.min(1, (i + size) / text.length)) };
    };
    return { encoding: d.encoding, problems: d.problems, head: text.slice(0, HEAD_BYTES), pieces: { [Symbol.iterator]: pieces } };
  }
  let head = '';
  for (const piece of decodePieces({ ...d, body: d.body.subarray(0, HEAD_BYTES) }, HEAD_BYTES)) head += piece.text;
  return { encoding: d.encoding, problems: d.problems, head, pieces: { [Symbol.iterator]: () => decodePieces(d, size) } };
}

/** Enough of the start of a text to see its delimiter and its line breaks. */
const HEAD_BYTES = 64 * 1024;

function* decodePieces(d: Exclude<Detected, { codec: 'text' }>, size: number): Generator<TextPiece> {
  const body = d.body;
  const decoder = d.codec === 'windows-1252' ? null
    : d.codec === 'utf-8-strict' ? new TextDecoder('utf-8', { ignoreBOM: true })
      : new TextDecoder(d.codec);
  for (let i = 0; i < body.length; i += size) {
    const slice = body.subarray(i, Math.min(body.length, i + size));
    const last = i + size >= body.length;
    let text = decoder ? decoder.decode(slice, { stream: !last }) : cp1252.decode(slice);
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
  if (label === 'utf-16le' || label === 'utf-16be') return { encoding: label, codec: label, body: bytes, problems: [] };
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
  let utf8Lines = 0;
  const legacyLines: number[] = [];
  const parts: string[] = [];
  lines.forEach((line, i) => {
    try {
      parts.push(utf8.decode(line));
      if (line.some((b) => b >= 0x80)) utf8Lines++;
    } catch {
      parts.push(cp1252.decode(line));
      legacyLines.push(i + 1);
    }
  });
  if (utf8Lines === 0) return { encoding: 'windows-1252', codec: 'windows-1252', body: bytes, problems: [] };
  const shown = legacyLines.slice(0, 10).join(', ') + (legacyLines.length > 10 ? ', …' : '');
  return {
    text: parts.join(''),
    encoding: 'mixed',
    codec: 'text',
    problems: [{ code: 'mixedEncoding', line: legacyLines[0] ?? null, column: null, severity: 'warning', params: { lines: shown } }],
  };
}

/** Lines including their line break, so joining the decoded parts gives the whole text back. */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}
