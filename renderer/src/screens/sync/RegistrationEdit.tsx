import { Badge, Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationDetail } from '../../../../electron/contract/entities';
import type { LocalField } from '../../../../electron/contract/registration-edit-methods';
import { formatDate, formatTime } from '../../format';
import { api, subscribe } from '../../api/client';
import { useAsync } from '../../use-async';
import { errorText } from './messages';

const TEXT_FIELDS = ['firstName', 'lastName', 'organisation', 'town', 'email', 'federalState', 'sector', 'role'] as const;
const FORM_ORDER: readonly string[] = [...TEXT_FIELDS, 'notes', 'status', 'walks', 'sessions'];
type Editable = (typeof TEXT_FIELDS)[number] | 'notes' | 'status';

export interface LocalFields {
  has: (field: string) => boolean;
  fields: LocalField[];
}

/** Fields of a person corrected in the app (they win over later syncs); reloaded when anything changes. */
export function useLocalFields(id: string): LocalFields {
  const local = useAsync(() => api('registrations.localFields', { id }), [id]);
  const { reload } = local;
  useEffect(() => subscribe((m) => m.type === 'sync.changed' && reload()), [reload]);
  const fields = local.data?.fields ?? [];
  return { has: (field) => fields.some((f) => f.field === field), fields };
}

/**
 * The person's local corrections, each with what the registration list says and a way back to it ("Wert aus der
 * Anmeldeliste übernehmen"); where the list has caught up, the mark can go ("Markierung aufheben").
 */
export function LocalCorrections({ id, local, timezone, listRemoved }: { id: string; local: LocalFields; timezone: string; listRemoved: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (local.fields.length === 0) return null;
  const revert = async (field: string) => {
    setBusy(field);
    setError(null);
    try {
      await api('registrations.revertLocal', { id, field });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };
  const shown = (f: LocalField) => (f.field === 'status' && f.listValue ? t(`status.${f.listValue}`) : f.listValue);
  // In the order of the page and the dialog, not of the field names.
  const fields = [...local.fields].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));
  const listText = (f: LocalField) => {
    if (!f.inList) return t('registrationEdit.listUnknown');
    if (f.sameAsList) return t('registrationEdit.listSame');
    if (!f.listValue) return t(listRemoved ? 'registrationEdit.listSaidLastEmpty' : 'registrationEdit.listSaysEmpty');
    return t(listRemoved ? 'registrationEdit.listSaidLast' : 'registrationEdit.listSays', { value: shown(f) });
  };
  return (
    <div data-testid="local-corrections">
      <Title order={4} mb={4}>{t('registrationEdit.corrections')}</Title>
      <Stack gap="xs">
        {fields.map((f) => (
          <Group key={f.field} justify="space-between" wrap="wrap" gap="xs" data-testid={`local-field-${f.field}`}>
            {/* Beside its button where there is room (1366 px), above it at 1024 px. */}
            <div style={{ flex: '1 1 380px', minWidth: 0 }}>
              <Text fw={600}>{t(`sync.field.${f.field}`)}</Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{listText(f)}</Text>
              <Text size="xs" c="dimmed">
                {t(f.stationName ? 'registrationEdit.changedAtBy' : 'registrationEdit.changedAt', {
                  date: formatDate(f.changedAt, timezone), time: t('format.clock', { time: formatTime(f.changedAt, timezone) }), station: f.stationName,
                })}
              </Text>
            </div>
            <Button variant="light" size="sm" style={{ flexShrink: 0 }} loading={busy === f.field} onClick={() => void revert(f.field)}
              data-testid={`local-revert-${f.field}`}>
              {t(f.inList && !f.sameAsList ? 'registrationEdit.revert' : 'registrationEdit.unmark')}
            </Button>
          </Group>
        ))}
        {error && <Text c="red" data-testid="local-revert-error">{error}</Text>}
      </Stack>
    </div>
  );
}

