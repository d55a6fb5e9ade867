import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconMinus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventSummary } from '../../../../electron/contract/entities';
import { api } from '../../api/client';
import { formatCount, formatDate } from '../../format';
import { useAsync } from '../../use-async';
import { PersonDetail } from '../PersonDetail';

const PAGE = 100;
/** Most rows the overview shows (the contract's limit). */
const MAX_ROWS = 500;
const CELL = {
  present: { Icon: IconCheck, color: 'var(--mantine-color-green-7)', bg: 'var(--mantine-color-green-0)' },
  absent: { Icon: IconX, color: 'var(--mantine-color-red-7)', bg: 'var(--mantine-color-red-0)' },
  none: { Icon: IconMinus, color: 'var(--mantine-color-gray-4)', bg: undefined },
} as const;

/** For organisers: people × programme items (present, absent, not assigned), with totals per item. */
export function AttendanceOverview({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const days = useAsync(() => api('programme.days', {}), []);
  const [day, setDay] = useState<string | null>(null);
  const [sector, setSector] = useState<string | null>(null);
  const [organisation, setOrganisation] = useState('');
  const [debouncedOrg] = useDebouncedValue(organisation, 200);
  const [limit, setLimit] = useState(PAGE);
  const [person, setPerson] = useState<string | null>(null);
  const matrix = useAsync(
    () => api('attendance.matrix', { day: day ?? undefined, sector: sector ?? undefined, organisation: debouncedOrg || undefined, limit }),
    [day, sector, debouncedOrg, limit],
  );

  if (person) return <PersonDetail id={person} event={event} onBack={() => setPerson(null)} />;
  const m = matrix.data;
  return (
    <Stack p="md" h="100%" gap="sm" style={{ overflow: 'hidden' }}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('attendance.title')}</Title>
        <Group gap="xs" wrap="nowrap">
          <Legend kind="present" label={t('attendance.present')} />
          <Legend kind="absent" label={t('attendance.absent')} />
          <Legend kind="none" label={t('attendance.none')} />
        </Group>
      </Group>
      <Group wrap="nowrap">
        <Select size="md" w={260} placeholder={t('attendance.allDays')} clearable value={day} onChange={setDay}
          data={(days.data?.days ?? []).map((d) => ({ value: d.date, label: `${d.label.split(' · ')[0]} – ${formatDate(d.date)}` }))} data-testid="attendance-day" />
        <Select size="md" w={220} placeholder={t('attendance.allSectors')} clearable value={sector} onChange={setSector} data={m?.sectors ?? []} />
        <TextInput size="md" style={{ flex: 1 }} placeholder={t('attendance.organisation')} value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)} />
        <Text c="dimmed" style={{ whiteSpace: 'nowrap' }}>{t('people.count', { count: m?.total ?? 0 })}</Text>
      </Group>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Table stickyHeader fz="sm" verticalSpacing={4} withColumnBorders data-testid="attendance-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ position: 'sticky', left: 0, zIndex: 3, background: 'white', minWidth: 240 }}>{t('people.name')}</Table.Th>
              {m?.lists.map((l) => (
                <Table.Th key={l.id} style={{ minWidth: 92, maxWidth: 140, verticalAlign: 'bottom' }}>
                  <Tooltip label={l.name} multiline maw={320}>
                    <Text size="xs" fw={700} lineClamp={3}>{l.name}</Text>
                  </Tooltip>
                  <Badge size="sm" variant="light" color={l.kind === 'walk' ? 'grape' : l.kind === 'entrance' ? 'indigo' : 'teal'} mt={4}>
                    {formatCount(l.present)}{l.kind !== 'entrance' && l.assigned > 0 ? ` / ${formatCount(l.assigned)}` : ''}
                  </Badge>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m?.rows.map((r) => (
              <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setPerson(r.id)}>
                <Table.Td style={{ position: 'sticky', left: 0, background: 'white', zIndex: 1 }}>
                  <Text fw={600} size="sm" truncate maw={260}>{r.name}</Text>
                  {r.organisation && <Text size="xs" c="dimmed" truncate maw={260}>{r.organisation}</Text>}
                </Table.Td>
                {r.cells.map((c, i) => {
                  const { Icon, color, bg } = CELL[c];
                  return (
                    <Table.Td key={m.lists[i]!.id} ta="center" style={{ background: bg }} data-cell={c} aria-label={t(`attendance.${c}`)}>
                      <Icon size={18} color={color} />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {/* At most 500 rows on screen (each a row of cells per programme item): beyond that, filters or the export. */}
      {m && m.total > m.rows.length && (m.rows.length < MAX_ROWS ? (
        <Button variant="light" onClick={() => setLimit((l) => Math.min(MAX_ROWS, l + PAGE))}>{t('people.more')}</Button>
      ) : (
        <Text c="dimmed" data-testid="attendance-capped">{t('attendance.capped', { shown: m.rows.length, total: m.total })}</Text>
      ))}
    </Stack>
  );
}

function Legend({ kind, label }: { kind: keyof typeof CELL; label: string }) {
  const { Icon, color } = CELL[kind];
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={16} color={color} />
      <Text size="sm">{label}</Text>
    </Group>
  );
}
