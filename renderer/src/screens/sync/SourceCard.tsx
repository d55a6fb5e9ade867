import { Alert, Badge, Button, Card, Checkbox, Group, Loader, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFile, IconPencil, IconRefresh, IconTrash, IconWorld } from '@tabler/icons-react';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncCountsView, SyncSourceView } from '../../../../electron/contract/sync-methods';
import { api } from '../../api/client';
import { formatDate, formatTime } from '../../format';
import { countsText } from './counts-text';
import { IntervalInput } from './IntervalInput';
import { parseInterval } from './interval';
import { errorText } from './messages';
import { completeUrl } from '../../../../electron/contract/shown-location';
import { urlMessage } from '../../../../electron/contract/url-message';

/** A source: where the list comes from, the last sync, and for URLs the periodic check and "Jetzt aktualisieren". */
export function SourceCard(props: {
  source: SyncSourceView;
  timezone: string;
  onRefresh: () => void;
  onReview: (planId: string) => void;
  onLoadFile: () => void;
  /** The list was removed; `count` people were cancelled. */
  onRemoved: (r: Removed) => void;
}) {
  const { t } = useTranslation();
  const { source: s, timezone } = props;
  const [interval, setIntervalText] = useState(s.intervalMinutes === null ? '' : String(s.intervalMinutes));
  const [triedSave, setTriedSave] = useState(false);
  const [saved, setSaved] = useState<{ ok: true; minutes: number | null } | { ok: false; text: string } | null>(null);
  const saveInterval = () => {
    setSaved(null);
    setTriedSave(true);
    const parsed = parseInterval(interval);
    if (!parsed.ok) return;
    api('sync.updateSource', { sourceId: s.id, intervalMinutes: parsed.minutes })
      .then(() => setSaved({ ok: true, minutes: parsed.minutes }), (err: unknown) => setSaved({ ok: false, text: errorText(t, err) }));
  };
  // Said until the card shows a newer check: the fetch with the new key or address (at the station's next look for a
  // list checked periodically).
  const [accessChanged, setAccessChanged] = useState<{ change: AccessChange; checkAt: string | null } | null>(null);
  const changeShown = accessChanged && accessChanged.checkAt === (s.check?.at ?? null) ? accessChanged.change : null;
  const when = (iso: string) => `${formatDate(iso, timezone)} ${t('format.clock', { time: formatTime(iso, timezone) })}`;
  const check = s.check;
  // The sheet of the workbook last read: two sheets of one workbook may be two lists (registrations, waiting list).
  const sheet = s.lastRun?.counts.sheet;
  return (
    <Card withBorder padding="md" data-testid="sync-source">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            {s.kind === 'url' ? <IconWorld size={22} style={{ flexShrink: 0 }} /> : <IconFile size={22} style={{ flexShrink: 0 }} />}
            {/* Two lines before it is cut: a list's name and address are told apart by their ends as often as by their starts. */}
            <Text fw={700} size="lg" lineClamp={2} title={s.label} style={{ overflowWrap: 'anywhere' }} data-testid="sync-source-label">{withBreaks(s.label)}</Text>
          </Group>
          {s.kind === 'url' ? (
            <Button leftSection={<IconRefresh size={18} />} onClick={() => { setAccessChanged(null); props.onRefresh(); }} style={{ flexShrink: 0 }} data-testid="sync-refresh">
              {t('sync.source.refresh')}
            </Button>
          ) : (
            <Button variant="light" onClick={props.onLoadFile} style={{ flexShrink: 0 }} data-testid="sync-load-version">{t('sync.source.loadFile')}</Button>
          )}
        </Group>
        {/* A file's label is its name: its location is shown only where it says more (a path, a URL). */}
        {(s.location !== s.label || s.hasAuth || sheet) && (
          <Group gap="xs" wrap="nowrap">
            {s.location !== s.label && (
              <Text size="sm" c="dimmed" lineClamp={2} title={s.location} style={{ minWidth: 0, overflowWrap: 'anywhere' }} data-testid="sync-source-location">
                {/* A list's later version from a file of another name: which file it is now (the label stays the first's). */}
                {s.kind === 'file' ? t('sync.source.lastFile', { file: s.location }) : s.location}
                {sheet && `, ${t('sync.plan.sheet', { sheet })}`}
              </Text>
            )}
            {s.location === s.label && sheet && (
              <Text size="sm" c="dimmed" data-testid="sync-source-sheet">{t('sync.plan.sheet', { sheet })}</Text>
            )}
            {s.hasAuth && <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>{t('sync.source.withToken')}</Badge>}
          </Group>
        )}
        <Text size="sm">
          {s.lastRun ? t('sync.source.lastRun', { when: when(s.lastRun.finishedAt) }) : t('sync.source.neverApplied')}
        </Text>
        {s.lastRun && !s.removed && (
          <Text size="sm" data-testid="sync-source-people">
            {t('sync.source.people', { count: s.people.registered })}
            {s.people.cancelled > 0 ? t('sync.source.peopleCancelled', { count: s.people.cancelled }) : ''}
          </Text>
        )}
        {check && (
          <Group gap="xs">
            <Badge color={CHECK_COLOR[check.outcome]} variant="light" data-testid="sync-source-check">
              {t(`sync.check.${check.outcome}`)}
            </Badge>
            <Text size="sm" c="dimmed">{when(check.at)}</Text>
            {check.outcome === 'error' && check.messageKey && <Text size="sm" c="red">{urlMessage(t, check.messageKey, check.params)}</Text>}
            {check.planId && <Button size="xs" color="orange" onClick={() => props.onReview(check.planId!)}>{t('sync.check.review')}</Button>}
          </Group>
        )}
        {check?.counts && check.outcome !== 'unchanged' && (
          <Text size="sm" data-testid="sync-source-check-counts">
            {check.outcome === 'pending' && !changesAnyone(check.counts) ? t('sync.check.noPersonChanges') : countsText(t, check.counts)}
          </Text>
        )}
        {/* A warning about the list as a whole holds everything: the organiser should know late registrations wait too. */}
        {check?.outcome === 'pending' && check.wholeList && (
          <Text size="sm" c="orange.9" data-testid="sync-source-check-whole-list">{t('sync.check.wholeListWaits')}</Text>
        )}
        {/* New and changed people of this check are in already; what the button shows waits. */}
        {check?.outcome === 'pending' && check.applied && (
          <Text size="sm" c="teal.9" data-testid="sync-source-check-applied">{t('sync.check.partApplied', { added: check.applied.added, updated: check.applied.updated })}</Text>
        )}
        {/* The last fetch failed while changes wait: both are said. */}
        {check?.outcome === 'pending' && check.messageKey && (
          <Text size="sm" c="red" data-testid="sync-source-check-fetch-failed">
            {t('sync.check.fetchFailedWhilePending', { message: urlMessage(t, check.messageKey, check.params) })}
          </Text>
        )}
        {check?.outcome === 'blocked' && (
          <Text size="sm" c="red" data-testid="sync-source-check-hint">{t('sync.check.blockedHint', { count: Number(check.params.errors ?? 0) })}</Text>
        )}
        {check?.outcome === 'discarded' && <Text size="sm" c="dimmed" data-testid="sync-source-check-hint">{t('sync.check.discardedHint')}</Text>}
        {/* What the check held for approval was applied by another program (`einlass import`): nothing waits any more. */}
        {check?.outcome === 'unchanged' && check.elsewhere && (
          <Text size="sm" c="dimmed" data-testid="sync-source-check-elsewhere">{t('sync.check.elsewhere')}</Text>
        )}
        {/* Read back after a restart: the dry run that check made is gone with the app's memory. */}
        {check?.restored && (check.outcome === 'pending' || check.outcome === 'blocked') && (
          <Text size="sm" c="orange.8" data-testid="sync-source-check-restored">{t('sync.check.restoredHint')}</Text>
        )}
        {changeShown && (
          <Group gap={4} c="teal" wrap="nowrap" data-testid="sync-source-access-saved">
            <IconCheck size={18} style={{ flexShrink: 0 }} />
            <Text size="sm" c="teal.9">{t(`sync.edit.saved.${changeShown}`, { context: s.intervalMinutes === null ? 'manual' : 'auto' })}</Text>
          </Group>
        )}
        {s.fetching ? (
          <Group gap="xs" data-testid="sync-source-fetching">
            <Loader size="xs" />
            <Text size="sm">{t('sync.source.fetching')}</Text>
          </Group>
        ) : s.nextCheckAt && (
          <Text size="sm" c="dimmed" data-testid="sync-source-next-check">
            {s.nextCheckSoon
              ? t('sync.source.nextCheckSoon')
              // Checked every few hours or once a day: the day too, as the next check may be tomorrow.
              : t('sync.source.nextCheckAt', {
                time: (s.intervalMinutes ?? 0) > 360 ? when(s.nextCheckAt) : t('format.clock', { time: formatTime(s.nextCheckAt, timezone) }),
              })}
          </Text>
        )}
        {s.kind === 'url' && (
          <Group gap="xs" align="flex-end">
            <IntervalInput size="sm" w={360} placeholder={t('sync.source.intervalOff')} value={interval} showError={triedSave}
              onChange={(text) => { setIntervalText(text); setSaved(null); setTriedSave(false); }} testId="sync-source-interval" />
            <Button size="sm" variant="default" onClick={saveInterval} data-testid="sync-source-interval-save">
              {t('sync.source.saveInterval')}
            </Button>
            {saved?.ok && (
              <Group gap={4} c="teal" pb={6} data-testid="sync-source-interval-saved">
                <IconCheck size={18} />
                <Text size="sm" c="teal">{saved.minutes === null ? t('sync.source.savedManual') : t('sync.source.savedEvery', { count: saved.minutes })}</Text>
              </Group>
            )}
            {saved && !saved.ok && <Text size="sm" c="red" pb={6}>{saved.text}</Text>}
          </Group>
        )}
        <Group justify="flex-end" gap="xs">
          <EditSourceButton source={s} onSaved={(change, checkAt) => setAccessChanged(change && { change, checkAt })} />
          <RemoveSourceButton source={s} onRemoved={props.onRemoved} />
        </Group>
      </Stack>
    </Card>
  );
}

