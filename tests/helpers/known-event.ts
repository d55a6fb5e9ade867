import { openEventFile, type Db } from '../../db/open';
import { fixedClock, sequentialIds } from '../../electron/core/ports';
import type { ExportEnv } from '../../electron/core/reports/export';
import { exportTranslator } from '../../electron/core/reports/translator';
import { writeKnownEvent } from './report-fixture';

/** The known event of report-fixture.ts in a database (memory or file), with the ports an export needs. */
export async function knownEvent(file = ':memory:', options: { create?: boolean } = {}) {
  const clock = fixedClock('2023-10-20T08:00:00.000Z');
  const ids = sequentialIds('00000000-0000-7000-9000-');
  const db: Db = openEventFile(file, { create: file !== ':memory:' && options.create !== false });
  const written = db.transaction(() => writeKnownEvent(db, { clock, ids }))();
  const env: ExportEnv = { clock, ids, t: await exportTranslator(), stationId: written.stationId };
  return { db, env, ...written };
}
