import { Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, api } from '../api/client';
import { useAsync } from '../use-async';

/** Per-event front-desk settings: where the code sits in other systems' QR texts, and the front-desk PIN. */
export function EventSettingsCard() {
  const { t } = useTranslation();
  const settings = useAsync(() => api('event.settings', {}), []);
  const [pattern, setPattern] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const current = pattern ?? settings.data?.codePattern ?? '';

  const save = (input: { codePattern?: string | null; pin?: string | null }, done: string) =>
    api('event.updateSettings', input).then(
      () => {
        setMessage({ ok: true, text: done });
        setPin('');
        settings.reload();
      },
      (err: unknown) => setMessage({ ok: false, text: err instanceof ApiCallError ? t(err.error.message, err.error.details) : t('errors.internal') }),
    );

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={3}>{t('settings.title')}</Title>
        <form onSubmit={(e) => { e.preventDefault(); void save({ codePattern: current.trim() || null }, t('settings.saved')); }}>
          <Group align="flex-end" wrap="nowrap">
            <TextInput size="md" style={{ flex: 1 }} label={t('settings.codePattern')} description={t('settings.codePatternHint')}
              value={current} onChange={(e) => setPattern(e.currentTarget.value)} styles={{ input: { fontFamily: "monospace" } }} data-testid="code-pattern" />
            <Button type="submit" size="md" variant="light">{t('settings.save')}</Button>
          </Group>
        </form>
        <form onSubmit={(e) => { e.preventDefault(); if (/^\d{4,8}$/.test(pin)) void save({ pin }, t('settings.pinSaved')); }}>
          <Group align="flex-end" wrap="nowrap">
            <PasswordInput size="md" style={{ flex: 1 }} label={t('settings.pin')} inputMode="numeric" maxLength={8}
              description={settings.data?.hasPin ? t('settings.pinSet') : t('settings.pinNotSet')} value={pin} onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, ''))} />
            <Button type="submit" size="md" variant="light" disabled={!/^\d{4,8}$/.test(pin)}>{t('settings.save')}</Button>
          </Group>
        </form>
        {message && <Text c={message.ok ? 'teal.8' : 'red'}>{message.text}</Text>}
      </Stack>
    </Card>
  );
}
