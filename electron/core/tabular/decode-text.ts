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

export function decodeText(bytes: Uint8Array, forced?: string): DecodedText {
  if (forced) return decodeForced(bytes, forced);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeLenient(bytes.subarray(3)), encoding: 'utf-8-bom', problems: [] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const guessed16 = guessUtf16(bytes);
  if (guessed16) return utf16(bytes, guessed16);
  if (looksBinary(bytes)) throw new TableError('binaryFile');
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8', problems: [] };
  } catch {
    return decodeNotUtf8(bytes);
  }
}

function decodeForced(bytes: Uint8Array, encoding: string): DecodedText {
  const label = encoding.toLowerCase();
  if (label === 'utf-16le' || label === 'utf-16be') return utf16(bytes, label);
  const text = label === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : cp1252.decode(bytes);
  return { text, encoding: label === 'utf-8' ? 'utf-8' : 'windows-1252', problems: [] };
}

/** UTF-8 after a BOM: a broken byte is replaced rather than reinterpreting the whole file. */
function decodeLenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding).decode(bytes);
  if (text.includes('\u0000')) throw new TableError('binaryFile');
  return { text, encoding, problems: [] };
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

function decodeNotUtf8(bytes: Uint8Array): DecodedText {
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
  if (utf8Lines === 0) return { text: cp1252.decode(bytes), encoding: 'windows-1252', problems: [] };
  const shown = legacyLines.slice(0, 10).join(', ') + (legacyLines.length > 10 ? ', …' : '');
  return {
    text: parts.join(''),
    encoding: 'mixed',
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
