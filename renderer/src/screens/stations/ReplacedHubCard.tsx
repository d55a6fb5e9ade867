import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Rejoin } from './Rejoin';

/**
 * At a hub whose place another station took while it was away: it joins that station as a station like the
 * others, with a code from it, and sends everything it has.
 */
export function ReplacedHubCard() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder padding="lg" data-testid="replaced-hub">
      <Stack gap="sm">
        <Title order={4}>{t('stations.replaced.title')}</Title>
        <Text c="dimmed">{t('stations.replaced.hint')}</Text>
        {!open && (
          <Button variant="light" size="md" w="fit-content" leftSection={<IconPlugConnected size={18} />} onClick={() => setOpen(true)} data-testid="replaced-open">
            {t('stations.link.joinNewHub')}
          </Button>
        )}
        {open && <Rejoin onDone={() => setOpen(false)} title={t('stations.link.joinNewHub')} button={t('stations.link.moveButton')} />}
      </Stack>
    </Card>
  );
}
