import { AppShell, Button, Group, SegmentedControl, Text } from '@mantine/core';
import { IconDoorEnter, IconInfoCircle, IconUsers, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary, Station } from '../../../electron/contract/entities';
import { api } from '../api/client';
import { setLanguage } from '../i18n';
import { EventOverview } from './EventOverview';
import { FrontDesk } from './FrontDesk';
import { People } from './People';

type View = 'frontDesk' | 'people' | 'event';

export function EventShell({ event, station, onChanged }: { event: EventSummary; station: Station; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('frontDesk');
  const icon = { frontDesk: IconDoorEnter, people: IconUsers, event: IconInfoCircle };

  return (
    <AppShell header={{ height: 60 }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={800} size="xl" c="indigo">{t('app.name')}</Text>
            <Text fw={600} size="lg" truncate maw={360} title={event.name}>{event.name}</Text>
          </Group>
          <SegmentedControl
            size="md"
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
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" truncate maw={180}>{t('app.station')}: {station.name}</Text>
            <SegmentedControl size="xs" value={i18n.language} onChange={(v) => setLanguage(v as 'de' | 'en')}
              data={[{ value: 'de', label: 'DE' }, { value: 'en', label: 'EN' }]} />
            <Button variant="subtle" color="gray" size="sm" leftSection={<IconX size={16} />}
              onClick={() => void api('event.close', {}).then(onChanged)}>
              {t('nav.closeEvent')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
        <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>
          {view === 'frontDesk' && <FrontDesk event={event} />}
          {view === 'people' && <People event={event} />}
          {view === 'event' && <EventOverview event={event} station={station} onChanged={onChanged} />}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
