import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { firstItems } from '../../api/first-items';
import { formatListValue } from '../../format';
import { useAsync } from '../../use-async';
import { ChangeSearch } from './ChangeSearch';
import { fieldLabel, where } from './messages';

const PAGE = 50;
/** Most changes one call gives (the contract's limit): more are asked for in turn. */
const CALL = 200;
type Kind = 'updated' | 'cancelled' | 'added' | 'keptLocal';
/** Typing pauses this long before the changes are searched: not a search per letter of a name typed quickly. */
const SEARCH_DELAY_MS = 200;
const COLOR: Record<Kind, string> = { added: 'teal', updated: 'blue', cancelled: 'red', keptLocal: 'grape' };

/**
 * The planned changes, kind by kind, field by field ("vorher → nachher"), a page at a time. Dates as the person view
 * shows them (14.09.2026, in the event's time zone), not as the file writes them.
 */
export function ChangeList({ plan, timezone }: { plan: PlanSummary; timezone: string }) {
  const { t, i18n } = useTranslation();
  const display = (field: string, value: string | null) =>
    value === null ? '–' : field === 'status' ? t(`status.${value}`) : formatListValue(value, i18n.language, timezone);
  const kinds = (['updated', 'cancelled', 'added', 'keptLocal'] as const).filter((k) => plan.counts[k] > 0);
  const [kind, setKind] = useState<Kind | null>(kinds[0] ?? null);
  const [limit, setLimit] = useState(PAGE);
  const [query, setQuery] = useState('');
  const [searched] = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const page = useAsync(async () => {
    if (!kind) return null;
    let matches: Record<Kind, number> | undefined;
    const found = await firstItems(limit, CALL, async (offset, n) => {
      const part = await api('sync.changes', { planId: plan.planId, kind, offset, limit: n, ...(searched ? { query: searched } : {}) });
      matches = part.matches;
      return part;
    });
    return { ...found, query: searched, matches };
  }, [plan.planId, kind, limit, searched]);
  if (!kind) return null;
  // Said once the answer to the search as it stands is there, not about the letters typed before.
  const result = page.data?.matches && page.data.query === searched ? { query: searched, total: page.data.total, matches: page.data.matches } : null;
  const choose = (k: Kind) => { setKind(k); setLimit(PAGE); };
  const label = (k: Kind) => `${t(`sync.count.${k}`)} (${plan.counts[k].toLocaleString('de-DE')})`;
  return (
    <Stack gap="sm">
      {/* One kind of change: its name as a heading; a switch with one position looked like something to click. */}
      {kinds.length > 1 ? (
        <SegmentedControl value={kind} onChange={(v) => choose(v as Kind)} w="fit-content" data-testid="sync-change-kinds"
          data={kinds.map((k) => ({ value: k, label: label(k) }))} />
      ) : (
        <Title order={4} data-testid="sync-change-kind">{label(kind)}</Title>
      )}
      <ChangeSearch value={query} onChange={(v) => { setQuery(v); setLimit(PAGE); }} result={result} kind={kind} kinds={kinds} onKind={choose} />
      <Table fz="md" verticalSpacing={6} striped data-testid="sync-changes">
        <Table.Tbody>
          {page.data?.items.map((c) => (
            <Table.Tr key={`${c.kind}-${c.registrationId}`}>
              <Table.Td w={260}>
                <Text fw={600}>{c.name || '–'}</Text>
                <Text size="sm" c="dimmed">
                  {c.code}
                  {/* Cancelled without a line: not cancelled in the list, but no longer in it at all. */}
                  {c.line !== null ? ` · ${where(t, plan.lineKind, c.line, null)}` : c.kind === 'cancelled' ? ` · ${t('sync.change.gone')}` : ''}
                </Text>
                {c.checkedIn && <Badge color="orange" variant="light" mt={4} data-testid="sync-change-checked-in">{t('sync.change.checkedIn')}</Badge>}
              </Table.Td>
              <Table.Td>
                {c.kind === 'added' ? (
                  <Stack gap={2}>
                    <Group gap={6}>
                      <Badge color={COLOR.added} variant="light">{t('sync.change.new')}</Badge>
                      {c.fields.some((f) => f.field === 'status' && f.after === 'cancelled') && <Badge color="red" variant="light">{t('status.cancelled')}</Badge>}
                    </Group>
                    {/* Who they are and what they come to: organisation and town as they are, the rest with its name. */}
                    <Text size="sm" c="dimmed" lineClamp={2} data-testid="sync-added-details">
                      {c.fields.filter((f) => f.field !== 'status' && f.after !== null)
                        .map((f) => (f.field === 'organisation' || f.field === 'town' ? f.after! : `${fieldLabel(t, f.field)}: ${display(f.field, f.after)}`))
                        .join(' · ')}
                    </Text>
                  </Stack>
                ) : (
                  <Stack gap={2}>
                    {c.fields.map((f) => (
                      <Group key={f.field} gap={6} wrap="nowrap">
                        <Text size="sm" fw={600} w={170} style={{ flexShrink: 0, overflowWrap: 'anywhere' }}>{fieldLabel(t, f.field)}</Text>
                        {f.keptLocal ? (
                          // Not written: the value corrected in the app stays, the list's is only shown.
                          <>
                            <Text size="sm" lineClamp={2}>{display(f.field, f.before)}</Text>
                            <Badge size="sm" color="grape" variant="light" style={{ flexShrink: 0 }}>{t('sync.change.keptLocal')}</Badge>
                            <Text size="sm" c="dimmed" lineClamp={2}>{t('sync.change.inList', { value: display(f.field, f.after) })}</Text>
                          </>
                        ) : (
                          <>
                            <Text size="sm" td="line-through" c="dimmed" lineClamp={2}>{display(f.field, f.before)}</Text>
                            <Text size="sm">→</Text>
                            <Text size="sm" lineClamp={2}>{display(f.field, f.after)}</Text>
                          </>
                        )}
                      </Group>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {page.data && page.data.total > page.data.items.length && (
        <Group gap="md">
          <Button variant="light" w="fit-content" onClick={() => setLimit((l) => l + PAGE)} data-testid="sync-changes-more">{t('sync.change.more')}</Button>
          <Text c="dimmed" data-testid="sync-changes-shown">{t('sync.change.shown', { shown: page.data.items.length, total: page.data.total })}</Text>
        </Group>
      )}
    </Stack>
  );
}
