/**
 * Local corrections that can be taken back. A field corrected in the app keeps what its registration list said
 * (list_value, JSON: a string or null, for walks and sessions an array of list ids; SQL NULL when not known) and
 * when that was seen (list_seen_at), so the person page can show it and offer it back. Taking a correction back
 * leaves the row as a tombstone (reverted = 1, with the time of the revert as changed_at), so a station that
 * still has the correction does not bring it back: the newer changed_at wins, as before.
 *
 * A local correction now travels to the other stations by itself (the person is captured for them), also when only
 * its walks, its sessions or its mark changed, which touch no field of the person. Additive only.
 */
const changed = 'old.changed_at IS NOT new.changed_at OR old.reverted IS NOT new.reverted OR old.list_value IS NOT new.list_value';

const capture = (key: string) => `
  DELETE FROM sync_changes WHERE kind = 'registration' AND key = ${key};
  INSERT INTO sync_changes (kind, key, origin) SELECT 'registration', ${key}, origin FROM sync_state WHERE role = 'hub';
  INSERT INTO sync_outbox (kind, key) SELECT 'registration', ${key} FROM sync_state WHERE role = 'station' AND applying = 0
  ON CONFLICT (kind, key) DO UPDATE SET rev = rev + 1;`;

export const migration010 = `
ALTER TABLE registration_local_fields ADD COLUMN reverted INTEGER NOT NULL DEFAULT 0 CHECK (reverted IN (0, 1));
ALTER TABLE registration_local_fields ADD COLUMN list_value TEXT;
ALTER TABLE registration_local_fields ADD COLUMN list_seen_at TEXT;

CREATE TRIGGER sync_registration_local_fields_insert AFTER INSERT ON registration_local_fields
WHEN (SELECT role FROM sync_state) IS NOT NULL
BEGIN${capture('new.registration_id')}
END;

CREATE TRIGGER sync_registration_local_fields_update AFTER UPDATE ON registration_local_fields
WHEN (SELECT role FROM sync_state) IS NOT NULL AND (${changed})
BEGIN${capture('new.registration_id')}
END;
`;
