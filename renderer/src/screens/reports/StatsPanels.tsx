import { Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameSaysKind } from '../../../../electron/contract/programme-names';
import { presentRegistered, type StatsData } from '../../../../electron/contract/report-methods';
import { formatCount, formatDate } from '../../format';
import { BarList, ColumnChart, Legend } from './StatsCharts';
import { groupLabel, percent, type Dimension } from './stats-labels';

function KeyFigures({ stats }: { stats: StatsData }) {
  const { t } = useTranslation();
  const tt = stats.totals;
  // Anyone let in although cancelled is present, but not among the registered the rate is of: said under "Anwesend",
  // so that present and absent add up to the registered.
  const cancelledThere = tt.presentCancelled ?? 0;
  const figures = [
    ['registered', formatCount(tt.registered), null],
    ['present', formatCount(tt.present), cancelledThere > 0 ? t('reports.figure.presentCancelledNote', { count: cancelledThere }) : null],
    ['rate', percent(presentRegistered(tt), tt.registered), null],
    ['absent', formatCount(tt.absent), null],
    ['onSite', formatCount(tt.onSite), null],
    ['cancelled', formatCount(tt.cancelled), null],
  ] as const;
  return (
    // Six in a row from 1200 px (a 1366 px laptop), three below; the labels fit a card of either ("Anwesenheitsquote"
    // is the longest).
    <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="sm" data-testid="report-figures">
      {figures.map(([key, value, note]) => (
        <Card key={key} withBorder padding="sm" data-testid={`report-figure-${key}`}>
          <Text fz={30} fw={800} c="indigo.7" lh={1.1}>{value}</Text>
          <Text size="sm" c="dimmed">{t(`reports.figure.${key}`)}</Text>
          {note && <Text size="xs" c="dimmed">{note}</Text>}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Groups({ stats }: { stats: StatsData }) {
  const { t } = useTranslation();
  const [dimension, setDimension] = useState<Dimension | 'byDay'>('byDay');
  const items = dimension === 'byDay'
    ? stats.byDay.map((d) => ({ label: formatDate(d.date), value: d.present, reference: d.registered, note: `(${percent(d.present, d.registered)})` }))
    : stats[dimension].map((g) => ({ label: groupLabel(dimension, g, t), value: g.present, reference: g.registered, note: `(${percent(g.present, stats.totals.present)})` }));
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('reports.screen.attendanceBy')}</Title>
          <SegmentedControl size="sm" value={dimension} onChange={(v) => setDimension(v as Dimension | 'byDay')} data={[
            { value: 'byDay', label: t('reports.screen.dimension.byDay') },
            { value: 'bySector', label: t('reports.screen.dimension.bySector') },
            { value: 'byOrganisationType', label: t('reports.screen.dimension.byOrganisationType') },
            { value: 'byFederalState', label: t('reports.screen.dimension.byFederalState') },
          ]} data-testid="report-dimension" />
        </Group>
        <BarList items={items} testId="report-groups" />
        <Legend value={t('reports.pdf.legendPresent')} reference={t('reports.pdf.legendRegistered')} />
        <Text size="sm" c="dimmed">{dimension === 'byDay' ? t('reports.screen.shareOfDay') : t('reports.screen.shareOfPresent')}</Text>
      </Stack>
    </Card>
  );
}

function Arrivals({ stats }: { stats: StatsData }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(stats.arrivals[0]?.date ?? '');
  const current = stats.arrivals.find((a) => a.date === day) ?? stats.arrivals[0];
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('reports.screen.arrivals')}</Title>
          {stats.arrivals.length > 1 && (
            <SegmentedControl size="sm" value={current?.date ?? ''} onChange={setDay} data={stats.arrivals.map((a) => ({ value: a.date, label: formatDate(a.date) }))} />
          )}
        </Group>
        {current ? <ColumnChart slots={current.slots} /> : <Text c="dimmed">{t('reports.screen.noArrivals')}</Text>}
        {current && <Text size="sm" c="dimmed">{t('reports.pdf.arrivalsTotal', { count: current.slots.reduce((s, x) => s + x.count, 0) })} · {t('reports.pdf.arrivalsAxis')}</Text>}
      </Stack>
    </Card>
  );
}

function Programme({ stats }: { stats: StatsData }) {
  const { t } = useTranslation();
  const items = stats.lists.filter((l) => l.kind !== 'entrance');
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="sm">{t('reports.section.lists')}</Title>
      <Table fz="md" verticalSpacing={6} striped data-testid="report-programme">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="40%">{t('reports.column.item')}</Table.Th>
            <Table.Th>{t('reports.column.day')}</Table.Th>
            <Table.Th ta="right">{t('reports.column.capacity')}</Table.Th>
            <Table.Th ta="right">{t('reports.column.registered')}</Table.Th>
            <Table.Th ta="right">{t('reports.column.present')}</Table.Th>
            <Table.Th ta="right">{t('reports.column.noShows')}</Table.Th>
            <Table.Th ta="right">{t('reports.column.walkIns')}</Table.Th>
            <Table.Th ta="right">{t('reports.column.utilisation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((l) => (
            <Table.Tr key={`${l.name}-${l.day}-${l.startsAt}`}>
              <Table.Td fw={500}>{l.name}{l.kind === 'walk' && !nameSaysKind(l.name, t('reports.kind.walk')) && <Text span c="dimmed" fw={400}> · {t('reports.kind.walk')}</Text>}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.day ? formatDate(l.day) : ''} {l.startsAt ?? ''}</Table.Td>
              <Table.Td ta="right">{l.capacity === null ? '–' : formatCount(l.capacity)}</Table.Td>
              <Table.Td ta="right">{l.registered === null ? '–' : formatCount(l.registered)}</Table.Td>
              <Table.Td ta="right" fw={700}>{formatCount(l.present)}</Table.Td>
              <Table.Td ta="right">{l.registered === null || l.presentRegistered === null ? '–' : formatCount(l.registered - l.presentRegistered)}</Table.Td>
              <Table.Td ta="right">{l.presentRegistered === null ? '–' : formatCount(l.present - l.presentRegistered)}</Table.Td>
              <Table.Td ta="right">{percent(l.present, l.capacity)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The statistics on screen: key figures, attendance by day/sector/type/state, arrivals, programme items. */
export function StatsPanels({ stats }: { stats: StatsData }) {
  return (
    <Stack gap="md">
      <KeyFigures stats={stats} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Groups stats={stats} />
        <Arrivals stats={stats} />
      </SimpleGrid>
      <Programme stats={stats} />
    </Stack>
  );
}
