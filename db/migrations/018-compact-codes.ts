/**
 * A code typed without its dash or with spaces ("m6fyppzk", "M6FY PPZK" for M6FY-PPZK, read off a phone) is found
 * by its compact form: in capitals, without dashes, spaces, dots and underscores. Indexed, so the scan's fallback
 * and the searches look it up instead of folding every code (QA14 B1). The expression must stay exactly the one
 * in db/queries/compact-code.ts (tests/db/compact-codes.test.ts checks the plans). Additive only.
 */
export const migration018 = `
CREATE INDEX registrations_by_compact_code ON registrations (replace(replace(replace(replace(upper(code), '-', ''), ' ', ''), '.', ''), '_', ''));
CREATE INDEX former_codes_by_compact_code ON former_codes (replace(replace(replace(replace(upper(code), '-', ''), ' ', ''), '.', ''), '_', ''));
`;
