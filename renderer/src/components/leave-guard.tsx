import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a screen would lose if it were left now, said in the question before it is (i18n keys). */
export interface UnsavedWork {
  title: string;
  text: string;
  /** Interpolation values of both. */
  values?: Record<string, string | number>;
}

interface Guard {
  /** Set by the screen with work the organiser would lose; null when there is none. */
  set: (work: UnsavedWork | null) => void;
}

const GuardContext = createContext<Guard>({ set: () => undefined });

/**
 * Says the event shell that leaving this screen now loses work (a dry run not yet applied): the shell asks first. The
 * screen stays free to drop its work itself when it is left all the same (its unmount).
 */
export function useLeaveGuard(work: UnsavedWork | null): void {
  const { set } = useContext(GuardContext);
  const key = work ? JSON.stringify(work) : null;
  useEffect(() => {
    set(key ? (JSON.parse(key) as UnsavedWork) : null);
  }, [key, set]);
  useEffect(() => () => set(null), [set]);
}

/**
 * The event shell's side: `leave(go)` runs `go` at once when no screen holds unsaved work, and otherwise after the
 * organiser said so in a dialog („Verwerfen und wechseln“; „Hier bleiben“ is the default and what Esc does).
 */
export function useLeaveGuardHost(): { provider: (children: ReactNode) => ReactNode; leave: (go: () => void, how?: 'close') => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const work = useRef<UnsavedWork | null>(null);
  /** `how`: "close" when the event is closed rather than another screen opened (said so in the question). */
  const [asking, setAsking] = useState<{ work: UnsavedWork; go: () => void; how?: 'close' } | null>(null);
  const set = useCallback((w: UnsavedWork | null) => { work.current = w; }, []);
  const [guard] = useState<Guard>(() => ({ set }));
  const leave = useCallback((go: () => void, how?: 'close') => {
    if (work.current) setAsking({ work: work.current, go, how });
    else go();
  }, []);
  const provider = (children: ReactNode) => <GuardContext.Provider value={guard}>{children}</GuardContext.Provider>;
  const dialog = asking && (
    <Modal opened onClose={() => setAsking(null)} centered size="lg" data-testid="leave-dialog"
      title={<Text fw={700} size="xl">{t(asking.work.title, asking.work.values)}</Text>}>
      <Stack gap="lg">
        <Text size="lg">{t(asking.work.text, { ...asking.work.values, context: asking.how })}</Text>
        <Group justify="flex-end">
          <Button variant="default" size="md" color="red" onClick={() => { const { go } = asking; setAsking(null); work.current = null; go(); }} data-testid="leave-discard">
            {t('leave.discard', { context: asking.how })}
          </Button>
          <Button size="md" onClick={() => setAsking(null)} data-autofocus data-testid="leave-stay">{t('leave.stay')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { provider, leave, dialog };
}
