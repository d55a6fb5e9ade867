/**
 * What each applied sync changed, person by person, for its history ("Änderungen anzeigen"): the people it updated
 * (with each field's value before and after, JSON like the dry run's FieldChange[]), cancelled and registered again.
 * The people it added are not stored: they are the list's people created at the run's time (see runAddedPage).
 * The values are personal data: the rows hang on their person by a foreign key, so erasing the person (and the
 * whole-event purge, which finds its tables by their keys) deletes them. `position` keeps the dry run's order (the
 * list's). Runs applied before this version have none (their counts lack `changesKept`). Not sent to stations:
 * registration lists are loaded at the hub only. Additive only.
 */
export const migration016 = `
CREATE TABLE sync_run_changes (
  run_id           TEXT NOT NULL REFERENCES sync_runs (id),
  kind             TEXT NOT NULL CHECK (kind IN ('updated', 'cancelled', 'restored')),
  position         INTEGER NOT NULL,
  registration_id  TEXT NOT NULL REFERENCES registrations (id),
  line             INTEGER,
  fields           TEXT NOT NULL,
  PRIMARY KEY (run_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX sync_run_changes_by_registration ON sync_run_changes (registration_id);
`;
