import { Writable } from 'node:stream';

/** A stream that keeps what is written to it; `bytes` resolves once the writer has ended it. */
export function memorySink(): { stream: Writable; bytes: Promise<Buffer> } {
  const chunks: Buffer[] = [];
  let resolveBytes: (b: Buffer) => void = () => {};
  let rejectBytes: (e: unknown) => void = () => {};
  const bytes = new Promise<Buffer>((resolve, reject) => {
    resolveBytes = resolve;
    rejectBytes = reject;
  });
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      callback();
    },
    final(callback) {
      resolveBytes(Buffer.concat(chunks));
      callback();
    },
  });
  stream.on('error', rejectBytes);
  return { stream, bytes };
}
