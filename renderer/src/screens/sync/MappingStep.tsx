import { Badge, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle, IconPlayerPlay, IconQrcodeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { syncFieldNames, TEMPLATE_HINTS_SHEET, textEncodings, type MappingTargetName, type SyncSourceView, type TextEncoding } from '../../../../electron/contract/sync-methods';
import { formatListValue } from '../../format';
import { ProblemTable } from './ProblemTable';

export type Preview = MethodOutput<'sync.preview'>;
export interface ReadChoice {
  encoding?: TextEncoding;
  delimiter?: ',' | ';' | '\t' | '|';
  sheet?: string;
}

const DELIMITERS = [';', ',', '\t', '|'] as const;
/**
 * From this many columns on, the mapping first shows only the columns that mean something (pretix's order data has
 * 62, Eventbrite's attendee report about 30: the dozen that matter were lost among "Zusatzfeld behalten").
 */
const MANY_COLUMNS = 21;
/** From how many rows the table is longer than a screen: its end has the dry run's button too. */
const LONG_TABLE = 10;
/** Meanings several columns may have (a column per walk, per day); every other one belongs to one column. */
const MANY_COLUMN_TARGETS: readonly MappingTargetName[] = ['sessions', 'walks', 'days', 'extra', 'ignore'];

/** Step 2: what was detected, which column means what (changeable), and the first rows as they will be read. */
export function MappingStep(props: {
  preview: Preview;
  /** The event's: examples that are dates are shown as the person view shows them. */
  timezone: string;
  mapping: Record<string, MappingTargetName>;
  sources: SyncSourceView[];
  sourceId: string | null;
  busy: boolean;
  onMapping: (m: Record<string, MappingTargetName>) => void;
  onSource: (id: string | null) => void;
  onRead: (c: ReadChoice) => void;
  onPlan: () => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { preview, mapping } = props;
  const targets = [...syncFieldNames, 'extra', 'ignore'].map((v) => ({ value: v, label: t(`sync.target.${v}`) }));
  const columns = preview.headers.map((header, index) => ({ header, index })).filter((c) => !preview.blankColumns.includes(c.index));
  const assigned = (header: string) => (mapping[header] ?? 'extra') !== 'extra';
  // Only where the filter hides something: with every column meaning something both views would be the same.
  const many = columns.length >= MANY_COLUMNS && columns.some((c) => assigned(c.header)) && columns.some((c) => !assigned(c.header));
  const [onlyAssigned, setOnlyAssigned] = useState(many);
  // A column changed while only the assigned ones are shown stays in view (set to "Zusatzfeld", it would vanish).
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  // Another sheet, encoding or delimiter read: the view starts again for the columns read now.
  const [viewOf, setViewOf] = useState(preview);
  if (viewOf !== preview) {
    setViewOf(preview);
    setOnlyAssigned(many);
    setTouched(new Set());
  }
  const shown = onlyAssigned && many ? columns.filter((c) => assigned(c.header) || touched.has(c.header)) : columns;
  const shownProblems = preview.problems.filter((p) => p.column === null || mapping[p.column] !== 'ignore');
  /**
   * A meaning given to a column is taken from the column that had it (it becomes an extra field again): two columns
   * of first names made the dry run take one and show the other as a second "Vorname".
   */
  const choose = (header: string, target: MappingTargetName) => {
    const next = { ...mapping, [header]: target };
    const moved = MANY_COLUMN_TARGETS.includes(target) ? [] : Object.keys(mapping).filter((h) => h !== header && mapping[h] === target);
    for (const h of moved) next[h] = 'extra';
    setTouched((was) => new Set([...was, header, ...moved]));
    props.onMapping(next);
  };
  // The dry run's button: above the table, and again at its end when the table is long.
  const planButton = (testId: string) => (
    <Button size="lg" leftSection={<IconPlayerPlay />} loading={props.busy} onClick={props.onPlan} data-testid={testId}>
      {t('sync.mapping.dryRun')}
    </Button>
  );
  const delimiterLabel = (d: string) => t(`sync.delimiter.${d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === ',' ? 'comma' : 'pipe'}`);

  const otherSheets = preview.format === 'xlsx' || preview.format === 'ods' ? preview.sheets.filter((name) => name !== preview.sheet) : [];

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Group gap="lg" wrap="wrap" align="flex-end">
          <div>
            <Text size="sm" c="dimmed">{t('sync.detected.file')}</Text>
            <Text fw={700} data-testid="sync-detected">
              {preview.fileName} · {t(`sync.format.${preview.format}`)} · {t('sync.detected.rows', { count: preview.rowCount - preview.footerRows })}
              {preview.footerRows > 0 && ` (${t('sync.detected.footer', { count: preview.footerRows })})`}
            </Text>
          </div>
          {(preview.format === 'xlsx' || preview.format === 'ods') && (
            <Select size="md" label={t('sync.detected.sheet')} data={preview.sheets} value={preview.sheet} allowDeselect={false}
              data-testid="sync-sheet" onChange={(v) => v && props.onRead({ sheet: v })} />
          )}
          {(preview.format === 'csv' || preview.format === 'json') && (
            <Select size="md" w={360} label={t('sync.detected.encoding')} allowDeselect={false} data-testid="sync-encoding"
              data={[...new Set([preview.encoding ?? 'utf-8', ...textEncodings])].map((e) => ({ value: e, label: t(`sync.encoding.${e}`) }))}
              value={preview.encoding}
              onChange={(v) => v && (textEncodings as readonly string[]).includes(v) && props.onRead({ encoding: v as ReadChoice['encoding'] })} />
          )}
          {preview.format === 'csv' && (
            <Select size="md" w={200} label={t('sync.detected.delimiter')} allowDeselect={false} data-testid="sync-delimiter"
              data={DELIMITERS.map((d) => ({ value: d, label: delimiterLabel(d) }))} value={preview.delimiter}
              onChange={(v) => v && props.onRead({ delimiter: v as ReadChoice['delimiter'] })} />
          )}
          <Select size="md" w={300} label={t('sync.source.target')} allowDeselect={false} data-testid="sync-source-select"
            data={[{ value: 'new', label: t('sync.source.new') }, ...props.sources.map((s) => ({ value: s.id, label: s.label }))]}
            value={props.sourceId ?? 'new'} onChange={(v) => props.onSource(v === 'new' || !v ? null : v)} />
        </Group>
        {/* The sheet read was chosen by its name or its header: the others are named, in case the people are there. */}
        {otherSheets.length > 0 && (
          <Text size="md" mt="sm" data-testid="sync-other-sheets">
            {t('sync.detected.otherSheets', { count: otherSheets.length, sheets: otherSheets.map((name) => t('sync.detected.sheetName', { name })).join(', ') })}
          </Text>
        )}
      </Card>
      <Group justify="space-between">
        <Button variant="default" size="md" onClick={props.onBack} data-testid="sync-mapping-back">{t('sync.back')}</Button>
        <Group>
          {!Object.values(mapping).some((v) => v === 'sourceId' || v === 'code') && (
            <Badge color="blue" variant="light" size="lg" tt="none" data-testid="sync-by-identity">{t('sync.mapping.byIdentity')}</Badge>
          )}
          {planButton('sync-plan')}
        </Group>
      </Group>
      {!Object.values(mapping).includes('code') && (preview.sheets.includes(TEMPLATE_HINTS_SHEET) ? (
        // Einlass's own template: a list kept by hand has no codes, and nothing is wrong with that.
        <Group gap="xs" wrap="nowrap" c="dimmed" data-testid="sync-no-code-template">
          <IconInfoCircle size={22} style={{ flexShrink: 0 }} />
          <Text size="md">{t('sync.mapping.noCodeTemplate')}</Text>
        </Group>
      ) : (
        // A check-in list exported from pretix without its secrets, an Eventbrite report without the barcode: found
        // now, not at the door on the first morning when no ticket's QR code is known.
        <Group gap="xs" wrap="nowrap" c="orange.9" data-testid="sync-no-code">
          <IconQrcodeOff size={22} style={{ flexShrink: 0 }} />
          <Text size="md" fw={500}>{t('sync.mapping.noCode', { field: t('sync.target.code') })}</Text>
        </Group>
      ))}
      {preview.addonColumn && (
        // pretix's add-on products: their rows are no people of their own (see electron/core/sync/addons.ts).
        <Group gap="xs" wrap="nowrap" c="dimmed" data-testid="sync-addons">
          <IconInfoCircle size={22} style={{ flexShrink: 0 }} />
          <Text size="md">{t('sync.mapping.addons', { column: preview.addonColumn })}</Text>
        </Group>
      )}
      {/* A column set to "Nicht übernehmen" is not read: what was wrong in it is no longer (a cell too long, say). */}
      {shownProblems.length > 0 && <ProblemTable problems={shownProblems} lineKind={preview.lineKind} />}
      {many && (
        <SegmentedControl size="md" value={onlyAssigned ? 'assigned' : 'all'} data-testid="sync-mapping-view" style={{ alignSelf: 'flex-start' }}
          data={[
            { value: 'assigned', label: t('sync.mapping.viewAssigned', { count: columns.filter((c) => assigned(c.header)).length }) },
            { value: 'all', label: t('sync.mapping.viewAll', { count: columns.length }) },
          ]}
          onChange={(v) => { setOnlyAssigned(v === 'assigned'); setTouched(new Set()); }} />
      )}
      {/*
        The table flows in the page, its header row sticking at the top of the screen (over the page's padding): in a
        box of its own inside the scrolling page, a window 700 pixels high showed four rows at a time. "clip", not the
        card's "hidden": a box that hides its overflow is what a sticky header sticks to. Fixed columns: long examples
        squeezed the meanings to "Zusatzfe…" at 1024 pixels.
      */}
      <Card withBorder padding={0} style={{ overflow: 'clip' }}>
        <Table stickyHeader stickyHeaderOffset="calc(-1 * var(--mantine-spacing-md))" layout="fixed" fz="md" verticalSpacing={6}
          data-testid="sync-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={250}>{t('sync.mapping.column')}</Table.Th>
              <Table.Th w={260}>{t('sync.mapping.meaning')}</Table.Th>
              <Table.Th>{t('sync.mapping.examples')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map(({ header: h, index: i }) => (
              <Table.Tr key={h}>
                {/* Fixed layout: a long API field name ("attendee_name_parts.given_name") wraps instead of being cut. */}
                <Table.Td fw={600} style={{ overflowWrap: 'anywhere' }}>{h}</Table.Td>
                <Table.Td>
                  <Select size="sm" data={targets} value={mapping[h] ?? 'extra'} allowDeselect={false} aria-label={h} data-testid={`map-${i}`}
                    onChange={(v) => v && choose(h, v as MappingTargetName)} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={1} style={{ maxWidth: 560 }}>
                    {preview.sample.slice(0, 3).map((r) => r.cells[i] ?? '').filter(Boolean)
                      .map((v) => formatListValue(v, i18n.language, props.timezone)).join(' · ') || '–'}
                  </Text>
                  <MarkMeaningLine meaning={preview.markMeanings[h]} target={mapping[h] ?? 'extra'} index={i} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {shown.length > LONG_TABLE && (
        // After going through 62 columns, the dry run is here too, not only at the top of the page.
        <Group justify="flex-end">
          {planButton('sync-plan-end')}
        </Group>
      )}
    </Stack>
  );
}

/** Under a column whose name names a day, session or walk (or "Storniert"): what an "x" in it will mean. */
function MarkMeaningLine(props: { meaning: Preview['markMeanings'][string] | undefined; target: MappingTargetName; index: number }) {
  const { t } = useTranslation();
  const { meaning, target } = props;
  const what = target === 'status' ? meaning?.status && t('sync.mapping.markCancels')
    : target === 'days' || target === 'sessions' || target === 'walks' ? meaning?.[target] : undefined;
  if (!what) return null;
  return (
    <Text size="sm" c="blue.8" lineClamp={2} style={{ maxWidth: 560 }} title={what} data-testid={`mark-meaning-${props.index}`}>
      {t('sync.mapping.markMeans', { what })}
    </Text>
  );
}
