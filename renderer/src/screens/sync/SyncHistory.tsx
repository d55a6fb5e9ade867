import { Anchor, Badge, Modal, Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRunView } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { formatDate, formatTime } from '../../format';
import { useAsync } from '../../use-async';
import { countsText } from './counts-text';
import { ProblemTable } from './ProblemTable';
import { RunChanges, runChangedPeople } from './RunChanges';

/** Every applied sync: when, from which source, at which station, what it did, and to whom. */
export function SyncHistory({ runs, timezone }: { runs: SyncRunView[]; timezone: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ run: SyncRunView; what: 'problems' | 'changes' } | null>(null);
  const when = (r: SyncRunView) => `${formatDate(r.finishedAt, timezone)} ${t('format.clock', { time: formatTime(r.finishedAt, timezone) })}`;
  if (runs.length === 0) return <Text c="dimmed">{t('sync.history.empty')}</Text>;
  return (
    <>
    {shown && (
      <Modal opened onClose={() => setShown(null)} size="80rem"
        title={<Text fw={700} size="lg">
          {t(shown.what === 'problems' ? 'sync.history.problemsOf' : 'sync.history.changesOf', { source: shown.run.sourceLabel, when: when(shown.run) })}
          {shown.run.counts.file && shown.run.counts.file !== shown.run.sourceLabel ? ` (${t('sync.history.file', { file: shown.run.counts.file })})` : ''}
        </Text>}>
        {shown.what === 'problems' ? <RunProblems run={shown.run} /> : <RunChanges run={shown.run} timezone={timezone} />}
      </Modal>
    )}
    <Table fz="md" verticalSpacing={6} striped data-testid="sync-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('sync.history.when')}</Table.Th>
          <Table.Th>{t('sync.history.source')}</Table.Th>
          <Table.Th>{t('sync.history.result')}</Table.Th>
          <Table.Th>{t('sync.history.station')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(r)}</Table.Td>
            <Table.Td>
              {r.sourceLabel}
              {/* A later version of the list, loaded from a file of another name: which one this run read. */}
              {r.counts.file && r.counts.file !== r.sourceLabel && (
                <Text size="sm" c="dimmed" data-testid={`sync-run-file-${r.id}`}>{t('sync.history.file', { file: r.counts.file })}</Text>
              )}
            </Table.Td>
            <Table.Td>
              {r.counts.erasedLater
                ? t('sync.history.erasedLater', { count: r.counts.erased ?? 0 })
                : r.counts.removed && r.counts.erased && r.counts.keptCancelled !== undefined
                ? t('sync.history.removedErased', { count: r.counts.erased }) + (r.counts.keptCancelled > 0 ? t('sync.history.keptCancelled', { count: r.counts.keptCancelled }) : '')
                : r.counts.removed
                ? t('sync.history.removed', { count: r.counts.cancelled ?? 0 }) + (r.counts.erased ? t('sync.history.erased', { count: r.counts.erased }) : '')
                : countsText(t, r.counts)}
              {r.counts.auto && <Badge ml="xs" color="gray" variant="light" data-testid={`sync-run-auto-${r.id}`}>{t('sync.history.auto')}</Badge>}
              {r.counts.cli && <Badge ml="xs" color="gray" variant="light" data-testid={`sync-run-cli-${r.id}`}>{t('sync.history.commandLine')}</Badge>}
              {r.problemCount > 0 && (
                <UnstyledButton ml="xs" onClick={() => setShown({ run: r, what: 'problems' })} title={t('sync.history.showProblems')} data-testid={`sync-run-problems-${r.id}`}>
                  <Badge color="yellow" variant="light" style={{ cursor: 'pointer' }}>{t('sync.history.problems', { count: r.problemCount })}</Badge>
                </UnstyledButton>
              )}
              {/* Whom it changed: under the counts, as a link (a second badge beside the problems' read as one more count). */}
              {runChangedPeople(r) && (
                <Anchor component="button" type="button" size="sm" display="block" onClick={() => setShown({ run: r, what: 'changes' })}
                  data-testid={`sync-run-changes-${r.id}`}>
                  {t('sync.history.showChanges')}
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>{r.stationName ?? '–'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
    </>
  );
}

/** What a sync said when it was applied (its first 200 notes), as its dry run showed them. */
function RunProblems({ run }: { run: SyncRunView }) {
  const { t } = useTranslation();
  const problems = useAsync(() => api('sync.runProblems', { runId: run.id }), [run.id]);
  if (!problems.data) return null;
  // Deleted with the personal data (the list's, or the whole event's) they named and quoted.
  if (problems.data.problems.length === 0) return <Text size="md" data-testid="sync-run-problems-erased">{t('sync.history.problemsErased')}</Text>;
  return (
    <>
      {/* The notes are the dry run's ("… würden storniert"): said, as they stand in the history of what was done. */}
      <Text size="md" c="dimmed" mb="sm" data-testid="sync-run-problems-as-planned">{t('sync.history.problemsAsPlanned')}</Text>
      <ProblemTable problems={problems.data.problems} lineKind={problems.data.lineKind} total={run.problemCount} />
    </>
  );
}
