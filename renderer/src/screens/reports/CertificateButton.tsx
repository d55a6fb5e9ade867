import { Button, Stack, Text } from '@mantine/core';
import { IconCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportAndDownload, reportErrorText } from './download';

/** "Teilnahmebescheinigung (PDF)" for one person, from their detail view. */
export function CertificateButton({ registrationId }: { registrationId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await exportAndDownload({ report: 'certificates', format: 'pdf', registrationId });
    } catch (err) {
      setError(reportErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="light" size="md" leftSection={<IconCertificate />} loading={busy} onClick={() => void run()} data-testid="person-certificate">
        {t('reports.certificates.forPerson')}
      </Button>
      {error && <Text c="red" size="sm" data-testid="person-certificate-error">{error}</Text>}
    </Stack>
  );
}
