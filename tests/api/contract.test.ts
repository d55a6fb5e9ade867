import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../electron/contract/contract';
import type { CheckInList, ScanResult } from '../../electron/contract/entities';
import { inProcess, overHttp, type Harness } from './transports';

function value<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** The contract suite, run over every transport: both must behave identically. */
describe.each([
  ['in-process', inProcess],
  ['HTTP', overHttp],
])('contract over %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(() => h.close());

  it('starts with no event open and offers the demo', async () => {
    expect(value(await h.client.call('app.info'))).toMatchObject({ version: '9.9.9', event: null, station: null });
    expect(value(await h.client.call('event.files'))).toEqual({ files: [] });
    const r = await h.client.call('lists.list');
    expect(r).toMatchObject({ ok: false, error: { code: 'no_event_open', message: 'errors.no_event_open' } });
  });

  it('opens the demo event and checks people in through the same rules', async () => {
    const event = value<{ name: string; isDemo: boolean }>(await h.client.call('event.openDemo'));
    expect(event).toMatchObject({ name: 'Partnerfachtagung 2023', isDemo: true, startsOn: '2023-10-18', endsOn: '2023-10-19' });
    const { lists } = value<{ lists: CheckInList[] }>(await h.client.call('lists.list'));
    expect(lists.filter((l) => l.kind === 'entrance').map((l) => l.name)).toEqual(['Einlass Tag 1', 'Einlass Tag 2']);
    expect(lists.filter((l) => l.kind === 'walk')).toHaveLength(4);
    expect(lists.filter((l) => l.kind === 'session').length).toBeGreaterThanOrEqual(6);
    const day1 = lists.find((l) => l.name === 'Einlass Tag 1')!;

    const db = h.ctx.requireEvent().db;
    const person = db.prepare("SELECT id, code, last_name AS lastName FROM registrations WHERE status = 'registered' LIMIT 1").get() as { id: string; code: string; lastName: string };
    const cancelled = db.prepare("SELECT code FROM registrations WHERE status = 'cancelled' LIMIT 1").get() as { code: string };

    const first = value<ScanResult>(await h.client.call('checkin.scan', { listId: day1.id, code: person.code, method: 'camera' }));
    expect(first).toMatchObject({ status: 'admitted', registration: { lastName: person.lastName } });
    const again = value<ScanResult>(await h.client.call('checkin.scan', { listId: day1.id, code: person.code, method: 'camera' }));
    expect(again).toMatchObject({ status: 'already_checked_in', firstEntry: { stationName: 'Einlass 1' } });
    const refused = value<ScanResult>(await h.client.call('checkin.scan', { listId: day1.id, code: cancelled.code, method: 'camera' }));
    expect(refused).toMatchObject({ status: 'refused', reason: 'cancelled' });

    const after = value<{ lists: CheckInList[] }>(await h.client.call('lists.list')).lists.find((l) => l.id === day1.id)!;
    expect(after.checkedIn).toBe(1);
    const recent = value<{ records: { name: string }[] }>(await h.client.call('checkin.recent', { listId: day1.id }));
    expect(recent.records).toHaveLength(1);
    const detail = value<{ checkIns: unknown[]; code: string }>(await h.client.call('registrations.get', { id: person.id }));
    expect(detail.code).toBe(person.code);
    expect(detail.checkIns).toHaveLength(1);
  });

  it('finds a person by their e-mail address at the desk and in the people list', async () => {
    value(await h.client.call('event.openDemo'));
    const db = h.ctx.requireEvent().db;
    const person = db.prepare("SELECT id, email FROM registrations WHERE email LIKE '%@%' LIMIT 1").get() as { id: string; email: string };
    const typed = person.email.toUpperCase();
    const hits = value<{ hits: { id: string }[] }>(await h.client.call('registrations.search', { query: typed })).hits;
    expect(hits.map((x) => x.id)).toEqual([person.id]);
    const atSign = person.email.slice(0, person.email.indexOf('@') + 1);
    const listed = value<{ total: number; items: { id: string }[] }>(await h.client.call('registrations.list', { query: ` ${atSign} ` }));
    expect(listed.items.map((x) => x.id)).toContain(person.id);
    const expected = (db.prepare('SELECT count(*) AS n FROM registrations WHERE lower(email) LIKE ?').get(`${atSign.toLowerCase()}%`) as { n: number }).n;
    expect(listed.total).toBe(expected);
  });

  it('creates a new event with one entrance list per day, or one "Einlass" without dates', async () => {
    value(await h.client.call('event.create', { name: 'Fachtag Süd', startsOn: '2024-03-04', endsOn: '2024-03-06' }));
    let lists = value<{ lists: CheckInList[] }>(await h.client.call('lists.list')).lists;
    expect(lists.map((l) => l.name)).toEqual(['Einlass Tag 1', 'Einlass Tag 2', 'Einlass Tag 3']);
    value(await h.client.call('event.create', { name: 'Fachtag Süd' }));
    lists = value<{ lists: CheckInList[] }>(await h.client.call('lists.list')).lists;
    expect(lists.map((l) => l.name)).toEqual(['Einlass']);
    const files = value<{ files: { fileName: string }[] }>(await h.client.call('event.files')).files.map((f) => f.fileName).sort();
    expect(files).toEqual(['fachtag-sued-2024.einlass', 'fachtag-sued.einlass']);
  });

  it('answers bad input with a clear error and changes nothing', async () => {
    value(await h.client.call('event.openDemo'));
    const db = h.ctx.requireEvent().db;
    const before = db.prepare('SELECT (SELECT count(*) FROM check_ins) + (SELECT count(*) FROM refused_scans) AS n').get();
    expect(await h.client.call('no.such.method')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await h.client.call('checkin.scan', { listId: 5 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await h.client.call('checkin.scan', { listId: 'x', code: 'A', method: 'camera', extra: 1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await h.client.call('checkin.scan', { listId: 'x', code: 'y'.repeat(20_000), method: 'camera' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await h.client.call('checkin.scan', { listId: 'missing', code: 'AAAA-BBBB', method: 'camera' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.client.call('event.open', { fileName: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await h.client.call('event.open', { fileName: 'missing.einlass' })).toMatchObject({ ok: false, error: { code: 'event_file_not_found' } });
    expect(await h.client.call('event.create', { name: 'X', startsOn: '2024-03-05', endsOn: '2024-03-01' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const after = db.prepare('SELECT (SELECT count(*) FROM check_ins) + (SELECT count(*) FROM refused_scans) AS n').get();
    expect(after).toEqual(before);
    expect(h.ctx.summary()?.name).toBe('Partnerfachtagung 2023');
  });

  it('refuses garbage QR payloads with a reason and logs them', async () => {
    value(await h.client.call('event.openDemo'));
    const day1 = value<{ lists: CheckInList[] }>(await h.client.call('lists.list')).lists[0]!;
    for (const code of ['\u0000\u0001\u00ff\u0002', 'z'.repeat(10_000), 'Bitte einlassen!\u0007', '']) {
      const r = value<ScanResult>(await h.client.call('checkin.scan', { listId: day1.id, code, method: 'camera' }));
      expect(r).toMatchObject({ status: 'refused', reason: 'invalid_code' });
    }
    const db = h.ctx.requireEvent().db;
    expect(db.prepare("SELECT count(*) AS n FROM refused_scans WHERE reason = 'invalid_code'").get()).toEqual({ n: 4 });
    expect(db.prepare('SELECT count(*) AS n FROM check_ins').get()).toEqual({ n: 0 });
  });
});
