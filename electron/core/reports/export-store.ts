import type { AppContext } from '../app-context';
import { AppError } from '../errors';

/**
 * Exports made for a download wait here, in memory only, until the browser has fetched them in chunks. They hold
 * personal data, so they expire after a few minutes, only a few are kept, and all are dropped whenever the open
 * event changes (closed, another opened, purged).
 */
export interface StoredExport {
  id: string;
  bytes: Buffer;
  fileName: string;
  mimeType: string;
  storedAt: number;
}

export const CHUNK_BYTES = 512 * 1024;
const TTL_MS = 15 * 60 * 1000;
const MAX_KEPT = 4;

const stores = new WeakMap<AppContext, Map<string, StoredExport>>();

function storeOf(ctx: AppContext): Map<string, StoredExport> {
  let store = stores.get(ctx);
  if (!store) {
    const created = new Map<string, StoredExport>();
    ctx.push.subscribe((m) => {
      if (m.type === 'event.changed') created.clear();
    });
    stores.set(ctx, (store = created));
  }
  const now = Date.now();
  for (const [id, e] of store) if (now - e.storedAt > TTL_MS) store.delete(id);
  return store;
}

/** Keeps a made file for download (reports.download) under a new id; what the renderer needs to fetch it. */
export function keepExport(ctx: AppContext, e: Omit<StoredExport, 'storedAt' | 'id'>): { exportId: string; fileName: string; mimeType: string; size: number } {
  const store = storeOf(ctx);
  const id = ctx.ids.next();
  store.set(id, { ...e, id, storedAt: Date.now() });
  while (store.size > MAX_KEPT) store.delete(store.keys().next().value!);
  return { exportId: id, fileName: e.fileName, mimeType: e.mimeType, size: e.bytes.length };
}

export function exportChunk(ctx: AppContext, id: string, offset: number): { data: string; offset: number; nextOffset: number | null; size: number } {
  const e = storeOf(ctx).get(id);
  if (!e) throw new AppError('not_found', { entity: 'export', id });
  if (offset > e.bytes.length) throw new AppError('bad_request', { reason: 'offset' });
  const end = Math.min(offset + CHUNK_BYTES, e.bytes.length);
  return { data: e.bytes.subarray(offset, end).toString('base64'), offset, nextOffset: end < e.bytes.length ? end : null, size: e.bytes.length };
}

export function dropExports(ctx: AppContext): void {
  storeOf(ctx).clear();
}