/** Whether a dry run adds, changes or cancels anyone (else it waits only for a warning to be seen). */
const changesAnyone = (c: SyncCountsView) => c.added + c.updated + c.cancelled + c.keptLocal > 0;

const CHECK_COLOR: Record<NonNullable<SyncSourceView['check']>['outcome'], string> = {
  applied: 'teal', unchanged: 'teal', pending: 'orange', blocked: 'red', discarded: 'gray', error: 'red',
};

/**
 * "Bearbeiten": the list's name, and for a URL its access key — a new one when the registration system issued one
 * (a 401 says "Bitte den Zugangsschlüssel prüfen"), or none. A stored key is never shown, only replaced or removed.
 */
function EditSourceButton({ source, onSaved }: { source: SyncSourceView; onSaved: (changed: AccessChange | null, checkAt: string | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState(source.label);
  const [address, setAddress] = useState('');
  const [authName, setAuthName] = useState(source.authName ?? 'Authorization');
  const [authValue, setAuthValue] = useState('');
  const [dropKey, setDropKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setLabel(source.label);
    setAddress('');
    setAuthName(source.authName ?? 'Authorization');
    setAuthValue('');
    setDropKey(false);
    setError(null);
    setOpen(true);
  };
  const save = () => {
    setBusy(true);
    setError(null);
    const key = source.kind !== 'url' ? {} : dropKey ? { authName: '', authValue: '' } : authValue.trim() ? { authName: authName.trim(), authValue: authValue.trim() } : {};
    // The screen reloads its lists on the 'sync.changed' the change sends.
    const moved = source.kind === 'url' && address.trim() ? { location: completeUrl(address) } : {};
    api('sync.updateSource', { sourceId: source.id, label: label.trim() || source.label, ...moved, ...key })
      .then((view) => { setOpen(false); onSaved('location' in moved ? 'address' : dropKey ? 'keyRemoved' : 'authValue' in key ? 'key' : null, view.check?.at ?? null); }, (err: unknown) => setError(errorText(t, err)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <Button variant="subtle" size="sm" leftSection={<IconPencil size={16} />} onClick={start} data-testid="sync-source-edit">{t('sync.edit.button')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} size="lg" title={<Text fw={700} size="lg">{t('sync.edit.title')}</Text>}>
        <Stack gap="md" data-testid="sync-edit-dialog">
          <TextInput size="md" label={t('sync.edit.label')} value={label} maxLength={200} onChange={(e) => setLabel(e.currentTarget.value)} data-testid="sync-edit-label" />
          {source.kind === 'url' && (
            <>
              {/* Empty unless a new one is typed: the address shown may hide a key in it (see shownLocation). */}
              <TextInput size="md" label={t('sync.edit.newAddress')} description={t('sync.edit.address', { address: source.location })}
                placeholder="https://…" value={address} onChange={(e) => setAddress(e.currentTarget.value)} data-testid="sync-edit-address" />
              {source.keyInAddress && <Text size="md" data-testid="sync-edit-key-in-address">{t('sync.edit.keyInAddress')}</Text>}
              <Text size="md">{source.hasAuth && !(source.keyInAddress && !source.authName) ? t('sync.edit.keyStored') : t('sync.edit.noKey')}</Text>
              {!dropKey && (
                <>
                  <TextInput size="md" label={t('sync.load.authName')} value={authName} onChange={(e) => setAuthName(e.currentTarget.value)} />
                  <PasswordInput size="md" label={t(source.hasAuth ? 'sync.edit.newKey' : 'sync.load.authValue')} description={t('sync.load.authStored')}
                    value={authValue} onChange={(e) => setAuthValue(e.currentTarget.value)} data-testid="sync-edit-key" />
                </>
              )}
              {/* A header key only: a key in the address goes with a new address. */}
              {source.hasAuth && !(source.keyInAddress && !source.authName) && (
                <Checkbox size="md" checked={dropKey} onChange={(e) => setDropKey(e.currentTarget.checked)} label={t('sync.edit.dropKey')} data-testid="sync-edit-drop-key" />
              )}
            </>
          )}
          {error && <Alert color="red" icon={<IconAlertTriangle />} fz="md">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={() => setOpen(false)}>{t('sync.cancel')}</Button>
            <Button size="md" loading={busy} onClick={save} data-testid="sync-edit-save">{t('sync.edit.save')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What of a URL list's access "Bearbeiten" changed: said on the card until the next fetch. */
type AccessChange = 'key' | 'keyRemoved' | 'address';

/** What removing a list did, for the screen's message. */
export interface Removed {
  cancelled: number;
  erased: number;
  keptCancelled: number;
  rewritten: boolean;
}

/**
 * "Liste entfernen": for a list loaded by mistake or no longer valid. Asks first, saying what happens to its
 * people (cancelled, not deleted, check-ins kept), and offers to erase their personal data as well, for the list
 * of another event (off unless chosen: it cannot be undone).
 */
function RemoveSourceButton({ source, onRemoved }: { source: SyncSourceView; onRemoved: (r: Removed) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [erase, setErase] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => { setOpen(false); setErase(false); };
  const remove = () => {
    setBusy(true);
    setError(null);
    // The screen reloads its lists on the 'sync.changed' the removal sends; this card then goes.
    api('sync.removeSource', { sourceId: source.id, erase })
      .then((r) => { close(); onRemoved(r); }, (err: unknown) => setError(errorText(t, err)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <Button variant="subtle" color="red" size="sm" leftSection={<IconTrash size={16} />} onClick={() => setOpen(true)} data-testid="sync-source-remove">
        {t('sync.remove.button')}
      </Button>
      <Modal opened={open} onClose={close} size="lg" title={<Text fw={700} size="lg">{t('sync.remove.title', { label: source.label })}</Text>}>
        <Stack gap="md" data-testid="sync-remove-dialog">
          {erase ? (
            <Text size="md">{t('sync.remove.whatErase')}</Text>
          ) : (
            <>
              <Text size="md">{t('sync.remove.what', { count: source.cancelledOnRemove })}</Text>
              <Text size="md" c="dimmed">{t('sync.remove.when')}</Text>
            </>
          )}
          {source.erasableOnRemove > 0 && (
            <Checkbox size="md" checked={erase} onChange={(e) => setErase(e.currentTarget.checked)} data-testid="sync-remove-erase"
              label={<Text size="md" fw={600}>{t('sync.remove.eraseLabel')}</Text>}
              description={<Text size="sm" c="dimmed" component="span">{t('sync.remove.eraseHint', { count: source.erasableOnRemove })}</Text>} />
          )}
          {erase && <Alert color="red" icon={<IconAlertTriangle />} fz="md" data-testid="sync-remove-erase-warning">{t('sync.remove.eraseWarning')}</Alert>}
          {error && <Alert color="red" icon={<IconAlertTriangle />} fz="md">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={close}>{t('sync.cancel')}</Button>
            <Button color="red" size="md" loading={busy} onClick={remove} data-testid="sync-remove-confirm">
              {t(erase ? 'sync.remove.confirmErase' : 'sync.remove.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * A file name with places to break after "_", "." and "-", so a long one wraps there ("anmeldungen_formular.csv")
 * rather than anywhere inside a word (a walkthrough saw „anmeldungen_formular.c / sv“ on the card).
 */
function withBreaks(name: string): ReactNode {
  const parts = name.split(/(?<=[_.\-])/);
  return parts.map((part, i) => (i === 0 ? part : <Fragment key={i}><wbr />{part}</Fragment>));
}
