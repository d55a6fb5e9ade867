import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldConflict, PossibleDuplicate } from '../../../../electron/contract/stations-methods';
import { fullName } from '../../format';
import { api, subscribe } from '../../api/client';
import { useAsync } from '../../use-async';
import { whenText } from './station-format';
import { errorText } from '../sync/messages';

/**
 * Conflicts are shown, not hidden: people admitted at two stations that could not see each other (both records
 * stay), fields changed at two stations at once (which value won, and why), and records that could not be placed.
 */
/** Fields whose overwritten value can be taken with one click: a correction of the person, as on their page. */
const TAKEABLE = new Set(['firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector', 'role', 'notes']);

export function ConflictsCard({ onOpen }: { onOpen?: (registrationId: string) => void }) {
  const { t } = useTranslation();
  const [taking, setTaking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A person's name that opens their page (where the screen can show it). */
  const person = (id: string, children: ReactNode, fw = 600) =>
    onOpen ? <Anchor component="button" type="button" fw={fw} ta="left" onClick={() => onOpen(id)} data-testid="conflict-person">{children}</Anchor> : children;
  /** Looked at: no longer listed here (a possible double: told apart, no longer said anywhere). */
  const seen = async (kind: 'field' | 'double' | 'cancelled' | 'duplicate', key: string) => {
    setError(null);
    try {
      await api('stations.conflictSeen', { kind, key });
      reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const seenButton = (kind: 'field' | 'double' | 'cancelled' | 'duplicate', key: string) => (
    <Button size="xs" variant="subtle" color="gray" onClick={() => void seen(kind, key)} data-testid={`conflict-seen-${kind}`}>
      {t(kind === 'duplicate' ? 'stations.conflicts.different' : 'stations.conflicts.seen')}
    </Button>
  );
  /** The overwritten value, taken as a correction made here now: it wins everywhere, as a later change does. */
  const take = async (f: FieldConflict) => {
    setTaking(f.id);
    setError(null);
    try {
      await api('registrations.update', { id: f.registrationId, fields: { [f.field]: f.loserValue ?? '' } });
      reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setTaking(null);
    }
  };
  const data = useAsync(() => api('stations.conflicts', {}), []);
  const { reload } = data;
  useEffect(() => subscribe((m) => (m.type === 'stations.changed' || m.type === 'checkin.recorded' || m.type === 'sync.changed') && reload()), [reload]);
  const c = data.data;
  const none = c && c.doubleAdmissions.length === 0 && c.fieldConflicts.length === 0 && c.parked.length === 0
    && c.admittedAfterCancellation.length === 0 && c.possibleDuplicates.length === 0;
  const who = (p: PossibleDuplicate['walkIn']) => [fullName(p), p.organisation, p.town, p.code].filter(Boolean).join(' · ');
  const value = (v: string | null) => (v === null || v === '' ? t('stations.conflicts.empty') : v);
  const side = (station: string | null, at: string | null) => [station ?? t('stations.conflicts.unknownStation'), at ? whenText(at, t) : null].filter(Boolean).join(', ');
  const fieldName = (f: FieldConflict) => t(`stations.conflicts.field.${f.field}`, { defaultValue: f.field });
  return (
    <Card withBorder padding="lg" data-testid="conflicts-card">
      <Stack gap="sm">
        <Title order={3}>{t('stations.conflicts.title')}</Title>
        {none && <Text c="dimmed">{t('stations.conflicts.none')}</Text>}
        {c && c.doubleAdmissions.length > 0 && (
          <Stack gap={4}>
            <Text fw={700}>{t('stations.conflicts.doubleTitle', { count: c.doubleAdmissions.length })}</Text>
            <Text size="sm" c="dimmed">{t('stations.conflicts.doubleHint')}</Text>
            <Table striped fz="md">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('stations.conflicts.person')}</Table.Th><Table.Th>{t('stations.conflicts.list')}</Table.Th>
                <Table.Th>{t('stations.conflicts.first')}</Table.Th><Table.Th>{t('stations.conflicts.second')}</Table.Th><Table.Th />
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {c.doubleAdmissions.map((d) => (
                  <Table.Tr key={d.secondId} data-testid="double-admission">
                    <Table.Td fw={600}>{person(d.registrationId, d.name)}</Table.Td><Table.Td>{d.listName}</Table.Td>
                    <Table.Td>{side(d.firstStation, d.firstAt)}</Table.Td><Table.Td>{side(d.secondStation, d.secondAt)}</Table.Td>
                    <Table.Td ta="right">{seenButton('double', d.secondId)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {c && c.admittedAfterCancellation.length > 0 && (
          // Cancelled (at the hub, by a list) and let in afterwards by a station that did not know (QA15 H4).
          <Stack gap={4}>
            <Text fw={700}>{t('stations.conflicts.cancelledTitle', { count: c.admittedAfterCancellation.length })}</Text>
            <Text size="sm" c="dimmed">{t('stations.conflicts.cancelledHint')}</Text>
            <Table striped fz="md">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('stations.conflicts.person')}</Table.Th><Table.Th>{t('stations.conflicts.list')}</Table.Th>
                <Table.Th>{t('stations.conflicts.cancelledAt')}</Table.Th><Table.Th>{t('stations.conflicts.admittedAt')}</Table.Th><Table.Th />
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {c.admittedAfterCancellation.map((a) => (
                  <Table.Tr key={a.checkInId} data-testid="admitted-after-cancellation">
                    <Table.Td fw={600}>{person(a.registrationId, a.name)}</Table.Td><Table.Td>{a.listName}</Table.Td>
                    <Table.Td>{whenText(a.cancelledAt, t)}</Table.Td><Table.Td>{side(a.station, a.scannedAt)}</Table.Td>
                    <Table.Td ta="right">{seenButton('cancelled', a.checkInId)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {c && c.possibleDuplicates.length > 0 && (
          // A walk-in and a person of the list with the same name (QA15 H3): said, not merged (see possibleTwinsOf).
          <Stack gap={4}>
            <Text fw={700}>{t('stations.conflicts.duplicatesTitle', { count: c.possibleDuplicates.length })}</Text>
            <Text size="sm" c="dimmed">{t('stations.conflicts.duplicatesHint')}</Text>
            <Table striped fz="md">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('stations.conflicts.walkIn')}</Table.Th><Table.Th>{t('stations.conflicts.listed')}</Table.Th><Table.Th />
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {c.possibleDuplicates.map((d) => (
                  <Table.Tr key={`${d.walkIn.id}-${d.listed.id}`} data-testid="possible-duplicate">
                    <Table.Td>{person(d.walkIn.id, who(d.walkIn), 400)}</Table.Td><Table.Td>{person(d.listed.id, who(d.listed), 400)}</Table.Td>
                    <Table.Td ta="right">{seenButton('duplicate', `${d.walkIn.id}|${d.listed.id}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {c && c.fieldConflicts.length > 0 && (
          <Stack gap={4}>
            <Text fw={700}>{t('stations.conflicts.fieldTitle', { count: c.fieldConflicts.length })}</Text>
            {c.fieldConflicts.map((f) => (
              <Card key={f.id} withBorder padding="sm" data-testid="field-conflict">
                <Text fw={600}>{person(f.registrationId, f.name)} · {fieldName(f)}</Text>
                <Text>
                  <Badge color="teal" variant="light" mr="xs">{t('stations.conflicts.won')}</Badge>
                  {value(f.winnerValue)} <Text span c="dimmed">({side(f.winnerStation, f.winnerAt)})</Text>
                </Text>
                <Text>
                  <Badge color="gray" variant="light" mr="xs">{t('stations.conflicts.lost')}</Badge>
                  {value(f.loserValue)} <Text span c="dimmed">({side(f.loserStation, f.loserAt)})</Text>
                </Text>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" c="dimmed">{t(`stations.conflicts.reason.${f.reason}`)}</Text>
                  <Group gap="xs">
                    {TAKEABLE.has(f.field) && f.loserValue !== f.winnerValue && (
                      <Button size="xs" variant="light" loading={taking === f.id} onClick={() => void take(f)} data-testid="conflict-take-loser">
                        {t('stations.conflicts.takeLoser', { value: value(f.loserValue) })}
                      </Button>
                    )}
                    {seenButton('field', f.id)}
                  </Group>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
        {error && <Alert color="red" data-testid="conflict-error">{error}</Alert>}
        {c && c.parked.length > 0 && (
          <Alert color="orange" title={t('stations.conflicts.parkedTitle')}>
            {c.parked.map((p) => (
              <Text key={`${p.kind}-${p.reason}-${p.station ?? ''}`}>
                {t('stations.conflicts.parkedText', {
                  count: p.count, station: p.station ?? t('stations.conflicts.unknownStation'),
                  reason: t(`stations.conflicts.parkedReason.${p.reason}`, { defaultValue: p.reason }),
                })}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
