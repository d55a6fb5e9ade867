import { Alert, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconFolderOpen, IconPlus, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/contract/contract';
import { ApiCallError, api } from '../api/client';
import { formatDate } from '../format';
import { useAsync } from '../use-async';
import { CreateEventForm } from './CreateEventForm';
import { JoinEventCard } from './stations/JoinEventCard';

/** First screen when no event is open: the demo, a new event, or one of the event files in the data folder. */
export function StartScreen({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const files = useAsync(() => api('event.files', {}), []);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onOpened();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.error : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size="sm" py={48} h="100%" style={{ overflowY: 'auto' }}>
      <Stack gap="xl">
        <div>
          <Title order={1}>{t('start.welcome')}</Title>
          <Text size="lg" c="dimmed" mt="xs">{t('start.intro')}</Text>
        </div>
        {error && <Alert color="red">{t(error.message, error.details)}</Alert>}
        {creating ? (
          <CreateEventForm busy={busy} onCancel={() => setCreating(false)} onSubmit={(v) => run(() => api('event.create', v))} />
        ) : (
          <Stack gap="md">
            <Card withBorder padding="lg">
              <Stack gap="xs">
                <Button size="xl" leftSection={<IconSparkles />} loading={busy} onClick={() => run(() => api('event.openDemo', {}))}>
                  {t('start.openDemo')}
                </Button>
                <Text c="dimmed">{t('start.openDemoHint')}</Text>
              </Stack>
            </Card>
            <Button size="xl" variant="light" leftSection={<IconPlus />} onClick={() => setCreating(true)}>
              {t('start.createNew')}
            </Button>
            <JoinEventCard onJoined={onOpened} />
          </Stack>
        )}
        <Stack gap="xs">
          <Title order={3}>{t('start.existing')}</Title>
          {files.data?.files.length === 0 && <Text c="dimmed">{t('start.noFiles')}</Text>}
          {files.data?.files.map((f) => (
            <Card key={f.fileName} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} truncate>{f.name ?? f.fileName}</Text>
                  <Text size="sm" c={f.error ? 'red' : 'dimmed'} truncate>
                    {f.error ? t('start.unreadable') : f.startsOn ? formatDate(f.startsOn) : ''} · {f.fileName}
                  </Text>
                </div>
                <Button
                  variant="default" leftSection={<IconFolderOpen size={18} />} disabled={busy || f.error !== null}
                  onClick={() => run(() => api('event.open', { fileName: f.fileName }))}
                >
                  {t('start.open')}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      </Stack>
    </Container>
  );
}
