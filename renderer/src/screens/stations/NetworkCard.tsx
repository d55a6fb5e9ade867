import { Alert, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HubStatusView } from '../../../../electron/contract/stations-methods';
import { api } from '../../api/client';
import { PairingPanel } from './PairingPanel';
import { useStationsAction } from './station-format';

/** Network mode: this station becomes the hub, and other laptops can pair with it. */
export function NetworkCard({ hub, onChanged }: { hub: HubStatusView | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useStationsAction();
  const on = hub?.networkOn === true;
  const toggle = async (next: boolean) => {
    if (await run(() => api('hub.network', { on: next }))) onChanged();
  };
  return (
    <Card withBorder padding="lg" data-testid="network-card">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3}>{t('stations.network.title')}</Title>
            <Text c="dimmed">{on ? t('stations.network.onHint') : t('stations.network.offHint')}</Text>
          </Stack>
          <Switch size="xl" checked={on} disabled={busy} onChange={(e) => void toggle(e.currentTarget.checked)}
            label={on ? t('stations.network.on') : t('stations.network.off')} data-testid="network-switch" />
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {on && hub && <PairingPanel hub={hub} />}
      </Stack>
    </Card>
  );
}
