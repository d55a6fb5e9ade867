// `serve --station NAME` for an event file made before (by `demo`, `import` or another run): the laptop is called
// what the organiser said, on its screens and in the file, so the hub, its stations and every conflict name it so
// (QA15 L2: the hub called itself by the machine's host name). Without --station, a file keeps its name.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/event-fixture';
import { makeEventFile } from '../helpers/stations-event';
import { peek, startServe, type ServeProcess } from '../helpers/station-processes';

describe('serve --station NAME', () => {
  const dir = tempDir('einlass-station-name-');
  const running: ServeProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    dir.cleanup();
  });
  const localName = (file: string) => peek<{ name: string }>(file, 'SELECT name FROM stations WHERE is_local = 1')[0]!.name;

  it('names this laptop in an existing event file; without it the file keeps its name', async () => {
    mkdirSync(join(dir.dir, 'hub'));
    const file = join(dir.dir, 'hub', 'fachtag.einlass');
    makeEventFile(file, 3);
    expect(localName(file)).toBe('Hauptstation');

    const orga = await startServe(['--event', file, '--station', 'Orga']);
    running.push(orga);
    expect(await orga.call('app.info', {})).toMatchObject({ station: { name: 'Orga' } });
    await orga.stop();
    expect(localName(file)).toBe('Orga');

    const again = await startServe(['--event', file]);
    running.push(again);
    expect(await again.call('app.info', {})).toMatchObject({ station: { name: 'Orga' } });
  }, 120_000);
});
