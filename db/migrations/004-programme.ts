/**
 * Programme rules per check-in list and the history of moves between walks and sessions.
 * entry_exit: exits are recorded too (who is inside now); admit_from/admit_until: local times (HH:MM, event time
 * zone) on the list's day outside which the list refuses entries.
 */
export const migration004 = `
ALTER TABLE check_in_lists ADD COLUMN entry_exit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE check_in_lists ADD COLUMN admit_from TEXT;
ALTER TABLE check_in_lists ADD COLUMN admit_until TEXT;

CREATE TABLE assignment_moves (
  id               TEXT PRIMARY KEY,
  registration_id  TEXT NOT NULL REFERENCES registrations (id),
  from_list_id     TEXT REFERENCES check_in_lists (id),
  to_list_id       TEXT REFERENCES check_in_lists (id),
  moved_at         TEXT NOT NULL,
  station_id       TEXT NOT NULL REFERENCES stations (id)
);
CREATE INDEX assignment_moves_by_registration ON assignment_moves (registration_id, moved_at);
`;
