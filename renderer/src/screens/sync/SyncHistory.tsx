import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncRunView } from '../../../../electron/contract/sync-methods';
import { formatDate, formatTime } from '../../format';

/** Every applied sync: when, from which source, at which station, what it did. */
export function SyncHistory({ runs, timezone }: { runs: SyncRunView[]; timezone: string }) {
  const { t } = useTranslation();
  if (runs.length === 0) return <Text c="dimmed">{t('sync.history.empty')}</Text>;
  return (
    <Table fz="md" verticalSpacing={6} striped data-testid="sync-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('sync.history.when')}</Table.Th>
          <Table.Th>{t('sync.history.source')}</Table.Th>
          <Table.Th>{t('sync.history.result')}</Table.Th>
          <Table.Th>{t('sync.history.station')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.finishedAt, timezone)} {t('format.clock', { time: formatTime(r.finishedAt, timezone) })}</Table.Td>
            <Table.Td>{r.sourceLabel}</Table.Td>
            <Table.Td>
              {r.counts.removed
                ? t('sync.history.removed', { count: r.counts.cancelled ?? 0 })
                : t('sync.history.counts', { added: r.counts.added ?? 0, updated: r.counts.updated ?? 0, cancelled: r.counts.cancelled ?? 0, unchanged: r.counts.unchanged ?? 0 })}
              {r.problemCount > 0 && <Badge ml="xs" color="yellow" variant="light">{t('sync.history.warnings', { count: r.problemCount })}</Badge>}
            </Table.Td>
            <Table.Td>{r.stationName ?? '–'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
