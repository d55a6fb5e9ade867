import { Alert, Badge, Button, Card, Group, Image, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import QRCode from 'qrcode';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import type { EventSummary } from '../../../electron/contract/entities';
import { api, subscribe } from '../api/client';
import { formatDate, formatListValue, formatTime, fullName } from '../format';
import { useAsync } from '../use-async';
import { EditRegistrationButton, LocalCorrections, LocalMark, useLocalFields } from './sync/RegistrationEdit';
import { CertificateButton } from './reports/CertificateButton';

/** Extra fields shown before "Alle … anzeigen". */
const EXTRA_SHOWN = 8;

/** One person: their data, the QR code of their registration (to test the camera with a phone) and their check-ins. */
export function PersonDetail({ id, event, onBack, onOpen }: { id: string; event: EventSummary; onBack: () => void; onOpen?: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const person = useAsync(() => api('registrations.get', { id }), [id]);
  const [qr, setQr] = useState<string | null>(null);
  const [allExtra, setAllExtra] = useState(false);
  // Deleted since it was loaded (its data erased with its list): what was shown goes too.
  const p = person.error?.code === 'not_found' ? null : person.data;
  const local = useLocalFields(id);
  // A sync, a removed list or an erasure (here or from the hub) may change or delete the person on view.
  const { reload } = person;
  useEffect(() => subscribe((m) => m.type === 'sync.changed' && reload()), [reload]);

  useEffect(() => {
    if (!p) return;
    let live = true;
    void QRCode.toDataURL(p.code, { errorCorrectionLevel: 'M', margin: 2, scale: 8 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [p]);

  const extra = p ? Object.entries(p.extra).filter(([, v]) => v) : [];
  const field = (label: string, value: string | null | undefined, key?: string) =>
    value ? (
      <div>
        <Text size="sm" c="dimmed">{label}{key && local.has(key) && <LocalMark />}</Text>
        <Text size="lg" style={{ overflowWrap: 'break-word' }}>{breakable(value)}</Text>
      </div>
    ) : null;

  return (
    <Page>
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft />} onClick={onBack}>{t('person.back')}</Button>
        {p && <EditRegistrationButton person={p} onSaved={person.reload} />}
        {p && <CertificateButton registrationId={p.id} />}
      </Group>
      {!p && person.error && (
        <Alert color="red" icon={<IconAlertTriangle />} fz="md" data-testid="person-gone">
          {t(person.error.code === 'not_found' ? 'person.gone' : 'errors.internal')}
        </Alert>
      )}
      {p && (
        <Group align="flex-start" wrap="wrap" gap="xl">
          <Stack style={{ flex: 1, minWidth: 320 }} gap="md">
            <Group gap="sm">
              <Title order={1} data-testid="person-name">{fullName(p)}</Title>
              {(local.has('firstName') || local.has('lastName')) && <LocalMark />}
              <Badge size="lg" color={p.status === 'cancelled' ? 'red' : 'teal'}>{t(`status.${p.status}`)}</Badge>
              {local.has('status') && <LocalMark />}
              {p.registeredOnSite && <Badge size="lg" color="grape">{t('person.onSite')}</Badge>}
            </Group>
            {p.organisation && <Text size="xl">{p.organisation}{local.has('organisation') && <LocalMark />}</Text>}
            {(p.possibleTwins ?? []).length > 0 && (
              // A walk-in and a person of the list with the same name (QA15 H3): said, not merged (see possibleTwinsOf).
              <Alert color="orange" icon={<IconAlertTriangle />} title={t('person.possibleTwinsTitle')} data-testid="person-twins">
                <Stack gap={6}>
                  <Text size="sm">{t('person.possibleTwinsHint')}</Text>
                  {(p.possibleTwins ?? []).map((w) => (
                    <Group key={w.id} gap="sm" data-testid="person-twin">
                      <Text fw={700}>
                        {t('person.possibleTwin', { name: fullName(w), kind: t(w.walkIn ? 'result.twinWalkIn' : 'result.twinListed'), code: w.code })}
                        {w.organisation ? ` · ${w.organisation}` : ''} · {t('person.possibleTwinCheckIns', { count: w.checkIns })}
                      </Text>
                      {onOpen && <Button size="xs" variant="light" color="orange" onClick={() => onOpen(w.id)}>{t('person.possibleTwinOpen')}</Button>}
                    </Group>
                  ))}
                </Stack>
              </Alert>
            )}
            <SimpleGrid cols={2} spacing="md">
              {field(t('people.town'), p.town, 'town')}
              {field(t('person.federalState'), p.federalState, 'federalState')}
              {field(t('person.sector'), p.sector, 'sector')}
              {field(t('person.role'), p.role, 'role')}
              {field(t('person.email'), p.email, 'email')}
              {field(t('person.days'), p.days.map((d) => formatDate(d)).join(', '))}
              {field(t('person.notes'), p.notes, 'notes')}
            </SimpleGrid>
            <LocalCorrections id={p.id} local={local} timezone={event.timezone} listRemoved={p.source?.removed ?? false} />
            {extra.length > 0 && (
              // The list's other columns under a heading of their own: pretix's order data brings some 30 of them
              // (invoice address, tax rate, order link), one called "E-Mail" (the buyer's) beside the person's own.
              <div data-testid="person-extra">
                <Title order={4} mb={4}>{t('person.extra', { count: extra.length })}</Title>
                <SimpleGrid cols={2} spacing="md">
                  {/* Dates as the UI writes them (Excel's date cells are read as 2026-09-14); exports keep the list's text. */}
                  {(allExtra ? extra : extra.slice(0, EXTRA_SHOWN)).map(([k, v]) => field(k, formatListValue(v, i18n.language, event.timezone)))}
                </SimpleGrid>
                {!allExtra && extra.length > EXTRA_SHOWN && (
                  <Button variant="subtle" px={0} mt={4} onClick={() => setAllExtra(true)} data-testid="person-extra-all">
                    {t('person.extraAll', { count: extra.length })}
                  </Button>
                )}
              </div>
            )}
            {p.source && (
              <div data-testid="person-source">
                <Text size="sm" c="dimmed">{t('person.source')}</Text>
                <Text size="lg">{t('person.sourceLabel', { label: p.source.label })}</Text>
                {/* Why someone is cancelled: gone from the list, rather than marked cancelled in it. */}
                {p.source.gone && !p.source.removed && (
                  <Text size="md" fw={600} c="orange.8" data-testid="person-source-gone">
                    {t(p.status === 'cancelled' ? 'person.sourceGoneCancelled' : 'person.sourceGone')}
                  </Text>
                )}
                {p.source.syncedAt && (
                  <Text size="sm" c="dimmed">
                    {t(p.source.removed ? 'person.sourceRemoved' : 'person.sourceSynced', {
                      date: formatDate(p.source.syncedAt, event.timezone),
                      time: t('format.clock', { time: formatTime(p.source.syncedAt, event.timezone) }),
                    })}
                  </Text>
                )}
              </div>
            )}
            {p.assignments.length > 0 && (
              <div>
                {/* Beside each session or walk set in the app; on the heading only for what no line shows (one taken away). */}
                <Title order={4} mb={4}>
                  {t('person.assignments')}
                  {(['walks', 'sessions'] as const).some((f) => local.has(f) && !p.assignments.some((a) => a.local && a.kind === (f === 'walks' ? 'walk' : 'session'))) && <LocalMark />}
                </Title>
                {p.assignments.map((a) => (
                  <Text key={a.listId} data-testid="person-assignment">
                    • {a.listName}{' '}
                    <Text span c="dimmed">
                      ({[t(`event.kind.${a.kind}`), a.day && formatDate(a.day), a.startsAt && t('format.clock', { time: a.startsAt })].filter(Boolean).join(', ')})
                    </Text>
                    {/* A walk-in's are all set in the app: marked only for people from a list, or where the walks or
                        sessions are marked corrected (a station knows the mark, not the list). */}
                    {a.local && (p.source || local.has(a.kind === 'walk' ? 'walks' : 'sessions')) && <LocalMark />}
                  </Text>
                ))}
              </div>
            )}
            <div>
              <Title order={4} mb={4}>{t('person.checkIns')}</Title>
              {p.checkIns.length === 0 ? (
                <Text c="dimmed">{t('person.noCheckIns')}</Text>
              ) : (
                <Table fz="md">
                  <Table.Tbody>
                    {p.checkIns.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{formatDate(c.scannedAt, event.timezone)} {t('format.clock', { time: formatTime(c.scannedAt, event.timezone) })}</Table.Td>
                        <Table.Td>{c.listName}</Table.Td>
                        <Table.Td>
                          {t(`checkInType.${c.type}`)}
                          {c.override && <OverrideNote reason={c.overrideReason} />}
                        </Table.Td>
                        <Table.Td c="dimmed">{c.stationName}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </div>
          </Stack>
          <Card withBorder padding="md" w={300}>
            <Stack align="center" gap="xs">
              {qr && <Image src={qr} w={260} h={260} alt={p.code} data-testid="person-qr" />}
              {/* pretix's codes have 32 characters: smaller, and broken where the card ends rather than cut. */}
              <Text ff="monospace" fz={p.code.length > 16 ? 17 : 24} fw={700} ta="center" style={{ wordBreak: 'break-all' }} data-testid="person-code">{p.code}</Text>
              <Text size="sm" c="dimmed" ta="center">{t('person.qrHint')}</Text>
              {(p.formerCodes ?? []).length > 0 && (
                <Text size="sm" ta="center" data-testid="person-former-codes">
                  {t('person.formerCodes', {
                    codes: (p.formerCodes ?? []).map((f) => t('person.formerCode', { code: f.code, date: formatDate(f.replacedAt, event.timezone) })).join(', '),
                  })}
                </Text>
              )}
            </Stack>
          </Card>
        </Group>
      )}
    </Page>
  );
}

/** An entry by exception: what the rules said, and the operator's note ("storniert – zahlt vor Ort"). */
function OverrideNote({ reason }: { reason: string | null }) {
  const { t, i18n } = useTranslation();
  const [code, ...note] = (reason ?? '').split(': ');
  const said = code && i18n.exists(`reports.reason.${code}`) ? t(`reports.reason.${code}`) : null;
  return (
    <Text span size="sm" c="orange.8" ml={8} data-testid="person-override">
      {t('person.override')}{said ? `: ${said}` : ''}{note.length > 0 ? ` – ${note.join(': ')}` : ''}
    </Text>
  );
}

/**
 * A value that may be wider than its column (an e-mail address, a long town name) breaks after "@" and before a
 * dot, where it still reads as an address, before it is broken anywhere ("…exampl/e").
 */
function breakable(value: string): ReactNode {
  const parts = value.split(/(?<=@)|(?=\.)/);
  return parts.length < 2 ? value : parts.map((part, i) => <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>);
}
