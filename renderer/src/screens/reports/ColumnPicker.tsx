import { Badge, Button, Checkbox, Group, Paper, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfoEntity } from '../../../../electron/contract/report-methods';

type Columns = { attendance: ColumnInfoEntity[]; sessions: ColumnInfoEntity[]; log: ColumnInfoEntity[] };

export function defaultPick(columns: Columns): Record<keyof Columns, Set<string>> {
  const pick = (cs: ColumnInfoEntity[]) => new Set(cs.filter((c) => c.defaultOn).map((c) => c.id));
  return { attendance: pick(columns.attendance), sessions: pick(columns.sessions), log: pick(columns.log) };
}

const GROUP_ORDER = ['person', 'extra', 'attendance', 'programme', 'record'] as const;

/** Tick boxes for the columns of one report; personal data is marked and grouped first. */
export function ColumnPicker(props: {
  title: string | null;
  columns: ColumnInfoEntity[];
  picked: Set<string>;
  onChange: (next: Set<string>) => void;
}) {
  const { t } = useTranslation();
  const { columns, picked, onChange } = props;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  const set = (ids: string[]) => onChange(new Set(ids));
  const groups = GROUP_ORDER.map((g) => ({ group: g, items: columns.filter((c) => c.group === g) })).filter((g) => g.items.length > 0);
  const personalPicked = columns.filter((c) => c.personal && picked.has(c.id)).length;
  const extra = columns.filter((c) => c.group === 'extra');
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={700}>{props.title ?? t('reports.dialog.columns')}</Text>
            <Badge variant="light" color={personalPicked > 0 ? 'orange' : 'teal'} leftSection={<IconLock size={14} />}>
              {t('reports.dialog.personalPicked', { count: personalPicked })}
            </Badge>
          </Group>
          <Group gap={6}>
            <Button size="compact-sm" variant="light" onClick={() => set(columns.filter((c) => c.defaultOn).map((c) => c.id))}>{t('reports.dialog.pickDefault')}</Button>
            <Button size="compact-sm" variant="light" onClick={() => set(columns.map((c) => c.id))}>{t('reports.dialog.pickAll')}</Button>
            <Button size="compact-sm" variant="light" onClick={() => set(columns.filter((c) => !c.personal && picked.has(c.id)).map((c) => c.id))} data-testid="pick-no-personal">
              {t('reports.dialog.pickNoPersonal')}
            </Button>
          </Group>
        </Group>
        <ScrollArea.Autosize mah={180} type="auto" scrollbars="y">
          <Stack gap="xs">
            {groups.map(({ group, items }) => (
              <div key={group}>
                <Text size="sm" c="dimmed" mb={4}>{t(`reports.dialog.group.${group}`)}</Text>
                <SimpleGrid cols={3} spacing={6} verticalSpacing={6}>
                  {items.map((c) => (
                    <Checkbox key={c.id} checked={picked.has(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                      label={<Group gap={4} wrap="nowrap">{c.personal && <IconLock size={14} color="var(--mantine-color-orange-7)" />}<Text size="sm" truncate title={c.header}>{c.header}</Text></Group>}
                      description={c.from && <Text span size="xs" c="dimmed" truncate title={c.from} display="block">{t('reports.dialog.extraFrom', { lists: c.from })}</Text>}
                      data-testid={`column-${c.id}`} />
                  ))}
                </SimpleGrid>
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        {/* Not ticked unless chosen (they may be sensitive: a diet, an invoice address), and further down the list than
            the box shows at first: said below it, so that they are not overlooked. */}
        {extra.length > 0 && !extra.some((c) => picked.has(c.id)) && (
          <Text size="sm" data-testid="extra-columns-hint">{t('reports.dialog.extraHint', { count: extra.length, first: extra[0]!.header })}</Text>
        )}
        <Text size="xs" c="dimmed">{t('reports.dialog.personalHint')}</Text>
      </Stack>
    </Paper>
  );
}
