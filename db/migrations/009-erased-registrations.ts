/**
 * The personal data of a registration list can be erased when the list is removed (another event's list, loaded
 * by mistake): its people who never had anything happen at the event are deleted, everywhere. What is kept of
 * each is its random id (no personal data), so the erasure travels to every station like a tombstone and a
 * station that still has the person, and sends it back, does not bring the data back. Additive only.
 *
 * Whether anything was recorded with a person looks up their refused scans, by an index of their own: without it,
 * counting whom removing a list of 100 000 people could erase scanned all refused scans once per person (with
 * 2 000 refused scans: 8 s; with 20 000: 73 s).
 */
export const migration009 = `
CREATE INDEX refused_scans_by_registration ON refused_scans (registration_id);

CREATE TABLE erased_registrations (
  id              TEXT PRIMARY KEY,
  erased_at       TEXT NOT NULL,
  -- The list they were erased with (where known): a person brought back by a station's check-in is its again.
  sync_source_id  TEXT
) WITHOUT ROWID;

CREATE TRIGGER sync_erased_registrations_insert AFTER INSERT ON erased_registrations WHEN (SELECT role FROM sync_state) IS NOT NULL
BEGIN
  DELETE FROM sync_changes WHERE kind = 'erasure' AND key = new.id;
  INSERT INTO sync_changes (kind, key, origin) SELECT 'erasure', new.id, origin FROM sync_state WHERE role = 'hub';
END;
`;
