import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../electron/contract/contract';
import type { CheckInList, CheckInMethod, ScanResult } from '../../../electron/contract/entities';
import { ApiCallError, api } from '../api/client';
import { fullName } from '../format';
import { playFeedback } from '../scanner/feedback-sound';

/** How long a result stays before the desk returns to scanning by itself. */
const SHOW_MS = { admitted: 2500, already_checked_in: 5000, refused: 6000 } as const;
/** Admitted with a note to read (moved here from another walk, an old code): long enough to read it, and to undo. */
const NOTED_MS = 8000;

/**
 * Everything the front desk can do with a person, and the result on screen: the next scan may come at once and
 * replaces the result; otherwise it goes away by itself.
 */
export function useCheckInActions(list: CheckInList | null, direction: 'entry' | 'exit' = 'entry') {
  const { t } = useTranslation();
  const [result, setResult] = useState<ScanResult | null>(null);
  const [message, setMessage] = useState<{ color: 'red' | 'blue'; text: string } | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastMethod = useRef<CheckInMethod>('camera');

  const clearTimer = () => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = null;
  };
  useEffect(() => clearTimer, []);

  const dismiss = useCallback(() => {
    clearTimer();
    setResult(null);
  }, []);

  const show = useCallback((r: ScanResult) => {
    setMessage(null);
    setResult(r);
    // Admitted, with a note that the list has them as cancelled (waiting for approval): heard and shown as a warning.
    const tone = r.status === 'admitted' && r.cancellationWaiting ? 'already_checked_in' : r.status;
    playFeedback(tone);
    clearTimer();
    const noted = r.status === 'admitted' && (r.movedFrom !== undefined || r.formerCode !== undefined);
    hideTimer.current = setTimeout(() => setResult(null), noted ? NOTED_MS : SHOW_MS[tone]);
  }, []);

  const report = useCallback(
    (err: unknown) => setMessage({ color: 'red', text: err instanceof ApiCallError ? t(err.error.message, err.error.details) : t('errors.internal') }),
    [t],
  );

  const run = useCallback(
    async <T,>(call: () => Promise<T>): Promise<T | null> => {
      try {
        return await call();
      } catch (err) {
        report(err);
        return null;
      }
    },
    [report],
  );

  const scan = useCallback(
    async (code: string, method: CheckInMethod) => {
      if (!list) return;
      lastMethod.current = method;
      const r = await run(() => api('checkin.scan', { listId: list.id, code, method, direction: list.entryExit ? direction : undefined }));
      if (r) show(r);
    },
    [list, run, show, direction],
  );

  const admit = useCallback(
    async (registrationId: string, method: CheckInMethod, override = false, note?: string) => {
      if (!list) return;
      const r = await run(() => api('checkin.admit', { listId: list.id, registrationId, method, override, note, direction: list.entryExit ? direction : undefined }));
      if (r) show(r);
    },
    [list, run, show, direction],
  );

  const override = useCallback(
    (registrationId: string, note?: string) => admit(registrationId, lastMethod.current, true, note),
    [admit],
  );

  const undo = useCallback(
    async (checkInId: string, scope: 'frontDesk' | 'roster' = 'frontDesk') => {
      const r = await run(() => api('checkin.undo', { checkInId, scope }));
      if (!r) return;
      dismiss();
      setMessage({ color: 'blue', text: t('frontDesk.undone', { list: r.undone.listName }) });
    },
    [run, dismiss, t],
  );

  const walkIn = useCallback(
    async (v: Omit<MethodInput<'registrations.walkIn'>, 'listId'>) => {
      if (!list) return false;
      const r = await run(() => api('registrations.walkIn', { ...v, listId: list.id }));
      if (!r) return false;
      if (r.result) show(r.result);
      else setMessage({ color: 'blue', text: t('walkIn.created', { name: fullName(r.registration), code: r.registration.code }) });
      return true;
    },
    [list, run, show, t],
  );

  /** Keeps a result on screen while the operator decides (e.g. in a confirmation). */
  const hold = useCallback(() => clearTimer(), []);

  return { result, message, scan, admit, override, undo, walkIn, dismiss, hold, showResult: show, report };
}
