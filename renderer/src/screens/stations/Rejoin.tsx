import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { HubCodeFields, hubCodeReady, scannedAddress } from './JoinEventCard';
import { useStationsAction } from './station-format';

/**
 * A new pairing code (scanned or typed) for a station the hub removed, or from a station that took the place of a
 * hub gone for good: same station, same file; what it has is sent.
 */
export function Rejoin({ onDone, title, button }: { onDone: () => void; title: string; button?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [address, setAddress] = useState('');
  const { busy, error, run } = useStationsAction();
  const ready = hubCodeReady(code, address);
  const submit = async () => {
    if (await run(() => api('stations.rejoin', { code: code.trim(), address: scannedAddress(code) ? undefined : address.trim() }))) onDone();
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (ready && !busy) void submit(); }} data-testid="rejoin">
      <Stack gap="sm" mt="xs">
        <Text fw={600} size="lg">{title}</Text>
        <HubCodeFields code={code} address={address} onCode={setCode} onAddress={setAddress} testId="rejoin" />
        {error && <Alert color="red" data-testid="rejoin-error">{error}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" size="md" leftSection={<IconPlugConnected size={18} />} loading={busy} disabled={!ready} data-testid="rejoin-submit">
            {button ?? t('stations.link.rejoinButton')}
          </Button>
        </Group>
        {busy && <Text size="sm" c="dimmed">{t('stations.link.rejoinBusy')}</Text>}
      </Stack>
    </form>
  );
}
