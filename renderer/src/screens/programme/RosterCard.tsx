import { Text, UnstyledButton } from '@mantine/core';
import { IconCircle, IconCircleCheckFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '../../../../electron/contract/programme-methods';
import { formatTime, fullName } from '../../format';

/** One person on a roster: a big tap target, green with a tick when present. */
export function RosterCard({ person, timeZone, onTap }: { person: RosterEntry; timeZone: string; onTap: () => void }) {
  const { t } = useTranslation();
  const present = person.present;
  const cancelled = person.status === 'cancelled';
  return (
    <UnstyledButton
      onClick={onTap}
      data-testid="roster-card"
      data-present={present}
      aria-pressed={present}
      style={{
        display: 'flex', gap: 12, alignItems: 'center', minHeight: 76, padding: '10px 14px', borderRadius: 12,
        border: `2px solid ${present ? 'var(--mantine-color-green-7)' : 'var(--mantine-color-gray-3)'}`,
        background: present ? 'var(--mantine-color-green-0)' : 'white', opacity: cancelled ? 0.6 : 1,
      }}
    >
      {present ? (
        <IconCircleCheckFilled size={34} color="var(--mantine-color-green-7)" aria-hidden />
      ) : (
        <IconCircle size={34} color="var(--mantine-color-gray-5)" aria-hidden />
      )}
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text fw={700} size="lg" truncate td={cancelled ? 'line-through' : undefined}>{fullName(person)}</Text>
        <Text size="sm" c="dimmed" truncate>
          {[person.organisation, present && person.presentSince ? t('roster.since', { time: formatTime(person.presentSince, timeZone) }) : null,
            person.origin === 'local' ? t(person.joinedOnSite ? 'roster.joined' : person.movedHere ? 'roster.moved' : 'roster.setInApp') : null, person.registeredOnSite ? t('person.onSite') : null, cancelled ? t('status.cancelled') : null]
            .filter(Boolean).join(' · ')}
        </Text>
      </div>
    </UnstyledButton>
  );
}
