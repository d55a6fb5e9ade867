import { KEY_THIS_SOURCE } from '../../../db/queries/sync';
import type { Incoming, ProblemSink } from './incoming';
import type { SyncState } from './plan';

const DIGITS_WITHOUT_ZERO = /^[1-9]\d*$/;
const LEADING_ZEROS = /^0+(?=\d)/;

/**
 * A list opened in Excel and saved again has lost the leading zeros of its numbers: the id „0012“ is „12“ now, and
 * so is a numeric code. Such a row would be someone new (and „0012“ cancelled), or its code someone else's. A row
 * whose id (or, in a list without ids, code) is nobody's but is a person's of this list with its leading zeros
 * taken off is that person, and keeps the id and code stored — the QR code in the e-mail still has the zeros.
 * Said once (lostZeros) with an example; other columns of the file (a postcode) may have lost theirs too.
 */
export class LostZeros {
  private byId: Map<string, number> | null = null;
  private byCode: Map<string, number> | null = null;
  private count = 0;
  private example: { line: number; field: 'sourceId' | 'code'; file: string; stored: string } | null = null;

  constructor(private readonly state: Pick<SyncState, 'keys'>) {}

  /**
   * The row with its person's id and code where they lost their leading zeros, and the person's position (`existing`
   * when the row matched someone as it is, -1 for nobody).
   */
  restore(inc: Incoming, existing: number): { inc: Incoming; index: number } {
    let index = existing;
    let { sourceId, code } = inc;
    const key = sourceId ?? code;
    const zeroed = index < 0 && key !== null ? (sourceId !== null ? this.ids() : this.codes()) : null;
    if (zeroed !== null && zeroed.size > 0 && DIGITS_WITHOUT_ZERO.test(key!)) {
      const found = zeroed.get(key!) ?? -1;
      if (found >= 0) {
        index = found;
        if (sourceId !== null) sourceId = this.state.keys.sourceIds.at(found);
      }
    }
    if (index >= 0 && code !== null && DIGITS_WITHOUT_ZERO.test(code)) {
      const stored = this.state.keys.codes.at(index)!;
      if (stored !== code && stored.replace(LEADING_ZEROS, '') === code && /^\d+$/.test(stored)) code = stored;
    }
    if (sourceId === inc.sourceId && code === inc.code) return { inc, index: existing };
    this.count++;
    this.example ??= sourceId !== inc.sourceId ? { line: inc.line, field: 'sourceId', file: inc.sourceId!, stored: sourceId! }
      : { line: inc.line, field: 'code', file: inc.code!, stored: code! };
    return { inc: { ...inc, sourceId, code }, index };
  }

  /** `header`: the column of the source's id or of the code. */
  report(header: (field: 'sourceId' | 'code') => string | null, problems: ProblemSink): void {
    if (!this.example) return;
    const { line, field, file, stored } = this.example;
    problems.add({ code: 'lostZeros', severity: 'warning', line, column: header(field), params: { count: this.count, file, stored } });
  }

  private ids(): Map<string, number> {
    return (this.byId ??= this.index((i) => this.state.keys.sourceIds.at(i)));
  }

  private codes(): Map<string, number> {
    return (this.byCode ??= this.index((i) => this.state.keys.codes.at(i)));
  }

  /** This list's people whose key has leading zeros, by the key without them (-1: two people's keys give the same). */
  private index(keyAt: (i: number) => string | null): Map<string, number> {
    const out = new Map<string, number>();
    const { flags, length } = this.state.keys;
    for (let i = 0; i < length; i++) {
      if ((flags[i]! & KEY_THIS_SOURCE) === 0) continue;
      const key = keyAt(i);
      if (key === null || !/^0\d/.test(key) || !/^\d+$/.test(key)) continue;
      const bare = key.replace(LEADING_ZEROS, '');
      out.set(bare, out.has(bare) ? -1 : i);
    }
    return out;
  }
}
