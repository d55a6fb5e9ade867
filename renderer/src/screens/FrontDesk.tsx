import { Alert, Button, Card, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../electron/contract/entities';
import { api, subscribe } from '../api/client';
import { CameraView } from '../components/CameraView';
import { RecentCheckIns } from '../components/RecentCheckIns';
import { ScanResultPanel } from '../components/ScanResultPanel';
import { SearchPanel } from '../components/SearchPanel';
import { WalkInForm } from '../components/WalkInForm';
import { formatCount, fullName } from '../format';
import { useKeyboardWedge } from '../scanner/use-keyboard-wedge';
import { useAsync } from '../use-async';
import { pickDefaultList } from './pick-default-list';
import { useCheckInActions } from './use-check-in-actions';

/** A code seen again within this time counts as still being held in view, not as a new scan. */
const STILL_IN_VIEW_MS = 1500;

export function FrontDesk({ event, locked, onLock }: { event: EventSummary; locked: boolean; onLock: () => void }) {
  const { t } = useTranslation();
  const lists = useAsync(() => api('lists.list', {}), []);
  const storageKey = `einlass.list.${event.id}`;
  const [listId, setListId] = useState<string | null>(() => localStorage.getItem(storageKey));
  const [version, setVersion] = useState(0);
  const [walkIn, setWalkIn] = useState<{ prefill: string; key: number } | null>(null);
  const [confirming, setConfirming] = useState<{ registrationId: string; note: string } | null>(null);
  const lastSeen = useRef<{ text: string; at: number } | null>(null);

  const allLists = lists.data?.lists ?? [];
  const list = allLists.find((l) => l.id === listId) ?? pickDefaultList(allLists, new Date());
  const [direction, setDirection] = useState<'entry' | 'exit'>('entry');
  const actions = useCheckInActions(list, direction);
  const { scan } = actions;
  const { reload } = lists;

  useEffect(
    () =>
      subscribe((m) => {
        if (m.type === 'checkin.recorded') {
          reload();
          setVersion((v) => v + 1);
        }
        // People (a list applied at the hub reaching this station, a periodic check, `einlass import`) and the
        // programme change what the counter counts ("9 / 210 eingecheckt"): it follows at once, not at the next
        // check-in (QA15 M1).
        if (m.type === 'sync.changed' || m.type === 'programme.changed') reload();
      }),
    [reload],
  );

  const onCameraCode = useCallback(
    (text: string) => {
      const now = performance.now();
      const prev = lastSeen.current;
      lastSeen.current = { text, at: now };
      if (prev && prev.text === text && now - prev.at < STILL_IN_VIEW_MS) return;
      void scan(text, 'camera');
    },
    [scan],
  );
  useKeyboardWedge(useCallback((text: string) => void scan(text, 'scanner'), [scan]), walkIn === null && confirming === null);

  if (lists.data && allLists.length === 0) return <Alert m="xl" color="yellow">{t('frontDesk.noLists')}</Alert>;
  const chooseList = (id: string) => {
    setListId(id);
    localStorage.setItem(storageKey, id);
  };
  const result = actions.result;

  return (
    <div style={{ position: 'absolute', inset: 0, display: 'flex', gap: 16, padding: 16 }}>
      <div style={{ flex: 3, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <CameraView onCode={onCameraCode} />
      </div>
      {/* Wide enough for the list, the lock button and "Nachmeldung (nicht angemeldet)" on one line each, down to
          the window's smallest width (1024 px); the camera picture takes the rest. */}
      <Stack style={{ flex: 2, minWidth: 460, maxWidth: 520, overflowY: 'auto' }} gap="sm">
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <Select
            size="lg" style={{ flex: 1 }} label={t('frontDesk.list')} placeholder={t('frontDesk.chooseList')}
            data={allLists.map((l) => ({ value: l.id, label: l.name }))} value={list?.id ?? null}
            onChange={(v) => v && chooseList(v)} allowDeselect={false} disabled={locked} comboboxProps={{ width: 'target' }}
            data-testid="list-select"
          />
          {!locked && (
            <Button size="lg" px="md" variant="default" leftSection={<IconLock size={18} />} onClick={onLock} data-testid="lock">
              {t('frontDesk.lock')}
            </Button>
          )}
        </Group>
        {list?.entryExit && (
          <SegmentedControl size="lg" fullWidth value={direction} onChange={(v) => setDirection(v as 'entry' | 'exit')} data-testid="direction"
            color={direction === 'exit' ? 'orange' : 'indigo'}
            data={[{ value: 'entry', label: t('frontDesk.directionEntry') }, { value: 'exit', label: t('frontDesk.directionExit') }]} />
        )}
        {list && (
          // Not squeezed by many search hits (a Card clips what does not fit): the column scrolls instead.
          <Card withBorder padding="sm" style={{ flexShrink: 0 }}>
            <Text fz={40} fw={800} lh={1.1} data-testid="list-counter" data-checked-in={list.checkedIn}>
              {formatCount(list.checkedIn)} <Text span fz={26} fw={500} c="dimmed">/ {formatCount(list.expected)}</Text>
            </Text>
            <Text size="md">{t('frontDesk.checkedInLabel')}</Text>
          </Card>
        )}
        {list && (
          <SearchPanel
            listId={list.id} version={version}
            onCheckIn={(hit) => void actions.admit(hit.id, 'search')}
            onCode={(code) => void scan(code, 'manual')}
            onWalkIn={(prefill) => setWalkIn({ prefill, key: Date.now() })}
          />
        )}
        {actions.message && <Alert color={actions.message.color} data-testid="front-desk-message">{actions.message.text}</Alert>}
        {list && <RecentCheckIns listId={list.id} version={version} timeZone={event.timezone} onUndo={(id) => void actions.undo(id)} />}
      </Stack>
      {result && (
        <ScanResultPanel
          result={result} listName={list?.name ?? ''} list={list} timeZone={event.timezone} onDismiss={actions.dismiss}
          onUndo={(id) => void actions.undo(id)}
          onOverride={(registrationId, confirm) => {
            if (!confirm) return void actions.override(registrationId);
            actions.hold();
            setConfirming({ registrationId, note: '' });
          }}
        />
      )}
      {walkIn && list && (
        <WalkInForm
          key={walkIn.key} opened prefill={walkIn.prefill} listName={list.name} busy={false}
          onClose={() => setWalkIn(null)}
          onSubmit={(v) => void actions.walkIn(v).then((ok) => ok && setWalkIn(null))}
        />
      )}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} centered size="lg"
        title={<Text fw={700} size="xl">{t('override.title')}</Text>}>
        {confirming && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void actions.override(confirming.registrationId, confirming.note.trim() || undefined);
              setConfirming(null);
            }}
          >
            <Stack>
              <Text size="lg">
                {t('override.question', { name: result?.registration ? fullName(result.registration) : '' })}
              </Text>
              <TextInput size="md" label={t('override.note')} placeholder={t('override.notePlaceholder')} value={confirming.note}
                onChange={(e) => setConfirming({ ...confirming, note: e.currentTarget.value })} data-autofocus data-testid="override-note" />
              <Group justify="flex-end">
                <Button variant="default" size="md" onClick={() => setConfirming(null)}>{t('create.cancel')}</Button>
                <Button type="submit" size="md" color="red" data-testid="override-confirm">{t('override.confirm')}</Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </div>
  );
}
