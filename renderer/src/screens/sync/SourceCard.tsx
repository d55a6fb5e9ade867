import { Badge, Button, Card, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconFile, IconRefresh, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncSourceView } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { formatDate, formatTime } from '../../format';

/** A source: where the list comes from, the last sync, and for URLs the periodic check and "Jetzt aktualisieren". */
export function SourceCard(props: {
  source: SyncSourceView;
  timezone: string;
  onRefresh: () => void;
  onReview: (planId: string) => void;
  onLoadFile: () => void;
}) {
  const { t } = useTranslation();
  const { source: s, timezone } = props;
  const [minutes, setMinutes] = useState<number | ''>(s.intervalMinutes ?? '');
  const when = (iso: string) => `${formatDate(iso, timezone)} ${t('format.clock', { time: formatTime(iso, timezone) })}`;
  const check = s.check;
  return (
    <Card withBorder padding="md" data-testid="sync-source">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            {s.kind === 'url' ? <IconWorld size={22} /> : <IconFile size={22} />}
            <Text fw={700} size="lg" truncate>{s.label}</Text>
            {s.hasAuth && <Badge variant="light" color="gray">{t('sync.source.withToken')}</Badge>}
          </Group>
          {s.kind === 'url' ? (
            <Button leftSection={<IconRefresh size={18} />} onClick={props.onRefresh} data-testid="sync-refresh">{t('sync.source.refresh')}</Button>
          ) : (
            <Button variant="light" onClick={props.onLoadFile}>{t('sync.source.loadFile')}</Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" truncate>{s.location}</Text>
        <Text size="sm">
          {s.lastRun ? t('sync.source.lastRun', { when: when(s.lastRun.finishedAt) }) : t('sync.source.neverApplied')}
        </Text>
        {check && (
          <Group gap="xs">
            <Badge color={check.outcome === 'error' ? 'red' : check.outcome === 'pending' ? 'orange' : 'teal'} variant="light">
              {t(`sync.check.${check.outcome}`)}
            </Badge>
            <Text size="sm" c="dimmed">{when(check.at)}</Text>
            {check.outcome === 'error' && check.messageKey && <Text size="sm" c="red">{t(check.messageKey, check.params)}</Text>}
            {check.planId && <Button size="xs" color="orange" onClick={() => props.onReview(check.planId!)}>{t('sync.check.review')}</Button>}
          </Group>
        )}
        {s.kind === 'url' && (
          <Group gap="xs" align="flex-end">
            <NumberInput size="sm" w={220} min={1} max={1440} label={t('sync.load.interval')} value={minutes}
              onChange={(v) => setMinutes(typeof v === 'number' ? v : '')} />
            <Button size="sm" variant="default"
              onClick={() => void api('sync.updateSource', { sourceId: s.id, intervalMinutes: minutes === '' ? null : minutes })}>
              {t('sync.source.saveInterval')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
