import type { Db } from '../../../db/open';
import { latestAnonymousStatistics, personalDataPurgedAt } from '../../../db/queries/report-settings';
import { AppError } from '../errors';
import { computeStats, type StatsData } from './stats';

/**
 * The statistics of the event: computed from the records while they exist; after a purge, the anonymous
 * statistics kept at that moment (or none, if the organiser chose not to keep them).
 */
export function statsFor(db: Db, now: Date): StatsData {
  if (personalDataPurgedAt(db)) {
    const kept = latestAnonymousStatistics(db);
    if (!kept) throw new AppError('bad_request', { reason: 'purged_without_statistics' });
    return JSON.parse(kept.data) as StatsData;
  }
  return computeStats(db, now);
}
