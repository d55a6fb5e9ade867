import { Badge, Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistrationDetail } from '../../../../electron/contract/entities';
import { api, subscribe } from '../../api/client';
import { useAsync } from '../../use-async';
import { errorText } from './messages';

const TEXT_FIELDS = ['firstName', 'lastName', 'organisation', 'town', 'email', 'federalState', 'sector', 'role'] as const;
type Editable = (typeof TEXT_FIELDS)[number] | 'notes' | 'status';

/** Fields of a person corrected in the app (they win over later syncs); reloaded when anything changes. */
export function useLocalFields(id: string): Set<string> {
  const local = useAsync(() => api('registrations.localFields', { id }), [id]);
  const { reload } = local;
  useEffect(() => subscribe((m) => m.type === 'sync.changed' && reload()), [reload]);
  return new Set(local.data?.fields.map((f) => f.field) ?? []);
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
  const [values, setValues] = useState(initial);
  const assigned = (kind: 'walk' | 'session') => person.assignments.filter((a) => a.kind === kind).map((a) => a.listId);
  const [walks, setWalks] = useState(() => assigned('walk'));
  const [sessions, setSessions] = useState(() => assigned('session'));
  const [error, setError] = useState<string | null>(null);
  const options = (kind: 'walk' | 'session') => (lists.data?.lists ?? []).filter((l) => l.kind === kind).map((l) => ({ value: l.id, label: l.name }));
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

  const save = async () => {
    const start = initial();
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
