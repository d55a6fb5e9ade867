/**
 * Front desk: word-prefix search over the folded search_text (both German spellings are stored there, see
 * electron/core/text/fold.ts), kept in step by triggers; per-event code pattern; the front-desk PIN.
 */
export const migration002 = `
CREATE VIRTUAL TABLE registrations_fts USING fts5(
  search_text,
  content = 'registrations',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
INSERT INTO registrations_fts (rowid, search_text) SELECT rowid, search_text FROM registrations;

CREATE TRIGGER registrations_fts_insert AFTER INSERT ON registrations BEGIN
  INSERT INTO registrations_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER registrations_fts_delete AFTER DELETE ON registrations BEGIN
  INSERT INTO registrations_fts (registrations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER registrations_fts_update AFTER UPDATE OF search_text ON registrations BEGIN
  INSERT INTO registrations_fts (registrations_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO registrations_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE INDEX check_ins_by_undoes ON check_ins (undoes_id) WHERE undoes_id IS NOT NULL;

ALTER TABLE event ADD COLUMN code_pattern TEXT;
ALTER TABLE event ADD COLUMN front_desk_pin TEXT;
`;
