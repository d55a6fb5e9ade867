import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { firstItems } from '../../api/first-items';
import { useAsync } from '../../use-async';
import { ChangeKinds, ChangeTable, MoreChanges } from './ChangeTable';

const PAGE = 50;
/** Most changes one call gives (the contract's limit): more are asked for in turn. */
const CALL = 200;
type Kind = 'updated' | 'cancelled' | 'added' | 'keptLocal';

/** The planned changes, kind by kind, field by field ("vorher → nachher"), a page at a time (see ChangeTable). */
export function ChangeList({ plan, timezone }: { plan: PlanSummary; timezone: string }) {
  const { t } = useTranslation();
  const kinds = (['updated', 'cancelled', 'added', 'keptLocal'] as const).filter((k) => plan.counts[k] > 0);
  const [kind, setKind] = useState<Kind | null>(kinds[0] ?? null);
  const [limit, setLimit] = useState(PAGE);
  const page = useAsync(
    () => (kind ? firstItems(limit, CALL, (offset, n) => api('sync.changes', { planId: plan.planId, kind, offset, limit: n })) : Promise.resolve(null)),
    [plan.planId, kind, limit],
  );
  if (!kind) return null;
  const label = (k: Kind) => `${t(`sync.count.${k}`)} (${plan.counts[k].toLocaleString('de-DE')})`;
  return (
    <Stack gap="sm">
      <ChangeKinds kinds={kinds} kind={kind} label={label} onChange={(k) => { setKind(k); setLimit(PAGE); }} />
      <ChangeTable items={page.data?.items ?? []} lineKind={plan.lineKind} timezone={timezone} />
      {page.data && <MoreChanges shown={page.data.items.length} total={page.data.total} onMore={() => setLimit((l) => l + PAGE)} />}
    </Stack>
  );
}
