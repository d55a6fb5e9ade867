import { Alert, Button, Group, Image, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubStatusView } from '../../../../electron/contract/stations-methods';
import { ApiCallError, api } from '../../api/client';
import { useAsync } from '../../use-async';
import { formatTime } from '../../format';
import { stationsErrorText } from './station-format';

/** The pairing QR code and, for typing, the hub's address and a 16-character code; one code pairs one station. */
export function PairingPanel({ hub }: { hub: HubStatusView }) {
  const { t } = useTranslation();
  const [renewals, setRenewals] = useState(0);
  const pairing = useAsync(() => api('hub.pairingCode', { renew: renewals > 0 }), [renewals]);
  const code = pairing.data;
  const qr = useAsync(
    () => (code ? QRCode.toDataURL(code.payload, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }) : Promise.resolve(null)),
    [code?.payload],
  ).data;
  const error = pairing.error ? stationsErrorText(new ApiCallError(pairing.error), t) : null;

  if (error) return <Alert color="red">{error}</Alert>;
  if (!code) return null;
  return (
    <Group align="flex-start" gap="xl" wrap="nowrap" data-testid="pairing-panel">
      {qr && <Image src={qr} w={220} h={220} alt={t('stations.pairing.qrAlt')} data-testid="pairing-qr" />}
      <Stack gap="xs" style={{ minWidth: 0 }}>
        <Text fw={700} size="lg">{t('stations.pairing.title')}</Text>
        <Text>{t('stations.pairing.hint')}</Text>
        <Group gap="xs"><Text c="dimmed" w={90}>{t('stations.pairing.address')}</Text>
          <Text fw={700} size="xl" ff="monospace" data-testid="pairing-address">{code.addresses[0]}</Text></Group>
        <Group gap="xs"><Text c="dimmed" w={90}>{t('stations.pairing.code')}</Text>
          <Text fw={700} size="xl" ff="monospace" data-testid="pairing-code">{code.typed}</Text></Group>
        {code.addresses.length > 1 && <Text size="sm" c="dimmed">{t('stations.pairing.otherAddresses', { addresses: code.addresses.slice(1).join(', ') })}</Text>}
        <Text size="sm" c="dimmed">{t('stations.pairing.validUntil', { time: formatTime(code.expiresAt) })}</Text>
        {hub.fingerprint && <Text size="xs" c="dimmed" ff="monospace">{t('stations.pairing.fingerprint', { fp: hub.fingerprint.slice(0, 32).match(/.{4}/g)!.join(' ') })}</Text>}
        <Group><Button variant="default" leftSection={<IconRefresh size={18} />} onClick={() => setRenewals((n) => n + 1)} data-testid="pairing-renew">{t('stations.pairing.renew')}</Button></Group>
      </Stack>
    </Group>
  );
}
