/**
 * Registration sync: where lists come from (file or URL, with the column mapping kept for the next sync), each
 * sync run, which source brought each person, and which fields were corrected locally (those win over later
 * syncs). Additive only.
 */
export const migration003 = `
CREATE TABLE sync_sources (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('file', 'url')),
  label             TEXT NOT NULL,
  location          TEXT NOT NULL,
  options           TEXT NOT NULL DEFAULT '{}',
  mapping           TEXT NOT NULL DEFAULT '{}',
  interval_minutes  INTEGER CHECK (interval_minutes IS NULL OR interval_minutes > 0),
  last_run_id       TEXT,
  created_at        TEXT NOT NULL
);

CREATE TABLE sync_runs (
  id           TEXT PRIMARY KEY,
  source_id    TEXT NOT NULL REFERENCES sync_sources (id),
  started_at   TEXT NOT NULL,
  finished_at  TEXT NOT NULL,
  applied      INTEGER NOT NULL DEFAULT 0,
  counts       TEXT NOT NULL DEFAULT '{}',
  problems     TEXT NOT NULL DEFAULT '[]',
  station_id   TEXT REFERENCES stations (id)
);
CREATE INDEX sync_runs_by_source ON sync_runs (source_id, started_at);

CREATE TABLE registration_local_fields (
  registration_id  TEXT NOT NULL REFERENCES registrations (id),
  field            TEXT NOT NULL,
  changed_at       TEXT NOT NULL,
  station_id       TEXT REFERENCES stations (id),
  PRIMARY KEY (registration_id, field)
) WITHOUT ROWID;

ALTER TABLE registrations ADD COLUMN sync_source_id TEXT REFERENCES sync_sources (id);
-- What the source said about the person at the last sync (a hash of the mapped row): an unchanged row of a
-- 100 000-row list is recognised without reading and comparing every field.
ALTER TABLE registrations ADD COLUMN sync_hash TEXT;
CREATE INDEX registrations_by_sync_source ON registrations (sync_source_id) WHERE sync_source_id IS NOT NULL;
`;
