/**
 * What an organiser last exported from an event (report, format, delimiter, the columns ticked per table),
 * remembered on this computer so the next export after a later session starts the same way. Columns that no
 * longer exist are dropped; a table with none of its remembered columns left starts from the defaults.
 */
export type PickableReport = 'attendance' | 'sessions' | 'log';

export interface ExportChoices {
  report: string;
  format: string;
  delimiter: ';' | ',';
  picked: Record<PickableReport, Set<string>>;
}

const TABLES: PickableReport[] = ['attendance', 'sessions', 'log'];

/** The part of the browser's localStorage used here (written out so the module is testable on plain Node). */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const exportChoicesKey = (eventId: string) => `einlass.export.${eventId}`;

export function saveExportChoices(storage: Pick<KeyValueStore, 'setItem'>, eventId: string, c: ExportChoices): void {
  const picked = Object.fromEntries(TABLES.map((r) => [r, [...c.picked[r]]]));
  storage.setItem(exportChoicesKey(eventId), JSON.stringify({ report: c.report, format: c.format, delimiter: c.delimiter, picked }));
}

/** The remembered choices merged into `defaults`; anything unreadable or unknown falls back to them. */
export function loadExportChoices(
  storage: Pick<KeyValueStore, 'getItem'>, eventId: string, defaults: ExportChoices, available: Record<PickableReport, string[]>, reports: readonly string[],
): ExportChoices {
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(exportChoicesKey(eventId)) ?? 'null');
  } catch {
    return defaults;
  }
  if (!saved || typeof saved !== 'object') return defaults;
  const s = saved as Partial<Record<'report' | 'format' | 'delimiter', unknown>> & { picked?: Partial<Record<PickableReport, unknown>> };
  const picked = { ...defaults.picked };
  for (const r of TABLES) {
    const ids = Array.isArray(s.picked?.[r]) ? (s.picked[r] as unknown[]).filter((id): id is string => typeof id === 'string') : [];
    const known = ids.filter((id) => available[r].includes(id));
    if (known.length > 0) picked[r] = new Set(known);
  }
  return {
    report: typeof s.report === 'string' && reports.includes(s.report) ? s.report : defaults.report,
    format: typeof s.format === 'string' ? s.format : defaults.format,
    delimiter: s.delimiter === ',' || s.delimiter === ';' ? s.delimiter : defaults.delimiter,
    picked,
  };
}
