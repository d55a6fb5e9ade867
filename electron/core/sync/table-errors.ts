import { AppError } from '../errors';
import {
  collectTable, streamTable, TableError, type ReadHooks, type ReadOptions, type Table, type TableRow, type TableStream,
} from '../tabular/read-table';

/** readTable with its file-level errors turned into contract errors (message key under sync.table.error). */
export async function readTableForSync(bytes: Uint8Array, fileName: string, options: ReadOptions, hooks: ReadHooks): Promise<Table> {
  return collectTable(await streamTableForSync(bytes, fileName, options, hooks));
}

/** streamTable with the same errors, also those found while the rows are read (a workbook broken half-way). */
export async function streamTableForSync(bytes: Uint8Array, fileName: string, options: ReadOptions, hooks: ReadHooks): Promise<TableStream> {
  try {
    const stream = await streamTable(bytes, fileName, options, hooks);
    return { table: stream.table, slices: converted(stream.slices) };
  } catch (err) {
    throw contractError(err);
  }
}

async function* converted(slices: AsyncIterable<TableRow[]>): AsyncGenerator<TableRow[]> {
  try {
    yield* slices;
  } catch (err) {
    throw contractError(err);
  }
}

function contractError(err: unknown): unknown {
  if (!(err instanceof TableError)) return err;
  if (err.code === 'aborted') return new AppError('bad_request', { messageKey: 'sync.error.cancelled' });
  return new AppError('bad_request', { messageKey: `sync.table.error.${err.code}`, ...err.params });
}
