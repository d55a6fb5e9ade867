import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationsStatus } from '../../../../electron/contract/stations-methods';
import { ApiCallError, api, subscribe } from '../../api/client';
import { formatDate, formatTime, isSameDay } from '../../format';
import { useAsync } from '../../use-async';

function offsetAmount(ms: number, t: TFunction): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return s < 60 ? t('stations.clock.seconds', { s }) : h > 0 ? t('stations.clock.hours', { h, m }) : t('stations.clock.minutes', { m });
}

/** How far a station's clock is off, as people say it: "geht 1 Std. 17 Min. nach", "geht 45 Sek. vor". */
export function offsetText(hubMinusStationMs: number, t: TFunction): string {
  // The hub ahead of the station means the station's clock is slow.
  return t(hubMinusStationMs > 0 ? 'stations.clock.behind' : 'stations.clock.ahead', { amount: offsetAmount(hubMinusStationMs, t) });
}

/** The warning a station shows about its own clock. */
export function clockWarningText(hubMinusStationMs: number, t: TFunction): string {
  return t(hubMinusStationMs > 0 ? 'stations.link.clockBehind' : 'stations.link.clockAhead', { amount: offsetAmount(hubMinusStationMs, t) });
}

/**
 * What waits for the hub, said as what it is: "2 Check-ins noch nicht übertragen", "1 Check-in + 2 Änderungen …"
 * (QA15 L3: "2 noch nicht übertragen" said 2 of what?). Everything else a station records (walk-ins, corrections,
 * walk changes, refused scans) counts as a change.
 */
export function pendingText(link: { pending: number; pendingCheckIns: number }, t: TFunction): string {
  const changes = link.pending - link.pendingCheckIns;
  const what = [
    link.pendingCheckIns > 0 ? t('stations.link.checkInsCount', { count: link.pendingCheckIns }) : null,
    changes > 0 ? t('stations.link.changesCount', { count: changes }) : null,
  ].filter(Boolean).join(' + ');
  return t('stations.link.pendingWhat', { what });
}

/** A time of today as "09:41 Uhr", of another day with its date. */
export function whenText(iso: string, t: TFunction): string {
  const time = t('format.clock', { time: formatTime(iso) });
  return isSameDay(iso, new Date()) ? time : `${formatDate(iso)} ${time}`;
}

/** The sentence for a failure: a stations reason we know, else the general error message. */
export function stationsErrorText(err: unknown, t: TFunction): string {
  if (err instanceof ApiCallError) {
    const key = typeof err.error.details.messageKey === 'string' ? err.error.details.messageKey : err.error.message;
    return t(key, { ...err.error.details, defaultValue: t('stations.error.unknown', { reason: String(err.error.details.reason ?? err.error.code) }) });
  }
  return t('errors.internal');
}

export function reasonText(reason: string | null, t: TFunction): string {
  return reason ? t(`stations.error.${reason}`, { defaultValue: t('stations.error.unknown', { reason }) }) : '';
}

/** The stations status, fresh whenever the station reports a change (connection, records waiting, clock). */
export function useStationsStatus(): { status: StationsStatus | null; reload: () => void } {
  const state = useAsync(() => api('stations.status', {}), []);
  const { reload } = state;
  useEffect(
    () => subscribe((m) => (m.type === 'stations.changed' || m.type === 'event.changed') && reload()),
    [reload],
  );
  return { status: state.data, reload };
}

/**
 * A button's call to the station: `busy` while it runs, `error` as the stations' message if it fails. `run`
 * resolves to whether it worked.
 */
export function useStationsAction(): { busy: boolean; error: string | null; run: (call: () => Promise<unknown>) => Promise<boolean> } {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (err) {
      setError(stationsErrorText(err, t));
      return false;
    } finally {
      setBusy(false);
    }
  }, [t]);
  return { busy, error, run };
}
