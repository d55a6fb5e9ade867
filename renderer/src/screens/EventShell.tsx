import { ActionIcon, AppShell, Button, Group, Indicator, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDotsVertical, IconLanguage, IconLockOpen, IconX } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary, Station } from '../../../electron/contract/entities';
import { api, subscribe } from '../api/client';
import { PinDialog } from '../components/PinDialog';
import { useLeaveGuardHost } from '../components/leave-guard';
import { setLanguage } from '../i18n';
import { useAsync } from '../use-async';
import { useFrontDeskLock } from './use-front-desk-lock';
import { FrontDesk } from './FrontDesk';
import { NAV_ITEMS } from './navigation';
import { StationStatusBadge } from './stations/StationStatusBadge';

export function EventShell({ event, station, onChanged }: { event: EventSummary; station: Station; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState('frontDesk');
  // Clicking the open screen's entry again starts it afresh (back from a person's page to the list).
  const [visit, setVisit] = useState(0);
  // A screen with work the organiser would lose (a dry run not applied) is left only after asking.
  const guard = useLeaveGuardHost();
  const open = (id: string) => guard.leave(() => {
    if (id === view) setVisit((v) => v + 1);
    else setView(id);
  });
  const lock = useFrontDeskLock();
  const syncAttention = useSyncAttention();
  const current = NAV_ITEMS.find((n) => n.id === view) ?? NAV_ITEMS[0]!;

  return (
    // The rail is as wide as its longest label in bold ("Veranstaltung": 112 px in DejaVu Sans, the widest of the
    // usual system fonts), the button's and the rail's padding and its border: at 116 px the label of the open
    // screen ran over its highlight.
    <AppShell header={{ height: 60 }} navbar={lock.locked ? undefined : { width: 136, breakpoint: 0 }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Text fw={800} size="xl" c="indigo" style={{ flexShrink: 0 }}>{t('app.name')}</Text>
            <Text fw={600} size="lg" truncate title={event.name} style={{ minWidth: 0 }}>{event.name}</Text>
          </Group>
          {lock.locked && (
            <Button variant="default" leftSection={<IconLockOpen size={18} />} onClick={lock.askUnlock} data-testid="unlock">
              {t('frontDesk.unlock')}
            </Button>
          )}
          <Group gap="xs" wrap="nowrap" justify="flex-end" style={{ minWidth: 0, flex: 1 }}>
            <StationStatusBadge />
            {/* The name is what tells the laptops apart: kept whole (up to a long name), the connection badge gives way. */}
            <Text size="sm" c="dimmed" truncate style={{ flexShrink: 0, maxWidth: 260 }} data-testid="station-name">{t('app.station')}: {station.name}</Text>
            {!lock.locked && <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('nav.more')}>
                  <IconDotsVertical />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('nav.language')}</Menu.Label>
                <Menu.Item leftSection={<IconLanguage size={16} />} disabled={i18n.language === 'de'} onClick={() => setLanguage('de')}>Deutsch</Menu.Item>
                <Menu.Item leftSection={<IconLanguage size={16} />} disabled={i18n.language === 'en'} onClick={() => setLanguage('en')}>English</Menu.Item>
                <Menu.Divider />
                <Menu.Item leftSection={<IconX size={16} />} onClick={() => guard.leave(() => void api('event.close', {}).then(onChanged), 'close')}>
                  {t('nav.closeEvent')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>}
          </Group>
        </Group>
      </AppShell.Header>
      {!lock.locked && (
      <AppShell.Navbar p={6}>
        <Stack gap={4}>
          {NAV_ITEMS.map((item) => {
            const active = item.id === current.id;
            return (
              <UnstyledButton key={item.id} onClick={() => open(item.id)} data-testid={`nav-${item.id}`} aria-current={active ? 'page' : undefined}
                style={{ borderRadius: 8, padding: '8px 4px', textAlign: 'center', background: active ? 'var(--mantine-color-indigo-0)' : undefined, color: active ? 'var(--mantine-color-indigo-8)' : 'var(--mantine-color-gray-8)' }}>
                <Indicator inline disabled={!(item.id === 'sync' && syncAttention)} color="orange" size={12} offset={4} withBorder
                  aria-label={item.id === 'sync' && syncAttention ? t('sync.check.attention') : undefined} data-testid={item.id === 'sync' && syncAttention ? 'nav-sync-attention' : undefined}>
                  <item.icon size={26} stroke={1.7} />
                </Indicator>
                <Text size="xs" fw={active ? 700 : 500} lh={1.2}>{t(item.label)}</Text>
              </UnstyledButton>
            );
          })}
        </Stack>
      </AppShell.Navbar>
      )}
      <AppShell.Main style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>
          {current.id === 'frontDesk' || lock.locked ? (
            <FrontDesk event={event} locked={lock.locked} onLock={lock.requestLock} />
          ) : (
            <Fragment key={visit}>{guard.provider(current.render({ event, station, onChanged }))}</Fragment>
          )}
        </div>
      </AppShell.Main>
      {guard.dialog}
      {lock.dialog && <PinDialog mode={lock.dialog} error={lock.error} onSubmit={lock.submitPin} onClose={lock.closeDialog} />}
    </AppShell>
  );
}

/**
 * Whether a registration list needs the organiser (a re-fetched list waits for approval, has errors, or could not be
 * fetched): said on "Anmeldeliste" in the navigation, so it is seen from every screen, not only that one.
 */
function useSyncAttention(): boolean {
  const sources = useAsync(() => api('sync.sources', {}), []);
  const { reload } = sources;
  useEffect(() => subscribe((m) => (m.type === 'sync.changed' || m.type === 'event.changed') && reload()), [reload]);
  return (sources.data?.sources ?? []).some((s) => s.check !== null && ['pending', 'blocked', 'error'].includes(s.check.outcome));
}
