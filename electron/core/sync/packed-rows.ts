import type { RegistrationRows, SyncedRegistration } from '../../../db/queries/sync';

/** The fields of a person to insert, in the order they are packed (and bound: see insertRegistrationsSql). */
const FIELDS = [
  'id', 'sourceId', 'syncSourceId', 'code', 'firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector',
  'role', 'notes', 'status', 'days', 'extra', 'searchText', 'syncHash',
] as const satisfies readonly (keyof SyncedRegistration)[];

/**
 * Separator and null mark. Neither can occur in a value: person fields are tidied (control characters removed, see
 * incoming.ts), days and extra fields are JSON (which escapes them), ids, codes made here, hashes and search text
 * are plain.
 */
const SEP = '\u0001';
const NULL = '\u0002';

/** Bytes per block of the arena the packed rows are written into. */
const BLOCK = 1 << 20;

/**
 * The people a plan inserts, each kept as ONE run of UTF-8 bytes in a few large blocks instead of an object of 18
 * strings: a plan for 100 000 new people takes about 30 MB instead of over 100 MB, and it does not hold on to the
 * text of the file it was read from (values cut out of a large string keep that string alive). Unpacked again row
 * by row when written or shown.
 */
export class PackedRegistrations implements RegistrationRows {
  private readonly blocks: Buffer[] = [];
  /** Per row: block index, start and end within it. */
  private readonly spans: number[] = [];
  private used = BLOCK;
  private readonly parts: string[] = [];

  get length(): number {
    return this.spans.length / 3;
  }

  push(r: SyncedRegistration): void {
    const parts = this.parts;
    parts.length = 0;
    for (const f of FIELDS) parts.push(r[f] ?? NULL);
    const text = parts.join(SEP);
    const size = Buffer.byteLength(text);
    if (this.used + size > BLOCK || this.blocks.length === 0) {
      this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, size)));
      this.used = 0;
    }
    const block = this.blocks.length - 1;
    this.blocks[block]!.write(text, this.used, 'utf8');
    this.spans.push(block, this.used, this.used + size);
    this.used += size;
  }

  private fields(i: number): string[] {
    const k = i * 3;
    if (i < 0 || k >= this.spans.length) throw new RangeError(`no planned insert ${i}`);
    return this.blocks[this.spans[k]!]!.toString('utf8', this.spans[k + 1]!, this.spans[k + 2]!).split(SEP);
  }

  /** The values of row `i` in the order of FIELDS, appended to `out` (how they are written into the event file). */
  valuesOf(i: number, out: unknown[]): void {
    for (const v of this.fields(i)) out.push(v === NULL ? null : v);
  }

  get(i: number): SyncedRegistration {
    const v = this.fields(i);
    const opt = (s: string) => (s === NULL ? null : s);
    return {
      id: v[0]!, sourceId: opt(v[1]!), syncSourceId: v[2]!, code: v[3]!, firstName: v[4]!, lastName: v[5]!, email: opt(v[6]!),
      organisation: opt(v[7]!), town: opt(v[8]!), federalState: opt(v[9]!), sector: opt(v[10]!), role: opt(v[11]!), notes: opt(v[12]!),
      status: v[13] as SyncedRegistration['status'], days: v[14]!, extra: v[15]!, searchText: v[16]!, syncHash: v[17]!,
    };
  }

  /** Replaces a planned row (a test that makes one insert fail half-way): the new row is packed at the end. */
  set(i: number, r: SyncedRegistration): void {
    if (i < 0 || i * 3 >= this.spans.length) throw new RangeError(`no planned insert ${i}`);
    this.push(r);
    const last = this.spans.splice(this.spans.length - 3, 3);
    this.spans.splice(i * 3, 3, ...last);
  }
}
