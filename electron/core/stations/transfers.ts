import { AppError } from '../errors';
import type { IdGenerator } from '../ports';

const CHUNK = 512 * 1024;
const MAX_SIZE = 64 * 1024 * 1024;
const KEEP = 4;

/**
 * Hand-over files on their way to or from the browser, in memory and in chunks that fit the station server's
 * body limit as base64. Only the last few are kept; nothing is written to disk.
 */
export class TransferStore {
  private readonly downloads = new Map<string, Buffer>();
  private readonly uploads = new Map<string, { parts: Buffer[]; size: number }>();

  keep(data: Buffer, id: string): string {
    this.downloads.set(id, data);
    while (this.downloads.size > KEEP) this.downloads.delete(this.downloads.keys().next().value!);
    return id;
  }

  chunk(id: string, offset: number): { data: string; offset: number; nextOffset: number | null; size: number } {
    const data = this.downloads.get(id);
    if (!data) throw new AppError('not_found', { entity: 'export', id });
    const end = Math.min(data.length, offset + CHUNK);
    return { data: data.subarray(offset, end).toString('base64'), offset, nextOffset: end < data.length ? end : null, size: data.length };
  }

  append(id: string | undefined, index: number, part: Buffer, ids: IdGenerator): string {
    const key = id ?? ids.next();
    const upload = this.uploads.get(key) ?? { parts: [], size: 0 };
    if (index !== upload.parts.length) throw new AppError('bad_request', { reason: 'chunk_order' });
    upload.size += part.length;
    if (upload.size > MAX_SIZE) {
      this.uploads.delete(key);
      throw new AppError('bad_request', { reason: 'too_large', messageKey: 'stations.error.too_large' });
    }
    upload.parts.push(part);
    this.uploads.set(key, upload);
    while (this.uploads.size > KEEP) this.uploads.delete(this.uploads.keys().next().value!);
    return key;
  }

  take(id: string): Buffer {
    const upload = this.uploads.get(id);
    if (!upload) throw new AppError('not_found', { entity: 'upload', id });
    this.uploads.delete(id);
    return Buffer.concat(upload.parts);
  }
}
