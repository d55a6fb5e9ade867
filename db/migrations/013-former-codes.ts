/**
 * Codes a person had before: a walk-in's code handed out at the desk, once a sync matches them to their row of the
 * registration list (which brings the list's code), or a code the list changed after the confirmation e-mail was
 * sent. The QR code on the badge or in the e-mail keeps admitting its person (scan falls back to these when no
 * person has the code now). Kept by a trigger, so every way a code changes (a sync, a station's merge, a correction
 * in the app) keeps the one before. Erased and purged with the person (its foreign key). Additive only.
 */
export const migration013 = `
CREATE TABLE former_codes (
  code            TEXT PRIMARY KEY,
  registration_id TEXT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
  replaced_at     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX former_codes_by_registration ON former_codes (registration_id);

CREATE TRIGGER registrations_keep_former_code AFTER UPDATE OF code ON registrations
WHEN old.code IS NOT new.code AND old.code IS NOT NULL AND old.code <> '' BEGIN
  INSERT OR REPLACE INTO former_codes (code, registration_id, replaced_at)
    VALUES (old.code, new.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
  DELETE FROM former_codes WHERE code = new.code;
END;
`;
