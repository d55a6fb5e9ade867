import type { Db } from '../../db/open';
import { runExport, type ExportEnv, type ExportRequest } from '../../electron/core/reports/export';
import { memorySink } from '../../electron/core/reports/memory-sink';

export async function exportBytes(db: Db, req: ExportRequest, env: ExportEnv): Promise<{ bytes: Buffer; fileName: string; rows: number }> {
  const sink = memorySink();
  const result = await runExport(db, req, env, sink.stream);
  return { bytes: await sink.bytes, fileName: result.fileName, rows: result.rows };
}
