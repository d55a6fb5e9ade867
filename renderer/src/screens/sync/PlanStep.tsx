import { Alert, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary, SyncProblemView } from '../../../../electron/contract/sync-methods';
import { ChangeList } from './ChangeList';
import { ProblemTable } from './ProblemTable';

const COUNTS = [
  ['added', 'teal'], ['updated', 'blue'], ['cancelled', 'red'], ['unchanged', 'gray'], ['keptLocal', 'grape'],
] as const;

/** Step 3: the dry run. Nothing has been written yet; the organiser applies it (one transaction) or drops it. */
export function PlanStep({ plan, timezone, busy, outdated = false, mappingKept = false, onApply, onDiscard, onMapping, onSameAs, onAsVersionOf, onAsNewList }: {
  /** Refused as out of date (the event changed since, or the dry run is gone): not to be applied again as it is. */
  plan: PlanSummary; timezone: string; busy: boolean; outdated?: boolean; onDiscard: () => void;
  /** Made at once with the list's mapping, the file having the columns of its last sync: said beside "Zuordnung ändern". */
  mappingKept?: boolean;
  /** The organiser ticked that the file is the whole list (`confirmCancel`), or the newest (`confirmOlder`; see sync.apply). */
  onApply: (confirm: { confirmCancel: boolean; confirmOlder: boolean }) => void;
  /** Back to the mapping of the same file (absent for a dry run the periodic re-fetch made). */
  onMapping?: () => void;
  /** The dry run again with these choices of who is who (see sync.replan). */
  onSameAs: (sameAs: PlanSummary['sameAs']) => void;
  /** The same file as a new version of this list (the warning peopleOfOtherList); absent where the file is the list's own. */
  onAsVersionOf?: (sourceId: string) => void;
  /** The same file as a list of its own (the warning noneOfThisList); absent for a URL list's dry run. */
  onAsNewList?: () => void;
}) {
  const { t } = useTranslation();
  // Half the list or more would be cancelled: applied only once the organiser ticks that the file is the whole list
  // (one click cancelled 59 265 people of a filtered export in a walkthrough; the command line wants --confirm-cancel).
  const mostGone = plan.counts.cancelled > 0 && (plan.problemCounts.mostGone ?? 0) > 0;
  // Ticked for this dry run only: one made again (other choices, a new file) asks again.
  const [wholeListFor, setWholeListFor] = useState<string | null>(null);
  const wholeList = wholeListFor === plan.planId;
  // Looks older than the file last applied: applied only once the organiser ticks that it is the newest all the same.
  const [newestFor, setNewestFor] = useState<string | null>(null);
  const newest = newestFor === plan.planId;
  // A new row that may be a walk-in or someone entered by hand: the organiser says whether it is; and takes it back.
  const action = (p: SyncProblemView) => {
    const id = p.params?.registrationId;
    if (typeof id === 'string' && p.line !== null && (p.code === 'maybeWalkIn' || p.code === 'maybeEnteredByHand')) {
      return (
        <Button size="xs" variant="light" disabled={busy} data-testid={`sync-same-person-${p.line}`}
          onClick={() => onSameAs([...plan.sameAs, { line: p.line!, registrationId: id }])}>
          {t('sync.plan.samePerson')}
        </Button>
      );
    }
    if (p.code === 'chosenSamePerson' && p.line !== null) {
      return (
        <Button size="xs" variant="subtle" color="gray" disabled={busy} data-testid={`sync-not-same-person-${p.line}`}
          onClick={() => onSameAs(plan.sameAs.filter((c) => c.line !== p.line))}>
          {t('sync.plan.notSamePerson')}
        </Button>
      );
    }
    return null;
  };
  // A JSON list has entries, not lines: "8 Einträge", as its messages say "Eintrag 3".
  const rowsContext = plan.lineKind === 'entry' ? 'entry' : undefined;
  // Most of the file is another list's people: a new version of that list under another file name, most likely.
  const otherList = plan.problems.find((p) => p.code === 'peopleOfOtherList' && typeof p.params?.sourceId === 'string');
  const olderFile = plan.problems.find((p) => p.code === 'olderFile');
  // Not one of the list's people in the file: another list's file, said in a box of its own with the way out.
  const noneOfList = onAsNewList ? plan.problems.find((p) => p.code === 'noneOfThisList') : undefined;
  const notes = plan.problems.filter((p) => p !== olderFile && p !== noneOfList);
  const olderFileText = olderFile && <Text fz="md" fw={600} mt={4} data-testid="sync-older-file">{t('sync.problem.olderFile', olderFile.params)}</Text>;
  // Last in its box, under everything it is about.
  const olderFileConfirm = olderFile && !plan.blocked && (
    <Checkbox mt="sm" size="md" color="red" checked={newest} onChange={(e) => setNewestFor(e.currentTarget.checked ? plan.planId : null)} data-testid="sync-confirm-older"
      label={<Text fz="md" fw={700}>{t('sync.plan.confirmOlder')}</Text>} />
  );
  return (
    <Stack gap="md" data-testid="sync-plan-summary">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('sync.plan.title')}</Title>
          <Text c="dimmed" data-testid="sync-plan-subtitle">
            {plan.source.kind === 'file' && plan.fileName !== plan.source.label
              ? t('sync.plan.subtitleOf', { count: plan.rows, file: plan.fileName, source: plan.source.label, context: rowsContext })
              : t('sync.plan.subtitle', { count: plan.rows, source: plan.source.label, context: rowsContext })}
            {plan.sheet && ` · ${t('sync.plan.sheet', { sheet: plan.sheet })}`}
          </Text>
          {mappingKept && <Text c="dimmed" data-testid="sync-mapping-kept">{t('sync.plan.mappingKept')}</Text>}
        </div>
        <Group>
          {onMapping && (
            <Button variant="default" size="lg" leftSection={<IconArrowLeft />} onClick={onMapping} disabled={busy} data-testid="sync-back-to-mapping">
              {t('sync.plan.mapping')}
            </Button>
          )}
          <Button variant="default" size="lg" onClick={onDiscard} disabled={busy} data-testid="sync-discard">{t('sync.plan.discard')}</Button>
          <Button size="lg" color="teal" leftSection={<IconCheck />} onClick={() => onApply({ confirmCancel: wholeList, confirmOlder: newest })} loading={busy}
            disabled={plan.blocked || outdated || (mostGone && !wholeList) || (olderFile !== undefined && !newest)} data-testid="sync-apply">
            {t('sync.plan.apply')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={5} spacing="sm">
        {COUNTS.map(([k, color]) => (
          <Card key={k} withBorder padding="sm" data-testid={`sync-count-${k}`}>
            <Text size="sm" c="dimmed">{t(`sync.count.${k}`)}</Text>
            <Text fz={32} fw={800} c={plan.counts[k] > 0 ? color : 'dimmed'}>{plan.counts[k].toLocaleString('de-DE')}</Text>
            {/* New and already cancelled in the list: counted as new, so "Storniert" (cancelled by this sync) stays right. */}
            {k === 'added' && plan.addedCancelled > 0 && (
              <Text size="sm" c="dimmed" data-testid="sync-added-cancelled">{t('sync.plan.addedCancelled', { count: plan.addedCancelled })}</Text>
            )}
            {/* Back on the list after a cancellation: said, not left among dozens of changed fields. */}
            {k === 'updated' && plan.restored > 0 && (
              <Text size="sm" c="dimmed" data-testid="sync-restored">{t('sync.plan.restored', { count: plan.restored })}</Text>
            )}
            {/* Not a part of the rows like the others: people already counted as changed or unchanged. */}
            {k === 'keptLocal' && plan.counts.keptLocal > 0 && (
              <Text size="sm" c="dimmed" data-testid="sync-kept-local-also">{t('sync.plan.keptLocalAlso')}</Text>
            )}
          </Card>
        ))}
      </SimpleGrid>
      {plan.blocked && (
        <Alert color="red" icon={<IconAlertTriangle />} fz="md" title={t('sync.plan.blockedTitle')}>{t('sync.plan.blocked', { count: plan.errors })}</Alert>
      )}
      {/* Nothing to write: said, so a green "Übernehmen" over zeros does not look like something waits. Not for a new
          list of another list's people: applying moves them to it (said in its own box below). */}
      {!plan.blocked && plan.counts.added + plan.counts.updated + plan.counts.cancelled === 0 && !otherList && (
        <Alert color="blue" icon={<IconInfoCircle />} fz="md" data-testid="sync-no-changes">
          {/* The list says other things than the app where a field was corrected here: not "nothing new". */}
          {plan.keptLocalNew > 0
            ? t('sync.plan.noChangesListNew', { count: plan.keptLocalNew })
            : t('sync.plan.noChanges', { context: plan.counts.keptLocal > 0 ? 'keptLocal' : undefined })}
        </Alert>
      )}
      {/* With errors too: the organiser fixing the list learns now, not on the second round, whom it would cancel. */}
      {/* Before the cancellations it would make: the way out comes first. */}
      {noneOfList && onAsNewList && (
        <Alert color="orange" icon={<IconAlertTriangle />} fz="md" data-testid="sync-none-of-list" title={t('sync.plan.noneOfThisListTitle')}>
          <Stack gap="sm" align="flex-start">
            <Text size="md">{t('sync.problem.noneOfThisList', noneOfList.params)}</Text>
            <Button size="md" variant="filled" color="orange" disabled={busy} data-testid="sync-as-new-list" onClick={onAsNewList}>
              {t('sync.plan.asNewList')}
            </Button>
          </Stack>
        </Alert>
      )}
      {plan.counts.cancelled > 0 && (
        // Half the list or more: more likely a filtered export or the wrong file than so many cancellations.
        <Alert color={plan.problemCounts.mostGone || olderFile ? 'red' : 'orange'} icon={<IconAlertTriangle />} fz="md" data-testid="sync-cancel-hint"
          title={plan.problemCounts.mostGone ? t('sync.plan.mostGoneTitle') : olderFile ? t('sync.plan.olderFileTitle') : undefined}>
          {t('sync.plan.cancelHint', { count: plan.counts.cancelled })}
          {/* The newest registrations missing: an older export chosen again, most likely (see warnOlderFile). */}
          {olderFileText}
          {/* Missing from the file is another thing than cancelled in it (an export glitch, a filter): said apart. */}
          {plan.cancelledGone > 0 && (
            <Text fz="md" mt={4} data-testid="sync-cancel-split">
              {plan.cancelledGone === plan.counts.cancelled
                ? t('sync.plan.cancelAllGone', { count: plan.cancelledGone })
                : t('sync.plan.cancelSplit', { listed: plan.counts.cancelled - plan.cancelledGone, gone: plan.cancelledGone })}
            </Text>
          )}
          {plan.cancelledCheckedIn > 0 && (
            <Text fz="md" fw={600} mt={4} data-testid="sync-cancel-checked-in">{t('sync.plan.cancelCheckedIn', { count: plan.cancelledCheckedIn })}</Text>
          )}
          {olderFileConfirm}
          {mostGone && !plan.blocked && (
            <Checkbox mt="sm" size="md" color="red" checked={wholeList} onChange={(e) => setWholeListFor(e.currentTarget.checked ? plan.planId : null)} data-testid="sync-confirm-cancel"
              label={<Text fz="md" fw={700}>{t('sync.plan.confirmWholeList', { count: plan.counts.cancelled })}</Text>} />
          )}
        </Alert>
      )}
      {/* Changes taken back, no one cancelled: the same warning in a box of its own. */}
      {olderFile && plan.counts.cancelled === 0 && (
        <Alert color="red" icon={<IconAlertTriangle />} fz="md" title={t('sync.plan.olderFileTitle')} data-testid="sync-older-file-box">{olderFileText}{olderFileConfirm}</Alert>
      )}
      {otherList && onAsVersionOf && (
        <Alert color="orange" icon={<IconAlertTriangle />} fz="md" data-testid="sync-other-list"
          title={t('sync.plan.otherListTitle', otherList.params)}>
          <Stack gap="sm" align="flex-start">
            <Text size="md">{t('sync.plan.otherListHint')}</Text>
            <Button size="md" variant="filled" color="orange" disabled={busy} data-testid="sync-as-version-of"
              onClick={() => onAsVersionOf(String(otherList.params!.sourceId))}>
              {t('sync.plan.asVersionOf', { source: otherList.params!.source })}
            </Button>
          </Stack>
        </Alert>
      )}
      {/* The older-file warning stands in the red box above, not twice. */}
      {notes.length > 0 && (
        <ProblemTable problems={notes} lineKind={plan.lineKind} total={plan.errors + plan.warnings - (olderFile ? 1 : 0) - (noneOfList ? 1 : 0)}
          action={notes.some((p) => action(p) !== null) ? action : undefined} />
      )}
      {/* A new dry run (made again with choices) starts at its own first kind of change. */}
      <ChangeList key={plan.planId} plan={plan} timezone={timezone} />
    </Stack>
  );
}
