import { Button, Group, Modal, PinInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for the front-desk PIN, to set it (mode 'set') or to leave front-desk mode (mode 'unlock'). */
export function PinDialog(props: {
  mode: 'set' | 'unlock';
  error: string | null;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const valid = /^\d{4,8}$/.test(pin);
  return (
    <Modal opened onClose={props.onClose} centered title={<Text fw={700} size="xl">{t(`pin.${props.mode}Title`)}</Text>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) props.onSubmit(pin);
        }}
      >
        <Stack>
          <Text>{t(`pin.${props.mode}Hint`)}</Text>
          <PinInput size="lg" length={4} type="number" mask={props.mode === 'unlock'} value={pin} onChange={setPin}
            error={props.error !== null} autoFocus oneTimeCode={false} data-testid="pin-input" />
          {props.error && <Text c="red">{props.error}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>{t('create.cancel')}</Button>
            <Button type="submit" disabled={!valid} data-testid="pin-submit">{t(`pin.${props.mode}Submit`)}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
