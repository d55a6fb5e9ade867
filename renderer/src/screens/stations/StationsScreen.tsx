import { Alert, Box, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../../electron/contract/entities';
import { PersonDetail } from '../PersonDetail';
import { ConflictsCard } from './ConflictsCard';
import { HandoverExportCard, HandoverImportCard } from './HandoverCards';
import { LinkCard } from './LinkCard';
import { NetworkCard } from './NetworkCard';
import { ReplacedHubCard } from './ReplacedHubCard';
import { StationListCard } from './StationListCard';
import { useStationsStatus } from './station-format';

/**
 * "Stationen". At the hub (or a laptop that may become one): network mode with the pairing code, the paired
 * stations, conflicts and hand-over files from stations without network. At a station: its connection to the
 * hub, the hand-over file for when there is no network, and conflicts seen here.
 */
export function StationsScreen({ event }: { event?: EventSummary }) {
  const { t } = useTranslation();
  const { status, reload } = useStationsStatus();
  // A person named in a conflict, opened from there (back to the conflicts with „Zurück“).
  const [person, setPerson] = useState<string | null>(null);
  if (person && event) return <PersonDetail id={person} event={event} onBack={() => setPerson(null)} onOpen={setPerson} />;
  const open = event ? setPerson : undefined;
  return (
    <Box h="100%" style={{ overflowY: 'auto' }} data-testid="stations-screen">
      <Stack p="md" gap="md" maw={1200}>
        <Title order={2}>{t('stations.title')}</Title>
        {!status && <Loader />}
        {status?.role === 'station' && status.link && (
          <>
            <LinkCard link={status.link} />
            <HandoverExportCard pending={status.link.pending} />
            <ConflictsCard onOpen={open} />
          </>
        )}
        {status && status.role !== 'station' && (
          <>
            {status.role === null && <Text size="lg" c="dimmed">{t('stations.intro')}</Text>}
            <NetworkCard hub={status.hub} onChanged={reload} />
            {status.role === 'hub' && (
              <>
                <StationListCard />
                <ConflictsCard onOpen={open} />
                <HandoverImportCard />
                <ReplacedHubCard />
              </>
            )}
          </>
        )}
        {status?.role === 'station' && !status.link && <Alert color="orange">{t('stations.link.starting')}</Alert>}
      </Stack>
    </Box>
  );
}
