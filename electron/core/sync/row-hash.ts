/**
 * A 52-bit fingerprint (from two 32-bit FNV-1a-style hashes) of a source row as it was read — its cells plus
 * everything that decides how they are read (the mapping, the event's days and lists). Stored with the person;
 * equal on the next sync means "this row says the same as last time". Not a security measure: a quick way to skip
 * unchanged rows of a long list without comparing every field. Hashes the cells in place, without building a string.
 *
 * The fingerprint is a number in [2^52, 2^53): exact as a double and as SQLite's 64-bit integer, compared without
 * making a string per row (formatting one took 40 % of hashing 100 000 rows), stored as its decimal digits and
 * read back as a number (registrationKeysForSync). A fingerprint stored by an earlier version (two base-36 parts,
 * "hidpon.3n0d6z") reads as a number below 10^7 and never equals one: the next sync compares those people field
 * by field once and stores their new fingerprints.
 */
export class RowHasher {
  private readonly seedA: number;
  private readonly seedB: number;

  constructor(context: string) {
    const [a, b] = mix(0x811c9dc5, 0x01000193 ^ 0x5bd1e995, context);
    this.seedA = a;
    this.seedB = b;
  }

  hash(cells: readonly string[]): number {
    let a = this.seedA;
    let b = this.seedB;
    // Inlined (no helper returning a pair): this runs for every cell of every row.
    for (const cell of cells) {
      for (let i = 0; i < cell.length; i++) {
        const c = cell.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 15;
      }
      a = Math.imul(a ^ 0x1f, 0x01000193);
      b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    }
    return TOP_BIT + (a >>> 0) * 2 ** 20 + ((b >>> 0) & 0xfffff);
  }
}

const TOP_BIT = 2 ** 52;

function mix(a: number, b: number, text: string): [number, number] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a, b];
}
