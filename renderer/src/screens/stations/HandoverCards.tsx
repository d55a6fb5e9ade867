import { Alert, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileDownload, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { api } from '../../api/client';
import { CHUNK_BYTES as CHUNK, saveChunked, toBase64 } from '../../api/file-transfer';
import { stationsErrorText } from './station-format';

async function downloadHandover(): Promise<MethodOutput<'handover.export'>> {
  const made = await api('handover.export', {});
  await saveChunked(made.fileName, 'application/json', (offset) => api('handover.download', { exportId: made.exportId, offset }));
  return made;
}

/** At a station without network: the records the hub has not confirmed, as a file for the USB stick. */
export function HandoverExportCard({ pending }: { pending: number }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const made = await downloadHandover();
      setMessage({ ok: true, text: t('stations.handover.exported', { count: made.records, file: made.fileName }) });
    } catch (err) {
      setMessage({ ok: false, text: stationsErrorText(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="lg" data-testid="handover-export">
      <Stack gap="sm">
        <Title order={3}>{t('stations.handover.title')}</Title>
        <Text>{t('stations.handover.exportText', { count: pending })}</Text>
        <Group><Button size="md" variant="light" leftSection={<IconFileDownload />} loading={busy} onClick={() => void run()}>{t('stations.handover.export')}</Button></Group>
        {message && <Alert color={message.ok ? 'teal' : 'red'}>{message.text}</Alert>}
      </Stack>
    </Card>
  );
}

/** At the hub: a station's hand-over file, merged like a network sync (importing it twice changes nothing). */
export function HandoverImportCard() {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK));
      let importId: string | undefined;
      let result: MethodOutput<'handover.importChunk'>['result'] = null;
      for (let index = 0; index < chunks; index++) {
        const part = bytes.subarray(index * CHUNK, (index + 1) * CHUNK);
        const r = await api('handover.importChunk', { importId, index, dataBase64: toBase64(part), last: index === chunks - 1 });
        importId = r.importId;
        result = r.result;
      }
      if (result) setMessage({ ok: true, text: t('stations.handover.imported', { ...result }) });
    } catch (err) {
      setMessage({ ok: false, text: stationsErrorText(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="lg" data-testid="handover-import">
      <Stack gap="sm">
        <Title order={3}>{t('stations.handover.title')}</Title>
        <Text>{t('stations.handover.importText')}</Text>
        <Group>
          <FileButton onChange={(f) => void run(f)} accept="application/json,.json">
            {(props) => <Button size="md" variant="light" leftSection={<IconFileUpload />} loading={busy} {...props} data-testid="handover-import-button">{t('stations.handover.import')}</Button>}
          </FileButton>
        </Group>
        {message && <Alert color={message.ok ? 'teal' : 'red'} data-testid="handover-result">{message.text}</Alert>}
      </Stack>
    </Card>
  );
}
