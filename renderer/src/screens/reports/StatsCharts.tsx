import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Charts drawn with plain boxes: legible at a glance, no chart library, the same look as the PDF. */
export interface BarItem {
  label: string;
  value: number;
  /** Shown as a light bar behind the value (registered, capacity). */
  reference?: number | null;
  note?: string;
}

const ACCENT = 'var(--mantine-color-indigo-7)';
const ACCENT_LIGHT = 'var(--mantine-color-indigo-1)';

export function BarList({ items, testId }: { items: BarItem[]; testId?: string }) {
  const max = Math.max(1, ...items.map((i) => Math.max(i.value, i.reference ?? 0)));
  return (
    <Stack gap={6} data-testid={testId}>
      {items.map((item) => (
        <Group key={item.label} gap="sm" wrap="nowrap">
          <Text size="md" w="38%" truncate title={item.label}>{item.label}</Text>
          <Box style={{ flex: 1, position: 'relative', height: 22 }}>
            {item.reference ? (
              <Box style={{ position: 'absolute', inset: 0, width: `${(item.reference / max) * 100}%`, background: ACCENT_LIGHT, borderRadius: 3 }} />
            ) : null}
            <Box style={{ position: 'absolute', top: 0, bottom: 0, left: 0, width: `${(item.value / max) * 100}%`, minWidth: item.value > 0 ? 3 : 0, background: ACCENT, borderRadius: 3 }} />
          </Box>
          <Text size="md" fw={700} w={110} style={{ whiteSpace: 'nowrap' }}>
            {item.value}{item.note ? <Text span c="dimmed" fw={400} size="sm"> {item.note}</Text> : null}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function Legend({ value, reference }: { value: string; reference: string }) {
  const swatch = (color: string) => <Box w={14} h={12} style={{ background: color, borderRadius: 2 }} />;
  return (
    <Group gap="lg" mt={6}>
      <Group gap={6}>{swatch(ACCENT)}<Text size="sm" c="dimmed">{value}</Text></Group>
      <Group gap={6}>{swatch(ACCENT_LIGHT)}<Text size="sm" c="dimmed">{reference}</Text></Group>
    </Group>
  );
}

/** Arrivals per quarter hour as columns, with the count on hover and every few labels under the axis. */
export function ColumnChart({ slots, height = 170 }: { slots: { time: string; count: number }[]; height?: number }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...slots.map((s) => s.count));
  const labelEvery = Math.max(1, Math.ceil(slots.length / 10));
  return (
    <Stack gap={4}>
      <Group gap={3} align="flex-end" wrap="nowrap" h={height} style={{ borderBottom: '2px solid var(--mantine-color-gray-7)' }}>
        {slots.map((s) => (
          <Tooltip key={s.time} label={t('reports.screen.arrivalsAt', { time: s.time, count: s.count })}>
            <Box style={{ flex: 1, height: `${(s.count / max) * 100}%`, minHeight: s.count > 0 ? 2 : 0, background: ACCENT, borderRadius: '3px 3px 0 0' }} />
          </Tooltip>
        ))}
      </Group>
      <Group gap={3} wrap="nowrap">
        {slots.map((s, i) => (
          <Text key={s.time} size="xs" c="dimmed" style={{ flex: 1, overflow: 'visible', whiteSpace: 'nowrap' }}>
            {i % labelEvery === 0 ? s.time : ''}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}
