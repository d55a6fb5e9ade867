import { Alert, Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, subscribe } from './api/client';
import { ConnectionBanner } from './components/ConnectionBanner';
import { EventShell } from './screens/EventShell';
import { StartScreen } from './screens/StartScreen';
import { useAsync } from './use-async';

export function App() {
  return (
    <>
      <ConnectionBanner />
      <Screens />
    </>
  );
}

function Screens() {
  const { t } = useTranslation();
  const info = useAsync(() => api('app.info', {}), []);
  const { reload } = info;

  useEffect(
    () =>
      subscribe((m) => {
        if (m.type === 'event.changed') reload();
      }),
    [reload],
  );

  if (info.error) {
    return (
      <Center h="100%" p="xl">
        <Alert color="red" title={t('app.name')} maw={640} fz="lg">
          {t(info.error.message, info.error.details)}
        </Alert>
      </Center>
    );
  }
  if (!info.data) {
    return (
      <Center h="100%">
        <Loader size="xl" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!info.data.event || !info.data.station) return <StartScreen onOpened={reload} />;
  return <EventShell event={info.data.event} station={info.data.station} onChanged={reload} />;
}
