// Hub and stations as in-memory event files, exchanging through the real core (collect, merge, pull pages) with
// every record passing the wire schema, but without HTTPS in between (tests/api/stations-*.test.ts do that).
import { openEventFile, type Db } from '../../db/open';
import { grantAccess } from '../../db/queries/hub-access';
import { getHubLink, saveHubLink, setPulledSeq } from '../../db/queries/hub-link';
import { insertStation } from '../../db/queries/stations';
import { acknowledge, setSyncRole } from '../../db/queries/sync-state';
import type { OpenEvent } from '../../electron/core/app-context';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { acceptRecords, becomeHub, pullPage } from '../../electron/core/stations/hub';
import { collectPush } from '../../electron/core/stations/link';
import { mergeRecords, type MergeOutcome } from '../../electron/core/stations/merge';
import { hashSecret } from '../../electron/core/stations/pairing';
import { wireRecord, type WireRecord } from '../../electron/core/stations/protocol';
import { smallEvent } from './event-fixture';

export interface TestStation {
  db: Db;
  event: OpenEvent;
  ports: { clock: ReturnType<typeof fixedClock>; ids: ReturnType<typeof sequentialIds> };
  id: string;
  name: string;
}

/** As the network would deliver them: serialised, parsed, validated. */
export function overTheWire(records: readonly WireRecord[]): WireRecord[] {
  return (JSON.parse(JSON.stringify(records)) as unknown[]).map((r) => wireRecord.parse(r));
}

export function hubEvent() {
  const hub = smallEvent();
  becomeHub(hub.db);
  return hub;
}

let stationCount = 0;

/** A new station of `hub`'s event: its own file (in memory unless given) with a full copy pulled from the hub. */
export function joinStation(hub: ReturnType<typeof hubEvent>, name: string, pageSize = 1000, file = ':memory:'): TestStation {
  const n = ++stationCount;
  const ports = { clock: fixedClock('2023-10-18T07:40:00.000Z', 1000), ids: sequentialIds(`00000000-0000-7000-9${String(n).padStart(3, '0')}-`) };
  const id = ports.ids.next();
  const at = ports.clock.now().toISOString();
  insertStation(hub.db, { id, name, isLocal: false, createdAt: at });
  grantAccess(hub.db, { stationId: id, tokenHash: hashSecret(`token-${id}`), at, clockOffsetMs: 0 });
  const db = openEventFile(file, { create: true });
  db.transaction(() => {
    insertStation(db, { id, name, isLocal: true, createdAt: at });
    setSyncRole(db, 'station');
    saveHubLink(db, {
      eventId: 'x', hubStationId: hub.station.id, addresses: ['127.0.0.1:1'], certPem: '', fingerprint: '', token: `token-${id}`,
      clockOffsetMs: 0, pairedAt: at,
    });
  })();
  const station: TestStation = { db, event: { db, file, station: { id, name } }, ports, id, name };
  pull(hub, station, pageSize);
  return station;
}

/** Everything the station has not had confirmed goes to the hub, page by page, each page acknowledged after its merge. */
export function push(hub: ReturnType<typeof hubEvent>, st: TestStation, pageSize = 500): number {
  let sent = 0;
  for (;;) {
    const { records, entries } = collectPush(st.db, pageSize);
    if (entries.length === 0) return sent;
    acceptRecords(hub.db, hub.ports, st.id, overTheWire(records), 0);
    acknowledge(st.db, entries);
    sent += records.length;
  }
}

export function pull(hub: ReturnType<typeof hubEvent>, st: TestStation, pageSize = 1000): MergeOutcome[] {
  const outcomes: MergeOutcome[] = [];
  for (let more = true; more; ) {
    const since = getHubLink(st.db)!.pulledSeq;
    const page = pullPage(hub.db, st.id, since, pageSize);
    outcomes.push(
      mergeRecords(st.db, overTheWire(page.records), {
        origin: null, isHub: false, receivedAt: st.ports.clock.now().toISOString(), ids: st.ports.ids,
        after: () => setPulledSeq(st.db, page.upTo),
      }),
    );
    more = page.more;
  }
  return outcomes;
}

export function exchange(hub: ReturnType<typeof hubEvent>, st: TestStation): void {
  push(hub, st);
  pull(hub, st);
}

/** The content of every check-in in a file, for comparing files (uploaded_at is when each file received it). */
export function checkInsOf(db: Db): string[] {
  return (
    db
      .prepare('SELECT id, list_id, registration_id, type, undoes_id, scanned_at, station_id FROM check_ins ORDER BY id')
      .all() as Record<string, unknown>[]
  ).map((r) => JSON.stringify(r));
}

export function registrationsOf(db: Db): string[] {
  return (
    db
      .prepare(`SELECT id, code, first_name, last_name, organisation, town, status, email FROM registrations ORDER BY id`)
      .all() as Record<string, unknown>[]
  ).map((r) => JSON.stringify(r));
}
