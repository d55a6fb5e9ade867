import { Alert, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationEntry } from '../../../../electron/contract/stations-methods';
import { api, subscribe } from '../../api/client';
import { useAsync } from '../../use-async';
import { offsetText, stationsErrorText, whenText } from './station-format';

/** Every station of the event: last contact, records received, how far its clock is off; remove one (revoke). */
export function StationListCard() {
  const { t } = useTranslation();
  const list = useAsync(() => api('stations.list', {}), []);
  const { reload } = list;
  const [removing, setRemoving] = useState<StationEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => subscribe((m) => m.type === 'stations.changed' && reload()), [reload]);

  const remove = async (s: StationEntry) => {
    setError(null);
    try {
      await api('stations.revoke', { stationId: s.id });
      setRemoving(null);
      reload();
    } catch (err) {
      setError(stationsErrorText(err, t));
    }
  };
  const stations = list.data?.stations ?? [];
  const others = stations.filter((s) => !s.isLocal);
  return (
    <Card withBorder padding="lg" data-testid="station-list">
      <Stack gap="sm">
        <Title order={3}>{t('stations.list.title')}</Title>
        {error && <Alert color="red">{error}</Alert>}
        {others.length === 0 ? <Text c="dimmed">{t('stations.list.empty')}</Text> : (
          <Table striped verticalSpacing="sm" fz="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stations.list.name')}</Table.Th>
                <Table.Th>{t('stations.list.lastContact')}</Table.Th>
                <Table.Th ta="right">{t('stations.list.received')}</Table.Th>
                <Table.Th ta="right">{t('stations.list.checkIns')}</Table.Th>
                <Table.Th>{t('stations.list.clock')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stations.map((s) => (
                <Table.Tr key={s.id} data-testid="station-row" data-name={s.name} style={s.revokedAt ? { opacity: 0.6 } : undefined}>
                  <Table.Td>
                    <Text fw={600}>{s.name}</Text>
                    {s.isLocal && <Text size="sm" c="dimmed">{t('stations.list.thisStation')}</Text>}
                    {!s.isLocal && !s.paired && <Text size="sm" c="dimmed">{t('stations.list.notPaired')}</Text>}
                    {s.revokedAt && <Badge color="red" variant="light">{t('stations.list.revoked', { time: whenText(s.revokedAt, t) })}</Badge>}
                  </Table.Td>
                  <Table.Td>{s.isLocal ? '–' : s.lastContactAt ? whenText(s.lastContactAt, t) : t('stations.list.never')}</Table.Td>
                  <Table.Td ta="right">{s.isLocal ? '–' : s.recordsReceived.toLocaleString('de-DE')}</Table.Td>
                  <Table.Td ta="right">{s.checkIns.toLocaleString('de-DE')}</Table.Td>
                  <Table.Td>
                    {s.clockOffsetMs === null || s.isLocal ? '–' : s.clockWarning ? (
                      <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={14} />} style={{ textTransform: 'none' }} data-testid="clock-warning">
                        {offsetText(s.clockOffsetMs, t)}
                      </Badge>
                    ) : t('stations.clock.ok')}
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.paired && !s.revokedAt && (
                      <Button variant="subtle" color="red" leftSection={<IconPlugConnectedX size={18} />} onClick={() => setRemoving(s)} data-testid="station-remove">
                        {t('stations.list.remove')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={removing ? t('stations.list.removeTitle', { name: removing.name }) : ''} size="lg">
        <Stack>
          <Text>{t('stations.list.removeText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>{t('stations.list.cancel')}</Button>
            <Button color="red" onClick={() => removing && void remove(removing)} data-testid="station-remove-confirm">{t('stations.list.removeConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
