import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CheckInList } from '../../../../electron/contract/entities';
import { formatCount } from '../../format';

/** Free places of a list with a capacity: its people present count against it, as admission counts them. */
export function placesLeft(list: CheckInList): number | null {
  return list.capacity === null ? null : Math.max(0, list.capacity - list.checkedIn);
}

/**
 * "12 von 25 anwesend · noch 13 Plätze frei · 4 Angemeldete fehlen noch", readable at a glance; red when the list is
 * full. The places are the group's size, so booked people not there yet do not hold one (walks are overbooked for
 * the no-shows); the guide sees how many are still missing and decides whether to wait before taking in joiners.
 */
export function RosterCounter({ list, missing }: { list: CheckInList; missing: number }) {
  const { t } = useTranslation();
  const left = placesLeft(list);
  return (
    <Group gap="lg" wrap="nowrap" data-testid="roster-counter" data-present={list.checkedIn}>
      <Text fz={34} fw={800} lh={1}>
        {formatCount(list.checkedIn)} <Text span fz={22} fw={500} c="dimmed">{t('roster.ofExpected', { expected: list.expected })}</Text>
      </Text>
      {(left !== null || missing > 0) && (
        <Stack gap={2}>
          {left !== null && (
            <Text fz={22} fw={700} lh={1.2} c={left === 0 ? 'red.7' : 'teal.8'} data-testid="places-left">
              {left === 0 ? t('roster.full') : t('roster.placesLeft', { count: left })}
            </Text>
          )}
          {missing > 0 && (
            <Text fz={16} fw={500} c="dimmed" data-testid="roster-missing">{t('roster.missing', { count: missing })}</Text>
          )}
        </Stack>
      )}
    </Group>
  );
}
