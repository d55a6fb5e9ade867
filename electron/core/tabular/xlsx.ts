import { damaged, hasValue, streamSpreadsheet, VerticalMerges, type MergedSpan, type SheetRow } from './spreadsheet';
import type { ReadHooks, ReadOptions, TableStream } from './table';
import { columnOf, feedXml, readWorkbook, SheetRows, type Workbook } from './xlsx-parts';
import { ZipEntries } from './zip-entries';

/** The sheets in turn: each one's index, followed by its non-empty rows as they are read where `want` says so. */
async function* sheetsAndRows(zip: ZipEntries, book: Workbook, want: (index: number) => boolean, hooks: ReadHooks): AsyncGenerator<number | SheetRow> {
  for (let i = 0; i < book.sheets.length; i++) {
    yield i;
    // Each sheet is a part of its own: only the wanted ones are read.
    if (!want(i)) continue;
    const rows = new SheetRows(book);
    const merges = new VerticalMerges(await mergedSpans(zip, book.sheets[i]!.file));
    for await (const share of feedXml(zip, book.sheets[i]!.file, rows)) {
      yield* readRows(rows, merges);
      hooks.onProgress?.(share);
    }
    yield* readRows(rows, merges);
  }
}

/** The rows parsed so far that have anything in them, merged cells filled in. */
function* readRows(rows: SheetRows, merges: VerticalMerges): Generator<SheetRow> {
  const done = rows.done;
  rows.done = [];
  for (const r of done) {
    if (!hasValue(r.values)) continue;
    merges.fill(r);
    yield r;
  }
}

/** Sheets up to this size (inflated; about 30 000 rows) are looked through for merged cells first. */
const MERGE_SCAN_BYTES = 16 * 1024 * 1024;
const MERGE_CELL = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+)(\d+):[A-Za-z]+(\d+)"/g;

/**
 * The cells merged over several rows of a sheet. Excel lists them after the rows, so the sheet is inflated once
 * before its rows are read: done for lists of the size people keep by hand, where merged cells occur; a system's
 * export of 100 000 rows has none and is not read twice.
 */
async function mergedSpans(zip: ZipEntries, file: string): Promise<MergedSpan[]> {
  if (zip.size(file) > MERGE_SCAN_BYTES) return [];
  const spans = new Map<string, MergedSpan>();
  let tail = '';
  for await (const chunk of zip.chunks(file)) {
    const text = tail + chunk.toString('latin1');
    for (const m of text.matchAll(MERGE_CELL)) {
      const span = { col: columnOf(m[1]!), from: Number(m[2]), to: Number(m[3]) };
      spans.set(`${span.col}:${span.from}`, span);
    }
    // A tag cut at the chunk's end is found again with the next chunk.
    tail = text.slice(Math.max(text.lastIndexOf('<'), text.length - 200));
  }
  return [...spans.values()];
}

const corrupt = damaged('xlsxCorrupt');

/**
 * Excel workbooks (.xlsx), read as a stream: the zip is opened at its directory and the chosen sheet's XML is
 * inflated and parsed as its rows are asked for, so neither the workbook nor the sheet is ever held as a whole
 * (only the shared strings, which every sheet may use). The first visible sheet with a header and at least one row
 * below it is used unless a sheet is chosen (a cover sheet or notes give way to the next one, hidden sheets come
 * last). Formulas are never evaluated: the value Excel saved with the formula is used; without one, the formula text
 * is kept and reported.
 *
 * Read with yauzl (the zip) and our XML scanner rather than exceljs: exceljs makes objects for every row and cell
 * and peaked at over 300 MB for a 100 000-row list; this reader keeps only the shared strings and a slice of rows.
 */
export async function streamXlsx(bytes: Uint8Array, options: ReadOptions, hooks: ReadHooks = {}): Promise<TableStream> {
  let zip: ZipEntries;
  let book: Workbook;
  try {
    zip = await ZipEntries.open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    book = await readWorkbook(zip);
  } catch (err) {
    throw corrupt(err);
  }
  return streamSpreadsheet({
    format: 'xlsx', sheets: book.sheets, noSheet: 'xlsxNoSheet', corrupt,
    pass: (want) => sheetsAndRows(zip, book, want, hooks),
  }, options, hooks);
}
