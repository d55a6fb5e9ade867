/**
 * Base64 for the file chunks both transports carry (file-transfer.ts), without the DOM (Node's tests use it too).
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
