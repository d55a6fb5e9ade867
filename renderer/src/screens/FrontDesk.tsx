import { Alert, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInMethod, EventSummary, ScanResult } from '../../../electron/contract/entities';
import { ApiCallError, api, subscribe } from '../api/client';
import { ScanResultPanel } from '../components/ScanResultPanel';
import { RecentCheckIns } from '../components/RecentCheckIns';
import { CameraView } from '../components/CameraView';
import { playFeedback } from '../scanner/feedback-sound';
import { useAsync } from '../use-async';
import { pickDefaultList } from './pick-default-list';

/** How long a result stays before the desk returns to scanning by itself. */
const SHOW_MS = { admitted: 2500, already_checked_in: 5000, refused: 6000 } as const;
/** A code seen again within this time counts as still being held in view, not as a new scan. */
const STILL_IN_VIEW_MS = 1500;

export function FrontDesk({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const lists = useAsync(() => api('lists.list', {}), []);
  const storageKey = `einlass.list.${event.id}`;
  const [listId, setListId] = useState<string | null>(() => localStorage.getItem(storageKey));
  const [result, setResult] = useState<ScanResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [recentVersion, setRecentVersion] = useState(0);
  const lastSeen = useRef<{ text: string; at: number } | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const allLists = lists.data?.lists ?? [];
  const list = allLists.find((l) => l.id === listId) ?? pickDefaultList(allLists, new Date());
  const chooseList = (id: string) => {
    setListId(id);
    localStorage.setItem(storageKey, id);
  };

  const { reload } = lists;
  useEffect(
    () =>
      subscribe((m) => {
        if (m.type === 'checkin.recorded') {
          reload();
          setRecentVersion((v) => v + 1);
        }
      }),
    [reload],
  );

  const dismiss = useCallback(() => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
    setResult(null);
  }, []);

  const submit = useCallback(
    async (code: string, method: CheckInMethod) => {
      if (!list) return;
      try {
        const r = await api('checkin.scan', { listId: list.id, code, method });
        setError(null);
        setResult(r);
        playFeedback(r.status);
        if (hideTimer.current) clearTimeout(hideTimer.current);
        hideTimer.current = setTimeout(() => setResult(null), SHOW_MS[r.status]);
      } catch (err) {
        setError(err instanceof ApiCallError ? t(err.error.message, err.error.details) : t('errors.internal'));
      }
    },
    [list, t],
  );

  const onCode = useCallback(
    (text: string) => {
      const now = performance.now();
      const prev = lastSeen.current;
      lastSeen.current = { text, at: now };
      if (prev && prev.text === text && now - prev.at < STILL_IN_VIEW_MS) return;
      void submit(text, 'camera');
    },
    [submit],
  );

  useEffect(() => () => {
    if (hideTimer.current) clearTimeout(hideTimer.current);
  }, []);

  if (lists.data && allLists.length === 0) return <Alert m="xl" color="yellow">{t('frontDesk.noLists')}</Alert>;

  return (
    <div style={{ position: 'absolute', inset: 0, display: 'flex', gap: 16, padding: 16 }}>
      <div style={{ flex: 3, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <CameraView onCode={onCode} />
      </div>
      <Stack style={{ flex: 2, minWidth: 280, maxWidth: 520 }} gap="md">
        <Select
          size="lg"
          label={t('frontDesk.list')}
          placeholder={t('frontDesk.chooseList')}
          data={allLists.map((l) => ({ value: l.id, label: l.name }))}
          value={list?.id ?? null}
          onChange={(v) => v && chooseList(v)}
          allowDeselect={false}
          comboboxProps={{ width: 'target' }}
          data-testid="list-select"
        />
        {list && (
          <Card withBorder padding="md">
            <Text fz={44} fw={800} lh={1.1} data-testid="list-counter" data-checked-in={list.checkedIn}>
              {list.checkedIn} <Text span fz={28} fw={500} c="dimmed">/ {list.expected}</Text>
            </Text>
            <Text size="lg">{t('frontDesk.checkedInLabel')}</Text>
          </Card>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim() === '') return;
            void submit(typed, 'manual');
            setTyped('');
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <TextInput size="lg" style={{ flex: 1 }} label={t('frontDesk.codeInput')} value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="off" spellCheck={false} data-testid="code-input" />
            <Button size="lg" type="submit" disabled={!list}>{t('frontDesk.codeSubmit')}</Button>
          </Group>
        </form>
        {error && <Alert color="red">{error}</Alert>}
        {list && <RecentCheckIns listId={list.id} version={recentVersion} timeZone={event.timezone} />}
      </Stack>
      {result && (
        <ScanResultPanel result={result} listName={list?.name ?? ''} timeZone={event.timezone} onDismiss={dismiss} />
      )}
    </div>
  );
}
