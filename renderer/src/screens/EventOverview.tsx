import { Button, Card, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import type { EventSummary, Station } from '../../../electron/contract/entities';
import { api } from '../api/client';
import { EventSettingsCard } from '../components/EventSettingsCard';
import { formatCount, formatDate, formatDateRange } from '../format';
import { useAsync } from '../use-async';

export function EventOverview({ event, station, onChanged }: { event: EventSummary; station: Station; onChanged: () => void }) {
  const { t } = useTranslation();
  const lists = useAsync(() => api('lists.list', {}), []);
  const [name, setName] = useState(station.name);

  return (
    <Page gap="md">
      <Card withBorder padding="lg">
        <Title order={2}>{event.name}</Title>
        <Text size="lg">{[event.place, formatDateRange(event.startsOn, event.endsOn)].filter(Boolean).join(' · ')}</Text>
        {event.organiser && <Text c="dimmed">{event.organiser}</Text>}
        <Text size="sm" c="dimmed" mt="xs">{t('event.file')}: {event.fileName}</Text>
      </Card>
      <Card withBorder padding="lg">
        <form onSubmit={(e) => { e.preventDefault(); if (name.trim()) void api('station.rename', { name: name.trim() }).then(onChanged); }}>
          <Group align="flex-end">
            <TextInput size="md" label={t('event.stationName')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} />
            <Button type="submit" size="md" variant="light">{t('event.rename')}</Button>
          </Group>
        </form>
      </Card>
      <EventSettingsCard />
      <Title order={3}>{t('event.lists')}</Title>
      <Table fz="md" verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('event.lists')}</Table.Th>
            <Table.Th>{t('event.dates')}</Table.Th>
            <Table.Th>{t('event.host')}</Table.Th>
            <Table.Th ta="right">{t('event.capacity')}</Table.Th>
            <Table.Th ta="right">{t('result.admitted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.data?.lists.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                <Text fw={600}>{l.name}</Text>
                <Text size="sm" c={l.kind === 'walk' ? 'grape.8' : l.kind === 'entrance' ? 'indigo.8' : 'teal.8'}>
                  {t(`event.kind.${l.kind}`)}
                  {l.location && <Text span c="dimmed">{` · ${l.location}`}</Text>}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {l.day ? formatDate(l.day) : ''} {l.startsAt ? t('format.timeRange', { from: l.startsAt, to: l.endsAt ?? '' }) : ''}
              </Table.Td>
              <Table.Td>{l.host}</Table.Td>
              <Table.Td ta="right">{l.capacity ?? '–'}</Table.Td>
              <Table.Td ta="right">{formatCount(l.checkedIn)} / {formatCount(l.expected)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Page>
  );
}
