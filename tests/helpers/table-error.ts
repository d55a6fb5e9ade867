import { TableError } from '../../electron/core/tabular/read-table';

/** The TableError a read is refused with; any other outcome fails the test. */
export async function tableError(p: Promise<unknown>): Promise<TableError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TableError) return err;
    throw err;
  }
  throw new Error('expected a TableError');
}
