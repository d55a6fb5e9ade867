/**
 * Several stations, one event: change capture, the hub's change sequence, per-field versions (hybrid logical
 * clocks), pairing and access at the hub, the link to the hub at a station, and what merging found (field
 * conflicts, records that could not be placed). Additive only.
 *
 * Capture is done by triggers, so every writer (scan, walk-in, corrections, the registration sync, the command
 * line) is captured without knowing about stations. The triggers do nothing until the file takes part in
 * network work (sync_state.role is set: 'hub' or 'station').
 * - At the hub, every change of a replicated row moves the row's entry in sync_changes to a new, higher seq: a
 *   station pulls "everything after seq N" and gets the current state of each row (idempotent by id).
 * - At a station, every change made here (not one being merged in: sync_state.applying) enters sync_outbox; an
 *   entry leaves it only when the hub has answered that it committed the record (and the entry's rev is still the
 *   one sent).
 * - Mutable rows get a version per field (registrations) or per row (everything else): an HLC value
 *   (physical ms * 1000 + counter, from SQLite's clock plus the station's correction) and the station that
 *   wrote it; base_hlc is the version the write replaced, so the hub can tell a concurrent edit (conflict) from a
 *   sequential one.
 *
 * The SQL below is generated once from the tables listed here; never edit it after it has shipped.
 */

/** Every capture trigger's guard: the file takes part in network work. A bulk load looks for it (withBulkLoad). */
export const CAPTURE_GUARD = '(SELECT role FROM sync_state) IS NOT NULL';
const ROLE = CAPTURE_GUARD;

const bump = (kind: string, key: string) => `
  DELETE FROM sync_changes WHERE kind = '${kind}' AND key = ${key};
  INSERT INTO sync_changes (kind, key, origin) SELECT '${kind}', ${key}, origin FROM sync_state WHERE role = 'hub';`;

const outbox = (kind: string, key: string) => `
  INSERT INTO sync_outbox (kind, key) SELECT '${kind}', ${key} FROM sync_state WHERE role = 'station' AND applying = 0
  ON CONFLICT (kind, key) DO UPDATE SET rev = rev + 1;`;

const tick = `
  UPDATE sync_state SET hlc = max(hlc + 1, (CAST(unixepoch('subsec') * 1000 AS INTEGER) + clock_correction_ms) * 1000)
  WHERE applying = 0;`;

/** `fields` is a SELECT of the field names that changed (one column named f), or a literal. */
const version = (kind: string, key: string, fields: string) => `
  INSERT INTO sync_versions (kind, key, field, hlc, station_id, base_hlc, pending)
  SELECT '${kind}', ${key}, c.f, s.hlc, l.id, 0, s.role = 'station'
  FROM (${fields}) c, sync_state s, stations l WHERE s.applying = 0 AND l.is_local = 1
  ON CONFLICT (kind, key, field) DO UPDATE SET
    base_hlc = CASE WHEN sync_versions.pending = 1 THEN sync_versions.base_hlc ELSE sync_versions.hlc END,
    hlc = excluded.hlc, station_id = excluded.station_id, pending = excluded.pending;`;

const wholeRow = `SELECT '*' AS f`;

function trigger(name: string, when: string, on: string, condition: string, body: string): string {
  return `CREATE TRIGGER ${name} AFTER ${when} ON ${on} WHEN ${ROLE}${condition ? ` AND (${condition})` : ''}
BEGIN${body}
END;`;
}

/** Append-only records: captured once, when they are made. */
function immutable(table: string, kind: string): string {
  return trigger(`sync_${table}_insert`, 'INSERT', table, '', bump(kind, 'new.id') + outbox(kind, 'new.id'));
}

/** Rows that change as a whole (last writer wins per row); deletions travel as tombstones. */
function mutable(table: string, kind: string, key: (row: 'new' | 'old') => string, events: ('INSERT' | 'UPDATE' | 'DELETE')[]): string {
  return events
    .map((e) => {
      const row = e === 'DELETE' ? 'old' : 'new';
      const k = key(row);
      return trigger(`sync_${table}_${e.toLowerCase()}`, e, table, '', bump(kind, k) + outbox(kind, k) + tick + version(kind, k, wholeRow));
    })
    .join('\n');
}

/** Registration columns that travel, by the field name used on the wire and in sync_versions. */
export const REGISTRATION_FIELDS: [string, string][] = [
  ['code', 'code'], ['sourceId', 'source_id'], ['firstName', 'first_name'], ['lastName', 'last_name'], ['email', 'email'],
  ['organisation', 'organisation'], ['town', 'town'], ['federalState', 'federal_state'], ['sector', 'sector'],
  ['role', 'role'], ['notes', 'notes'], ['status', 'status'], ['days', 'days'], ['extra', 'extra'],
];

const changedRegistrationFields = REGISTRATION_FIELDS.map(
  ([field, column], i) => `${i === 0 ? '' : ' UNION ALL '}SELECT '${field}' AS f WHERE old.${column} IS NOT new.${column}`,
).join('');
const anyRegistrationFieldChanged = REGISTRATION_FIELDS.map(([, c]) => `old.${c} IS NOT new.${c}`).join(' OR ');

