// A walk guide's laptop without network, from the command line: pair once, scan with `scan` on the station's file,
// hand the records over as a file, import it at the hub twice (nothing changes the second time), refuse a file
// for another event; later `sync --once` finds nothing new to add.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventFile } from '../../db/open';
import { becomeHub } from '../../electron/core/stations/hub';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile, type MadeEvent } from '../helpers/stations-event';
import { checkInSet, einlass, pairingFrom, peek, startServe, type ServeProcess } from '../helpers/station-processes';

const SLOW = 180_000;

describe('hand-over by file (command line)', () => {
  let dir: { dir: string; cleanup: () => void };
  let made: MadeEvent;
  let hub: ServeProcess | null = null;
  const files = { hub: '', walk: '', other: '', handover: '' };

  beforeAll(async () => {
    dir = tempDir('einlass-handover-');
    for (const d of ['hub', 'walk', 'other']) mkdirSync(join(dir.dir, d));
    files.hub = join(dir.dir, 'hub', 'fachtag.einlass');
    files.walk = join(dir.dir, 'walk', 'fachtag.einlass');
    files.other = join(dir.dir, 'other', 'anderes.einlass');
    files.handover = join(dir.dir, 'uebergabe.json');
    made = makeEventFile(files.hub, 20);
    hub = await startServe(['--event', files.hub, '--network', '--hub-host', '127.0.0.1', '--hub-port', '0']);
    const { address, code } = pairingFrom(hub.output());
    expect((await einlass(['pair', '--event', files.walk, '--hub', address, '--code', code, '--name', 'Rundgang Altstadt'])).code).toBe(0);
    await hub.stop();
    hub = null;
  }, SLOW);

  afterAll(async () => {
    await hub?.stop();
    dir?.cleanup();
  });

  it('exports the walk guide\'s records and imports them at the hub once, however often the file is read', async () => {
    const scans = await Promise.all(
      made.codes.slice(0, 3).map((code) => einlass(['scan', '--event', files.walk, '--list', 'Einlass Tag 1', '--code', code])),
    );
    expect(scans.map((r) => r.code)).toEqual([0, 0, 0]);
    const exported = await einlass(['handover', 'export', '--event', files.walk, '--file', files.handover]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('3 Datensätze');
    const again = await einlass(['handover', 'export', '--event', files.walk, '--file', files.handover]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('gibt es schon');

    const first = await einlass(['handover', 'import', '--event', files.hub, '--file', files.handover]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('„Rundgang Altstadt“: 3 Datensätze, 3 neu, 0 schon vorhanden');
    const second = await einlass(['handover', 'import', '--event', files.hub, '--file', files.handover]);
    expect(second.stdout).toContain('3 Datensätze, 0 neu, 3 schon vorhanden');
    expect(checkInSet(files.hub)).toEqual(checkInSet(files.walk));
    expect(peek(files.hub, 'SELECT count(*) AS n FROM check_ins')).toEqual([{ n: 3 }]);

    // Another event's hub refuses the file.
    makeEventFile(files.other, 5);
    const db = openEventFile(files.other);
    becomeHub(db);
    db.close();
    const wrong = await einlass(['handover', 'import', '--event', files.other, '--file', files.handover]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('anderen Veranstaltung');
    expect(peek(files.other, 'SELECT count(*) AS n FROM check_ins')).toEqual([{ n: 0 }]);
    // A station's file does not import hand-overs.
    const atStation = await einlass(['handover', 'import', '--event', files.walk, '--file', files.handover]);
    expect(atStation.stderr).toContain('nur an der Hauptstation');
  }, SLOW);

  it('sends the same records again by network later, which changes nothing at the hub', async () => {
    hub = await startServe(['--event', files.hub]);
    const sync = await einlass(['sync', '--event', files.walk, '--once']);
    expect(sync.stderr).toBe('');
    expect(sync.stdout).toContain('Abgeglichen: 3 gesendet, 0 empfangen, 0 noch nicht übertragen.');
    expect(peek(files.hub, 'SELECT count(*) AS n FROM check_ins')).toEqual([{ n: 3 }]);
    const notStation = await einlass(['sync', '--event', files.hub, '--once']);
    expect(notStation.code).toBe(1);
    expect(notStation.stderr).toContain('keine Station');
  }, SLOW);
});
