/**
 * A 64-bit fingerprint (two 32-bit FNV-1a hashes) of a source row as it was read — its cells plus everything that
 * decides how they are read (the mapping, the event's days and lists). Stored with the person; equal on the next
 * sync means "this row says the same as last time". Not a security measure: a quick way to skip unchanged rows
 * of a long list without comparing every field. Hashes the cells in place, without building a string.
 */
export class RowHasher {
  private readonly seedA: number;
  private readonly seedB: number;

  constructor(context: string) {
    const [a, b] = mix(0x811c9dc5, 0x01000193 ^ 0x5bd1e995, context);
    this.seedA = a;
    this.seedB = b;
  }

  hash(cells: readonly string[]): string {
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
    return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
  }
}

function mix(a: number, b: number, text: string): [number, number] {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a, b];
}
