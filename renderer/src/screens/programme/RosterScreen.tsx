import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPrinter, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../../electron/contract/entities';
import type { RosterEntry } from '../../../../electron/contract/programme-methods';
import { api, subscribe } from '../../api/client';
import { CameraView } from '../../components/CameraView';
import { ScanResultPanel } from '../../components/ScanResultPanel';
import { SearchPanel } from '../../components/SearchPanel';
import { WalkInForm } from '../../components/WalkInForm';
import { fullName } from '../../format';
import { useKeyboardWedge } from '../../scanner/use-keyboard-wedge';
import { useAsync } from '../../use-async';
import { downloadStored } from '../reports/download';
import { useCheckInActions } from '../use-check-in-actions';
import { RosterCard } from './RosterCard';
import { placesLeft, RosterCounter } from './RosterCounter';

const LIST_KEY = 'einlass.roster';
/**
 * Cards drawn at a time: a walk or a workshop fits, and a plenary of thousands does not freeze the screen (25 000
 * cards at once froze it for 14 s, and every tap redrew them all); the rest on "Weitere anzeigen", or by name.
 */
const CARDS = 300;
/** From this many people on, the roster can be narrowed by name. */
const FILTER_FROM = 40;

/** Lower case, without accents, ß as ss: "Jürgen" is found as "jurgen" and "Jürgen". */
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();

/**
 * Walk guide and session host mode: the roster of one walk or session with big tap targets, scanning (camera or
 * hardware scanner), people joining on the spot and walk-ins. Everything is stored on this laptop at once, so it
 * works with no network at all.
 */
