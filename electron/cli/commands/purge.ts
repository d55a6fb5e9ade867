import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { TFunction } from 'i18next';
import { getEvent } from '../../../db/queries/event';
import { AppContext } from '../../core/app-context';
import { AppError } from '../../core/errors';
import { checkPurgeGuard, deleteEventFiles, purgePersonalData, PURGE_WORD, type PurgeResult } from '../../core/reports/purge';
import { CliError, required, type CliCommand } from '../cli-types';

async function askConfirmation(eventName: string, t: TFunction): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(`${t('purge.cli.ask', { name: eventName, word: PURGE_WORD })} `);
  } finally {
    rl.close();
  }
}

function report(result: PurgeResult, t: TFunction): void {
  const removed = Object.entries(result.removed).map(([table, n]) => `${table}: ${n}`).join(', ');
  console.log(t('purge.cli.removed', { removed }));
  if (result.keptStatistics) console.log(t('purge.cli.keptStatistics'));
  if (!result.walCleared) console.error(t('purge.cli.walBusy'));
  if (result.verification) {
    const key = result.verification.found === 0 ? 'purge.cli.verified' : 'purge.cli.verifyFailed';
    console.log(t(key, { checked: result.verification.checked, found: result.verification.found }));
  }
}

/**
 * `purge --event FILE [--keep-stats] [--delete-file] [--without-export] [--yes]`: removes all personal data (or
 * the whole file). Asks for the event's name (or LÖSCHEN) on a terminal; without one, --yes must say it.
 */
export const purgeCommand: CliCommand = {
  options: {
    event: { type: 'string' },
    'keep-stats': { type: 'boolean', default: false },
    'delete-file': { type: 'boolean', default: false },
    'without-export': { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
  },
  async run(values, t) {
    const file = resolve(required(values, 'event', t));
    const ctx = new AppContext({ dataDir: dirname(file) });
    const event = ctx.openFile(file);
    let open = true;
    try {
      const name = getEvent(event.db)?.name ?? '';
      let confirmation = PURGE_WORD;
      if (!values.yes) {
        if (!process.stdin.isTTY) throw new CliError(t('purge.cli.needYes'));
        confirmation = await askConfirmation(name, t);
      }
      try {
        checkPurgeGuard(event.db, { confirmation, withoutExport: values['without-export'] === true });
      } catch (err) {
        if (err instanceof AppError && err.details.reason === 'purge_without_export') throw new CliError(t('purge.cli.noExport'));
        if (err instanceof AppError) throw new CliError(t('purge.cli.notConfirmed'));
        throw err;
      }
      const deleteFile = values['delete-file'] === true;
      const result = purgePersonalData(event.db, event.file, ctx, !deleteFile && values['keep-stats'] === true);
      if (deleteFile) {
        ctx.close();
        open = false;
        deleteEventFiles(file);
        console.log(t('purge.cli.fileDeleted', { file }));
        return 0;
      }
      report(result, t);
      return result.verification && result.verification.found > 0 ? 1 : 0;
    } finally {
      if (open) ctx.close();
    }
  },
};