const EVENT_COLUMNS = ['name', 'place', 'starts_on', 'ends_on', 'timezone', 'organiser', 'description', 'code_pattern', 'front_desk_pin'];

const triggers = [
  immutable('check_ins', 'check_in'),
  immutable('refused_scans', 'refused_scan'),
  immutable('assignment_moves', 'move'),
  trigger('sync_registrations_insert', 'INSERT', 'registrations', '', bump('registration', 'new.id') + outbox('registration', 'new.id')),
  trigger(
    'sync_registrations_update', 'UPDATE', 'registrations', anyRegistrationFieldChanged,
    bump('registration', 'new.id') + outbox('registration', 'new.id') + tick + version('registration', 'new.id', changedRegistrationFields),
  ),
  mutable('stations', 'station', (r) => `${r}.id`, ['INSERT']),
  trigger(
    'sync_stations_rename', 'UPDATE OF name', 'stations', 'old.name IS NOT new.name',
    bump('station', 'new.id') + outbox('station', 'new.id') + tick + version('station', 'new.id', wholeRow),
  ),
  mutable('days', 'day', (r) => `${r}.id`, ['INSERT', 'UPDATE', 'DELETE']),
  mutable('check_in_lists', 'list', (r) => `${r}.id`, ['INSERT', 'UPDATE', 'DELETE']),
  mutable('assignments', 'assignment', (r) => `${r}.registration_id || '|' || ${r}.list_id`, ['INSERT', 'DELETE']),
  trigger(
    'sync_event_update', `UPDATE OF ${EVENT_COLUMNS.join(', ')}`, 'event', EVENT_COLUMNS.map((c) => `old.${c} IS NOT new.${c}`).join(' OR '),
    bump('event', 'new.id') + outbox('event', 'new.id') + tick + version('event', 'new.id', wholeRow),
  ),
].join('\n');

export const migration006 = `
CREATE TABLE sync_state (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  role                 TEXT CHECK (role IN ('hub', 'station')),
  applying             INTEGER NOT NULL DEFAULT 0,
  origin               TEXT,
  hlc                  INTEGER NOT NULL DEFAULT 0,
  clock_correction_ms  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_changes (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  kind    TEXT NOT NULL,
  key     TEXT NOT NULL,
  origin  TEXT,
  UNIQUE (kind, key)
);

CREATE TABLE sync_outbox (
  kind  TEXT NOT NULL,
  key   TEXT NOT NULL,
  rev   INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (kind, key)
);

CREATE TABLE sync_versions (
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  field       TEXT NOT NULL,
  hlc         INTEGER NOT NULL,
  station_id  TEXT NOT NULL,
  base_hlc    INTEGER NOT NULL DEFAULT 0,
  pending     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, key, field)
) WITHOUT ROWID;

CREATE TABLE hub_identity (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  cert_pem     TEXT NOT NULL,
  key_pem      TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  network_on   INTEGER NOT NULL DEFAULT 0,
  port         INTEGER
);

CREATE TABLE pairing_codes (
  code_hash   TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_by     TEXT REFERENCES stations (id),
  used_at     TEXT
);

CREATE TABLE station_access (
  station_id        TEXT PRIMARY KEY REFERENCES stations (id),
  token_hash        TEXT NOT NULL UNIQUE,
  paired_at         TEXT NOT NULL,
  revoked_at        TEXT,
  last_contact_at   TEXT,
  records_received  INTEGER NOT NULL DEFAULT 0,
  clock_offset_ms   INTEGER
);

CREATE TABLE hub_link (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  event_id         TEXT NOT NULL,
  hub_station_id   TEXT NOT NULL,
  addresses        TEXT NOT NULL,
  cert_pem         TEXT NOT NULL,
  fingerprint      TEXT NOT NULL,
  token            TEXT NOT NULL,
  pulled_seq       INTEGER NOT NULL DEFAULT 0,
  clock_offset_ms  INTEGER NOT NULL DEFAULT 0,
  paired_at        TEXT NOT NULL,
  last_sync_at     TEXT,
  last_error       TEXT
);

CREATE TABLE sync_conflicts (
  id                 TEXT PRIMARY KEY,
  registration_id    TEXT NOT NULL REFERENCES registrations (id),
  field              TEXT NOT NULL,
  winner_value       TEXT,
  winner_station_id  TEXT,
  winner_hlc         INTEGER NOT NULL,
  loser_value        TEXT,
  loser_station_id   TEXT,
  loser_hlc          INTEGER NOT NULL,
  reason             TEXT NOT NULL,
  detected_at        TEXT NOT NULL,
  UNIQUE (registration_id, field, winner_hlc, loser_hlc)
);

-- registration_id (the person a parked record is about, when known here) also makes the purge of personal data
-- empty this table: the purge clears every table that hangs on registrations.
CREATE TABLE sync_parked (
  kind             TEXT NOT NULL,
  key              TEXT NOT NULL,
  payload          TEXT NOT NULL,
  registration_id  TEXT REFERENCES registrations (id),
  origin       TEXT,
  reason       TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  PRIMARY KEY (kind, key)
);

${triggers}
`;
