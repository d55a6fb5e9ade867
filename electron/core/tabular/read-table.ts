import { streamCsv } from './csv';
import { decodeZipName } from './decode-text';
import { readJson } from './json';
import { collectTable, streamOf, TableError, type ReadHooks, type ReadOptions, type Table, type TableFormat, type TableRow, type TableStream } from './table';
import { streamOds } from './ods';
import { streamXlsx } from './xlsx';

export * from './table';

/**
 * Reads a table from the bytes of a file: CSV/TSV, XLSX, ODS or JSON, decided by the content first (a ZIP signature
 * is a workbook, an OpenDocument spreadsheet when it says so, a leading "[" or "{" is JSON) and by the file name
 * second, so a renamed file still reads.
 */
export async function readTable(bytes: Uint8Array, fileName: string, options: ReadOptions = {}, hooks: ReadHooks = {}): Promise<Table> {
  return collectTable(await streamTable(bytes, fileName, options, hooks));
}

/**
 * The same as a stream: header and file-level checks first (a broken file is refused here), the rows in slices as
 * they are used. CSV and XLSX are read as they are asked for; a JSON array is parsed whole and handed out in slices.
 */
export async function streamTable(bytes: Uint8Array, fileName: string, options: ReadOptions = {}, hooks: ReadHooks = {}): Promise<TableStream> {
  if (bytes.length === 0) throw new TableError('emptyFile');
  const format = detectFormat(bytes, fileName);
  switch (format) {
    case 'xlsx':
      return withoutRepeatedHeaders(await streamXlsx(bytes, options, hooks));
    case 'ods':
      return withoutRepeatedHeaders(await streamOds(bytes, options, hooks));
    case 'json':
      return streamOf(readJson(bytes, options), { consume: true });
    case 'csv':
      return withoutRepeatedHeaders(await streamCsv(bytes, options, hooks));
  }
}

/**
 * Rows that repeat the column names (two exports pasted together, each with its header) are no people: skipped and
 * said. A row is such a row when its first named column holds that column's name and most named columns theirs.
 */
function withoutRepeatedHeaders(stream: TableStream): TableStream {
  const { table } = stream;
  // "E-Mail (2)" is the second column called "E-Mail" (see uniqueHeaders).
  const names = table.headers.map((h) => h.replace(/ \(\d+\)$/, '').trim());
  const named = names.filter((n) => n !== '').length;
  const first = names.findIndex((n) => n !== '');
  if (named < 2) return stream;
  const repeats = (row: TableRow) => {
    let same = 0;
    for (let i = 0; i < names.length; i++) if (names[i] !== '' && row.cells[i]?.trim() === names[i]) same++;
    return same >= Math.max(2, 0.8 * named);
  };
  async function* slices(): AsyncGenerator<TableRow[]> {
    for await (const slice of stream.slices) {
      if (!slice.some((row) => row.cells[first]?.trim() === names[first])) {
        yield slice;
        continue;
      }
      const kept = slice.filter((row) => {
        if (!repeats(row)) return true;
        table.problems.push({ code: 'repeatedHeader', line: row.line, column: null, severity: 'warning' });
        return false;
      });
      if (kept.length > 0) yield kept;
    }
  }
  return { table, slices: slices() };
}

/** PNG, JPEG, GIF, WebP ("RIFF"), TIFF (both byte orders), HEIC/HEIF is an ISO box and not caught here. */
const IMAGE_MAGIC = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x52, 0x49, 0x46, 0x46], [0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]]
  .map((b) => Buffer.from(b));

export function detectFormat(bytes: Uint8Array, fileName: string): TableFormat {
  const name = fileName.toLowerCase();
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return zipFormat(bytes, fileName);
  if (isCompoundFile(bytes)) {
    // Excel saves a workbook with a password as an encrypted package inside a compound file, not as a zip.
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) throw new TableError('xlsxEncrypted');
    if (name.endsWith('.xls') || name.endsWith('.xlsx')) throw new TableError('unknownFormat', { name: fileName });
  }
  // The invitation or a photo of the list chosen instead of it: said as what it is, whatever its name (a PDF named
  // .xlsx was called "keine Textdatei (CSV)", which the organiser who chose an Excel file did not understand).
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8));
  if (magic.toString('latin1').startsWith('%PDF-')) throw new TableError('pdfFile', { name: fileName });
  if (IMAGE_MAGIC.some((m) => magic.subarray(0, m.length).equals(m))) throw new TableError('imageFile', { name: fileName });
  const start = firstNonSpace(bytes);
  // Not a zip, whatever the name says (a CSV saved under .xlsx is read as what it is); some systems' "Excel export"
  // is a web page or Excel 2003's XML, which only Excel itself reads.
  if (start === 0x3c) markupFormat(bytes, fileName);
  if (start === 0x5b || start === 0x7b || name.endsWith('.json')) return 'json';
  return 'csv';
}

