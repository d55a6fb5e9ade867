import { Button, Card, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet, IconFileUpload, IconWorldDownload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeUrl } from '../../../../electron/contract/shown-location';
import { api } from '../../api/client';
import { downloadStored } from '../reports/download';
import { IntervalInput } from './IntervalInput';
import { parseInterval } from './interval';

export interface UrlSpec {
  url: string;
  authName: string;
  authValue: string;
  intervalMinutes: number | null;
}

/**
 * Step 1: a file from this computer, or an address the list can be fetched from (with an API token if needed). For a
 * list's new version (`versionOf`, its name): only a file, and the screen says which list it is for.
 */
export function LoadStep({ busy, onFile, onUrl, versionOf }: { busy: boolean; onFile: (f: File) => void; onUrl: (u: UrlSpec) => void; versionOf?: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'file' | 'url'>('file');
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState<Omit<UrlSpec, 'intervalMinutes'>>({ url: '', authName: 'Authorization', authValue: '' });
  const [interval, setIntervalText] = useState('');
  const [triedFetch, setTriedFetch] = useState(false);
  const fetchUrl = () => {
    setTriedFetch(true);
    const minutes = parseInterval(interval);
    // Typed without "https://": completed, and shown so in the field.
    const address = completeUrl(url.url);
    if (address !== url.url) setUrl({ ...url, url: address });
    if (address && minutes.ok) onUrl({ ...url, url: address, intervalMinutes: minutes.minutes });
  };

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        {versionOf !== undefined ? (
          <Text size="lg" fw={600} data-testid="sync-version-of">{t('sync.load.versionOf', { label: versionOf })}</Text>
        ) : (
          <SegmentedControl size="md" value={mode} onChange={(v) => setMode(v as 'file' | 'url')} w="fit-content"
            data={[{ value: 'file', label: t('sync.load.file') }, { value: 'url', label: t('sync.load.url') }]} />
        )}
        {mode === 'file' ? (
          <Stack gap="sm">
            <Text>{t('sync.load.fileHint')}</Text>
            {/* .xls, .numbers and .zip are not read, but choosable: refused with what to do, not greyed out unexplained. */}
            <input ref={input} type="file" hidden data-testid="sync-file"
              accept=".csv,.tsv,.txt,.xlsx,.ods,.json,.xls,.numbers,.zip,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
              onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) onFile(f); e.currentTarget.value = ''; }} />
            <Button size="lg" w="fit-content" leftSection={<IconFileUpload />} loading={busy} onClick={() => input.current?.click()}>
              {t('sync.load.chooseFile')}
            </Button>
            {versionOf === undefined && <TemplateDownload />}
          </Stack>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); fetchUrl(); }}>
            <Stack gap="sm">
              <TextInput size="md" label={t('sync.load.urlLabel')} placeholder="https://…" value={url.url} required
                onChange={(e) => setUrl({ ...url, url: e.currentTarget.value })} data-testid="sync-url" />
              <Group grow align="flex-start">
                <TextInput size="md" label={t('sync.load.authName')} value={url.authName}
                  onChange={(e) => setUrl({ ...url, authName: e.currentTarget.value })} />
                <PasswordInput size="md" label={t('sync.load.authValue')} description={t('sync.load.authStored')} value={url.authValue}
                  onChange={(e) => setUrl({ ...url, authValue: e.currentTarget.value })} data-testid="sync-auth-value" />
              </Group>
              <IntervalInput size="md" w={420} description={t('sync.load.intervalHint')} value={interval} onChange={setIntervalText}
                showError={triedFetch} testId="sync-interval" />
              <Button type="submit" size="lg" w="fit-content" leftSection={<IconWorldDownload />} loading={busy} data-testid="sync-fetch">
                {t('sync.load.fetch')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

/** For a list kept by hand: the Excel template made for this event's programme (sync.template). */
function TemplateDownload() {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    setState('busy');
    try {
      await downloadStored(await api('sync.template', {}));
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <Stack gap={6} mt="md" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text c="dimmed" maw={760}>{t('sync.load.templateHint')}</Text>
      <Button variant="light" size="md" w="fit-content" leftSection={<IconFileSpreadsheet />} loading={state === 'busy'}
        onClick={() => void download()} data-testid="sync-template">
        {t('sync.load.template')}
      </Button>
      {state === 'failed' && <Text c="red" role="alert">{t('sync.load.templateFailed')}</Text>}
    </Stack>
  );
}
