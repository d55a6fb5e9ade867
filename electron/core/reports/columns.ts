/** A report as a table: what the XLSX and CSV writers consume, whatever the report. */
export type CellValue = string | number | Date | boolean | null;

/**
 * text, number; date/datetime/datetimeSeconds: a Date whose UTC fields are the event's wall clock (see time.ts);
 * percent: a fraction 0..1; bool: yes/no.
 */
export type ColumnKind = 'text' | 'number' | 'date' | 'datetime' | 'datetimeSeconds' | 'percent' | 'bool';

export type ColumnGroup = 'person' | 'attendance' | 'programme' | 'extra' | 'record';

export interface Column<Row> {
  /** Stable id for picking columns (UI, command line): "lastName", "list:<id>", "extra:<field>". */
  id: string;
  header: string;
  kind: ColumnKind;
  group: ColumnGroup;
  /** Personal data: leaves the app only when the organiser picks it. */
  personal: boolean;
  /** Picked unless the organiser changes it. */
  defaultOn: boolean;
  /** An extra field's registration lists, where the people came from several. */
  from?: string;
  value: (row: Row) => CellValue;
}

export interface ReportTable<Row = unknown> {
  /** Sheet name (XLSX): at most 31 characters, none of : \ / ? * [ ]. */
  sheet: string;
  columns: Column<Row>[];
  rows: Iterable<Row>;
}

/** The UI's and command line's view of a column. */
export interface ColumnInfo {
  id: string;
  header: string;
  group: ColumnGroup;
  personal: boolean;
  defaultOn: boolean;
  from?: string;
}

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export function columnInfo<Row>(c: Column<Row>): ColumnInfo {
  return { id: c.id, header: c.header, group: c.group, personal: c.personal, defaultOn: c.defaultOn, ...(c.from ? { from: c.from } : {}) };
}

/**
 * The columns that leave the app: the picked ones in table order, or the defaults when nothing was picked.
 * Unknown ids are ignored (a column may vanish when the data changes), but an empty result is not allowed.
 */
export function pickColumns<Row>(columns: Column<Row>[], picked: readonly string[] | undefined): Column<Row>[] {
  if (!picked) return columns.filter((c) => c.defaultOn);
  const wanted = new Set(picked);
  return columns.filter((c) => wanted.has(c.id));
}

/** Sheet names: Excel allows 31 characters and forbids a few; duplicates get a number. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Tabelle';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