/**
 * A zip is a workbook or an OpenDocument spreadsheet by what it holds, whatever its name says (a file renamed by
 * hand): the type ODF names first, else the parts each format has, whose names stand uncompressed in the zip.
 * Other zips are refused saying what they are, not as damaged workbooks: an Apple Numbers file, a text or slides
 * document (the invitation instead of the list), a zip archive (with the list inside, named).
 */
function zipFormat(bytes: Uint8Array, fileName: string): 'xlsx' | 'ods' {
  const name = fileName.toLowerCase();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const odf = openDocumentType(buffer);
  if (odf === 'spreadsheet') return 'ods';
  if (odf !== null) throw new TableError('documentFile', { name: fileName });
  if (buffer.includes('[Content_Types].xml')) {
    if (!buffer.includes('xl/') && (buffer.includes('word/document') || buffer.includes('ppt/presentation'))) throw new TableError('documentFile', { name: fileName });
    return 'xlsx';
  }
  if (buffer.includes('Index/Document.iwa') || name.endsWith('.numbers')) throw new TableError('numbersFile', { name: fileName });
  if (buffer.includes('content.xml') || name.endsWith('.ods')) return 'ods';
  const inner = zipMemberNames(buffer).find((n) => /\.(csv|tsv|txt|xlsx|ods|json)$/i.test(n));
  if (inner !== undefined) throw new TableError('zipArchive', { name: fileName, inner, context: 'inner' });
  if (name.endsWith('.zip')) throw new TableError('zipArchive', { name: fileName });
  return 'xlsx';
}

/**
 * The type an OpenDocument file names in its first, uncompressed zip entry "mimetype" (ODF 1.2, part 3, 3.3): its
 * name starts at byte 30 of the file, its content right after ("spreadsheet", "text", "presentation", …).
 */
function openDocumentType(buffer: Buffer): string | null {
  const head = buffer.toString('latin1', 0, Math.min(buffer.length, 100));
  if (!head.startsWith('mimetype', 30)) return null;
  return /application\/vnd\.oasis\.opendocument\.([a-z-]+)/.exec(head)?.[1] ?? null;
}

/** Names of the files in a zip, from its central directory's headers (signature PK 1 2; flags at byte 8, the name at byte 46). */
function zipMemberNames(buffer: Buffer): string[] {
  const names: string[] = [];
  for (let at = buffer.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0 && at + 46 <= buffer.length && names.length < 100; at = buffer.indexOf('PK\x01\x02', at + 4, 'latin1')) {
    const length = buffer.readUInt16LE(at + 28);
    const utf8Flag = (buffer.readUInt16LE(at + 8) & 0x800) !== 0;
    names.push(decodeZipName(buffer.subarray(at + 46, Math.min(buffer.length, at + 46 + length)), utf8Flag).split('/').pop()!);
  }
  return names;
}

/** The signature of an OLE compound file: old .xls workbooks, and .xlsx workbooks saved with a password. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isCompoundFile = (bytes: Uint8Array) => COMPOUND_FILE.every((b, i) => bytes[i] === b);
/** The stream an encrypted Office document keeps its content in, named in the compound file's directory. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** A web page (an HTML table), an Excel 2003 XML workbook or a flat OpenDocument file: refused, saying what it is and what to do. */
function markupFormat(bytes: Uint8Array, fileName: string): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1').toLowerCase();
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) throw new TableError('xmlSpreadsheet', { name: fileName });
  // LibreOffice's "flat XML" spreadsheet (.fods): its <table:table> is no HTML table.
  if (/<office:document\b/.test(head) && head.includes('urn:oasis:names:tc:opendocument')) throw new TableError('flatOpenDocument', { name: fileName });
  if (/<(!doctype html|html|table|body|head|meta)[\s>/]/.test(head)) throw new TableError('htmlFile', { name: fileName });
}

/** First character that is not white space or a byte-order mark (UTF-8 and UTF-16 both). */
function firstNonSpace(bytes: Uint8Array): number | null {
  for (let i = 0; i < Math.min(bytes.length, 64); i++) {
    const b = bytes[i]!;
    if (b === 0 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf || b === 0xff || b === 0xfe) continue;
    return b;
  }
  return null;
}
