import { ActionIcon, AppShell, Button, Group, Menu, SegmentedControl, Text } from '@mantine/core';
import { IconDoorEnter, IconDotsVertical, IconInfoCircle, IconLanguage, IconLockOpen, IconUsers, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary, Station } from '../../../electron/contract/entities';
import { api } from '../api/client';
import { PinDialog } from '../components/PinDialog';
import { setLanguage } from '../i18n';
import { useFrontDeskLock } from './use-front-desk-lock';
import { EventOverview } from './EventOverview';
import { FrontDesk } from './FrontDesk';
import { People } from './People';

type View = 'frontDesk' | 'people' | 'event';

export function EventShell({ event, station, onChanged }: { event: EventSummary; station: Station; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('frontDesk');
  const lock = useFrontDeskLock();
  const icon = { frontDesk: IconDoorEnter, people: IconUsers, event: IconInfoCircle };

  return (
    <AppShell header={{ height: 60 }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <Text fw={800} size="xl" c="indigo" style={{ flexShrink: 0 }}>{t('app.name')}</Text>
            <Text fw={600} size="lg" truncate title={event.name} style={{ minWidth: 0 }}>{event.name}</Text>
          </Group>
          {lock.locked ? (
            <Button variant="default" leftSection={<IconLockOpen size={18} />} onClick={lock.askUnlock} data-testid="unlock">
              {t('frontDesk.unlock')}
            </Button>
          ) : (
          <SegmentedControl
            size="md"
            style={{ flexShrink: 0 }}
            value={view}
            onChange={(v) => setView(v as View)}
            data={(['frontDesk', 'people', 'event'] as const).map((v) => {
              const Icon = icon[v];
              return {
                value: v,
                label: (
                  <Group gap={6} wrap="nowrap">
                    <Icon size={18} />
                    <span>{t(`nav.${v}`)}</span>
                  </Group>
                ),
              };
            })}
          />
          )}
          <Group gap="xs" wrap="nowrap" justify="flex-end" style={{ minWidth: 0, flex: 1 }}>
            <Text size="sm" c="dimmed" truncate>{t('app.station')}: {station.name}</Text>
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
                <Menu.Item leftSection={<IconX size={16} />} onClick={() => void api('event.close', {}).then(onChanged)}>
                  {t('nav.closeEvent')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>
          {(view === 'frontDesk' || lock.locked) && <FrontDesk event={event} locked={lock.locked} onLock={lock.requestLock} />}
          {!lock.locked && view === 'people' && <People event={event} />}
          {!lock.locked && view === 'event' && <EventOverview event={event} station={station} onChanged={onChanged} />}
        </div>
      </AppShell.Main>
      {lock.dialog && <PinDialog mode={lock.dialog} error={lock.error} onSubmit={lock.submitPin} onClose={lock.closeDialog} />}
    </AppShell>
  );
}
