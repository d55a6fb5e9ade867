/**
 * Conflicts the organiser has looked at („Gesehen“ under „Stationen“ → Konflikte): a field changed at two stations,
 * a double admission, someone admitted offline after their cancellation, a possible double. Kept on this laptop
 * only (each laptop shows what it found), by the kind and the key each list knows them by; only ids, nothing
 * personal. Additive only (QA15 M2: the cards stayed for ever).
 */
export const migration019 = `
CREATE TABLE conflicts_seen (
  kind    TEXT NOT NULL CHECK (kind IN ('field', 'double', 'cancelled', 'duplicate')),
  key     TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
`;
