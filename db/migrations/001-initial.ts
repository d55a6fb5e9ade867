/**
 * The first schema. Once stations sync (issue 8) schema changes are additive only.
 * Times are ISO-8601 UTC strings with milliseconds; ids are UUIDv7 text unless they come from a source.
 */
export const migration001 = `
CREATE TABLE event (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  place         TEXT,
  starts_on     TEXT,
  ends_on       TEXT,
  timezone      TEXT NOT NULL DEFAULT 'Europe/Berlin',
  organiser     TEXT,
  description   TEXT,
  is_demo       INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);

CREATE TABLE stations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  is_local    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX stations_one_local ON stations (is_local) WHERE is_local = 1;

CREATE TABLE days (
  id     TEXT PRIMARY KEY,
  date   TEXT NOT NULL UNIQUE,
  label  TEXT NOT NULL
);

CREATE TABLE check_in_lists (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('entrance', 'session', 'walk')),
  format         TEXT,
  name           TEXT NOT NULL,
  day_id         TEXT REFERENCES days (id),
  starts_at      TEXT,
  ends_at        TEXT,
  location       TEXT,
  capacity       INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  host           TEXT,
  description    TEXT,
  admission      TEXT NOT NULL DEFAULT 'all' CHECK (admission IN ('all', 'assigned')),
  allow_reentry  INTEGER NOT NULL DEFAULT 0,
  position       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);

CREATE TABLE registrations (
  id                  TEXT PRIMARY KEY,
  source_id           TEXT UNIQUE,
  code                TEXT NOT NULL UNIQUE,
  first_name          TEXT NOT NULL DEFAULT '',
  last_name           TEXT NOT NULL DEFAULT '',
  email               TEXT,
  organisation        TEXT,
  town                TEXT,
  federal_state       TEXT,
  sector              TEXT,
  role                TEXT,
  notes               TEXT,
  status              TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'cancelled')),
  registered_on_site  INTEGER NOT NULL DEFAULT 0,
  days                TEXT NOT NULL DEFAULT '[]',
  extra               TEXT NOT NULL DEFAULT '{}',
  search_text         TEXT NOT NULL DEFAULT '',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX registrations_by_name ON registrations (last_name, first_name);

CREATE TABLE assignments (
  registration_id  TEXT NOT NULL REFERENCES registrations (id),
  list_id          TEXT NOT NULL REFERENCES check_in_lists (id),
  origin           TEXT NOT NULL DEFAULT 'registration' CHECK (origin IN ('registration', 'local')),
  created_at       TEXT NOT NULL,
  PRIMARY KEY (registration_id, list_id)
) WITHOUT ROWID;
CREATE INDEX assignments_by_list ON assignments (list_id);

-- Append-only: a check-in record is never updated or deleted; an undo is a record of its own.
CREATE TABLE check_ins (
  id               TEXT PRIMARY KEY,
  list_id          TEXT NOT NULL REFERENCES check_in_lists (id),
  registration_id  TEXT NOT NULL REFERENCES registrations (id),
  type             TEXT NOT NULL CHECK (type IN ('entry', 'exit', 'undo')),
  undoes_id        TEXT REFERENCES check_ins (id),
  method           TEXT NOT NULL CHECK (method IN ('camera', 'scanner', 'search', 'manual', 'import')),
  override         INTEGER NOT NULL DEFAULT 0,
  override_reason  TEXT,
  scanned_at       TEXT NOT NULL,
  uploaded_at      TEXT NOT NULL,
  station_id       TEXT NOT NULL REFERENCES stations (id),
  CHECK ((type = 'undo') = (undoes_id IS NOT NULL))
);
CREATE INDEX check_ins_by_list_registration ON check_ins (list_id, registration_id, scanned_at);
CREATE INDEX check_ins_by_registration ON check_ins (registration_id);

CREATE TRIGGER check_ins_append_only_update BEFORE UPDATE ON check_ins
BEGIN SELECT RAISE(ABORT, 'check_ins is append-only'); END;
CREATE TRIGGER check_ins_append_only_delete BEFORE DELETE ON check_ins
BEGIN SELECT RAISE(ABORT, 'check_ins is append-only'); END;

CREATE TABLE refused_scans (
  id               TEXT PRIMARY KEY,
  list_id          TEXT REFERENCES check_in_lists (id),
  registration_id  TEXT REFERENCES registrations (id),
  raw_code         TEXT NOT NULL,
  raw_truncated    INTEGER NOT NULL DEFAULT 0,
  reason           TEXT NOT NULL,
  method           TEXT NOT NULL,
  scanned_at       TEXT NOT NULL,
  station_id       TEXT NOT NULL REFERENCES stations (id)
);
CREATE INDEX refused_scans_by_list ON refused_scans (list_id, scanned_at);
`;
