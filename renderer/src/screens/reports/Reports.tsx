import { Alert, Box, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../../electron/contract/entities';
import { api } from '../../api/client';
import { formatDate, formatTime } from '../../format';
import { useAsync } from '../../use-async';
import { CertificatesCard } from './CertificatesCard';
import { ExportDialog } from './ExportDialog';
import { PurgeDialog } from './PurgeDialog';
import { StatsPanels } from './StatsPanels';

/**
 * "Auswertung": after the event. Statistics to look at, exports (tables, statistics, certificates) and, once
 * everything needed has left the app, deleting the personal data.
 */
export function Reports({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const overview = useAsync(() => api('reports.overview', {}), []);
  const stats = useAsync(() => api('reports.stats', {}), []);
  const [dialog, setDialog] = useState<'export' | 'purge' | null>(null);
  const reload = () => {
    overview.reload();
    stats.reload();
  };
  const o = overview.data;
  const error = overview.error ?? stats.error;

  return (
    // The scrolling box is not the flex column itself: in a flex column with a fixed height the cards would shrink.
    <Box h="100%" style={{ overflowY: 'auto' }} data-testid="reports-screen">
      <Stack p="md" gap="md">
        <Group justify="space-between">
          <Title order={2}>{t('reports.screen.title')}</Title>
          <Button size="md" leftSection={<IconDownload />} disabled={!o} onClick={() => setDialog('export')} data-testid="open-export">
            {t('reports.screen.export')}
          </Button>
        </Group>
        {error && <Alert color="red">{t(error.message, error.details)}</Alert>}
        {o?.purgedAt && (
          <Alert color="gray" data-testid="purged-note">
            {t(o.hasKeptStatistics ? 'reports.screen.purgedWithStats' : 'reports.screen.purged', { date: formatDate(o.purgedAt), time: formatTime(o.purgedAt) })}
          </Alert>
        )}
        {!stats.data && !error && <Loader />}
        {stats.data?.stats && <StatsPanels stats={stats.data.stats} />}
        {o && !o.purgedAt && (
          <CertificatesCard organisation={o.organisation} present={stats.data?.stats?.totals.present ?? 0} onChanged={overview.reload} onExported={overview.reload} />
        )}
        {o && (
          <Card withBorder padding="md" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Title order={4} c="red.8">{t('purge.title')}</Title>
                <Text c="dimmed">{o.people > 0 ? t('purge.summary', { count: o.people }) : t('purge.nothingLeft')}</Text>
              </Stack>
              <Button color="red" variant="light" size="md" leftSection={<IconTrash />} onClick={() => setDialog('purge')} data-testid="open-purge">
                {t('purge.open')}
              </Button>
            </Group>
          </Card>
        )}
        {dialog === 'export' && o && <ExportDialog eventId={event.id} overview={o} onClose={() => setDialog(null)} onExported={overview.reload} />}
        {dialog === 'purge' && o && <PurgeDialog eventName={event.name} overview={o} onClose={() => setDialog(null)} onPurged={reload} />}
      </Stack>
    </Box>
  );
}
