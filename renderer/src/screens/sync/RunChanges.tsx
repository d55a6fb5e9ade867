import { Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunChangeKindName, SyncRunView } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { firstItems } from '../../api/first-items';
import { useAsync } from '../../use-async';
import { ChangeSearch } from './ChangeSearch';
import { ChangeKinds, ChangeTable, MoreChanges } from './ChangeTable';

const PAGE = 50;
/** Most changes one call gives (the contract's limit): more are asked for in turn. */
const CALL = 200;
const KINDS: readonly RunChangeKindName[] = ['updated', 'cancelled', 'restored', 'added', 'keptLocal'];
/** Typing pauses this long before the changes are searched (as in the dry run). */
const SEARCH_DELAY_MS = 200;

/**
 * Whether a history row has people to show: an applied sync that added, changed or cancelled someone, or (kept since
 * that version) left someone's list values aside for a correction made in the app.
 */
export function runChangedPeople(run: SyncRunView): boolean {
  const c = run.counts;
  const kept = c.keptLocalKept && (c.keptLocal ?? 0) > 0;
  return !c.removed && !c.erasedLater && ((c.added ?? 0) + (c.updated ?? 0) + (c.cancelled ?? 0) > 0 || Boolean(kept));
}

/**
 * Whom an applied sync added, changed (field by field), cancelled and registered again, kind by kind, as the dry
 * run showed them: "who was cancelled by the 13:37 sync?". A run of an earlier version kept none of it: said.
 */
export function RunChanges({ run, timezone }: { run: SyncRunView; timezone: string }) {
  const { t } = useTranslation();
  // How many of each kind the run kept (a page of one, of the first kind with anyone).
  const head = useAsync(() => api('sync.runChanges', { runId: run.id, limit: 1 }), [run.id]);
  if (!head.data) return null;
  const { kept, totals, lineKind } = head.data;
  if (!kept) return <Text size="md" data-testid="sync-run-changes-not-kept">{t('sync.history.changesNotKept')}</Text>;
  const kinds = KINDS.filter((k) => totals[k] > 0);
  if (kinds.length === 0) return <Text size="md" data-testid="sync-run-changes-erased">{t('sync.history.changesErased')}</Text>;
  const listed = totals.added + totals.updated + totals.restored + totals.cancelled;
  const counted = (run.counts.added ?? 0) + (run.counts.updated ?? 0) + (run.counts.cancelled ?? 0);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('sync.history.changesNow')}
        {listed < counted ? ` ${t('sync.history.changesPartlyErased')}` : ''}
      </Text>
      <RunChangesOfKind runId={run.id} kinds={kinds} totals={totals} lineKind={lineKind} timezone={timezone} />
    </Stack>
  );
}

function RunChangesOfKind({ runId, kinds, totals, lineKind, timezone }: {
  runId: string; kinds: RunChangeKindName[]; totals: Record<RunChangeKindName, number>; lineKind: 'line' | 'row' | 'entry'; timezone: string;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState(kinds[0]!);
  const [limit, setLimit] = useState(PAGE);
  // Found as in the dry run: "Wer wurde um 13:37 storniert – war Frau Yıldız dabei?"
  const [query, setQuery] = useState('');
  const [searched] = useDebouncedValue(query.trim(), SEARCH_DELAY_MS);
  const page = useAsync(async () => {
    let matches: Record<RunChangeKindName, number> | undefined;
    const found = await firstItems(limit, CALL, async (offset, n) => {
      const part = await api('sync.runChanges', { runId, kind, offset, limit: n, ...(searched ? { query: searched } : {}) });
      matches = part.totals;
      return part;
    });
    return { ...found, query: searched, matches };
  }, [runId, kind, limit, searched]);
  const result = searched && page.data?.matches && page.data.query === searched ? { query: searched, total: page.data.total, matches: page.data.matches } : null;
  const choose = (k: RunChangeKindName) => { setKind(k); setLimit(PAGE); };
  const label = (k: RunChangeKindName) => `${t(`sync.count.${k}`)} (${totals[k].toLocaleString('de-DE')})`;
  return (
    <Stack gap="sm" data-testid="sync-run-changes">
      <ChangeKinds kinds={kinds} kind={kind} label={label} onChange={choose} />
      <ChangeSearch value={query} onChange={(v) => { setQuery(v); setLimit(PAGE); }} result={result} kind={kind} kinds={kinds} onKind={choose} />
      <ChangeTable items={page.data?.items ?? []} lineKind={lineKind} timezone={timezone} />
      {page.data && <MoreChanges shown={page.data.items.length} total={page.data.total} onMore={() => setLimit((l) => l + PAGE)} />}
    </Stack>
  );
}
