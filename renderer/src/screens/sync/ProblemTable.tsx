import { Badge, Card, ScrollArea, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProblemView } from '../../../../electron/contract/sync-methods';
import { problemPlace } from '../../../../electron/contract/problem-place';

/**
 * Problems of a list with where they are (line / sheet row / entry, and column), errors first; the same problem in
 * many rows is one entry with its first lines and how many more there are.
 */
export function ProblemTable({ problems, lineKind, total, action }: {
  problems: SyncProblemView[]; lineKind: 'line' | 'row' | 'entry'; total?: number;
  /** What the organiser can do about a problem, shown at its end (a dry run's "Ist dieselbe Person"). */
  action?: (p: SyncProblemView) => ReactNode;
}) {
  const { t } = useTranslation();
  const shown = problems.reduce((n, p) => n + (p.count ?? 1), 0);
  const all = Math.max(total ?? 0, shown);
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="xs">{t('sync.problems.title', { count: all })}</Title>
      {/* Half the window rather than 240 pixels: "8 Meldungen" showed 4, each message wrapped over several lines. */}
      <ScrollArea.Autosize mah="max(240px, 45vh)">
        <Table fz="md" verticalSpacing={4} data-testid="sync-problems">
          <Table.Tbody>
            {problems.map((p, i) => (
              <Table.Tr key={i} data-severity={p.severity}>
                <Table.Td w={110}>
                  <Badge color={p.severity === 'error' ? 'red' : 'yellow'} variant="light">{t(`sync.severity.${p.severity}`)}</Badge>
                </Table.Td>
                <Table.Td w={230}>
                  <Text size="sm">
                    {problemPlace(t, lineKind, p) || t('sync.problems.wholeFile')}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`sync.problem.${p.code}`, { column: p.column, ...p.params })}</Table.Td>
                {action && <Table.Td w={1} style={{ whiteSpace: 'nowrap' }}>{action(p)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {all > shown && <Text size="sm" c="dimmed" mt="xs">{t('sync.problems.more', { count: all - shown })}</Text>}
    </Card>
  );
}
