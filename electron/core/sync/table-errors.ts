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

/**
 * The same, for a list's new version: with no sheet chosen, the sheet `listSheet` the list was read from last, where
 * this workbook has it (a list loaded from a workbook's „Warteliste“ read its new version's first sheet, and would
 * have been cancelled by it); else as detected.
 */
export async function streamTableForList(bytes: Uint8Array, fileName: string, options: ReadOptions, listSheet: string | undefined, hooks: ReadHooks): Promise<TableStream> {
  if (!listSheet || options.sheet) return streamTableForSync(bytes, fileName, options, hooks);
  return streamTableForSync(bytes, fileName, { ...options, sheet: listSheet }, hooks).catch((err: unknown) => {
    if (err instanceof AppError && err.details.messageKey === 'sync.table.error.xlsxSheetNotFound') return streamTableForSync(bytes, fileName, options, hooks);
    throw err;
  });
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
