import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff, IconServer } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import { clockWarningText, pendingText, reasonText, useStationsStatus } from './station-format';

/**
 * The header's word on the connection: on a station "verbunden · 3 Check-ins noch nicht übertragen · zuletzt 09:41"
 * (or not connected, or removed by the organiser), with a warning when the clock is far off; on the hub how many stations
 * are paired. Nothing while the event is used on this laptop alone.
 */
export function StationStatusBadge() {
  const { t } = useTranslation();
  const { status } = useStationsStatus();
  if (!status) return null;
  if (status.role === 'station' && status.link) {
    const l = status.link;
    // Short: the header has little room; the station screen says it in full. What waits for the hub before when
    // the last exchange was: where the badge is cut (a long station name at 1366 px), the time goes first.
    const parts = [
      l.revoked ? t('stations.link.revokedShort') : l.connected ? t('stations.link.connected') : t('stations.link.disconnected'),
      l.pending > 0 ? pendingText(l, t) : t('stations.link.allSent'),
      l.lastSyncAt ? t('stations.link.lastSync', { time: formatTime(l.lastSyncAt) }) : t('stations.link.never'),
    ];
    const color = l.revoked ? 'red' : l.connected ? 'teal' : 'orange';
    const badge = (
      <Badge size="lg" variant="light" color={color} data-testid="station-status" data-connected={l.connected} data-pending={l.pending}
        leftSection={l.clockWarning ? <IconAlertTriangle size={16} /> : l.connected ? <IconCloud size={16} /> : <IconCloudOff size={16} />}
        style={{ textTransform: 'none', flexShrink: 1, minWidth: 0 }}>
        {parts.join(' · ')}
      </Badge>
    );
    // The badge gives way to the station's name where the header is narrow (1366 px with a long name, QA15 L3):
    // cut at its end, and said in full when pointed at.
    const hints = [
      parts.join(' · '),
      l.clockWarning ? clockWarningText(l.clockOffsetMs, t) : null,
      !l.connected && l.lastError ? reasonText(l.lastError, t) : null,
    ].filter(Boolean);
    return <Tooltip label={hints.join(' – ')} multiline w={320}>{badge}</Tooltip>;
  }
  if (status.role === 'hub' && status.hub?.networkOn) {
    return (
      <Badge size="lg" variant="light" color={status.hub.clockWarnings > 0 ? 'orange' : 'indigo'} data-testid="station-status"
        leftSection={status.hub.clockWarnings > 0 ? <IconAlertTriangle size={16} /> : <IconServer size={16} />} style={{ textTransform: 'none', flexShrink: 0 }}>
        {t('stations.hubBadge', { count: status.hub.stations })}
      </Badge>
    );
  }
  return null;
}
