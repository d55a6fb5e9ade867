import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

const LOCK_KEY = 'einlass.locked';

/**
 * Front-desk mode: full screen, only the front desk, no way to the admin functions without the PIN. The first lock
 * asks for a PIN to set. A reload keeps the lock. This is a lock of the screen, not of the station's API.
 */
export function useFrontDeskLock() {
  const { t } = useTranslation();
  const [locked, setLocked] = useState(() => sessionStorage.getItem(LOCK_KEY) === '1');
  const [dialog, setDialog] = useState<'set' | 'unlock' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const apply = (value: boolean) => {
    setLocked(value);
    if (value) {
      sessionStorage.setItem(LOCK_KEY, '1');
      void document.documentElement.requestFullscreen?.().catch(() => undefined);
    } else {
      sessionStorage.removeItem(LOCK_KEY);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    }
  };

  const requestLock = useCallback(() => {
    setError(null);
    void api('event.settings', {}).then((s) => (s.hasPin ? apply(true) : setDialog('set')));
  }, []);

  const askUnlock = useCallback(() => {
    setError(null);
    setDialog('unlock');
  }, []);

  const submitPin = (pin: string) => {
    if (dialog === 'set') {
      void api('event.updateSettings', { pin }).then(() => {
        setDialog(null);
        apply(true);
      });
    } else {
      void api('frontDesk.unlock', { pin }).then(({ unlocked }) => {
        if (!unlocked) return setError(t('pin.wrong'));
        setDialog(null);
        apply(false);
      });
    }
  };

  return { locked, dialog, error, requestLock, askUnlock, submitPin, closeDialog: () => setDialog(null) };
}
