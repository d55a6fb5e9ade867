/**
 * Set while the file still has to be rewritten after an erasure (VACUUM, WAL emptied) because another connection
 * kept its WAL busy (a command-line export reading it, say): the rewrite is tried again until it went through, at
 * the next open too. Additive only.
 */
export const migration015 = `
ALTER TABLE event ADD COLUMN rewrite_pending INTEGER NOT NULL DEFAULT 0;
`;
