import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../electron/contract/contract';
import type { CheckInList } from '../../../../electron/contract/entities';
import { formatDate } from '../../format';

type Item = MethodInput<'programme.saveItem'>;

/** Create or edit a session or walk: what it is, when and where, and the rules of its check-in list. */
export function ProgrammeItemForm(props: {
  item: CheckInList | null;
  days: { date: string; label: string }[];
  busy: boolean;
  error: string | null;
  onSubmit: (item: Item) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const i = props.item;
  const [v, setV] = useState<Item>({
    id: i?.id, kind: i?.kind === 'walk' ? 'walk' : 'session', name: i?.name ?? '', format: i?.format ?? null,
    day: i?.day ?? props.days[0]?.date ?? null, startsAt: i?.startsAt ?? null, endsAt: i?.endsAt ?? null,
    location: i?.location ?? '', capacity: i?.capacity ?? null, host: i?.host ?? '', description: i?.description ?? '',
    admission: i?.admission ?? 'assigned', allowReentry: i?.allowReentry ?? false, entryExit: i?.entryExit ?? false,
    admitFrom: i?.admitFrom ?? null, admitUntil: i?.admitUntil ?? null,
  });
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof Item>(k: K, value: Item[K]) => setV((old) => ({ ...old, [k]: value }));
  const time = (k: 'startsAt' | 'endsAt' | 'admitFrom' | 'admitUntil', label: string) => (
    <TextInput type="time" size="md" label={label} value={v[k] ?? ''} onChange={(e) => set(k, e.currentTarget.value || null)} data-testid={`item-${k}`} />
  );

  return (
    <Modal opened onClose={props.onClose} size="xl" centered title={<Text fw={700} size="xl">{t(i ? 'programme.edit' : 'programme.add')}</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (v.name.trim()) props.onSubmit({ ...v, name: v.name.trim() });
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <Select size="md" label={t('programme.kind')} allowDeselect={false} value={v.kind}
              data={[{ value: 'session', label: t('event.kind.session') }, { value: 'walk', label: t('event.kind.walk') }]}
              onChange={(k) => k && set('kind', k as Item['kind'])} data-testid="item-kind" />
            <Select size="md" label={t('programme.day')} value={v.day ?? null} allowDeselect={false}
              data={props.days.map((d) => ({ value: d.date, label: `${d.label.split(' · ')[0]} – ${formatDate(d.date)}` }))}
              onChange={(d) => set('day', d)} />
          </SimpleGrid>
          <TextInput size="md" label={t('programme.title')} value={v.name} onChange={(e) => set('name', e.currentTarget.value)}
            error={touched && !v.name.trim() ? t('walkIn.required') : undefined} data-autofocus data-testid="item-name" />
          <SimpleGrid cols={2}>
            {time('startsAt', t('programme.startsAt'))}
            {time('endsAt', t('programme.endsAt'))}
            <TextInput size="md" label={t(v.kind === 'walk' ? 'programme.meetingPoint' : 'programme.location')} value={v.location ?? ''}
              onChange={(e) => set('location', e.currentTarget.value)} data-testid="item-location" />
            <TextInput size="md" label={t(v.kind === 'walk' ? 'programme.guide' : 'programme.host')} value={v.host ?? ''}
              onChange={(e) => set('host', e.currentTarget.value)} data-testid="item-host" />
            <NumberInput size="md" label={t('programme.capacity')} min={0} value={v.capacity ?? ''} allowDecimal={false}
              onChange={(n) => set('capacity', typeof n === 'number' ? n : null)} placeholder={t('programme.unlimited')} data-testid="item-capacity" />
            <Select size="md" label={t('programme.admission')} allowDeselect={false} value={v.admission}
              data={[{ value: 'assigned', label: t('programme.admissionAssigned') }, { value: 'all', label: t('programme.admissionAll') }]}
              onChange={(a) => a && set('admission', a as Item['admission'])} />
          </SimpleGrid>
          <Textarea size="md" label={t('programme.description')} autosize minRows={2} maxRows={5} value={v.description ?? ''}
            onChange={(e) => set('description', e.currentTarget.value)} />
          <Text fw={700}>{t('programme.rules')}</Text>
          <Group>
            <Checkbox size="md" label={t('programme.entryExit')} checked={v.entryExit} onChange={(e) => set('entryExit', e.currentTarget.checked)} />
            <Checkbox size="md" label={t('programme.allowReentry')} checked={v.allowReentry} onChange={(e) => set('allowReentry', e.currentTarget.checked)} />
          </Group>
          <SimpleGrid cols={2}>
            {time('admitFrom', t('programme.admitFrom'))}
            {time('admitUntil', t('programme.admitUntil'))}
          </SimpleGrid>
          {props.error && <Text c="red">{props.error}</Text>}
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={props.onClose}>{t('create.cancel')}</Button>
            <Button type="submit" size="md" loading={props.busy} data-testid="item-save">{t('programme.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
