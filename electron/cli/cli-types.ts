import type { ParseArgsConfig } from 'node:util';
import type { TFunction } from 'i18next';
import type { Db } from '../../db/open';
import { listListsWithCounts } from '../../db/queries/lists';

export type CliValues = Record<string, string | boolean | undefined>;

export interface CliCommand {
  options: NonNullable<ParseArgsConfig['options']>;
  /** Accepts positional arguments (e.g. file names or search words); without it, any positional is an error. */
  positionals?: boolean;
  /** Returns the exit code; -1 means "keeps running" (a server). `positionals` is empty unless enabled above. */
  run(values: CliValues, t: TFunction, positionals: string[]): Promise<number>;
  /**
   * With `--json`: what a script reads on stdout when the command fails (an option it does not know, an event file
   * that cannot be opened, a list that cannot be read), beside the message on stderr.
   */
  failureJson?(error: { code: string; message: string }): unknown;
}

/**
 * A failure said in words on stderr. `code` names it for a script (`--json`); `summary` is the message without
 * what the command adds for a reader ("An der Veranstaltung wurde nichts geändert.").
 */
export class CliError extends Error {
  constructor(message: string, readonly code = 'cli', readonly summary = message) {
    super(message);
  }
}

export function required(values: CliValues, name: string, t: TFunction): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(t('cli.missingOption', { option: `--${name}` }), 'options');
  return v;
}

/** A check-in list named on the command line: by id, or by name ignoring case. */
export function findList(db: Db, listArg: string, t: TFunction): { id: string; name: string } {
  const lists = listListsWithCounts(db);
  const list = lists.find((l) => l.id === listArg) ?? lists.find((l) => l.name.toLowerCase() === listArg.toLowerCase());
  if (!list) throw new CliError(t('cli.listNotFound', { list: listArg, lists: lists.map((l) => l.name).join(', ') }));
  return list;
}