export function LocalMark() {
  const { t } = useTranslation();
  return <Badge size="sm" color="grape" variant="light" ml={6} data-testid="local-mark" title={t('registrationEdit.localHint')}>{t('registrationEdit.local')}</Badge>;
}

/** "Bearbeiten": correct the spelling for badges, move someone to another walk, cancel or re-admit. */
export function EditRegistrationButton({ person, onSaved }: { person: RegistrationDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="md" variant="light" leftSection={<IconPencil size={18} />} onClick={() => setOpen(true)} data-testid="person-edit">
        {t('registrationEdit.edit')}
      </Button>
      {open && <EditDialog person={person} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); onSaved(); }} />}
    </>
  );
}

function EditDialog({ person, onClose, onSaved }: { person: RegistrationDetail; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const lists = useAsync(() => api('lists.list', {}), []);
  const initial = useCallback(() => {
    const v: Record<Editable, string> = { firstName: '', lastName: '', organisation: '', town: '', email: '', federalState: '', sector: '', role: '', notes: '', status: person.status };
    for (const f of [...TEXT_FIELDS, 'notes'] as const) v[f] = person[f] ?? '';
    return v;
  }, [person]);
  // What the person was when the dialog opened: only what the organiser changes since is saved. The person on the
  // page may be reloaded meanwhile (a sync, a correction taken back elsewhere), and must not be written back.
  const [start] = useState(initial);
  const [values, setValues] = useState(start);
  const [startLists] = useState(() => ({
    walk: person.assignments.filter((a) => a.kind === 'walk').map((a) => a.listId),
    session: person.assignments.filter((a) => a.kind === 'session').map((a) => a.listId),
  }));
  const assigned = (kind: 'walk' | 'session') => startLists[kind];
  const [walks, setWalks] = useState(() => assigned('walk'));
  const [sessions, setSessions] = useState(() => assigned('session'));
  const [error, setError] = useState<string | null>(null);
  const options = (kind: 'walk' | 'session') => (lists.data?.lists ?? []).filter((l) => l.kind === kind).map((l) => ({ value: l.id, label: l.name }));
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

  const save = async () => {
    const fields = Object.fromEntries(
      (Object.keys(values) as Editable[]).filter((k) => values[k].trim() !== start[k].trim()).map((k) => [k, values[k].trim()]),
    );
    try {
      await api('registrations.update', {
        id: person.id, fields,
        walks: same(walks, assigned('walk')) ? undefined : walks,
        sessions: same(sessions, assigned('session')) ? undefined : sessions,
      });
      onSaved();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={700} size="lg">{t('registrationEdit.title')}</Text>}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('registrationEdit.hint')}</Text>
        <SimpleGrid cols={2} spacing="sm">
          {TEXT_FIELDS.map((f) => (
            <TextInput key={f} size="md" label={t(`sync.field.${f}`)} value={values[f]} data-testid={`edit-${f}`}
              onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })} />
          ))}
        </SimpleGrid>
        <Textarea size="md" label={t('sync.field.notes')} value={values.notes} autosize minRows={2}
          onChange={(e) => setValues({ ...values, notes: e.currentTarget.value })} />
        <Group grow align="flex-start">
          <Select size="md" label={t('sync.field.status')} allowDeselect={false} value={values.status}
            data={(['registered', 'cancelled'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onChange={(v) => v && setValues({ ...values, status: v })} />
          <MultiSelect size="md" label={t('sync.field.walks')} data={options('walk')} value={walks} onChange={setWalks} data-testid="edit-walks" />
        </Group>
        <MultiSelect size="md" label={t('sync.field.sessions')} data={options('session')} value={sessions} onChange={setSessions} />
        {error && <Text c="red">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" size="md" onClick={onClose}>{t('registrationEdit.cancel')}</Button>
          <Button size="md" onClick={() => void save()} data-testid="edit-save">{t('registrationEdit.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
