/**
 * A registration list can be removed (loaded by mistake, or no longer valid): its people are cancelled, never
 * deleted, and the list is no longer offered, suggested or re-fetched. Its runs stay in the history.
 */
export const migration008 = `
ALTER TABLE sync_sources ADD COLUMN removed_at TEXT;
`;
