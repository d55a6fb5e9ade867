import type { TFunction } from 'i18next';
import { AppError } from '../../core/errors';
import { HubError } from '../../core/stations/client';
import { CliError } from '../cli-types';

/** A failure of a stations command as the sentence the operator reads (never a token or a code). */
export function stationsCliError(err: unknown, t: TFunction): unknown {
  if (err instanceof HubError) return new CliError(t(`stations.error.${err.reason}`, { defaultValue: t('stations.error.unknown', { reason: err.reason }) }));
  if (err instanceof AppError && typeof err.details.messageKey === 'string') return new CliError(t(err.details.messageKey, { ...err.details }));
  return err;
}

/** 09:41 Uhr, as the operator's clock shows it. */
export function clockTime(iso: string, timeZone = 'Europe/Berlin'): string {
  return `${new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso))} Uhr`;
}
