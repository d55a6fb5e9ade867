import { ActionIcon, Card, Group, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatTime } from '../format';
import { useAsync } from '../use-async';

const UNDO_WINDOW_MS = 15 * 60 * 1000;

/** The last check-ins on this list, newest first; refreshed whenever any station records one. */
export function RecentCheckIns(props: { listId: string; version: number; timeZone: string; onUndo: (checkInId: string) => void }) {
  const { t } = useTranslation();
  const recent = useAsync(() => api('checkin.recent', { listId: props.listId, limit: 8 }), [props.listId, props.version]);
  const records = recent.data?.records ?? [];
  // The undo button's 15 minutes are judged at the time the list was loaded (it reloads with every check-in).
  const loadedAt = recent.loadedAt;
  return (
    <Card withBorder padding="sm" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <Title order={4} mb="xs">{t('frontDesk.recent')}</Title>
      {records.length === 0 && <Text c="dimmed">{t('frontDesk.noRecent')}</Text>}
      <ScrollArea style={{ flex: 1 }}>
        <Stack gap={6} data-testid="recent-check-ins">
          {records.map((r) => {
            const undoable = r.own && !r.undone && r.type === 'entry' && loadedAt - new Date(r.scannedAt).getTime() < UNDO_WINDOW_MS;
            return (
              <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs" data-undone={r.undone}>
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} truncate td={r.undone ? 'line-through' : undefined} c={r.undone ? 'dimmed' : undefined}>{r.name}</Text>
                  {r.organisation && <Text size="sm" c="dimmed" truncate>{r.organisation}</Text>}
                </div>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('format.clock', { time: formatTime(r.scannedAt, props.timeZone) })}
                    {r.undone ? ` · ${t('checkInType.undo')}` : r.type !== 'entry' ? ` · ${t(`checkInType.${r.type}`)}` : ''}
                  </Text>
                  {undoable && (
                    <Tooltip label={t('result.undo')}>
                      <ActionIcon variant="subtle" color="gray" aria-label={`${t('result.undo')}: ${r.name}`} onClick={() => props.onUndo(r.id)}>
                        <IconArrowBackUp size={18} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Group>
            );
          })}
        </Stack>
      </ScrollArea>
    </Card>
  );
}
