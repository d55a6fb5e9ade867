import { Alert, Badge, Button, FileInput, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { api } from '../../api/client';
import { formatDate } from '../../format';
import { errorText, where } from '../sync/messages';
import { uploadFile } from '../sync/upload';

type Plan = MethodOutput<'programme.import'> & { uploadId: string };
const ACTION_COLOR = { add: 'teal', update: 'orange', unchanged: 'gray' } as const;

/**
 * Loads a programme from a CSV, Excel or JSON file: a dry run lists what would be added or updated, with problems
 * by line and column; nothing is written until the organiser applies it.
 */
export function ProgrammeImport({ onClose, onApplied }: { onClose: () => void; onApplied: () => void }) {
  const { t } = useTranslation();
  const [share, setShare] = useState<number | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setPlan(null);
    try {
      const uploadId = await uploadFile(file, setShare, { cancelled: false });
      setPlan({ ...(await api('programme.import', { uploadId, apply: false })), uploadId });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setShare(null);
    }
  };
  const apply = async () => {
    if (!plan) return;
    try {
      await api('programme.import', { uploadId: plan.uploadId, apply: true });
      onApplied();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const count = (action: string) => plan?.items.filter((i) => i.action === action).length ?? 0;

  return (
    <Modal opened onClose={onClose} size="80rem" centered title={<Text fw={700} size="xl">{t('programme.import.title')}</Text>}>
      <Stack>
        <Text c="dimmed">{t('programme.import.hint')}</Text>
        <FileInput size="md" leftSection={<IconFileSpreadsheet />} placeholder={t('programme.import.choose')} accept=".csv,.tsv,.txt,.xlsx,.ods,.json"
          onChange={(f) => void load(f)} data-testid="programme-import-file" clearable={false} />
        {share !== null && <Progress value={share * 100} />}
        {error && <Alert color="red">{error}</Alert>}
        {plan && (
          <>
            <Group gap="md" data-testid="programme-import-summary">
              {(['add', 'update', 'unchanged'] as const).map((a) => (
                <Badge key={a} size="lg" variant="light" color={ACTION_COLOR[a]}>
                  {t(`programme.import.${a}`, { count: count(a) })}
                </Badge>
              ))}
            </Group>
            {plan.problems.length > 0 && (
              <Alert color="orange" title={t('programme.import.problems')}>
                {plan.problems.map((p, i) => (
                  <Text key={i} size="sm">
                    {where(t, plan.lineKind, p.line, p.column)}: {t(`programme.import.problem.${p.code}`, { value: p.value ?? '' })}
                  </Text>
                ))}
              </Alert>
            )}
            <div style={{ maxHeight: 320, overflowY: 'auto' }}>
              <Table fz="sm" striped>
                <Table.Tbody>
                  {plan.items.map((i) => (
                    <Table.Tr key={i.line}>
                      <Table.Td w={130}><Badge size="sm" variant="light" color={ACTION_COLOR[i.action]}>{t(`programme.import.action.${i.action}`)}</Badge></Table.Td>
                      <Table.Td fw={600}>{i.name}</Table.Td>
                      <Table.Td>{t(`event.kind.${i.kind}`)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{i.day ? formatDate(i.day) : ''} {i.startsAt ? t('format.timeRange', { from: i.startsAt, to: i.endsAt ?? '' }) : ''}</Table.Td>
                      <Table.Td>{i.location}</Table.Td>
                      <Table.Td ta="right">{i.capacity ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" size="md" onClick={onClose}>{t('create.cancel')}</Button>
          <Button size="md" disabled={!plan || plan.items.every((i) => i.action === 'unchanged')} onClick={() => void apply()} data-testid="programme-import-apply">
            {t('programme.import.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
