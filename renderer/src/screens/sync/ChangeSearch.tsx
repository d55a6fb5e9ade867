import { Button, CloseButton, Group, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Finding someone among a dry run's changes ("Ist Frau Yıldız dabei?"): the search field, how many changes of the
 * kind shown it finds, and where else it finds some, one click away — a person is under whatever kind they are.
 */
export function ChangeSearch<Kind extends string>({ value, onChange, result, kind, kinds, onKind }: {
  value: string;
  onChange: (value: string) => void;
  /** What the last search found, once its answer is there (null without a search, or while it is asked). */
  result: { query: string; total: number; matches: Record<Kind, number> } | null;
  kind: Kind;
  kinds: readonly Kind[];
  onKind: (kind: Kind) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const elsewhere = result ? kinds.filter((k) => k !== kind && result.matches[k] > 0) : [];
  return (
    <Group gap="md" align="center" wrap="wrap">
      <TextInput ref={input} size="md" w={420} maw="100%" leftSection={<IconSearch size={18} />} placeholder={t('sync.search.label')}
        aria-label={t('sync.search.label')} value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid="sync-changes-search"
        // Esc clears, as in the people search; the × too, and the cursor stays for the next name.
        onKeyDown={(e) => { if (e.key === 'Escape' && value) { e.stopPropagation(); onChange(''); } }}
        // In the history's window: Esc with a search typed clears it and does not close the window (Mantine's mark).
        data-mantine-stop-propagation={value ? 'true' : undefined}
        rightSection={value ? <CloseButton aria-label={t('sync.search.clear')} onClick={() => { onChange(''); input.current?.focus(); }} data-testid="sync-changes-search-clear" /> : null} />
      {result && (
        <Text fz="md" fw={600} data-testid="sync-changes-hits">
          {result.total > 0 ? t('sync.search.hits', { count: result.total }) : t('sync.search.none', { query: result.query })}
        </Text>
      )}
      {elsewhere.map((k) => (
        <Button key={k} variant="light" size="sm" onClick={() => onKind(k)} data-testid={`sync-changes-hits-${k}`}>
          {t('sync.search.alsoUnder', { kind: t(`sync.count.${k}`), n: result!.matches[k] })}
        </Button>
      ))}
    </Group>
  );
}
