/**
 * Reports after the event: the organisation named on certificates (name and a small logo), a record of the exports
 * made from this file (what, when, how many rows — never file names or content, which may name people), the
 * anonymous statistics kept when personal data is purged, and when that purge happened.
 */
export const migration005 = `
ALTER TABLE event ADD COLUMN report_organisation TEXT;
ALTER TABLE event ADD COLUMN report_logo BLOB;
ALTER TABLE event ADD COLUMN report_logo_type TEXT CHECK (report_logo_type IS NULL OR report_logo_type IN ('image/png', 'image/jpeg'));
ALTER TABLE event ADD COLUMN personal_data_purged_at TEXT;

CREATE TABLE exports (
  id          TEXT PRIMARY KEY,
  report      TEXT NOT NULL,
  format      TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  station_id  TEXT REFERENCES stations (id)
);

-- Aggregates only (counts by day, sector, federal state, organisation type, programme item, quarter hour).
CREATE TABLE anonymous_statistics (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  data        TEXT NOT NULL
);
`;
