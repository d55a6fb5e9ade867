/**
 * Files cross both transports as base64 chunks of at most 512 KB (the station server's JSON body limit is 1 MB):
 * uploads to the station (registration lists, programmes, hand-over files) and downloads from it (exports,
 * rosters, hand-over files), which the browser puts together and saves. Nothing goes anywhere else.
 */
export const CHUNK_BYTES = 512 * 1024;

/**
 * Chromium 140 and later (Electron 38 and later) convert base64 natively: a 17 MB registration list in about 7 ms
 * instead of about 400 ms through a binary string and btoa. The string way stays for browsers without it.
 */
const native = Uint8Array as unknown as {
  prototype: { toBase64?: (this: Uint8Array) => string };
  fromBase64?: (data: string) => Uint8Array<ArrayBuffer>;
};

export function toBase64(bytes: Uint8Array): string {
  if (typeof native.prototype.toBase64 === 'function') return native.prototype.toBase64.call(bytes);
  return toBase64ByString(bytes);
}

export function toBase64ByString(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  if (typeof native.fromBase64 === 'function') return native.fromBase64(data);
  return fromBase64ByString(data);
}

export function fromBase64ByString(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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
