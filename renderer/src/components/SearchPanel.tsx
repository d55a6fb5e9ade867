import { Badge, Button, Group, Kbd, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../electron/contract/entities';
import { api } from '../api/client';
import { fullName } from '../format';
import { useAsync } from '../use-async';

/** Hits shown; one more is asked for, to know whether there are more ("Müller" at a large event). */
const SHOWN = 8;

/**
 * Check-in without a code: search as you type (name, organisation, town or code, German-aware), arrows to move,
 * Enter to check in. Enter with no hit sends the text as a typed code.
 */
export function SearchPanel(props: {
  listId: string;
  version: number;
  onCheckIn: (hit: SearchHit) => void;
  onCode: (code: string) => void;
  onWalkIn: (prefill: string) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // No debounce: a search takes a few milliseconds, results must be there within 50 ms of a keystroke, and an
  // answer to an older keystroke is dropped by useAsync when a newer one is under way.
  const search = useAsync(
    async () => ({ query, hits: query.trim() ? (await api('registrations.search', { query, listId: props.listId, limit: SHOWN + 1 })).hits : [] }),
    [query, props.listId, props.version],
  );
  const hits = (search.data?.hits ?? []).slice(0, SHOWN);
  const more = (search.data?.hits.length ?? 0) > SHOWN;
  // Hits answer the text in the field only once they are for exactly that text; until then Enter does nothing.
  const current = search.data?.query === query;
  const selected = Math.min(active, Math.max(0, hits.length - 1));

  const choose = (hit: SearchHit) => {
    props.onCheckIn(hit);
    setQuery('');
    setActive(0);
  };
  const submit = () => {
    const hit = hits[selected];
    if (hit) choose(hit);
    else if (query.trim()) {
      props.onCode(query.trim());
      setQuery('');
    }
  };
  // Enter pressed before the results for the typed text arrived: done as soon as they are there.
  const pendingEnter = useRef<string | null>(null);
  useEffect(() => {
    if (current && pendingEnter.current === query) {
      pendingEnter.current = null;
      submit();
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(selected + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(selected - 1, 0));
    } else if (e.key === 'Enter' && !e.defaultPrevented) {
      e.preventDefault();
      if (current) submit();
      else pendingEnter.current = query;
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  return (
    <Stack gap="xs">
      <TextInput
        size="lg"
        leftSection={<IconSearch />}
        label={t('frontDesk.search')}
        placeholder={t('frontDesk.searchPlaceholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        data-testid="search-input"
        aria-controls="search-results"
      />
      {query.trim() !== '' && (
        // data-query: the text the shown hits answer (tests and the search-screen bench wait for it).
        <Stack gap={4} id="search-results" role="listbox" data-testid="search-results" data-query={search.data?.query ?? ''}>
          {/* Above the hits, where it is seen before the list is read (it may scroll). */}
          {current && more && <Text size="sm" fw={600} c="orange.9" data-testid="search-more">{t('frontDesk.moreHits', { shown: SHOWN })}</Text>}
          {hits.map((hit, i) => (
            <UnstyledButton
              key={hit.id}
              role="option"
              aria-selected={i === selected}
              onClick={() => choose(hit)}
              onMouseEnter={() => setActive(i)}
              data-testid="search-hit"
              style={{
                padding: '8px 12px', borderRadius: 8,
                background: i === selected ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-gray-0)',
                border: i === selected ? '2px solid var(--mantine-color-indigo-5)' : '2px solid transparent',
              }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text fw={700} size="lg" truncate>{fullName(hit)}</Text>
                  <Text size="sm" c="dimmed" truncate>{[hit.organisation, hit.town].filter(Boolean).join(' · ')}</Text>
                  {/* At a walk: the walk at the same time they would be moved from, said before the guide taps. */}
                  {hit.booking?.sameTime && (
                    <Text size="sm" fw={600} c="orange.9" lineClamp={3} data-testid="search-hit-same-time">
                      {t('roster.hitSameTime', { name: hit.booking.sameTime })}
                    </Text>
                  )}
                </div>
                {/* Cancelled and inside (cancelled after the entry, or let in by exception): both said. */}
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  {hit.status === 'cancelled' && <Badge color="red">{t('status.cancelled')}</Badge>}
                  {hit.checkedIn && <Badge color="orange">{t('frontDesk.alreadyIn')}</Badge>}
                  {!hit.checkedIn && hit.booking?.here && <Badge color="teal" variant="light" data-testid="search-hit-booked">{t('roster.hitBooked')}</Badge>}
                  {hit.status !== 'cancelled' && !hit.checkedIn && hit.registeredOnSite && <Badge color="grape">{t('person.onSite')}</Badge>}
                </Group>
              </Group>
            </UnstyledButton>
          ))}
          {current && hits.length === 0 && <Text c="dimmed">{t('frontDesk.noHits')}</Text>}
          {hits.length > 0 && (
            <Text size="sm" c="dimmed">
              <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('frontDesk.keysChoose')} · <Kbd>Enter</Kbd> {t('frontDesk.keysCheckIn')}
            </Text>
          )}
        </Stack>
      )}
      <Button variant="light" size="md" leftSection={<IconUserPlus size={20} />} onClick={() => props.onWalkIn(query)} data-testid="walk-in-open">
        {t('frontDesk.walkIn')}
      </Button>
    </Stack>
  );
}
