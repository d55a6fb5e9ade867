// A registration list removed with its personal data at the hub, with a station as a separate process on loopback
// (HTTPS, the station's own event file): the station deletes the people too, and its file holds no trace of them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventFileSet } from '../../electron/core/reports/purge';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile } from '../helpers/stations-event';
import { einlass, pairingFrom, peek, startServe, waitUntil, type ServeProcess } from '../helpers/station-processes';

const SLOW = 120_000;

describe('a list erased at the hub, over the network', () => {
  const dir = tempDir('einlass-erasure-');
  const running: ServeProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    dir.cleanup();
  });

  it("reaches a paired station, which keeps nothing of another event's list", async () => {
    for (const d of ['hub', 'a']) mkdirSync(join(dir.dir, d));
    const hubFile = join(dir.dir, 'hub', 'fachtag.einlass');
    const stationFile = join(dir.dir, 'a', 'fachtag.einlass');
    makeEventFile(hubFile, 20);
    const list = join(dir.dir, 'andere-tagung.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `W${i};Quirina${i};Zwiebelfisch${i};quirina${i}@fremde-tagung.example`);
    writeFileSync(list, `ID;Vorname;Nachname;E-Mail\n${rows.join('\n')}\n`);
    expect((await einlass(['import', '--event', hubFile, '--source', list])).code).toBe(0);

    const hub = await startServe(['--event', hubFile, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0', '--station', 'Hauptstation']);
    running.push(hub);
    const code = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', stationFile, '--hub', code.address, '--code', code.code, '--name', 'Einlass 2'])).code).toBe(0);
    const station = await startServe(['--event', stationFile]);
    running.push(station);
    const wrong = (file: string) => peek<{ n: number }>(file, "SELECT count(*) AS n FROM registrations WHERE last_name LIKE 'Zwiebelfisch%'")[0]!.n;
    expect(wrong(stationFile)).toBe(40);

    const { sources } = await hub.call<{ sources: { id: string; label: string; erasableOnRemove: number }[] }>('sync.sources', {});
    const source = sources.find((s) => s.label === 'andere-tagung.csv')!;
    expect(source.erasableOnRemove).toBe(40);
    expect(await hub.call('sync.removeSource', { sourceId: source.id, erase: true })).toEqual({ cancelled: 40, keptLocal: 0, erased: 40, keptCancelled: 0, rewritten: true });
    expect(wrong(hubFile)).toBe(0);
    await waitUntil('the station has erased them', () => wrong(stationFile) === 0, 30_000);
    // The event's own people are still there, and the station's search finds none of the erased.
    expect(peek<{ n: number }>(stationFile, 'SELECT count(*) AS n FROM registrations')[0]!.n).toBe(20);
    expect(await station.call<{ hits: unknown[] }>('registrations.search', { query: 'Zwiebelfisch' })).toMatchObject({ hits: [] });
    // Nothing of them in the station's file, its WAL or shared memory.
    await waitUntil('no trace in the station file', () => {
      const raw = Buffer.concat(eventFileSet(stationFile).filter(existsSync).map((f) => readFileSync(f)));
      return rows.every((_, i) => !raw.includes(Buffer.from(`quirina${i}@fremde-tagung.example`)) && !raw.includes(Buffer.from(`Zwiebelfisch${i}`)));
    }, 30_000);
  }, SLOW);
});
