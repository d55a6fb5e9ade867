import type { Writable } from 'node:stream';
import type { CellValue, ColumnKind, ReportTable, Translate } from './columns';
import { neutralise } from './neutralise';

export type CsvDelimiter = ';' | ',';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * With ";" (what German Excel expects) numbers get a decimal comma and dates read 18.10.2023 09:30; with ","
 * (for tools outside Germany) a decimal point and dates as 2023-10-18 09:30, which every program understands.
 */
function formatDate(d: Date, kind: ColumnKind, german: boolean): string {
  const date = german
    ? `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
    : `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (kind === 'datetime') return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (kind === 'datetimeSeconds') return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return date;
}

function formatNumber(n: number, kind: ColumnKind, german: boolean): string {
  const text = kind === 'percent' ? `${String(Math.round(n * 1000) / 10)}%` : String(n);
  return german ? text.replace('.', ',') : text;
}

export function csvCell(value: CellValue, kind: ColumnKind, delimiter: CsvDelimiter, t: Translate): string {
  if (value === null || value === undefined) return '';
  const german = delimiter === ';';
  let text: string;
  if (value instanceof Date) text = formatDate(value, kind === 'text' ? 'date' : kind, german);
  else if (typeof value === 'number') text = formatNumber(value, kind, german);
  else if (typeof value === 'boolean') text = value ? t('reports.value.yes') : t('reports.value.no');
  else text = neutralise(value);
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(chunk, 'utf8', (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else out.once('drain', resolve);
  });
}

const FLUSH_AT = 64 * 1024;

/**
 * Writes one table as CSV that German Excel opens correctly: UTF-8 with BOM, ";" (or ","), CRLF line ends,
 * quotes where needed, formula-like text neutralised. Rows are streamed in chunks.
 */
export async function writeCsv(table: ReportTable, out: Writable, delimiter: CsvDelimiter, t: Translate): Promise<number> {
  const { columns } = table;
  let buffer = `\ufeff${columns.map((c) => csvCell(c.header, 'text', delimiter, t)).join(delimiter)}\r\n`;
  let count = 0;
  for (const row of table.rows) {
    buffer += `${columns.map((c) => csvCell(c.value(row), c.kind, delimiter, t)).join(delimiter)}\r\n`;
    count++;
    if (buffer.length >= FLUSH_AT) {
      await write(out, buffer);
      buffer = '';
    }
  }
  await write(out, buffer);
  return count;
}
