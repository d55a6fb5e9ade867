import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCrown, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { Rejoin } from './Rejoin';
import { useStationsAction } from './station-format';

/**
 * At a station while the hub cannot be reached: for when the hub's laptop is gone for good. One station takes the
 * hub's place (its file becomes the hub's, network mode starts); the others join it with a new code from it.
 */
export function HubGone({ onJoined }: { onJoined: () => void }) {
  const { t } = useTranslation();
  const [joining, setJoining] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useStationsAction();
  const takeOver = async () => {
    if (await run(() => api('hub.takeOver', {}))) setConfirming(false);
  };
  return (
    <Stack gap={6} mt="xs" data-testid="hub-gone">
      <Text fw={600}>{t('stations.link.goneTitle')}</Text>
      <Text size="sm" c="dimmed">{t('stations.link.goneHint')}</Text>
      <Group gap="sm">
        <Button variant="light" size="md" leftSection={<IconPlugConnected size={18} />} onClick={() => setJoining((j) => !j)} data-testid="join-new-hub">
          {t('stations.link.joinNewHub')}
        </Button>
        <Button variant="default" size="md" leftSection={<IconCrown size={18} />} onClick={() => setConfirming(true)} data-testid="take-over">
          {t('stations.link.takeOver')}
        </Button>
      </Group>
      {joining && <Rejoin onDone={onJoined} title={t('stations.link.joinNewHub')} button={t('stations.link.moveButton')} />}
      <Modal opened={confirming} onClose={() => setConfirming(false)} centered size="lg"
        title={<Text fw={700} size="xl">{t('stations.link.takeOverTitle')}</Text>}>
        <Stack>
          <Text size="lg">{t('stations.link.takeOverText')}</Text>
          {error && <Alert color="red" data-testid="take-over-error">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={() => setConfirming(false)}>{t('create.cancel')}</Button>
            <Button color="orange" size="md" leftSection={<IconCrown size={18} />} loading={busy} onClick={() => void takeOver()} data-testid="take-over-confirm">
              {t('stations.link.takeOverConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
