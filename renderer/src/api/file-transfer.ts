import { fromBase64 } from './base64';

/**
 * Files cross both transports as base64 chunks of at most 512 KB (the station server's JSON body limit is 1 MB):
 * uploads to the station (registration lists, programmes, hand-over files) and downloads from it (exports,
 * rosters, hand-over files), which the browser puts together and saves. Nothing goes anywhere else.
 */
export const CHUNK_BYTES = 512 * 1024;

export { toBase64 } from './base64';

/** Fetches a file chunk by chunk (`fetchChunk(offset)` until nextOffset is null) and saves it as a download. */
export async function saveChunked(
  fileName: string,
  mimeType: string,
  fetchChunk: (offset: number) => Promise<{ data: string; nextOffset: number | null }>,
): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const chunk = await fetchChunk(offset);
    parts.push(fromBase64(chunk.data));
    offset = chunk.nextOffset;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the Blob once the click is handled; a minute is generous for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
