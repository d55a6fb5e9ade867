import type { TFunction } from 'i18next';
import type { ApiError } from '../../../../electron/contract/contract';
import { problemPlace } from '../../../../electron/contract/problem-place';
import { urlMessage } from '../../../../electron/contract/url-message';
import { ApiCallError } from '../../api/client';

/**
 * The text of a failed call: sync errors name their own message (sync.error.*, sync.table.error.*). Of a list
 * fetched from a URL, messages that speak of "the file" have their own wording where the catalogue has one
 * (i18next's context "url": "Die Adresse liefert nur die Kopfzeile …").
 */
export function errorText(t: TFunction, err: unknown, fromUrl = false): string {
  const e: ApiError = err instanceof ApiCallError ? err.error : { code: 'internal', message: 'errors.internal', details: {} };
  const key = typeof e.details.messageKey === 'string' ? e.details.messageKey : e.message;
  return fromUrl ? urlMessage(t, key, e.details) : t(key, e.details);
}

/** "Zeile 12, Spalte „E-Mail“" – where something in the list is, in the words of the file's format. */
export function where(t: TFunction, lineKind: 'line' | 'row' | 'entry', line: number | null, column: string | null): string {
  return problemPlace(t, lineKind, { line, column });
}

/** Label of a field change: person fields and assignment kinds from the catalogue, extra fields by column name. */
export function fieldLabel(t: TFunction, field: string): string {
  // An extra field by its column's name in quotes: a column "Vorname" kept as an extra field is not the first name.
  return field.startsWith('extra:') ? t('sync.change.column', { name: field.slice(6) }) : t(`sync.field.${field}`);
}
