import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import type { IdGenerator } from '../ports';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const STALE_MS = 24 * 60 * 60 * 1000;
/** A file of another process (a command-line import running now) is younger than this. */
const LEFTOVER_MS = 10 * 60 * 1000;

export interface Upload {
  id: string;
  fileName: string;
  /** The address it was fetched from (a URL list), so a list loaded from a new address can be kept at it. */
  fetchedFrom?: string;
  path: string;
  size: number;
  nextIndex: number;
  complete: boolean;
}

/**
 * Files sent from the UI arrive in chunks (both transports carry JSON, and HTTP bodies are limited to 1 MB) and
 * are kept as temporary files in the data folder until the sync is applied or dropped. They hold personal data,
 * so they are deleted after use, and left-overs of a crashed run are deleted the next time.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly dir: string;

  constructor(dataDir: string, private readonly ids: IdGenerator) {
    this.dir = join(dataDir, '.uploads');
    mkdirSync(this.dir, { recursive: true });
    this.dropLeftovers(STALE_MS);
  }

  chunk(input: { uploadId?: string; index: number; data: Buffer; last: boolean; fileName: string }): Upload {
    let up = input.uploadId ? this.uploads.get(input.uploadId) : undefined;
    if (input.uploadId && !up) throw new AppError('not_found', { entity: 'upload' });
    if (!up) {
      if (input.index !== 0) throw new AppError('bad_request', { messageKey: 'sync.error.uploadOrder' });
      const id = this.ids.next();
      up = { id, fileName: input.fileName, path: join(this.dir, `${id}.upload`), size: 0, nextIndex: 0, complete: false };
      writeFileSync(up.path, '');
      this.uploads.set(id, up);
    }
    if (up.complete || input.index !== up.nextIndex) throw new AppError('bad_request', { messageKey: 'sync.error.uploadOrder' });
    if (up.size + input.data.length > MAX_UPLOAD_BYTES) {
      this.drop(up.id);
      throw new AppError('bad_request', { messageKey: 'sync.error.tooLarge', mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    }
    appendFileSync(up.path, input.data);
    up.size += input.data.length;
    up.nextIndex++;
    up.complete = input.last;
    return up;
  }

  /** Keeps bytes that did not come through chunks (a fetched URL, a file named on the command line). */
  put(fileName: string, bytes: Uint8Array, fetchedFrom?: string): Upload {
    const id = this.ids.next();
    const up: Upload = { id, fileName, fetchedFrom, path: join(this.dir, `${id}.upload`), size: bytes.length, nextIndex: 1, complete: true };
    writeFileSync(up.path, bytes);
    this.uploads.set(id, up);
    return up;
  }

  read(id: string): { upload: Upload; bytes: Buffer } {
    const up = this.uploads.get(id);
    if (!up) throw new AppError('not_found', { entity: 'upload' });
    if (!up.complete) throw new AppError('bad_request', { messageKey: 'sync.error.uploadIncomplete' });
    return { upload: up, bytes: readFileSync(up.path) };
  }

  get(id: string): Upload | undefined {
    return this.uploads.get(id);
  }

  drop(id: string): void {
    const up = this.uploads.get(id);
    if (!up) return;
    this.uploads.delete(id);
    rmSync(up.path, { force: true });
  }

  /** Every upload but those in `keep`, and the files earlier runs of the app left (see dropLeftovers). */
  dropAllBut(keep: ReadonlySet<string>): void {
    for (const id of [...this.uploads.keys()]) if (!keep.has(id)) this.drop(id);
    this.dropLeftovers();
  }

  /** Every upload, and the files earlier runs of the app left (see dropLeftovers). */
  dropAll(): void {
    this.dropAllBut(new Set());
  }

  /**
   * Files no upload of this run knows, not changed for `olderThanMs`: left by a run that crashed or was killed,
   * unreadable by anyone now. Dropped where personal data are deleted, and after a day at the next start; a file
   * changed in the last minutes may be another process's (a command-line import) and stays.
   */
  dropLeftovers(olderThanMs = LEFTOVER_MS): void {
    const known = new Set([...this.uploads.values()].map((u) => u.path));
    for (const f of readdirSync(this.dir)) {
      const p = join(this.dir, f);
      const stat = known.has(p) ? undefined : statSync(p, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > olderThanMs) rmSync(p, { force: true });
    }
  }
}
