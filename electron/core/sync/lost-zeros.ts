import { KEY_THIS_SOURCE } from '../../../db/queries/sync';
import { isBareNumber, withoutLeadingZeros } from '../text/leading-zeros';
import type { Incoming, ProblemSink } from './incoming';
import type { SyncState } from './plan';


type Field = 'sourceId' | 'code';
interface Example { line: number; field: Field; file: string; stored: string }

/**
 * A list opened in Excel and saved again has lost the leading zeros of its numbers: the id „0012“ is „12“ now, and
 * so is a numeric code. Such a row would be someone new (and „0012“ cancelled), or its code someone else's.
 *
 * - A row whose id (or, in a list without ids, code) is nobody's but is a person's of this list with its leading
 *   zeros taken off is that person, and keeps the id and code stored — the QR code in the e-mail still has the
 *   zeros. Said once (lostZeros) with an example; other columns (a postcode) may have lost theirs too.
 * - The other way round, a list first loaded from such a copy and now from the registration system's own export
 *   („12“ stored, „0012“ in the file): that person too, the id and code taken as the file has them (zerosBack).
 */
export class LostZeros {
  /** This list's people by their key without its zeros, for keys that have some (-1: two people's give the same). */
  private zeroed: Record<Field, Map<string, number> | null> = { sourceId: null, code: null };
  /** This list's people by their numeric key without zeros (-1: several). */
  private bare: Record<Field, Map<string, number> | null> = { sourceId: null, code: null };
  private readonly lost = { count: 0, example: null as Example | null };
  private readonly back = { count: 0, example: null as Example | null };

  constructor(private readonly state: Pick<SyncState, 'keys'>) {}

  /**
   * The row with its person's id and code where they lost their leading zeros, and the person's position (`existing`
   * when the row matched someone as it is, -1 for nobody).
   */
  restore(inc: Incoming, existing: number): { inc: Incoming; index: number } {
    const field: Field = inc.sourceId !== null ? 'sourceId' : 'code';
    const key = inc[field];
    if (existing < 0 && key !== null) {
      const bare = withoutLeadingZeros(key);
      if (isBareNumber(key)) {
        const found = this.lookup(this.zeroed, field, key, withoutLeadingZeros);
        if (found >= 0) return this.restored(inc, found);
      } else if (bare !== null) {
        const found = this.lookup(this.bare, field, bare, (k) => (isBareNumber(k) ? k : null));
        if (found >= 0) {
          this.note(this.back, { line: inc.line, field, file: key, stored: this.keyAt(field, found)! });
          return { inc, index: found };
        }
      }
    }
    return existing >= 0 ? this.restored(inc, existing) : { inc, index: existing };
  }

  /** The row of the person at `index` with their id and code where the row's are theirs without the zeros. */
  private restored(inc: Incoming, index: number): { inc: Incoming; index: number } {
    const withZeros = (field: Field): string | null => {
      const value = inc[field];
      if (value === null || !isBareNumber(value)) return value;
      const stored = this.keyAt(field, index);
      return stored !== null && withoutLeadingZeros(stored) === value ? stored : value;
    };
    const sourceId = withZeros('sourceId');
    const code = withZeros('code');
    if (sourceId === inc.sourceId && code === inc.code) return { inc, index };
    const field: Field = sourceId !== inc.sourceId ? 'sourceId' : 'code';
    this.note(this.lost, { line: inc.line, field, file: inc[field]!, stored: (field === 'sourceId' ? sourceId : code)! });
    return { inc: { ...inc, sourceId, code }, index };
  }

  private note(what: { count: number; example: Example | null }, example: Example): void {
    what.count++;
    what.example ??= example;
  }

  /** `header`: the column of the source's id or of the code. */
  report(header: (field: Field) => string | null, problems: ProblemSink): void {
    for (const [code, { count, example }] of [['lostZeros', this.lost], ['zerosBack', this.back]] as const) {
      if (!example) continue;
      const { line, field, file, stored } = example;
      problems.add({ code, severity: 'warning', line, column: header(field), params: { count, file, stored } });
    }
  }

  private keyAt(field: Field, index: number): string | null {
    return field === 'sourceId' ? this.state.keys.sourceIds.at(index) : this.state.keys.codes.at(index);
  }

  /**
   * The person of this list whose key, as `bareOf` gives it (null: not such a key), is `bare`; the map is built on
   * first use.
   */
  private lookup(maps: Record<Field, Map<string, number> | null>, field: Field, bare: string, bareOf: (key: string) => string | null): number {
    let map = maps[field];
    if (!map) {
      map = new Map();
      const { flags, length } = this.state.keys;
      for (let i = 0; i < length; i++) {
        if ((flags[i]! & KEY_THIS_SOURCE) === 0) continue;
        const key = this.keyAt(field, i);
        const k = key === null ? null : bareOf(key);
        if (k !== null) map.set(k, map.has(k) ? -1 : i);
      }
      maps[field] = map;
    }
    return map.get(bare) ?? -1;
  }
}
