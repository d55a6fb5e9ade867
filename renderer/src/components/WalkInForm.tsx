import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../electron/contract/contract';
import { emailQuery } from '../../../electron/contract/email-query';

type WalkIn = Omit<MethodInput<'registrations.walkIn'>, 'listId'>;

/** "Nachmeldung": the few fields needed to admit someone who is not registered; they get a code of their own. */
export function WalkInForm(props: { opened: boolean; prefill: string; listName: string; busy: boolean; onClose: () => void; onSubmit: (v: WalkIn) => void }) {
  const { t } = useTranslation();
  // What was searched for: a name ("Heike Schäfer"), or an e-mail address the person gave (one word with an "@").
  const searched = props.prefill.trim();
  const searchedEmail = emailQuery(searched);
  const [first, ...rest] = searchedEmail !== null ? [] : searched.split(/\s+/);
  const [firstName, setFirstName] = useState(rest.length > 0 ? (first ?? '') : '');
  const [lastName, setLastName] = useState(rest.length > 0 ? rest.join(' ') : (first ?? ''));
  const [organisation, setOrganisation] = useState('');
  const [town, setTown] = useState('');
  const [email, setEmail] = useState(searchedEmail ?? '');
  const [touched, setTouched] = useState(false);
  const missing = !firstName.trim() || !lastName.trim();

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={<Text fw={700} size="xl">{t('walkIn.title')}</Text>} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (missing) return;
          props.onSubmit({ firstName: firstName.trim(), lastName: lastName.trim(), organisation: organisation.trim() || undefined, town: town.trim() || undefined, email: email.trim() || undefined });
        }}
      >
        <Stack>
          <Text c="dimmed">{t('walkIn.hint', { list: props.listName })}</Text>
          <Group grow>
            <TextInput size="md" label={t('walkIn.firstName')} value={firstName} onChange={(e) => setFirstName(e.currentTarget.value)} data-autofocus
              error={touched && !firstName.trim() ? t('walkIn.required') : undefined} data-testid="walk-in-first" />
            <TextInput size="md" label={t('walkIn.lastName')} value={lastName} onChange={(e) => setLastName(e.currentTarget.value)}
              error={touched && !lastName.trim() ? t('walkIn.required') : undefined} data-testid="walk-in-last" />
          </Group>
          <TextInput size="md" label={t('people.organisation')} value={organisation} onChange={(e) => setOrganisation(e.currentTarget.value)} data-testid="walk-in-organisation" />
          <Group grow>
            <TextInput size="md" label={t('people.town')} value={town} onChange={(e) => setTown(e.currentTarget.value)} />
            <TextInput size="md" type="email" label={t('person.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-testid="walk-in-email" />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={props.onClose}>{t('create.cancel')}</Button>
            <Button type="submit" size="md" loading={props.busy} data-testid="walk-in-submit">{t('walkIn.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
