import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlugConnected, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkStatusView } from '../../../../electron/contract/stations-methods';
import { api } from '../../api/client';
import { HubGone } from './HubGone';
import { Rejoin } from './Rejoin';
import { clockWarningText, pendingText, reasonText, useStationsAction, whenText } from './station-format';

/**
 * A station's connection to its hub: state, last exchange, what is still waiting, the clock; "Jetzt abgleichen";
 * while the hub cannot be reached, its new address (another network on the second day) can be given here; once
 * the hub removed this station, a new code from the hub takes it back in.
 */
export function LinkCard({ link }: { link: LinkStatusView }) {
  const { t } = useTranslation();
  const { busy, error, run } = useStationsAction();
  const [rejoined, setRejoined] = useState(false);
  const syncNow = () => run(() => api('stations.syncNow', {}));
  return (
    <Card withBorder padding="lg" data-testid="link-card">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3}>{t('stations.link.title')}</Title>
          <Button size="md" leftSection={<IconRefresh />} loading={busy} disabled={link.revoked} onClick={() => void syncNow()}>{t('stations.link.syncNow')}</Button>
        </Group>
        <Group gap="sm">
          <Badge size="xl" variant="light" color={link.revoked ? 'red' : link.connected ? 'teal' : 'orange'} style={{ textTransform: 'none' }}>
            {link.revoked ? t('stations.link.revoked') : link.connected ? t('stations.link.connected') : t('stations.link.disconnected')}
          </Badge>
          {link.hubAddress && <Text c="dimmed">{t('stations.link.hub', { address: link.hubAddress })}</Text>}
        </Group>
        <Text size="lg">{link.lastSyncAt ? t('stations.link.lastSync', { time: whenText(link.lastSyncAt, t) }) : t('stations.link.never')}</Text>
        <Text size="lg" fw={link.pending > 0 ? 700 : 400}>{link.pending > 0 ? pendingText(link, t) : t('stations.link.allSent')}</Text>
        {!link.connected && !link.revoked && <Text c="dimmed">{t('stations.link.offlineHint')}{link.lastError ? ` ${reasonText(link.lastError, t)}` : ''}</Text>}
        {!link.connected && !link.revoked && <MoveHub />}
        {!link.connected && !link.revoked && <HubGone onJoined={() => setRejoined(true)} />}
        {link.revoked && <Alert color="red" fz="md">{t('stations.link.revokedHint')}</Alert>}
        {link.revoked && <Rejoin onDone={() => setRejoined(true)} title={t('stations.link.rejoinTitle')} />}
        {rejoined && !link.revoked && <Alert color="teal" fz="md" data-testid="rejoin-done">{t('stations.link.rejoined')}</Alert>}
        {link.clockWarning && <Alert color="orange">{clockWarningText(link.clockOffsetMs, t)}</Alert>}
        {error && <Alert color="red">{error}</Alert>}
      </Stack>
    </Card>
  );
}

function MoveHub() {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const { busy, error, run } = useStationsAction();
  const [moved, setMoved] = useState<string | null>(null);
  const submit = async () => {
    setMoved(null);
    if (await run(() => api('stations.setHubAddress', { address }))) {
      setMoved(address.trim());
      setAddress('');
    }
  };
  return (
    <Stack gap={6} mt="xs" data-testid="move-hub">
      <Text fw={600}>{t('stations.link.moveTitle')}</Text>
      <Text size="sm" c="dimmed">{t('stations.link.moveHint')}</Text>
      <form onSubmit={(e) => { e.preventDefault(); if (address.trim()) void submit(); }}>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput size="md" style={{ flex: 1 }} label={t('stations.link.moveAddress')} placeholder="192.168.1.20:8401" value={address}
            onChange={(e) => setAddress(e.currentTarget.value)} autoComplete="off" spellCheck={false} data-testid="move-hub-address" />
          <Button type="submit" size="md" leftSection={<IconPlugConnected size={18} />} loading={busy} disabled={!address.trim()} data-testid="move-hub-submit">
            {t('stations.link.moveButton')}
          </Button>
        </Group>
      </form>
      {error && <Alert color="red" data-testid="move-hub-error">{error}</Alert>}
      {moved && <Alert color="teal" data-testid="move-hub-done">{t('stations.link.moved', { address: moved })}</Alert>}
    </Stack>
  );
}
