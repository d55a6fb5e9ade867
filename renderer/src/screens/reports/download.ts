import type { TFunction } from 'i18next';
import type { MethodInput, MethodOutput } from '../../../../electron/contract/contract';
import { api, ApiCallError } from '../../api/client';
import { saveChunked } from '../../api/file-transfer';

/**
 * Makes an export on the station and hands it to the browser as a download: the bytes come in chunks of at most
 * 512 KB (a request/response each), are put together as a Blob here and saved under the export's file name.
 * Nothing goes anywhere else.
 */
export async function exportAndDownload(input: MethodInput<'reports.export'>): Promise<MethodOutput<'reports.export'>> {
  const made = await api('reports.export', input);
  await downloadStored(made);
  return made;
}

/** Fetches a file the station keeps for download (an export, a printable roster) and saves it in the browser. */
export function downloadStored(made: { exportId: string; fileName: string; mimeType: string }): Promise<void> {
  return saveChunked(made.fileName, made.mimeType, (offset) => api('reports.download', { exportId: made.exportId, offset }));
}

/** The message to show for a failed call: a report-specific text when the error names a reason we know. */
export function reportErrorText(err: unknown, t: TFunction): string {
  if (err instanceof ApiCallError) {
    const reason = typeof err.error.details.reason === 'string' ? err.error.details.reason : null;
    if (reason && t(`reports.error.${reason}`, { defaultValue: '' })) return t(`reports.error.${reason}`, err.error.details);
    return t(err.error.message, err.error.details);
  }
  return t('errors.internal');
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}
