import { Alert, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileDownload, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { api } from '../../api/client';
import { stationsErrorText } from './station-format';

/** 512 KB per call: as base64 it stays under the station server's 1 MB body limit. */
const CHUNK = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function downloadHandover(): Promise<MethodOutput<'handover.export'>> {
  const made = await api('handover.export', {});
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const chunk: MethodOutput<'handover.download'> = await api('handover.download', { exportId: made.exportId, offset });
    parts.push(Uint8Array.from(atob(chunk.data), (c) => c.charCodeAt(0)));
    offset = chunk.nextOffset;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = made.fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
