import { excelRounded } from './incoming';
import type { SyncProblemCode } from './problems';
import type { SyncState } from './plan';

/** How an unchanged row claimed its person's keys (see claimUnchanged). */
const BY_ID = 1;
const BY_ID_WITH_CODE = 2;
const BY_CODE = 3;

type Key = { sourceId: string | null; code: string | null };
/** A problem of the row, in the column of the source's id, of the code, or of whichever of the two is mapped. */
type Fail = (code: SyncProblemCode, field: 'sourceId' | 'code' | 'idOrCode', params?: Record<string, string | number>) => void;

/**
 * Which person of the event file each row of a list is about, and which row claimed which id and code: two rows
 * must not write the same person, share a key, or give two people one QR code.
 *
 * Rows read in full claim their keys in maps (the source's id, or the code of a row without one → the row's line;
 * each code → the line of its row). An unchanged row claims its person's own id and code by a mark at the
 * person's position instead: two typed arrays rather than three map entries per row of a 100 000-row list.
 */
export class KeyClaims {
  private readonly idKeys = new Map<string, number>();
  private readonly codeKeys = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  /** Codes with small letters in them, by the code in capitals: the first such code and its line (caseTwinOf). */
  private readonly smallLetterCodes = new Map<string, { code: string; line: number }>();
  /** At a person's position: how an unchanged row claimed their id and code (BY_ID, BY_ID_WITH_CODE, BY_CODE; 0 for none). */
  private readonly unchanged: Uint8Array;
  /** At a person's position: the line of the row that matched them, once one did (`matched`). */
  private readonly line: Int32Array;
  /** 1 at a person's position once a row of the list matched them: cheaper than a set of ids. */
  private readonly matched: Uint8Array;
  /** Rows that claimed keys in `unchanged` (none in a first import: the lookups there are skipped). */
  private unchangedClaims = 0;

  constructor(private readonly state: Pick<SyncState, 'keys' | 'bySourceId' | 'byCode'>) {
    this.matched = new Uint8Array(state.keys.length);
    this.unchanged = new Uint8Array(state.keys.length);
    this.line = new Int32Array(state.keys.length);
  }

  /** The position of the person a row is about in the keys, -1 for none. */
  match(inc: Key): number {
    const { bySourceId, byCode, keys } = this.state;
    if (inc.sourceId !== null) {
      const byId = bySourceId.get(inc.sourceId);
      if (byId !== undefined) return byId;
      const sameCode = inc.code !== null ? byCode.get(inc.code) : undefined;
      return sameCode !== undefined && keys.sourceIds.isNull(sameCode) ? sameCode : -1;
    }
    return inc.code !== null ? (byCode.get(inc.code) ?? -1) : -1;
  }

  isMatched(index: number): boolean {
    return this.matched[index] === 1;
  }

  /** The line of the row that matched the person at `index`, if one did. */
  lineOf(index: number): number | undefined {
    return this.matched[index] === 1 ? this.line[index] : undefined;
  }

  /** The person at `index` is the one of the row at `line`. */
  see(index: number, line: number): void {
    this.matched[index] = 1;
    this.line[index] = line;
  }

  /** Whether a row with this id or code would be about someone: a person in the file, or an earlier row's. */
  knows(key: Key): boolean {
    if (this.match(key) >= 0) return true;
    const { sourceId, code } = key;
    return (sourceId !== null && this.claimedKey(true, sourceId) !== undefined)
      || (code !== null && (this.claimedKey(false, code) !== undefined || this.claimedCode(code) !== undefined));
  }

  /**
   * An unchanged row claims the id and code of its person (at `existing`, not matched yet), if they are the
   * person's own and no row read in full claimed them. False when the row must be read in full.
   */
  claimUnchanged(existing: number, key: Key, line: number): boolean {
    if (key.code !== null && !this.state.keys.codes.equals(existing, key.code)) return false;
    // Claimed by a row read in full? (One claimed by an unchanged row would be this person's: matched already.)
    const keys = key.sourceId !== null ? this.idKeys : this.codeKeys;
    if (keys.has(key.sourceId ?? key.code!) || (key.code !== null && this.codes.has(key.code))) return false;
    this.unchanged[existing] = key.sourceId === null ? BY_CODE : key.code === null ? BY_ID : BY_ID_WITH_CODE;
    this.unchangedClaims++;
    this.see(existing, line);
    return true;
  }

