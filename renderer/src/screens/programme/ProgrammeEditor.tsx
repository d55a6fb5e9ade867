import { ActionIcon, Button, Group, Modal, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import type { CheckInList } from '../../../../electron/contract/entities';
import { ApiCallError, api } from '../../api/client';
import { formatCount, formatDate } from '../../format';
import { useAsync } from '../../use-async';
import { ProgrammeImport } from './ProgrammeImport';
import { ProgrammeItemForm } from './ProgrammeItemForm';

/** Organisers set up sessions and walks; every item is a check-in list with its own rules. */
export function ProgrammeEditor() {
  const { t } = useTranslation();
  const lists = useAsync(() => api('lists.list', {}), []);
  const days = useAsync(() => api('programme.days', {}), []);
  const [editing, setEditing] = useState<CheckInList | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<CheckInList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = (lists.data?.lists ?? []).filter((l) => l.kind !== 'entrance');

  const explain = (err: unknown) => setError(err instanceof ApiCallError ? t(err.error.message, err.error.details) : t('errors.internal'));

  return (
    <Page gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('programme.title_plural')}</Title>
        <Group gap="sm">
          <Button size="md" variant="light" leftSection={<IconFileImport />} onClick={() => setImporting(true)} data-testid="programme-import">
            {t('programme.import.open')}
          </Button>
          <Button size="md" leftSection={<IconPlus />} onClick={() => { setError(null); setEditing('new'); }} data-testid="programme-add">
            {t('programme.add')}
          </Button>
        </Group>
      </Group>
      {error && editing === null && <Text c="red">{error}</Text>}
      <Table fz="md" verticalSpacing="xs" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('programme.title')}</Table.Th>
            <Table.Th>{t('programme.when')}</Table.Th>
            <Table.Th>{t('programme.location')}</Table.Th>
            <Table.Th ta="right">{t('programme.capacity')}</Table.Th>
            <Table.Th ta="right">{t('programme.present')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((l) => (
            <Table.Tr key={l.id} data-testid="programme-row">
              <Table.Td>
                <Text fw={600}>{l.name}</Text>
                <Text size="sm" c={l.kind === 'walk' ? 'grape.8' : 'teal.8'}>
                  {t(`event.kind.${l.kind}`)}
                  {l.host && <Text span c="dimmed">{` · ${t(l.kind === 'walk' ? 'programme.guide' : 'programme.host')}: ${l.host}`}</Text>}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {l.day ? formatDate(l.day) : ''}{l.startsAt ? `, ${t('format.timeRange', { from: l.startsAt, to: l.endsAt ?? '' })}` : ''}
              </Table.Td>
              <Table.Td>{l.location}</Table.Td>
              <Table.Td ta="right">{l.capacity ?? '–'}</Table.Td>
              <Table.Td ta="right">{formatCount(l.checkedIn)} / {formatCount(l.expected)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Tooltip label={t('programme.edit')}>
                    <ActionIcon variant="subtle" aria-label={`${t('programme.edit')}: ${l.name}`} onClick={() => { setError(null); setEditing(l); }}>
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('programme.delete')}>
                    <ActionIcon variant="subtle" color="red" aria-label={`${t('programme.delete')}: ${l.name}`} data-testid="programme-delete"
                      onClick={() => { setError(null); setDeleting(l); }}>
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {lists.data && items.length === 0 && <Text c="dimmed">{t('programme.empty')}</Text>}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} centered size="lg"
        title={<Text fw={700} size="xl">{t('programme.deleteTitle')}</Text>}>
        {deleting && (
          <Stack>
            <Text size="lg">{t('programme.deleteConfirm', { name: deleting.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" size="md" onClick={() => setDeleting(null)}>{t('create.cancel')}</Button>
              <Button color="red" size="md" leftSection={<IconTrash size={18} />} data-testid="programme-delete-confirm"
                onClick={() => {
                  const id = deleting.id;
                  setDeleting(null);
                  api('programme.deleteItem', { id }).then(lists.reload, explain);
                }}>
                {t('programme.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {importing && <ProgrammeImport onClose={() => setImporting(false)} onApplied={() => { setImporting(false); lists.reload(); }} />}
      {editing && days.data && (
        <ProgrammeItemForm
          item={editing === 'new' ? null : editing} days={days.data.days} busy={busy} error={error}
          onClose={() => setEditing(null)}
          onSubmit={(item) => {
            setBusy(true);
            setError(null);
            api('programme.saveItem', item)
              .then(() => {
                setEditing(null);
                lists.reload();
              }, explain)
              .finally(() => setBusy(false));
          }}
        />
      )}
    </Page>
  );
}
