/**
 * A sync's history keeps the people it left as corrected in the app ("Lokal beibehalten": the list said something
 * else about a field changed here, and nothing was written), so a run that only did that has its "Änderungen
 * anzeigen" too. SQLite cannot widen a CHECK in place: the table (migration 016's, at the hub only, never sent to
 * stations) is made anew with its rows and index; runs with `keptLocalKept` in their counts have these rows.
 */
export const migration017 = `
CREATE TABLE sync_run_changes_017 (
  run_id           TEXT NOT NULL REFERENCES sync_runs (id),
  kind             TEXT NOT NULL CHECK (kind IN ('updated', 'cancelled', 'restored', 'keptLocal')),
  position         INTEGER NOT NULL,
  registration_id  TEXT NOT NULL REFERENCES registrations (id),
  line             INTEGER,
  fields           TEXT NOT NULL,
  PRIMARY KEY (run_id, kind, position)
) WITHOUT ROWID;
INSERT INTO sync_run_changes_017 (run_id, kind, position, registration_id, line, fields)
  SELECT run_id, kind, position, registration_id, line, fields FROM sync_run_changes;
DROP TABLE sync_run_changes;
ALTER TABLE sync_run_changes_017 RENAME TO sync_run_changes;
CREATE INDEX sync_run_changes_by_registration ON sync_run_changes (registration_id);
`;
