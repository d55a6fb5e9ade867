import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCamera, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CameraView } from '../../components/CameraView';
import { stationsErrorText } from './station-format';

const PREFIX = 'einlass-pair:';

/** The hub's first address from a scanned pairing code, to show what was recognised. */
function addressInPayload(text: string): string | null {
  try {
    const json = JSON.parse(atob(text.slice(PREFIX.length).trim().replace(/-/g, '+').replace(/_/g, '/'))) as { addr?: unknown };
    return Array.isArray(json.addr) && typeof json.addr[0] === 'string' ? json.addr[0] : null;
  } catch {
    return null;
  }
}

/**
 * On the start screen of a laptop that should become a station: scan the hub's pairing QR code with the camera, or
 * type the hub's address and the 16-character code; name this station; the event is then copied from the hub and
 * opened.
 */
export function JoinEventCard({ onJoined }: { onJoined: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [camera, setCamera] = useState(false);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scanned = code.trim().toLowerCase().startsWith(PREFIX) ? addressInPayload(code.trim()) : null;

  if (!open) {
    return (
      <Button size="xl" variant="default" leftSection={<IconPlugConnected />} onClick={() => setOpen(true)} data-testid="join-open">
        {t('stations.join.open')}
      </Button>
    );
  }
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('stations.pair', { code: code.trim(), address: scanned ? undefined : address.trim(), stationName: name.trim() });
      onJoined();
    } catch (err) {
      setError(stationsErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const onCameraCode = (text: string) => {
    if (!text.toLowerCase().startsWith(PREFIX)) return;
    setCode(text);
    setCamera(false);
  };
  const ready = name.trim() !== '' && code.trim() !== '' && (scanned !== null || address.trim() !== '');
  return (
    <Card withBorder padding="lg" data-testid="join-card">
      <form onSubmit={(e) => { e.preventDefault(); if (ready && !busy) void submit(); }}>
        <Stack gap="sm">
          <Title order={3}>{t('stations.join.title')}</Title>
          <Text c="dimmed">{t('stations.join.hint')}</Text>
          {camera ? (
            <Stack gap="xs">
              <div style={{ maxWidth: 420 }}><CameraView onCode={onCameraCode} /></div>
              <Group><Button variant="default" onClick={() => setCamera(false)}>{t('stations.join.cameraOff')}</Button></Group>
            </Stack>
          ) : (
            <Group><Button variant="light" leftSection={<IconCamera />} onClick={() => setCamera(true)} data-testid="join-camera">{t('stations.join.camera')}</Button></Group>
          )}
          {scanned ? (
            <Alert color="teal">{t('stations.join.scanned', { address: scanned })}</Alert>
          ) : (
            <Group grow align="flex-start">
              <TextInput size="md" label={t('stations.join.address')} placeholder={t('stations.join.addressPlaceholder')} value={address}
                onChange={(e) => setAddress(e.currentTarget.value)} data-testid="join-address" />
              <TextInput size="md" label={t('stations.join.code')} placeholder="XXXX-XXXX-XXXX-XXXX" value={code}
                onChange={(e) => setCode(e.currentTarget.value)} data-testid="join-code" autoComplete="off" />
            </Group>
          )}
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
