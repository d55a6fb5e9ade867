import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCamera, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CameraView } from '../../components/CameraView';
import { useStationsAction } from './station-format';

const PREFIX = 'einlass-pair:';

/** The hub's first address from a scanned pairing code, to show what was recognised; null for a typed code. */
export function scannedAddress(code: string): string | null {
  const text = code.trim();
  if (!text.toLowerCase().startsWith(PREFIX)) return null;
  try {
    const json = JSON.parse(atob(text.slice(PREFIX.length).trim().replace(/-/g, '+').replace(/_/g, '/'))) as { addr?: unknown };
    return Array.isArray(json.addr) && typeof json.addr[0] === 'string' ? json.addr[0] : null;
  } catch {
    return null;
  }
}

/**
 * The hub's pairing code: scanned from its QR code with the camera, or typed with the hub's address. Used to join
 * an event and to join again after the hub removed this station. `testId` prefixes the fields' test ids.
 */
export function HubCodeFields(props: { code: string; address: string; onCode: (code: string) => void; onAddress: (address: string) => void; testId: string }) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState(false);
  const scanned = scannedAddress(props.code);
  const onCameraCode = (text: string) => {
    if (!text.toLowerCase().startsWith(PREFIX)) return;
    props.onCode(text);
    setCamera(false);
  };
  return (
    <>
      {camera ? (
        <Stack gap="xs">
          <div style={{ maxWidth: 420 }}><CameraView onCode={onCameraCode} /></div>
          <Group><Button variant="default" onClick={() => setCamera(false)}>{t('stations.join.cameraOff')}</Button></Group>
        </Stack>
      ) : (
        <Group><Button variant="light" leftSection={<IconCamera />} onClick={() => setCamera(true)} data-testid={`${props.testId}-camera`}>{t('stations.join.camera')}</Button></Group>
      )}
      {scanned ? (
        <Alert color="teal">{t('stations.join.scanned', { address: scanned })}</Alert>
      ) : (
        <Group grow align="flex-start">
          <TextInput size="md" label={t('stations.join.address')} placeholder={t('stations.join.addressPlaceholder')} value={props.address}
            onChange={(e) => props.onAddress(e.currentTarget.value)} data-testid={`${props.testId}-address`} />
          <TextInput size="md" label={t('stations.join.code')} placeholder="XXXX-XXXX-XXXX-XXXX" value={props.code}
            onChange={(e) => props.onCode(e.currentTarget.value)} data-testid={`${props.testId}-code`} autoComplete="off" />
        </Group>
      )}
    </>
  );
}

/** Enough to ask the hub: a scanned code, or a typed code with the hub's address. */
export const hubCodeReady = (code: string, address: string) => code.trim() !== '' && (scannedAddress(code) !== null || address.trim() !== '');

/**
 * On the start screen of a laptop that should become a station: scan the hub's pairing QR code with the camera, or
 * type the hub's address and the 16-character code; name this station; the event is then copied from the hub and
 * opened.
 */
export function JoinEventCard({ onJoined }: { onJoined: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useStationsAction();

  if (!open) {
    return (
      <Button size="xl" variant="default" leftSection={<IconPlugConnected />} onClick={() => setOpen(true)} data-testid="join-open">
        {t('stations.join.open')}
      </Button>
    );
  }
  const submit = async () => {
    if (await run(() => api('stations.pair', { code: code.trim(), address: scannedAddress(code) ? undefined : address.trim(), stationName: name.trim() }))) onJoined();
  };
  const ready = name.trim() !== '' && hubCodeReady(code, address);
  return (
    <Card withBorder padding="lg" data-testid="join-card">
      <form onSubmit={(e) => { e.preventDefault(); if (ready && !busy) void submit(); }}>
        <Stack gap="sm">
          <Title order={3}>{t('stations.join.title')}</Title>
          <Text c="dimmed">{t('stations.join.hint')}</Text>
          <HubCodeFields code={code} address={address} onCode={setCode} onAddress={setAddress} testId="join" />
          <TextInput size="md" label={t('stations.join.name')} description={t('stations.join.nameHint')} value={name} maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)} data-testid="join-name" />
          {error && <Alert color="red" data-testid="join-error">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t('stations.join.cancel')}</Button>
            <Button type="submit" size="md" loading={busy} disabled={!ready} data-testid="join-submit">{t('stations.join.submit')}</Button>
          </Group>
          {busy && <Text size="sm" c="dimmed">{t('stations.join.busy')}</Text>}
        </Stack>
      </form>
    </Card>
  );
}
