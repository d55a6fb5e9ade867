import { Alert, Button, Checkbox, Group, List, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { api } from '../../api/client';
import { formatDate, formatTime } from '../../format';
import { reportErrorText } from './download';

type Overview = MethodOutput<'reports.overview'>;
type Result = MethodOutput<'event.purge'>;
const WORD = 'LÖSCHEN';

/**
 * Deleting all personal data, guarded: the organiser types the event's name (or LÖSCHEN), and it is allowed only
 * after something was exported from this file — or with an explicit "delete without export".
 */
export function PurgeDialog({ eventName, overview, onClose, onPurged }: {
  eventName: string; overview: Overview; onClose: () => void; onPurged: () => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'data' | 'file'>('data');
  const [keepStatistics, setKeepStatistics] = useState(true);
  const [withoutExport, setWithoutExport] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const lastExport = overview.exports[0];
  const confirmed = typed.trim() === eventName.trim() || typed.trim().toLocaleUpperCase('de-DE') === WORD;
  const allowed = confirmed && (lastExport !== undefined || withoutExport);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api('event.purge', { confirmation: typed, keepStatistics: mode === 'data' && keepStatistics, withoutExport, deleteFile: mode === 'file' });
      setResult(r);
      onPurged();
    } catch (err) {
      setError(reportErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const clean = !result.verification || result.verification.found === 0;
    return (
      <Modal opened onClose={onClose} size="lg" title={<Text fw={700} size="xl">{t('purge.doneTitle')}</Text>}>
        <Stack>
          <Alert color={clean ? 'teal' : 'red'} icon={<IconCheck />} data-testid="purge-done">
            {result.verification
              ? t(clean ? 'purge.verified' : 'purge.verifyFailed', { checked: result.verification.checked, found: result.verification.found })
              : t('purge.done')}
          </Alert>
          {result.keptStatistics && <Text>{t('purge.keptStatistics')}</Text>}
          {!result.walCleared && <Alert color="orange">{t('purge.walBusy')}</Alert>}
          <Group justify="flex-end"><Button size="md" onClick={onClose}>{t('reports.dialog.close')}</Button></Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={700} size="xl" c="red.8">{t('purge.title')}</Text>}>
      <Stack gap="md">
        <Text>{t('purge.what')}</Text>
        <List size="sm" spacing={2}>
          <List.Item>{t('purge.removes')}</List.Item>
          <List.Item>{t('purge.keeps')}</List.Item>
        </List>
        {lastExport ? (
          <Text size="sm" c="dimmed">{t('purge.lastExport', { date: formatDate(lastExport.createdAt), time: formatTime(lastExport.createdAt), report: t(`reports.file.${lastExport.report}`) })}</Text>
        ) : (
          <Alert color="orange" icon={<IconAlertTriangle />}>
            <Stack gap="xs">
              <Text>{t('purge.noExport')}</Text>
              <Checkbox checked={withoutExport} onChange={(e) => setWithoutExport(e.currentTarget.checked)} label={t('purge.withoutExport')} data-testid="purge-without-export" />
            </Stack>
          </Alert>
        )}
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'data' | 'file')}>
          <Stack gap="xs">
            <Radio value="data" label={t('purge.modeData')} />
            {mode === 'data' && (
              <Checkbox ml={32} checked={keepStatistics} onChange={(e) => setKeepStatistics(e.currentTarget.checked)} label={t('purge.keepStatistics')} data-testid="purge-keep-stats" />
            )}
            <Radio value="file" label={t('purge.modeFile')} data-testid="purge-mode-file" />
          </Stack>
        </Radio.Group>
        <TextInput size="md" label={t('purge.confirmLabel', { name: eventName, word: WORD })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)}
          data-testid="purge-confirm" autoComplete="off" />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" size="md" onClick={onClose}>{t('reports.dialog.close')}</Button>
          <Button color="red" size="md" disabled={!allowed} loading={busy} onClick={() => void run()} data-testid="purge-run">
            {t(mode === 'file' ? 'purge.runFile' : 'purge.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
