import type { Db } from '../../../db/open';
import {
  findFormerCode, findFormerCodesByCompactCode, findRegistrationIdByCode, findRegistrationIdsByCompactCode,
} from '../../../db/queries/registrations';
import { withoutLeadingZeros } from '../text/leading-zeros';

/** Whose a scanned or typed code is; `former` when it is a code the person had before (see migration 013). */
export interface CodeOwner {
  id: string;
  former: { replacedAt: string } | null;
}

/**
 * The person a code belongs to. The code as scanned comes first (the common case, one indexed lookup), then the
 * forms a person typing or a spreadsheet makes of it: in capitals, and without the leading zeros that Excel drops
 * ("0070" is "70" there; the e-mail's QR code has them). A code nobody has now may be one somebody had before (a
 * walk-in's desk code, a code the list changed since).
 * Last, a code typed without its dash or with spaces ("m6fyppzk" for M6FY-PPZK, read off a phone; QA14 B1): the
 * codes compared without separators and case. Codes of other systems are opaque and two may then look alike
 * ("ab-12" and "AB12"); only when exactly one person fits is it theirs, otherwise the code stays unknown.
 */
export function findCodeOwner(db: Db, code: string): CodeOwner | null {
  const bare = withoutLeadingZeros(code);
  const tried = [code, code.toUpperCase(), ...(bare !== null ? [bare] : [])];
  const current = firstOf(tried, (c) => findRegistrationIdByCode(db, c));
  if (current !== null) return { id: current, former: null };
  const former = firstOf(tried, (c) => findFormerCode(db, c));
  if (former !== null) return { id: former.id, former: { replacedAt: former.replacedAt } };
  const compact = findRegistrationIdsByCompactCode(db, code);
  if (compact.length > 0) return compact.length === 1 ? { id: compact[0]!, former: null } : null;
  const compactFormer = findFormerCodesByCompactCode(db, code);
  return compactFormer.length === 1 ? { id: compactFormer[0]!.id, former: { replacedAt: compactFormer[0]!.replacedAt } } : null;
}

function firstOf<T>(codes: readonly string[], find: (code: string) => T | null): T | null {
  for (const code of codes) {
    const found = find(code);
    if (found !== null) return found;
  }
  return null;
}
