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
}

export class CliError extends Error {}

export function required(values: CliValues, name: string, t: TFunction): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(t('cli.missingOption', { option: `--${name}` }));
  return v;
}

/** A check-in list named on the command line: by id, or by name ignoring case. */
export function findList(db: Db, listArg: string, t: TFunction): { id: string; name: string } {
  const lists = listListsWithCounts(db);
  const list = lists.find((l) => l.id === listArg) ?? lists.find((l) => l.name.toLowerCase() === listArg.toLowerCase());
  if (!list) throw new CliError(t('cli.listNotFound', { list: listArg, lists: lists.map((l) => l.name).join(', ') }));
  return list;
}

