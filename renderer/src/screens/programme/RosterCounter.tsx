import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CheckInList } from '../../../../electron/contract/entities';
import { formatCount } from '../../format';

/** "12 von 25 anwesend · 13 Plätze frei", readable at a glance; red when the list is full. */
export function RosterCounter({ list }: { list: CheckInList }) {
  const { t } = useTranslation();
  const left = list.capacity === null ? null : Math.max(0, list.capacity - list.checkedIn);
  return (
    <Group gap="lg" wrap="nowrap" data-testid="roster-counter" data-present={list.checkedIn}>
      <Text fz={34} fw={800} lh={1}>
        {formatCount(list.checkedIn)} <Text span fz={22} fw={500} c="dimmed">{t('roster.ofExpected', { expected: list.expected })}</Text>
      </Text>
      {left !== null && (
        <Text fz={22} fw={700} c={left === 0 ? 'red.7' : 'teal.8'} data-testid="places-left">
          {left === 0 ? t('roster.full') : t('roster.placesLeft', { count: left })}
        </Text>
      )}
    </Group>
  );
}
