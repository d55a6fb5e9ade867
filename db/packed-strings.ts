/**
 * Many short strings (the source ids or the codes of 100 000 people) kept as ONE string and the offsets of its
 * parts, instead of a string each: SQLite hands them over as one `group_concat` value, and the JavaScript heap
 * gets two strings instead of 200 000. Loading them so takes less than half the time, and the collector has none
 * of them to copy and promote while the rows of the list are read beside them (which made V8 move every later
 * row straight to the old generation in about a third of the runs: 60 MB more, 0.1 s slower).
 */
export class PackedStrings {
  readonly length: number;

  private constructor(
    private readonly text: string,
    /** Start of part i; the part ends one before the start of part i + 1 (where its separator is). */
    private readonly starts: Int32Array,
    /** 1 where the part stands for null (an empty part in the text); none when no part is null. */
    private readonly nulls: Uint8Array | null,
  ) {
    this.length = starts.length - 1;
  }

  /**
   * The parts of `text` between `separator`s, `count` of them, or null when the text does not have that many
   * (a value contained the separator: the caller then reads the values one by one). `isNull(i)` marks the parts
   * that stand for null.
   */
  static split(text: string | null, separator: string, count: number, isNull?: (i: number) => boolean): PackedStrings | null {
    const starts = new Int32Array(count + 1);
    if (text === null) return count === 0 ? new PackedStrings('', starts, null) : null;
    const sep = separator.charCodeAt(0);
    let k = 1;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) !== sep) continue;
      if (k >= count) return null;
      starts[k++] = i + 1;
    }
    if (k !== count) return null;
    starts[count] = text.length + 1;
    return new PackedStrings(text, starts, nullsOf(count, isNull));
  }

  /** The same from separate values (when they cannot be joined by a separator). */
  static of(values: readonly (string | null)[]): PackedStrings {
    const starts = new Int32Array(values.length + 1);
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      starts[i] = at;
      at += (values[i]?.length ?? 0) + 1;
    }
    starts[values.length] = at;
    const text = values.map((v) => v ?? '').join('\u0000');
    return new PackedStrings(text, starts, nullsOf(values.length, (i) => values[i] === null));
  }

  isNull(i: number): boolean {
    return this.nulls !== null && this.nulls[i] === 1;
  }

  at(i: number): string | null {
    if (i < 0 || i >= this.length) throw new RangeError(`no part ${i}`);
    return this.isNull(i) ? null : this.text.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }

  /** Whether part i is `value`, without cutting it out. */
  equals(i: number, value: string): boolean {
    const start = this.starts[i]!;
    return !this.isNull(i) && this.starts[i + 1]! - 1 - start === value.length && this.text.startsWith(value, start);
  }

  /** A 32-bit hash of part i, equal to hashString of the same text. */
  hashOf(i: number): number {
    return hashRange(this.text, this.starts[i]!, this.starts[i + 1]! - 1);
  }
}

/** As a signed 32-bit integer, like Math.imul's results and the Int32Array the index keeps hashes in. */
const FNV_OFFSET = 0x811c9dc5 | 0;

/** FNV-1a over the UTF-16 units of text[start, end), without cutting them out. */
function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let j = start; j < end; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
  return h;
}

export function hashString(value: string): number {
  return hashRange(value, 0, value.length);
}

function nullsOf(count: number, isNull: ((i: number) => boolean) | undefined): Uint8Array | null {
  if (!isNull) return null;
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < count; i++) if (isNull(i)) (nulls ??= new Uint8Array(count))[i] = 1;
  return nulls;
}

/**
 * Positions of the parts of a PackedStrings by their value (null parts left out), as an open-addressing hash
 * table in typed arrays: no string and no map entry per part. Built when first asked (a re-sync by the source's
 * id whose rows are all unchanged never looks anyone up by code). Where a value occurs twice, the later part wins.
 */
export class PackedStringIndex {
  /** Per slot: position + 1 of the part there, 0 for an empty slot. */
  private slots: Int32Array | null = null;
  private hashes: Int32Array | null = null;
  private mask = 0;

  constructor(private readonly parts: PackedStrings) {}

  get(value: string): number | undefined {
    // A first import looks up every code in an event file without people.
    if (this.parts.length === 0) return undefined;
    if (!this.slots) this.build();
    const slots = this.slots!;
    const hashes = this.hashes!;
    const h = hashString(value);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const at = slots[s]!;
      if (at === 0) return undefined;
      if (hashes[s] === h && this.parts.equals(at - 1, value)) return at - 1;
    }
  }

  has(value: string): boolean {
    return this.get(value) !== undefined;
  }

  private build(): void {
    const n = this.parts.length;
    let size = 16;
    while (size < n * 2) size *= 2;
    const slots = new Int32Array(size);
    const hashes = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < n; i++) {
      if (this.parts.isNull(i)) continue;
      const h = this.parts.hashOf(i);
      let s = h & mask;
      // The same value again (never in the event file, where source ids and codes are unique): the later one wins.
      while (slots[s] !== 0 && !(hashes[s] === h && this.samePart(slots[s]! - 1, i))) s = (s + 1) & mask;
      slots[s] = i + 1;
      hashes[s] = h;
    }
    this.slots = slots;
    this.hashes = hashes;
    this.mask = mask;
  }

  private samePart(a: number, b: number): boolean {
    const value = this.parts.at(b);
    return value !== null && this.parts.equals(a, value);
  }
}
