import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../electron/contract/contract';

export function CreateEventForm(props: {
  busy: boolean;
  onSubmit: (value: MethodInput<'event.create'>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [place, setPlace] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [touched, setTouched] = useState(false);
  const nameMissing = name.trim() === '';

  return (
    <Card withBorder padding="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (nameMissing) return;
          props.onSubmit({
            name: name.trim(),
            place: place.trim() || undefined,
            startsOn: startsOn || undefined,
            endsOn: endsOn || startsOn || undefined,
          });
        }}
      >
        <Stack>
          <Title order={3}>{t('create.title')}</Title>
          <TextInput size="md" label={t('create.name')} value={name} onChange={(e) => setName(e.currentTarget.value)}
            error={touched && nameMissing ? t('create.nameRequired') : undefined} data-autofocus />
          <TextInput size="md" label={t('create.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          <Group grow>
            <TextInput size="md" type="date" label={t('create.startsOn')} value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} />
            <TextInput size="md" type="date" label={t('create.endsOn')} value={endsOn} min={startsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} />
          </Group>
          <Text size="sm" c="dimmed">{t('create.datesHint')}</Text>
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={props.onCancel}>{t('create.cancel')}</Button>
            <Button type="submit" size="md" loading={props.busy}>{t('create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
