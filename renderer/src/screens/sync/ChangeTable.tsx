import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nameSaysKind } from '../../../../electron/contract/programme-names';
import type { PlannedChangeView } from '../../../../electron/contract/sync-methods';
import { formatListValue } from '../../format';
import { fieldLabel, where } from './messages';

/** A change to a person as a dry run plans it or an applied sync kept it (kinds of both: 'restored' is the history's). */
export type ChangeItem = Omit<PlannedChangeView, 'kind'> & { kind: PlannedChangeView['kind'] | 'restored' };

const ADDED_COLOR = 'teal';

/**
 * Sessions or walks whose names say what they are („Stadtrundgang: Altstadt …“, „Fachforum 1: …“): shown without
 * the field's name, which read „Stadtrundgänge: Stadtrundgang: …“.
 */
const namesSayKind = (field: string, value: string) =>
  (field === 'walks' || field === 'sessions') && value.split(', ').every((name) => nameSaysKind(name));

/**
 * Changes to people, one row each: who (name, code, where in the list), then field by field ("vorher → nachher"),
 * the added with what tells who they are. Dates as the person view shows them (14.09.2026, in the event's time
 * zone), not as the file writes them. The dry run's list and the history of applied syncs show them alike.
 */
export function ChangeTable({ items, lineKind, timezone }: { items: readonly ChangeItem[]; lineKind: 'line' | 'row' | 'entry'; timezone: string }) {
  const { t, i18n } = useTranslation();
  const display = (field: string, value: string | null) =>
    value === null ? '–' : field === 'status' ? t(`status.${value}`) : formatListValue(value, i18n.language, timezone);
  return (
    <Table fz="md" verticalSpacing={6} striped data-testid="sync-changes">
      <Table.Tbody>
        {items.map((c) => (
          <Table.Tr key={`${c.kind}-${c.registrationId}`}>
            <Table.Td w={260}>
              <Text fw={600}>{c.name || '–'}</Text>
              <Text size="sm" c="dimmed">
                {c.code}
                {/* Cancelled without a line: not cancelled in the list, but no longer in it at all. */}
                {c.line !== null ? ` · ${where(t, lineKind, c.line, null)}` : c.kind === 'cancelled' ? ` · ${t('sync.change.gone')}` : ''}
              </Text>
              {c.checkedIn && <Badge color="orange" variant="light" mt={4} data-testid="sync-change-checked-in">{t('sync.change.checkedIn')}</Badge>}
            </Table.Td>
            <Table.Td>
              {c.kind === 'added' ? (
                <Stack gap={2}>
                  <Group gap={6}>
                    <Badge color={ADDED_COLOR} variant="light">{t('sync.change.new')}</Badge>
                    {c.fields.some((f) => f.field === 'status' && f.after === 'cancelled') && <Badge color="red" variant="light">{t('status.cancelled')}</Badge>}
                  </Group>
                  {/* Who they are and what they come to: organisation and town as they are, the rest with its name. */}
                  <Text size="sm" c="dimmed" lineClamp={2} data-testid="sync-added-details">
                    {c.fields.filter((f) => f.field !== 'status' && f.after !== null)
                      .map((f) => (f.field === 'organisation' || f.field === 'town' || namesSayKind(f.field, f.after!) ? f.after! : `${fieldLabel(t, f.field)}: ${display(f.field, f.after)}`))
                      .join(' · ')}
                  </Text>
                </Stack>
              ) : (
                <Stack gap={2}>
                  {c.fields.map((f) => (
                    // A value kept as corrected beside the list's: room to wrap, so long walk names are read whole.
                    <Group key={f.field} gap={6} wrap={f.keptLocal ? 'wrap' : 'nowrap'}>
                      <Text size="sm" fw={600} w={170} style={{ flexShrink: 0, overflowWrap: 'anywhere' }}>{fieldLabel(t, f.field)}</Text>
                      {f.keptLocal ? (
                        // Not written: the value corrected in the app stays, the list's is only shown.
                        <>
                          <Text size="sm" lineClamp={2}>{display(f.field, f.before)}</Text>
                          <Badge size="sm" color="grape" variant="light" style={{ flexShrink: 0 }}>{t('sync.change.keptLocal')}</Badge>
                          <Text size="sm" c={f.listChanged ? undefined : 'dimmed'} fw={f.listChanged ? 600 : undefined} lineClamp={2}>
                            {t('sync.change.inList', { value: display(f.field, f.after) })}
                          </Text>
                          {/* The list's word is new since its last sync (a walk rebooked there), not what it always said. */}
                          {f.listChanged && <Badge size="sm" color="orange" variant="light" style={{ flexShrink: 0 }} data-testid="sync-change-list-new">{t('sync.change.listNew')}</Badge>}
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
  );
}

/** The kinds of change to choose from, with their counts; one kind alone as a heading (a switch of one looked clickable). */
export function ChangeKinds<K extends string>({ kinds, kind, label, onChange }: {
  kinds: readonly K[]; kind: K; label: (k: K) => string; onChange: (k: K) => void;
}) {
  return kinds.length > 1 ? (
    <SegmentedControl value={kind} onChange={(v) => onChange(v as K)} w="fit-content" data-testid="sync-change-kinds"
      data={kinds.map((k) => ({ value: k, label: label(k) }))} />
  ) : (
    <Title order={4} data-testid="sync-change-kind">{label(kind)}</Title>
  );
}

/** "Mehr anzeigen" under a page of changes, with how many of how many are shown; nothing when all are. */
export function MoreChanges({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return (
    <Group gap="md">
      <Button variant="light" w="fit-content" onClick={onMore} data-testid="sync-changes-more">{t('sync.change.more')}</Button>
      <Text c="dimmed" data-testid="sync-changes-shown">{t('sync.change.shown', { shown, total })}</Text>
    </Group>
  );
}
