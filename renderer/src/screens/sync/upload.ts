import { api } from '../../api/client';
import { CHUNK_BYTES as CHUNK, toBase64 } from '../../api/file-transfer';

/** Sends a chosen file to the station in chunks; returns the upload id the preview and the dry run read. */
export async function uploadFile(file: File, onProgress: (share: number) => void, signal: { cancelled: boolean }): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let uploadId: string | undefined;
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK));
  for (let index = 0; index < chunks; index++) {
    if (signal.cancelled) {
      // The half-sent file holds personal data: the station deletes it at once.
      if (uploadId) await api('sync.cancel', { uploadId });
      throw new Error('cancelled');
    }
    const part = bytes.subarray(index * CHUNK, (index + 1) * CHUNK);
    const r = await api('sync.uploadChunk', {
      uploadId, fileName: file.name.slice(0, 255) || 'anmeldungen.csv', index, dataBase64: toBase64(part), last: index === chunks - 1,
    });
    uploadId = r.uploadId;
    onProgress((index + 1) / chunks);
  }
  return uploadId!;
}

export function newJobId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `job-${Date.now()}-${Math.round(Math.random() * 1e9)}`;
}
