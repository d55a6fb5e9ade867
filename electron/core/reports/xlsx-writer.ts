import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, Column, ColumnKind, ReportTable, Translate } from './columns';
import { sheetName } from './columns';
import { neutralise, neutraliseInWorkbook } from './neutralise';

/** Excel number formats; Excel shows them in the reader's locale conventions. */
const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
  datetimeSeconds: 'dd.mm.yyyy hh:mm:ss',
  percent: '0.0%',
  number: '0',
};
const FIXED_WIDTH: Partial<Record<ColumnKind, number>> = { date: 12, datetime: 17, datetimeSeconds: 20, percent: 10 };
/** Rows looked at to size the columns; the log's rows are alike, so a sample is a good guess. */
const SAMPLE_ROWS = 2000;
const YIELD_EVERY = 2000;

function cellValue(value: CellValue, t: Translate): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? t('reports.value.yes') : t('reports.value.no');
  if (typeof value === 'string') return neutraliseInWorkbook(value);
  return value;
}

function displayLength(value: CellValue, kind: ColumnKind, t: Translate): number {
  if (value === null) return 0;
  if (value instanceof Date) return FIXED_WIDTH[kind] ?? 12;
  const text = typeof value === 'boolean' ? (value ? t('reports.value.yes') : t('reports.value.no')) : String(value);
  return Math.max(...text.split('\n').map((l) => l.length));
}

function widths<Row>(columns: Column<Row>[], sample: Row[], t: Translate): number[] {
  return columns.map((c) => {
    let max = c.header.length + 3; // room for the filter button
    const fixed = FIXED_WIDTH[c.kind];
    if (fixed) max = Math.max(max, fixed);
    for (const row of sample) max = Math.max(max, displayLength(c.value(row), c.kind, t) + 1);
    return Math.min(Math.max(max, 6), 60);
  });
}

async function writeSheet<Row>(wb: ExcelJS.stream.xlsx.WorkbookWriter, table: ReportTable<Row>, name: string, t: Translate): Promise<number> {
  const { columns } = table;
  const iterator = table.rows[Symbol.iterator]();
  const sample: Row[] = [];
  for (let r = iterator.next(); !r.done; r = iterator.next()) {
    sample.push(r.value);
    if (sample.length >= SAMPLE_ROWS) break;
  }
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }] });
  ws.columns = widths(columns, sample, t).map((width, i) => ({ width, style: { numFmt: NUM_FMT[columns[i]!.kind] } }));
  const header = ws.addRow(columns.map((c) => neutralise(c.header)));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E6F5' } };
  header.commit();
  let count = 0;
  const dateless = columns.map((c, i) => (NUM_FMT[c.kind]?.startsWith('dd') ? -1 : i)).filter((i) => i >= 0);
  const write = async (row: Row) => {
    const values = columns.map((c) => cellValue(c.value(row), t));
    const xl = ws.addRow(values);
    // A Date in a column of another kind (the days in the statistics) still shows as a date.
    for (const i of dateless) if (values[i] instanceof Date) xl.getCell(i + 1).numFmt = NUM_FMT.date!;
    xl.commit();
    if (++count % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for (const row of sample) await write(row);
  for (let r = iterator.next(); !r.done; r = iterator.next()) await write(r.value);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: Math.max(1, columns.length) } };
  ws.commit();
  return count;
}

/**
 * Writes the tables as an XLSX workbook, one sheet each, to `out`: German headers, frozen header row, filters,
 * real dates, widths that fit. Streams rows, so big logs never sit in memory as a workbook.
 */
export async function writeXlsx(tables: ReportTable[], out: Writable, t: Translate, createdAt: Date): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Einlass';
  wb.created = createdAt;
  const taken = new Set<string>();
  let rows = 0;
  for (const table of tables) rows += await writeSheet(wb, table, sheetName(table.sheet, taken), t);
  await wb.commit();
  return rows;
}
