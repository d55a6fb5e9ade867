import { Badge, Button, Group, SegmentedControl, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import type { EventSummary, PeopleShown } from '../../../electron/contract/entities';
import { api, subscribe } from '../api/client';
import { fullName } from '../format';
import { firstItems } from '../api/first-items';
import { useAsync } from '../use-async';
import { PersonDetail } from './PersonDetail';
import { LocalMark } from './sync/RegistrationEdit';
import { EraseRemovedList } from './sync/EraseRemovedList';
import { useStationsStatus } from './stations/station-format';

const PAGE = 100;
/** Most people one call gives (the contract's limit): more are asked for in turn. */
const CALL = 500;
const SHOWN: PeopleShown[] = ['all', 'registered', 'cancelled', 'onSite', 'local'];

export function People({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<string | null>(null);
  const [show, setShow] = useState<PeopleShown>('all');
  const [source, setSource] = useState<string | null>(null);
  // Removed lists too: who they cancelled is still to be found.
  const sources = useAsync(() => api('sync.sources', { withRemoved: true }), []);
  const stations = useStationsStatus();
  const people = useAsync(
    () => firstItems(limit, CALL, (offset, n) => api('registrations.list', { query: debounced, show, syncSourceId: source ?? undefined, offset, limit: n })),
    [debounced, show, source, limit],
  );

  // A list applied while the screen is open — by a periodic check, or by another program such as `einlass import`
  // (see ExternalChanges) — shows its people at once (QA17 M1: still „40 Personen“ until a reload).
  const { reload: reloadPeople } = people;
  const { reload: reloadSources } = sources;
  useEffect(() => subscribe((m) => {
    if (m.type !== 'sync.changed') return;
    reloadPeople();
    reloadSources();
  }), [reloadPeople, reloadSources]);

  // A removed list chosen: its personal data can still be erased (not at a station: lists are the hub's).
  const removedSource = sources.data?.sources.find((s) => s.id === source && s.removed);
  const atStation = stations.status?.role === 'station';
  if (selected) return <PersonDetail id={selected} event={event} onBack={() => setSelected(null)} onOpen={setSelected} />;
  const items = people.data?.items ?? [];
  return (
    <Page gap="sm">
      <Group justify="space-between">
        <Title order={2}>{t('people.title')}</Title>
        <Text c="dimmed">{t('people.count', { count: people.data?.total ?? 0 })}</Text>
      </Group>
      <TextInput size="lg" leftSection={<IconSearch />} placeholder={t('people.search')} value={query}
        onChange={(e) => { setQuery(e.currentTarget.value); setLimit(PAGE); }} data-testid="people-search" />
      <Group gap="md" wrap="wrap">
        <SegmentedControl size="md" value={show} data-testid="people-show"
          data={SHOWN.map((v) => ({ value: v, label: t(`people.show.${v}`) }))}
          onChange={(v) => { setShow(v as PeopleShown); setLimit(PAGE); }} />
        {(sources.data?.sources.length ?? 0) > 0 && (
          <Select size="md" w={400} allowDeselect={false} aria-label={t('people.sourceLabel')} data-testid="people-source"
            data={[{ value: 'all', label: t('people.allSources') }, ...sources.data!.sources.map((s) => ({ value: s.id, label: s.removed ? t('people.removedSource', { label: s.label }) : s.label }))]}
            value={source ?? 'all'} onChange={(v) => { setSource(!v || v === 'all' ? null : v); setLimit(PAGE); }} />
        )}
      </Group>
      {removedSource && !atStation && (
        <EraseRemovedList key={removedSource.id} source={removedSource} onErased={() => { sources.reload(); people.reload(); }} />
      )}
      <Table highlightOnHover verticalSpacing="sm" fz="md">
        <Table.Thead>
          <Table.Tr>
            {/* Room for a name with its "lokal geändert" badge at 1024 px, beside a long organisation. */}
            <Table.Th style={{ minWidth: 190 }}>{t('people.name')}</Table.Th>
            <Table.Th>{t('people.organisation')}</Table.Th>
            <Table.Th>{t('people.town')}</Table.Th>
            <Table.Th>{t('people.code')}</Table.Th>
            <Table.Th>{t('people.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => setSelected(p.id)}>
              <Table.Td fw={600}>
                {fullName(p)}
                {p.local && <LocalMark />}
                {p.registeredOnSite && <Badge size="sm" color="grape" variant="outline" ml={6}>{t('people.onSite')}</Badge>}
              </Table.Td>
              <Table.Td>{p.organisation}</Table.Td>
              <Table.Td>{p.town}</Table.Td>
              <Table.Td ff="monospace">
                {/* pretix's 32-character codes would push the status out of a 1024-pixel window: cut, whole on hover. */}
                <Text ff="monospace" fz="md" maw={190} truncate="end" title={p.code}>{p.code}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={p.status === 'cancelled' ? 'red' : 'teal'} variant="light" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
                  {t(`status.${p.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {people.data && items.length === 0 && <Text c="dimmed">{t('people.noResults')}</Text>}
      {people.data && people.data.total > items.length && (
        <Button variant="light" onClick={() => setLimit((l) => l + PAGE)}>{t('people.more')}</Button>
      )}
    </Page>
  );
}
