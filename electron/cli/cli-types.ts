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

/**
 * Texts of the decode and search commands that are not in resources/locales yet. They go through `t()` with the
 * German text as default, so adding the keys to de.json/en.json (same names) makes the catalogue take over.
 */
export const PENDING_CLI_TEXTS = {
  'cli.decodeNoCode': '– kein QR-Code erkannt',
  'cli.imageNotFound': '{{file}}: Datei nicht gefunden.',
  'cli.imageUnreadable': '{{file}}: Datei nicht lesbar ({{detail}}).',
  'cli.imageUnsupported': '{{file}}: kein PNG- oder JPEG-Bild.',
  'cli.imageCorrupt': '{{file}}: Bild beschädigt oder nicht lesbar ({{detail}}).',
  'cli.missingImages': 'Angabe fehlt: mindestens eine Bilddatei (PNG oder JPEG)',
  'cli.missingQuery': 'Angabe fehlt: Suchbegriff',
  'cli.badLimit': '--limit: eine ganze Zahl von 1 bis {{max}} angeben',
  'cli.yes': 'ja',
  'cli.no': 'nein',
  'cli.searchSummary': '{{count}} Treffer in {{ms}} ms',
} as const;

export type PendingCliText = keyof typeof PENDING_CLI_TEXTS;

export function cliText(t: TFunction, key: PendingCliText, vars: Record<string, unknown> = {}): string {
  return t(key, { ...vars, defaultValue: PENDING_CLI_TEXTS[key] });
}
