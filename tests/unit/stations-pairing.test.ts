// Pairing codes, the hub's side of pairing and access, hand-over files, clock offsets and HLC order.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getEvent } from '../../db/queries/event';
import { revokeAccess } from '../../db/queries/hub-access';
import { outboxCount } from '../../db/queries/sync-state';
import { scan } from '../../electron/core/checkin/scan';
import { AppError } from '../../electron/core/errors';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import { clockWarning, measureOffset } from '../../electron/core/stations/clock';
import { exportHandover, HANDOVER_VERSION, importHandover } from '../../electron/core/stations/handover';
import { compareStamps, hlcTime, winReason } from '../../electron/core/stations/hlc';
import { authenticate, HubRefusal, newPairingCode, pairStation } from '../../electron/core/stations/hub';
import {
  encodePayload, fingerprintMatches, fingerprintPrefix, hashSecret, parsePairingInput, typedCode,
} from '../../electron/core/stations/pairing';
import { PROTOCOL_VERSION } from '../../electron/core/stations/protocol';
import { hubEvent, joinStation } from '../helpers/stations-fixture';

const FP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('pairing codes', () => {
  it('reads the QR payload with the full fingerprint, and the typed code with its 40-bit prefix', () => {
    const payload = encodePayload({ addresses: ['192.168.1.20:8401', '10.0.0.5:8401'], fingerprint: FP, code: 'K7M2X9QP', eventId: 'ev-1' });
    expect(payload.startsWith('einlass-pair:')).toBe(true);
    expect(parsePairingInput(payload)).toEqual({
      addresses: ['192.168.1.20:8401', '10.0.0.5:8401'], fingerprint: { full: FP }, code: 'K7M2X9QP', eventId: 'ev-1',
    });
    const typed = typedCode('K7M2X9QP', FP);
    expect(typed).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(typed.startsWith('K7M2-X9QP-')).toBe(true);
    // Typed sloppily: lower case, spaces, O for 0 and l for 1.
    const sloppy = typed.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parsePairingInput(sloppy, ' http://192.168.1.20:8401/ ')).toEqual({
      addresses: ['192.168.1.20:8401'], fingerprint: { prefix: fingerprintPrefix(FP) }, code: 'K7M2X9QP', eventId: null,
    });
  });

  it('matches a certificate only by its fingerprint (full, or the prefix of a typed code)', () => {
    const other = `${FP.slice(0, 9)}f${FP.slice(10)}`;
    expect(fingerprintMatches({ full: FP }, FP)).toBe(true);
    expect(fingerprintMatches({ full: FP }, other)).toBe(false);
    expect(fingerprintMatches({ prefix: fingerprintPrefix(FP) }, FP)).toBe(true);
    expect(fingerprintMatches({ prefix: fingerprintPrefix(FP) }, other)).toBe(false);
  });

  it('refuses what is not a code or not an address, saying which', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof AppError ? err.details.reason : 'other';
      }
      return 'none';
    };
    expect(reason(() => parsePairingInput('K7M2-X9QP'))).toBe('code');
    expect(reason(() => parsePairingInput('K7M2-X9QP-4F7A-C2DU', '1.2.3.4:8401'))).toBe('code');
    expect(reason(() => parsePairingInput(typedCode('K7M2X9QP', FP)))).toBe('address');
    expect(reason(() => parsePairingInput(typedCode('K7M2X9QP', FP), '192.168.1.20'))).toBe('address');
    expect(reason(() => parsePairingInput('einlass-pair:bm90IGpzb24'))).toBe('code');
  });
});

