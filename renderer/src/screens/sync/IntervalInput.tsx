import { TextInput, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { parseInterval } from './interval';

/**
 * The interval of automatic fetches as text (see parseInterval): a number field read "0.5" as 5 and dropped letters
 * without a word. `showError` once the organiser tried to use what is typed (saving, fetching).
 */
export function IntervalInput(props: {
  value: string;
  onChange: (text: string) => void;
  showError: boolean;
  size: MantineSize;
  w: number;
  description?: string;
  placeholder?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const invalid = props.showError && !parseInterval(props.value).ok;
  return (
    <TextInput size={props.size} w={props.w} inputMode="numeric" label={t('sync.load.interval')} description={props.description}
      placeholder={props.placeholder} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}
      error={invalid ? t('sync.load.intervalInvalid', { text: props.value.trim() }) : undefined} data-testid={props.testId} />
  );
}
