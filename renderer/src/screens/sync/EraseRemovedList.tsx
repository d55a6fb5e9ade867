import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncSourceView } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { errorText } from './messages';

/**
 * For a list removed earlier without its personal data (the organiser learns later that it was another event's):
 * offered where its people are listed, with the same rule and warning as at its removal.
 */
export function EraseRemovedList({ source, onErased }: { source: SyncSourceView; onErased: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ erased: number; rewritten: boolean } | null>(null);
  const count = source.erasableOnRemove;
  if (done !== null) {
    return (
      <>
        <Alert color="teal" icon={<IconCircleCheck />} fz="md" data-testid="people-erased">{t('sync.remove.doneErased', { count: done.erased })}</Alert>
        {!done.rewritten && <Alert color="orange" fz="md" data-testid="people-erased-rewrite-pending">{t('sync.remove.rewritePending')}</Alert>}
      </>
    );
  }
  if (count === 0) return null;
  const erase = () => {
    setBusy(true);
    setError(null);
    api('sync.eraseRemovedSource', { sourceId: source.id })
      .then((r) => { setOpen(false); setDone(r); onErased(); }, (err: unknown) => setError(errorText(t, err)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <Alert color="gray" icon={<IconInfoCircle />} fz="md" data-testid="people-erase-offer">
        <Group justify="space-between" gap="md">
          <Text size="md" style={{ flex: 1, minWidth: 260 }}>{t('sync.eraseLater.offer', { count })}</Text>
          <Button color="red" variant="light" size="md" leftSection={<IconTrash size={18} />} onClick={() => setOpen(true)} data-testid="people-erase-open">
            {t('sync.eraseLater.button')}
          </Button>
        </Group>
      </Alert>
      <Modal opened={open} onClose={() => setOpen(false)} size="lg" title={<Text fw={700} size="lg">{t('sync.eraseLater.title', { label: source.label })}</Text>}>
        <Stack gap="md" data-testid="people-erase-dialog">
          <Text size="md">{t('sync.remove.eraseHint', { count })}</Text>
          <Alert color="red" icon={<IconAlertTriangle />} fz="md">{t('sync.eraseLater.warning')}</Alert>
          {error && <Alert color="red" icon={<IconAlertTriangle />} fz="md">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={() => setOpen(false)}>{t('sync.cancel')}</Button>
            <Button color="red" size="md" loading={busy} onClick={erase} data-testid="people-erase-confirm">{t('sync.eraseLater.confirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