describe('pairing and access at the hub', () => {
  const request = (code: string, stationId: string, stationName = 'Einlass 2') => ({ v: PROTOCOL_VERSION, code, stationId, stationName, sentAt: Date.parse('2023-10-18T07:30:00Z') } as const);

  it('pairs a station once per code, lets the same station retry, and revokes at once', () => {
    const hub = hubEvent();
    const code = newPairingCode(hub.db, hub.ports, { addresses: ['127.0.0.1:8401'], fingerprint: FP });
    const oneTime = parsePairingInput(code.payload).code;
    // Only the hash of the code is stored.
    expect(hub.db.prepare('SELECT code_hash FROM pairing_codes').all()).toEqual([{ code_hash: hashSecret(oneTime) }]);
    const first = pairStation(hub.db, hub.ports, request(oneTime, 'st-1'));
    expect(first.event).toMatchObject({ id: getEvent(hub.db)!.id, name: 'Testtagung' });
    expect(authenticate(hub.db, first.token)).toBe('st-1');
    const retry = pairStation(hub.db, hub.ports, request(oneTime, 'st-1'));
    expect(() => authenticate(hub.db, first.token)).toThrow(HubRefusal);
    expect(authenticate(hub.db, retry.token)).toBe('st-1');
    expect(() => pairStation(hub.db, hub.ports, request(oneTime, 'st-2'))).toThrow(expect.objectContaining({ reason: 'code_used' }));
    expect(() => pairStation(hub.db, hub.ports, request('ZZZZZZZZ', 'st-2'))).toThrow(expect.objectContaining({ reason: 'code_invalid' }));
    // The token is only stored hashed.
    expect(JSON.stringify(hub.db.prepare('SELECT * FROM station_access').all())).not.toContain(retry.token);
    revokeAccess(hub.db, 'st-1', '2023-10-18T09:00:00Z');
    expect(() => authenticate(hub.db, retry.token)).toThrow(expect.objectContaining({ status: 403, reason: 'revoked' }));
    expect(() => authenticate(hub.db, 'made-up-token')).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('lets a code expire after 15 minutes', () => {
    const hub = hubEvent();
    const clock = fixedClock('2023-10-18T07:30:00.000Z');
    const ports = { clock, ids: sequentialIds('00000000-0000-7000-a000-') };
    const code = parsePairingInput(newPairingCode(hub.db, ports, { addresses: ['127.0.0.1:8401'], fingerprint: FP }).payload).code;
    clock.advance(15 * 60 * 1000 + 1);
    expect(() => pairStation(hub.db, ports, request(code, 'st-1'))).toThrow(expect.objectContaining({ reason: 'code_invalid' }));
  });
});

describe('hand-over by file', () => {
  it('imports a station file through the same merge; twice changes nothing', () => {
    const hub = hubEvent();
    const st = joinStation(hub, 'Rundgang Altstadt');
    scan(st.event, st.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    scan(st.event, st.ports, { listId: hub.entrance1, code: 'BBBB-2222', method: 'camera' });
    st.db.prepare('UPDATE hub_link SET event_id = ?').run(getEvent(hub.db)!.id);
    const file = exportHandover(st.db, st.ports);
    expect(file.records).toBe(2);
    expect(file.fileName).toMatch(/^uebergabe-Rundgang-Altstadt-\d{8}-\d{4}\.json$/);
    expect(file.json).not.toContain(`token-${st.id}`);
    const first = importHandover(hub.db, hub.ports, file.json);
    expect(first).toMatchObject({ added: 2, duplicates: 0, station: 'Rundgang Altstadt' });
    const second = importHandover(hub.db, hub.ports, file.json);
    expect(second).toMatchObject({ added: 0, duplicates: 2 });
    expect(hub.db.prepare('SELECT count(*) AS n FROM check_ins').get()).toEqual({ n: 2 });
    // The station still holds them as not confirmed: a later network sync sends them again, harmlessly.
    expect(outboxCount(st.db)).toBe(2);
  });

  it("refuses a file of another event, an altered file, a newer version's file and a file of a removed station; takes an older one", () => {
    const hub = hubEvent();
    const st = joinStation(hub, 'Rundgang');
    scan(st.event, st.ports, { listId: hub.entrance1, code: 'AAAA-1111', method: 'camera' });
    const reason = (text: string) => {
      try {
        importHandover(hub.db, hub.ports, text);
        return 'imported';
      } catch (err) {
        return err instanceof AppError ? err.details.reason : 'other';
      }
    };
    expect(reason(exportHandover(st.db, st.ports).json)).toBe('other_event');
    st.db.prepare('UPDATE hub_link SET event_id = ?').run(getEvent(hub.db)!.id);
    const json = exportHandover(st.db, st.ports).json;
    expect(reason(json.replace('"camera"', '"manual"'))).toBe('handover_signature');
    expect(reason('{"format":"something else"}')).toBe('handover_unreadable');
    expect(reason('kein JSON')).toBe('handover_unreadable');
    // A newer app's file is refused as such; an older one's (version 1, without erasures) is taken.
    expect(json).toContain(`"version":${HANDOVER_VERSION},`);
    expect(reason(json.replace(`"version":${HANDOVER_VERSION},`, `"version":${HANDOVER_VERSION + 1},`))).toBe('handover_version');
    const { mac: _mac, ...body } = JSON.parse(json) as Record<string, unknown>;
    const v1 = JSON.stringify({ ...body, version: 1 });
    const signed = JSON.stringify({ ...JSON.parse(v1), mac: createHmac('sha256', hashSecret(`token-${st.id}`)).update(v1, 'utf8').digest('hex') });
    expect(reason(signed)).toBe('imported');
    expect(hub.db.prepare('SELECT count(*) AS n FROM check_ins').get()).toEqual({ n: 1 });
    revokeAccess(hub.db, st.id, '2023-10-18T09:00:00Z');
    expect(reason(json)).toBe('revoked');
    expect(hub.db.prepare('SELECT count(*) AS n FROM check_ins').get()).toEqual({ n: 1 });
  });
});

describe('clocks', () => {
  it('estimates the offset like NTP, also when the hub held the request open', () => {
    // Station clock 1 h behind; 10 ms each way; the hub held the pull for 20 s.
    const t0 = 1_000_000;
    const hub = { received: t0 + 3600_000 + 10, sent: t0 + 3600_000 + 10 + 20_000 };
    const r = measureOffset(t0, t0 + 20_020, hub);
    expect(r.offsetMs).toBe(3600_000);
    expect(r.roundTripMs).toBe(20);
    expect(clockWarning(r.offsetMs)).toBe(true);
    expect(clockWarning(90_000)).toBe(false);
    expect(clockWarning(null)).toBe(false);
  });

  it('orders HLC stamps by value, then station, and says why one won', () => {
    const a = { hlc: 1_700_000_000_000_000, stationId: 'a' };
    const b = { hlc: 1_700_000_000_000_001, stationId: 'a' };
    const c = { hlc: 1_700_000_000_000_001, stationId: 'b' };
    expect(compareStamps(a, b)).toBeLessThan(0);
    expect(compareStamps(c, b)).toBeGreaterThan(0);
    expect(compareStamps(b, b)).toBe(0);
    expect(winReason(c, b)).toBe('same_time');
    expect(winReason({ hlc: a.hlc + 5000, stationId: 'a' }, a)).toBe('later');
    expect(hlcTime(a.hlc)).toBe(new Date(1_700_000_000_000).toISOString());
    expect(hlcTime(0)).toBeNull();
  });
});
