import { Alert, Button, Card, FileButton, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileTypePdf, IconFileZip, IconPhoto, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { api } from '../../api/client';
import { exportAndDownload, reportErrorText } from './download';

type Organisation = MethodOutput<'reports.overview'>['organisation'];

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Who issues the certificates (name and logo, kept in the event file) and the certificates for everyone. */
export function CertificatesCard({ organisation, present, onChanged, onExported }: {
  organisation: Organisation; present: number; onChanged: () => void; onExported: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(organisation.name ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (key: string, fn: () => Promise<unknown>, ok: string) => {
    setBusy(key);
    setMessage(null);
    try {
      await fn();
      setMessage({ ok: true, text: ok });
    } catch (err) {
      setMessage({ ok: false, text: reportErrorText(err, t) });
    } finally {
      setBusy(null);
    }
  };
  const saveOrganisation = (input: { name?: string | null; logo?: string | null }) =>
    api('reports.setOrganisation', input).then(onChanged);
  const download = (format: 'pdf' | 'zip') => exportAndDownload({ report: 'certificates', format }).then(onExported);

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={4}>{t('reports.certificates.title')}</Title>
        <Text c="dimmed">{t('reports.certificates.hint', { count: present })}</Text>
        <Group align="flex-end" gap="md">
          <TextInput size="md" w={520} label={t('reports.certificates.organisation')} value={name} maxLength={200}
            onChange={(e) => setName(e.currentTarget.value)} data-testid="organisation-name" />
          <Button size="md" variant="light" loading={busy === 'name'} data-testid="organisation-save"
            onClick={() => void act('name', () => saveOrganisation({ name: name.trim() || null }), t('reports.certificates.saved'))}>
            {t('reports.certificates.save')}
          </Button>
        </Group>
        <Group gap="md">
          {organisation.logo && <Image src={organisation.logo} h={48} w="auto" fit="contain" alt={t('reports.certificates.logo')} data-testid="organisation-logo" />}
          <FileButton accept="image/png,image/jpeg" onChange={(file) => file && void act('logo', async () => saveOrganisation({ logo: await fileToBase64(file) }), t('reports.certificates.logoSaved'))}>
            {(props) => <Button {...props} size="md" variant="default" leftSection={<IconPhoto size={18} />} loading={busy === 'logo'} data-testid="logo-upload">{t('reports.certificates.uploadLogo')}</Button>}
          </FileButton>
          {organisation.logo && (
            <Button size="md" variant="subtle" color="gray" leftSection={<IconTrash size={18} />}
              onClick={() => void act('logo', () => saveOrganisation({ logo: null }), t('reports.certificates.logoRemoved'))}>
              {t('reports.certificates.removeLogo')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">{t('reports.certificates.logoHint')}</Text>
        <Group>
          <Button size="md" leftSection={<IconFileTypePdf />} disabled={present === 0} loading={busy === 'pdf'} data-testid="certificates-pdf"
            onClick={() => void act('pdf', () => download('pdf'), t('reports.certificates.downloaded'))}>
            {t('reports.certificates.allPdf')}
          </Button>
          <Button size="md" variant="light" leftSection={<IconFileZip />} disabled={present === 0} loading={busy === 'zip'} data-testid="certificates-zip"
            onClick={() => void act('zip', () => download('zip'), t('reports.certificates.downloaded'))}>
            {t('reports.certificates.allZip')}
          </Button>
        </Group>
        {message && <Alert color={message.ok ? 'teal' : 'red'} data-testid="certificates-message">{message.text}</Alert>}
      </Stack>
    </Card>
  );
}
