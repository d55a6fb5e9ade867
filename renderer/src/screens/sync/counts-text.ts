import type { TFunction } from 'i18next';
import type { SyncCountsView } from '../../../../electron/contract/sync-methods';

/**
 * What a sync did, in one line: "4 neu, 2 geändert, 0 storniert, 120 unverändert", and where it happened, the
 * people whose correction in the app was kept and the new ones the list had as cancelled already (in the history
 * and on a list's card, as the dry run said them).
 */
export function countsText(t: TFunction, c: Partial<SyncCountsView> & { addedCancelled?: number }): string {
  const base = t('sync.history.counts', { added: c.added ?? 0, updated: c.updated ?? 0, cancelled: c.cancelled ?? 0, unchanged: c.unchanged ?? 0 });
  const kept = c.keptLocal ? t('sync.history.keptLocal', { count: c.keptLocal }) : '';
  const addedCancelled = c.addedCancelled ? t('sync.history.addedCancelled', { count: c.addedCancelled }) : '';
  return base + kept + addedCancelled;
}
