import { Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { firstItems } from '../../api/first-items';
import { useAsync } from '../../use-async';
import { ChangeSearch } from './ChangeSearch';
import { ChangeKinds, ChangeTable, MoreChanges } from './ChangeTable';

const PAGE = 50;
/** Most changes one call gives (the contract's limit): more are asked for in turn. */
const CALL = 200;
type Kind = 'updated' | 'cancelled' | 'added' | 'keptLocal';
/** Typing pauses this long before the changes are searched: not a search per letter of a name typed quickly. */
const SEARCH_DELAY_MS = 200;

/** The planned changes, kind by kind, field by field ("vorher → nachher"), a page at a time (see ChangeTable). */
export function ChangeList({ plan, timezone }: { plan: PlanSummary; timezone: string }) {
  const { t } = useTranslation();
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
      <ChangeKinds kinds={kinds} kind={kind} label={label} onChange={choose} />
      <ChangeSearch value={query} onChange={(v) => { setQuery(v); setLimit(PAGE); }} result={result} kind={kind} kinds={kinds} onKind={choose} />
      <ChangeTable items={page.data?.items ?? []} lineKind={plan.lineKind} timezone={timezone} />
      {page.data && <MoreChanges shown={page.data.items.length} total={page.data.total} onMore={() => setLimit((l) => l + PAGE)} />}
    </Stack>
  );
}
