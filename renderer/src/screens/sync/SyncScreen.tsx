import { Alert, Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileImport, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../../electron/contract/entities';
import { api, subscribe } from '../../api/client';
import { formatTime } from '../../format';
import { useAsync } from '../../use-async';
import { useStationsStatus } from '../stations/station-format';
import { SourceCard, type Removed } from './SourceCard';
import { SyncHistory } from './SyncHistory';
import { SyncWizard, type WizardStart } from './SyncWizard';

/** "Anmeldeliste": load and re-load the registration list, see the sources and every sync made. */
export function SyncScreen({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const sources = useAsync(() => api('sync.sources', {}), []);
  const runs = useAsync(() => api('sync.runs', { limit: 30 }), []);
  const [wizard, setWizard] = useState<WizardStart | null>(null);
  // When the organiser applied a list: said with its time, as a later check on the card below may say otherwise.
  const [done, setDone] = useState<string | false>(false);
  const [removed, setRemoved] = useState<(Removed & { label: string }) | null>(null);
  const { reload: reloadSources } = sources;
  const { reload: reloadRuns } = runs;
  // A station of a networked event gets its people from the hub: nothing to load here (the core refuses it too).
  const atStation = useStationsStatus().status?.role === 'station';
  // After the personal data were deleted nothing is loaded or fetched any more (refused by the core as well).
  const purged = Boolean(event.personalDataPurgedAt);
  const loading = !atStation && !purged;

  useEffect(() => subscribe((m) => {
    if (m.type === 'sync.changed') {
      reloadSources();
      reloadRuns();
    }
  }), [reloadSources, reloadRuns]);

  const list = sources.data?.sources ?? [];
  return (
    // The box scrolls, the stack in it has its natural height: in a scrolling flex column of fixed height its children
    // would shrink (the message after "Übernehmen" was squashed to a strip once the screen held more than fits).
    <Box p="md" h="100%" style={{ overflowY: 'auto' }}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>{t('sync.title')}</Title>
          {!wizard && loading && (
            <Button size="lg" leftSection={<IconFileImport />} onClick={() => { setDone(false); setRemoved(null); setWizard({}); }} data-testid="sync-start">
              {t('sync.start')}
            </Button>
          )}
        </Group>
        {atStation && (
          <Alert color="blue" icon={<IconInfoCircle />} fz="md" data-testid="sync-at-station">{t('sync.error.atStation')}</Alert>
        )}
        {purged && !atStation && (
          <Alert color="blue" icon={<IconInfoCircle />} fz="md" data-testid="sync-purged">{t('sync.error.purged')}</Alert>
        )}
        {wizard && loading ? (
          <SyncWizard start={wizard} sources={list} timezone={event.timezone} onDone={(applied) => { setWizard(null); setDone(applied && new Date().toISOString()); reloadSources(); reloadRuns(); }} />
        ) : (
          <>
            {done && <Alert color="teal" icon={<IconCircleCheck />} fz="md" withCloseButton onClose={() => setDone(false)} data-testid="sync-done">{t('sync.applied', { time: t('format.clock', { time: formatTime(done, event.timezone) }) })}</Alert>}
            {removed && (
              <Alert color="teal" icon={<IconCircleCheck />} fz="md" withCloseButton onClose={() => setRemoved(null)} data-testid="sync-removed">
                {/* With its people's data erased, "storniert" is said only of those kept (they have check-ins). */}
                {removed.erased > 0
                  ? `${t('sync.remove.doneWithErasure', { label: removed.label })} ${t('sync.remove.doneErased', { count: removed.erased })}`
                    + (removed.keptCancelled > 0 ? ` ${t('sync.remove.doneKeptCancelled', { count: removed.keptCancelled })}` : '')
                  : t('sync.remove.done', { label: removed.label, count: removed.cancelled })}
              </Alert>
            )}
            {removed && !removed.rewritten && <Alert color="orange" fz="md" data-testid="sync-rewrite-pending">{t('sync.remove.rewritePending')}</Alert>}
            {list.length === 0 && sources.data && loading && <Text size="lg" c="dimmed">{t('sync.intro')}</Text>}
            {list.length > 0 && loading && (
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                {list.map((s) => (
                  <SourceCard key={s.id} source={s} timezone={event.timezone} onRefresh={() => setWizard({ refresh: s })}
                    onReview={(planId) => setWizard({ planId })} onLoadFile={() => { setDone(false); setRemoved(null); setWizard({ versionOf: s }); }}
                    onRemoved={(r) => { setDone(false); setRemoved({ label: s.label, ...r }); }} />
                ))}
              </SimpleGrid>
            )}
            {(!atStation || (runs.data?.runs.length ?? 0) > 0) && (
              <>
                <Title order={3}>{t('sync.history.title')}</Title>
                <SyncHistory runs={runs.data?.runs ?? []} timezone={event.timezone} />
              </>
            )}
          </>
        )}
      </Stack>
    </Box>
  );
}
