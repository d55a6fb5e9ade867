import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * The files inside a zip archive held in memory, opened by name in any order (an .xlsx keeps its shared strings
 * AFTER the sheets that use them, so reading it front to back would mean holding a whole sheet back). The
 * archive's central directory is read by yauzl; each file is inflated as a stream when it is asked for.
 */
export class ZipEntries {
  private constructor(private readonly zip: ZipFile, private readonly entries: Map<string, Entry>) {}

  static async open(bytes: Buffer): Promise<ZipEntries> {
    const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true });
    const entries = new Map<string, Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName.toLowerCase(), entry);
        zip.readEntry();
      });
      zip.once('end', () => resolve());
      zip.once('error', reject);
      zip.readEntry();
    });
    return new ZipEntries(zip, entries);
  }

  /** Names in a zip are compared without case: some writers spell `xl/Worksheets/Sheet1.xml`. */
  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** Size of the file once inflated, as the archive states it (checked while inflating). */
  size(name: string): number {
    return this.entry(name).uncompressedSize;
  }

  /** The inflated bytes of one file, as a stream of chunks. */
  stream(name: string): Promise<Readable> {
    const entry = this.entry(name);
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }

  private entry(name: string): Entry {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new Error(`${name} is missing`);
    return entry;
  }
}
