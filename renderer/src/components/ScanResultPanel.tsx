import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck, IconCircleX, IconDoorEnter } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInList, ScanResult } from '../../../electron/contract/entities';
import { formatDate, formatTime, fullName, isSameDay } from '../format';

const LOOK = {
  admitted: { bg: '#2b8a3e', Icon: IconCircleCheck },
  already_checked_in: { bg: '#e67700', Icon: IconAlertTriangle },
  refused: { bg: '#c92a2a', Icon: IconCircleX },
} as const;

/** Roles the desk needs no reminder of; anything else (Referent*in, Presse, Moderation …) is shown. */
const ORDINARY_ROLE = /^(teilnehm|participant|attendee|gast$)/i;

/**
 * The result of a scan, filling the front desk so it can be read from a metre away: colour, icon and words,
 * never colour alone.
 */
export function ScanResultPanel(props: {
  result: ScanResult;
  listName: string;
  timeZone: string;
  onDismiss: () => void;
  onUndo: (checkInId: string) => void;
  /** Admit despite the refusal; `confirm` asks first (refusals), "let in again" does not. */
  onOverride: (registrationId: string, confirm: boolean) => void;
  /** The list scanned at, for the details of a refusal (time window, capacity). */
  list?: CheckInList | null;
}) {
  const { t, i18n } = useTranslation();
  const { result } = props;
  const { bg, Icon } = LOOK[result.status];
  const person = result.registration;
  // Buttons inside the panel must not also dismiss it (a click anywhere else does).
  const act = (fn: () => void) => (e: MouseEvent) => {
    e.stopPropagation();
    fn();
  };

  /** "10:31 Uhr" today, else "18.10.2023, 10:31 Uhr". */
  const whenShort = (at: string) => (isSameDay(at, new Date(), props.timeZone)
    ? t('format.clock', { time: formatTime(at, props.timeZone) })
    : t('result.onDayAt', { date: formatDate(at, props.timeZone), time: formatTime(at, props.timeZone) }));
  let headline: string;
  let detail: string | null = null;
  let advice: string | null = null;
  const reasonParams = {
    list: props.listName, from: props.list?.admitFrom ?? '', until: props.list?.admitUntil ?? '', capacity: props.list?.capacity ?? '',
  };
  if (result.status === 'admitted') headline = t(result.checkIn.type === 'exit' ? 'result.left' : 'result.admitted');
  else if (result.status === 'already_checked_in') {
    headline = t('result.alreadyCheckedIn');
    const { scannedAt, stationName } = result.firstEntry;
    const time = formatTime(scannedAt, props.timeZone);
    detail = isSameDay(scannedAt, new Date(), props.timeZone)
      ? t('result.alreadyCheckedInSince', { time, station: stationName })
      : t('result.alreadyCheckedInOn', { date: formatDate(scannedAt, props.timeZone), time, station: stationName });
    if (result.possibleTwin) advice = t('result.twinAdvice');
  } else {
    headline = t('result.refused');
    const by = result.cancelledBy;
    if (by) {
      const at = by.at === null ? null : whenShort(by.at);
      detail = t(by.why === 'listRemoved' ? 'result.reason.listRemoved' : at ? 'result.reason.goneFromList' : 'result.reason.goneFromListUndated', { source: by.source, at });
      advice = t('result.whatToDo.goneFromList');
    } else {
      detail = t(`result.reason.${result.reason}`, reasonParams);
      // On a walk or at a session there is no desk to send people to: what the guide or host can do there.
      const onTheGo = props.list && props.list.kind !== 'entrance' && i18n.exists(`result.whatToDoProgramme.${result.reason}`);
      advice = t(onTheGo ? `result.whatToDoProgramme.${result.reason}` : `result.whatToDo.${result.reason}`);
    }
  }

  return (
    <div
      role="status"
      aria-live="assertive"
      data-testid="scan-result"
      data-status={result.status}
      onClick={props.onDismiss}
      style={{
        position: 'absolute', inset: 0, zIndex: 10, background: bg, color: 'white', display: 'flex',
        alignItems: 'center', justifyContent: 'center', padding: '2rem', cursor: 'pointer', overflow: 'hidden',
      }}
    >
      <Stack align="center" gap="md" maw={1100} style={{ textAlign: 'center' }}>
        <Icon size={120} stroke={1.6} aria-hidden />
        <Title order={1} fz={56} c="white" lh={1.1}>{headline}</Title>
        {person && (
          <Text fz={48} fw={700} lh={1.15} data-testid="scan-result-name" style={{ overflowWrap: 'anywhere' }}>
            {fullName(person)}
          </Text>
        )}
        {person?.organisation && <Text fz={30} lh={1.2}>{person.organisation}</Text>}
        {detail && <Text fz={30} fw={600} lh={1.25}>{detail}</Text>}
        {advice && <Text fz={24} lh={1.25}>{advice}</Text>}
        {result.status === 'refused' && !person && (
          <Text fz={20} opacity={0.9} style={{ overflowWrap: 'anywhere' }}>{t('result.code', { code: result.code })}</Text>
        )}
        {person?.notes && (
          <Text fz={28} fw={700} bg="white" c="dark" px="lg" py="xs" style={{ borderRadius: 8 }}>{person.notes}</Text>
        )}
        {person?.role && !ORDINARY_ROLE.test(person.role) && (
          <Badge size="xl" color="dark" variant="white" data-testid="scan-result-role">{person.role}</Badge>
        )}
        {result.status === 'already_checked_in' && result.cancelled && (
          <Text fz={26} fw={700} lh={1.25} bg="yellow.2" c="dark" px="lg" py="xs" style={{ borderRadius: 8 }} data-testid="scan-result-cancelled">
            {/* Let in by exception, admitted and cancelled by the list since, or cancelled first and admitted by a
                station that did not know yet (offline; QA15 H4): which of the three, by the times where known. */}
            {result.firstEntry.override
              ? t('result.insideByException')
              : result.cancelledAt && result.cancelledAt <= result.firstEntry.scannedAt
                ? t('result.insideCancelledBefore', { cancelled: whenShort(result.cancelledAt), station: result.firstEntry.stationName, entered: whenShort(result.firstEntry.scannedAt) })
                : t('result.insideCancelledSince')}
          </Text>
        )}
        {result.status === 'already_checked_in' && result.possibleTwin && (
          <Text fz={26} fw={700} lh={1.25} bg="yellow.2" c="dark" px="lg" py="xs" style={{ borderRadius: 8 }} data-testid="scan-result-twin">
            {t('result.possibleTwin', {
              name: fullName(result.possibleTwin), code: result.possibleTwin.code,
              kind: t(result.possibleTwin.walkIn ? 'result.twinWalkIn' : 'result.twinListed'),
            })}
          </Text>
        )}
        {result.status === 'admitted' && result.cancellationWaiting && (
          <Text fz={26} fw={700} lh={1.25} bg="yellow.2" c="dark" px="lg" py="xs" style={{ borderRadius: 8 }} data-testid="scan-result-cancellation-waiting">
            {t('result.cancellationWaiting', {
              source: result.cancellationWaiting.source,
              time: t('format.clock', { time: formatTime(result.cancellationWaiting.at, props.timeZone) }),
            })}
          </Text>
        )}
        {(result.status === 'admitted' || result.status === 'already_checked_in') && result.formerCode && (
          <Text fz={26} fw={700} lh={1.25} bg="yellow.2" c="dark" px="lg" py="xs" style={{ borderRadius: 8 }} data-testid="scan-result-former-code">
            {t('result.formerCode', { at: whenShort(result.formerCode.replacedAt) })}
          </Text>
        )}
        {result.status === 'admitted' && result.movedFrom && (
          <Text fz={24} fw={600} lh={1.25} bg="white" c="dark" px="lg" py="xs" style={{ borderRadius: 8 }} data-testid="scan-result-moved">
            {t('result.movedFrom', { list: result.movedFrom })}
          </Text>
        )}
        {result.status === 'admitted' && result.checkIn.override && (
          <Badge size="xl" color="dark" variant="white">{t('result.overridden')}</Badge>
        )}
        <Group mt="md" gap="md" justify="center">
          {result.status === 'admitted' && (
            <Button size="lg" variant="outline" color="white" leftSection={<IconArrowBackUp />} onClick={act(() => props.onUndo(result.checkIn.id))} data-testid="result-undo">
              {t('result.undo')}
            </Button>
          )}
          {result.status === 'already_checked_in' && (
            <Button size="lg" variant="outline" color="white" leftSection={<IconDoorEnter />} onClick={act(() => props.onOverride(result.registration.id, false))} data-testid="result-readmit">
              {t('result.letInAgain')}
            </Button>
          )}
          {result.status === 'refused' && result.registration && (
            <Button size="lg" variant="outline" color="white" leftSection={<IconDoorEnter />} onClick={act(() => props.onOverride(result.registration!.id, true))} data-testid="result-override">
              {t('result.overrideRefusal')}
            </Button>
          )}
          <Button size="lg" variant="white" color="dark" onClick={act(props.onDismiss)} data-testid="result-next">{t('frontDesk.next')}</Button>
        </Group>
      </Stack>
    </div>
  );
}
