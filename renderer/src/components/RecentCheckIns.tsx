import { Card, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatTime } from '../format';
import { useAsync } from '../use-async';

/** The last check-ins on this list, newest first; refreshed whenever any station records one. */
export function RecentCheckIns({ listId, version, timeZone }: { listId: string; version: number; timeZone: string }) {
  const { t } = useTranslation();
  const recent = useAsync(() => api('checkin.recent', { listId, limit: 8 }), [listId, version]);
  const records = recent.data?.records ?? [];
  return (
    <Card withBorder padding="sm" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <Title order={4} mb="xs">{t('frontDesk.recent')}</Title>
      {records.length === 0 && <Text c="dimmed">{t('frontDesk.noRecent')}</Text>}
      <ScrollArea style={{ flex: 1 }}>
        <Stack gap={6}>
          {records.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} truncate td={r.type === 'undo' ? 'line-through' : undefined}>{r.name}</Text>
                {r.organisation && <Text size="sm" c="dimmed" truncate>{r.organisation}</Text>}
              </div>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('format.clock', { time: formatTime(r.scannedAt, timeZone) })}{r.type !== 'entry' ? ` · ${t(`checkInType.${r.type}`)}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      </ScrollArea>
    </Card>
  );
}
