import type { TFunction } from 'i18next';
import type { MethodInput, MethodOutput } from '../../../../electron/contract/contract';
import { api, ApiCallError } from '../../api/client';

function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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
export async function downloadStored(made: { exportId: string; fileName: string; mimeType: string }): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const chunk: MethodOutput<'reports.download'> = await api('reports.download', { exportId: made.exportId, offset });
    parts.push(base64ToBytes(chunk.data));
    offset = chunk.nextOffset;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: made.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = made.fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the Blob once the click is handled; a minute is generous for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
