import { Alert, Loader } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { watchConnection, type Connection } from '../api/client';

/**
 * Browser mode: a page whose station stopped answering says so over everything it shows, instead of showing what it
 * loaded last as if it were current. `lost` clears itself when the station answers again (every screen then loads
 * anew, see useAsync); `refused` needs the station's address opened again.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const [connection, setConnection] = useState<Connection>('connected');
  useEffect(() => watchConnection(setConnection), []);
  if (connection === 'connected') return null;
  return (
    <Alert
      role="alert"
      color={connection === 'lost' ? 'orange' : 'red'}
      variant="filled"
      radius={0}
      icon={connection === 'lost' ? <Loader size="sm" color="white" aria-hidden /> : <IconPlugConnectedX size={28} />}
      title={t(`connection.${connection}.title`)}
      fz="lg"
      styles={{ title: { fontSize: 'var(--mantine-font-size-xl)' } }}
      style={{ position: 'fixed', top: 0, left: 0, right: 0, zIndex: 1000 }}
      data-testid={`connection-${connection}`}
    >
      {t(`connection.${connection}.body`)}
    </Alert>
  );
}