  /**
   * The keys of a row read in full (about the person at `existing`, -1 for nobody yet): claimed, or `fail` says
   * why not. `earlier`: the line of an earlier row that matched the same person.
   */
  claim(inc: Key & { line: number }, existing: number, earlier: number | undefined, fail: Fail): void {
    const byId = inc.sourceId !== null;
    const key = inc.sourceId ?? inc.code;
    const keys = byId ? this.idKeys : this.codeKeys;
    // The earlier row this one repeats (its key, or another key of the same person): that is said, not its code too.
    let repeated: number | undefined;
    if (key === null) fail('missingKey', 'idOrCode');
    // A number Excel shortened ("1,23457E+21") is said as such in its row (RowReader.read), not as a duplicate of the next.
    else if (!excelRounded(key)) {
      const first = this.claimedKey(byId, key);
      repeated = first ?? earlier;
      if (first !== undefined) fail('duplicateKey', byId ? 'sourceId' : 'code', { value: key.slice(0, 80), first });
      else {
        keys.set(key, inc.line);
        // Another key of this row's person was in an earlier row: both rows would write the same person.
        const byItsId = byId && this.state.bySourceId.get(inc.sourceId!) === existing;
        if (earlier !== undefined) fail('samePerson', byItsId ? 'sourceId' : 'code', { first: earlier });
      }
    }
    if (inc.code !== null && key !== null && !excelRounded(inc.code)) {
      // A code is a person's QR code: two rows (or a row and someone else in the file) must not share one.
      const claimed = this.claimedCode(inc.code);
      const owner = this.state.byCode.get(inc.code);
      if (claimed !== undefined && claimed !== repeated) {
        fail('duplicateCodeInList', 'code', { value: inc.code.slice(0, 80), first: claimed });
      } else if (owner !== undefined && owner !== existing) fail('duplicateCode', 'code', { value: inc.code.slice(0, 80) });
      else if (claimed === undefined) this.codes.set(inc.code, inc.line);
    }
  }

  /**
   * Another code that differs from this row's only in upper and lower case ("abc-123" beside "ABC-123"): the scan
   * tries the code as read, then in capitals, so a scanner with its shift the wrong way round admits the other
   * person. Said as a warning: that other code in an earlier row (`first`), or someone else's in the event (no line).
   * Codes with small letters are kept by their capitals for the rows after; codes in capitals alone cost nothing more.
   */
  caseTwinOf(code: string, line: number, existing: number): { other: string; first: number | null } | null {
    const upper = code.toUpperCase();
    if (upper === code) {
      const twin = this.smallLetterCodes.get(code);
      return twin ? { other: twin.code, first: twin.line } : null;
    }
    const earlier = this.smallLetterCodes.get(upper);
    if (!earlier) this.smallLetterCodes.set(upper, { code, line });
    else if (earlier.code !== code) return { other: earlier.code, first: earlier.line };
    const inFile = this.codes.get(upper);
    if (inFile !== undefined && inFile !== line) return { other: upper, first: inFile };
    const owner = this.state.byCode.get(upper);
    return owner !== undefined && owner !== existing ? { other: upper, first: null } : null;
  }

  /** A code for someone new: the row's (claimed in `claim`), or one made here that nobody has, claimed now. */
  codeFor(inc: { code: string | null; line: number }, make: (taken: (code: string) => boolean) => string): string {
    if (inc.code !== null) return inc.code;
    const code = make((c) => this.state.byCode.has(c) || this.codes.has(c));
    this.codes.set(code, inc.line);
    return code;
  }

  /** The line of the row that claimed this key (the source's id, or the code of a row without one), if any. */
  private claimedKey(byId: boolean, key: string): number | undefined {
    const line = (byId ? this.idKeys : this.codeKeys).get(key);
    if (line !== undefined || this.unchangedClaims === 0) return line;
    const i = (byId ? this.state.bySourceId : this.state.byCode).get(key);
    if (i === undefined) return undefined;
    const how = this.unchanged[i];
    return (byId ? how === BY_ID || how === BY_ID_WITH_CODE : how === BY_CODE) ? this.line[i] : undefined;
  }

  /** The line of the row that claimed this code, if any. */
  private claimedCode(code: string): number | undefined {
    const line = this.codes.get(code);
    if (line !== undefined || this.unchangedClaims === 0) return line;
    const i = this.state.byCode.get(code);
    if (i === undefined) return undefined;
    const how = this.unchanged[i];
    return how === BY_ID_WITH_CODE || how === BY_CODE ? this.line[i] : undefined;
  }
}
