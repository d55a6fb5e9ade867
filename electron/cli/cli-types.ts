import type { ParseArgsConfig } from 'node:util';
import type { TFunction } from 'i18next';

export type CliValues = Record<string, string | boolean | undefined>;

export interface CliCommand {
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code; -1 means "keeps running" (a server). */
  run(values: CliValues, t: TFunction): Promise<number>;
}

export class CliError extends Error {}

export function required(values: CliValues, name: string, t: TFunction): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(t('cli.missingOption', { option: `--${name}` }));
  return v;
}