export function RosterScreen({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const lists = useAsync(() => api('lists.list', {}), []);
  const choices = (lists.data?.lists ?? []).filter((l) => l.kind !== 'entrance');
  const [listId, setListId] = useState<string | null>(() => localStorage.getItem(LIST_KEY));
  const list = choices.find((l) => l.id === listId) ?? choices[0] ?? null;
  const [version, setVersion] = useState(0);
  const roster = useAsync(() => (list ? api('programme.roster', { listId: list.id }) : Promise.resolve(null)), [list?.id, version]);
  const actions = useCheckInActions(roster.data?.list ?? list);
  const [camera, setCamera] = useState(false);
  const [undoing, setUndoing] = useState<RosterEntry | null>(null);
  const [adding, setAdding] = useState(false);
  const [walkIn, setWalkIn] = useState<{ prefill: string; key: number } | null>(null);
  const [filter, setFilter] = useState('');
  const [cards, setCards] = useState(CARDS);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => subscribe((m) => (m.type === 'checkin.recorded' || m.type === 'programme.changed') && refresh()), [refresh]);
  useKeyboardWedge(useCallback((code: string) => void actions.scan(code, 'scanner'), [actions]), !adding && !walkIn && !undoing);

  const everyone = useMemo(() => roster.data?.people ?? [], [roster.data]);
  // Folded once per roster, not at every key typed into the filter (thousands of people).
  const names = useMemo(() => everyone.map((p) => folded(`${p.firstName} ${p.lastName} ${p.organisation ?? ''}`)), [everyone]);
  const words = folded(filter).split(/\s+/).filter(Boolean);
  const people = words.length === 0 ? everyone : everyone.filter((_, i) => words.every((w) => names[i]!.includes(w)));
  const current = roster.data?.list ?? null;
  // Booked (with the registration, or moved here beforehand) and not here yet; joiners whose check-in was undone are
  // no booking.
  const missing = useMemo(() => everyone.filter((p) => p.origin !== null && !p.joinedOnSite && !p.present && p.status === 'registered').length, [everyone]);
  const left = current ? placesLeft(current) : null;
  return (
    <div style={{ position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column', padding: 16, gap: 12 }}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Select size="lg" style={{ flex: 1, maxWidth: 760 }} label={t('roster.list')} allowDeselect={false}
          data={(['walk', 'session'] as const).map((kind) => ({
            group: t(`roster.group.${kind}`),
            items: choices.filter((l) => l.kind === kind).map((l) => ({ value: l.id, label: l.name })),
          })).filter((g) => g.items.length > 0)} value={list?.id ?? null}
          onChange={(v) => {
            if (!v) return;
            setListId(v);
            localStorage.setItem(LIST_KEY, v);
            // Another list starts at its top, unfiltered.
            setFilter('');
            setCards(CARDS);
          }} data-testid="roster-list" />
        {current && <RosterCounter list={current} missing={missing} />}
      </Group>
      {!list && lists.data && <Alert color="yellow">{t('roster.noLists')}</Alert>}
      {list && (
        <Group gap="sm">
          <Button size="md" leftSection={<IconUserPlus size={20} />} variant="light" onClick={() => setAdding(true)} data-testid="roster-add">
            {t('roster.add')}
          </Button>
          <Button size="md" leftSection={<IconPrinter size={20} />} variant="default" data-testid="roster-print"
            onClick={() => void api('programme.rosterPdf', { listId: list.id }).then(downloadStored).catch(actions.report)}>
            {t('roster.print')}
          </Button>
          <Switch size="md" label={t('roster.camera')} checked={camera} onChange={(e) => setCamera(e.currentTarget.checked)} />
          {everyone.length >= FILTER_FROM && (
            <TextInput size="md" w={280} placeholder={t('roster.filter')} aria-label={t('roster.filter')} value={filter}
              leftSection={<IconSearch size={18} />} onChange={(e) => { setFilter(e.currentTarget.value); setCards(CARDS); }} data-testid="roster-filter" />
          )}
          {actions.message && <Alert color={actions.message.color} py={6} data-testid="roster-message">{actions.message.text}</Alert>}
        </Group>
      )}
      <div style={{ flex: 1, minHeight: 0, display: 'flex', gap: 16 }}>
        {camera && (
          <div style={{ width: 360, display: 'flex', flexDirection: 'column' }}>
            <CameraView onCode={(code) => void actions.scan(code, 'camera')} />
          </div>
        )}
        {/* Keyed by the list: another list opens at its top, not scrolled to where the last one was. */}
        <div key={list?.id ?? ''} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: camera ? 2 : 3 }} spacing="sm" data-testid="roster">
            {people.slice(0, cards).map((p) => (
              <RosterCard key={p.id} person={p} timeZone={event.timezone}
                onTap={() => (p.present ? setUndoing(p) : void actions.admit(p.id, 'manual'))} />
            ))}
          </SimpleGrid>
          {people.length > cards && (
            <Group mt="sm" gap="md">
              <Button variant="light" size="md" onClick={() => setCards((n) => n + CARDS)} data-testid="roster-more">{t('people.more')}</Button>
              <Text c="dimmed" data-testid="roster-shown">{t('roster.shown', { shown: cards, total: people.length })}</Text>
            </Group>
          )}
          {roster.data && everyone.length > 0 && people.length === 0 && <Text c="dimmed" mt="md">{t('people.noResults')}</Text>}
          {/* Open to everyone, nobody is registered for it: whoever comes is checked in here and shown. */}
          {roster.data && everyone.length === 0 && (
            <Text c="dimmed" mt="md" data-testid="roster-empty">{t(current?.admission === 'all' ? 'roster.emptyOpen' : 'roster.empty')}</Text>
          )}
        </div>
      </div>
      {actions.result && (
        <ScanResultPanel result={actions.result} listName={current?.name ?? ''} timeZone={event.timezone} onDismiss={actions.dismiss}
          onUndo={(id) => void actions.undo(id, 'roster')} onOverride={(id) => void actions.override(id)} list={current} />
      )}
      <Modal opened={undoing !== null} onClose={() => setUndoing(null)} centered title={<Text fw={700} size="xl">{t('roster.undoTitle')}</Text>}>
        {undoing && (
          <Stack>
            <Text size="lg">{t('roster.undoQuestion', { name: fullName(undoing) })}</Text>
            {/* Moved here from their own walk with this check-in: that goes back with it (takeBackJoin). */}
            {undoing.movedFrom && <Text size="lg" fw={600} data-testid="roster-undo-moved-back">{t('roster.undoMovedBack', { list: undoing.movedFrom })}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setUndoing(null)}>{t('create.cancel')}</Button>
              <Button color="red" data-testid="roster-undo-confirm"
                onClick={() => { if (undoing.checkInId) void actions.undo(undoing.checkInId, 'roster'); setUndoing(null); }}>
                {t('roster.undoConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={adding} onClose={() => setAdding(false)} size="lg" centered title={<Text fw={700} size="xl">{t('roster.addTitle')}</Text>}>
        {list && (
          <Stack>
            <Text c="dimmed">{t('roster.addHint', { list: list.name })}</Text>
            {left !== null && left > 0 && missing >= left && (
              <Alert color="orange" data-testid="roster-reserved">{t('roster.reserved', { count: missing, left })}</Alert>
            )}
            <SearchPanel listId={list.id} version={version}
              onCheckIn={(hit) => {
                setAdding(false);
                void api('programme.join', { listId: list.id, registrationId: hit.id }).then((r) => actions.showResult(r), actions.report);
              }}
              onCode={(code) => { setAdding(false); void actions.scan(code, 'manual'); }}
              onWalkIn={(prefill) => { setAdding(false); setWalkIn({ prefill, key: Date.now() }); }} />
          </Stack>
        )}
      </Modal>
      {walkIn && list && (
        <WalkInForm key={walkIn.key} opened prefill={walkIn.prefill} listName={list.name} busy={false} onClose={() => setWalkIn(null)}
          onSubmit={(v) => void actions.walkIn(v).then((ok) => ok && setWalkIn(null))} />
      )}
    </div>
  );
}
