import { AppError } from '../errors';
import { readTable, TableError, type ReadHooks, type ReadOptions, type Table } from '../tabular/read-table';

/** readTable with its file-level errors turned into contract errors (message key under sync.table.error). */
export async function readTableForSync(bytes: Uint8Array, fileName: string, options: ReadOptions, hooks: ReadHooks): Promise<Table> {
  try {
    return await readTable(bytes, fileName, options, hooks);
  } catch (err) {
    if (err instanceof TableError) {
      if (err.code === 'aborted') throw new AppError('bad_request', { messageKey: 'sync.error.cancelled' });
      throw new AppError('bad_request', { messageKey: `sync.table.error.${err.code}`, ...err.params });
    }
    throw err;
  }
}
