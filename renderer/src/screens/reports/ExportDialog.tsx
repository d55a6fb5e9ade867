import { Alert, Button, Group, Modal, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCheck, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../electron/contract/contract';
import { ColumnPicker, defaultPick } from './ColumnPicker';
import { exportAndDownload, formatBytes, reportErrorText } from './download';
import { loadExportChoices, saveExportChoices } from './export-choices';

type Overview = MethodOutput<'reports.overview'>;
type Report = 'attendance' | 'sessions' | 'log' | 'stats' | 'certificates' | 'all';
type Format = 'xlsx' | 'csv' | 'pdf' | 'zip';
const REPORTS: Report[] = ['attendance', 'sessions', 'log', 'stats', 'certificates', 'all'];
type Pickable = 'attendance' | 'sessions' | 'log';
const isPickable = (r: Report): r is Pickable => r === 'attendance' || r === 'sessions' || r === 'log';

/**
 * Choose a report, its format and — for the tables about people — exactly which columns leave the app; personal
 * fields that are not ticked are not exported. The file is then downloaded by the browser, nowhere else. The
 * choices of the last export from this event are remembered on this computer and offered again.
 */
export function ExportDialog({ eventId, overview, onClose, onExported }: {
  eventId: string; overview: Overview; onClose: () => void; onExported: () => void;
}) {
  const { t } = useTranslation();
  const [initial] = useState(() => loadExportChoices(localStorage, eventId,
    { report: 'attendance', format: 'xlsx', delimiter: ';', picked: defaultPick(overview.columns) },
    { attendance: overview.columns.attendance.map((c) => c.id), sessions: overview.columns.sessions.map((c) => c.id), log: overview.columns.log.map((c) => c.id) },
    REPORTS));
  const [report, setReport] = useState<Report>(initial.report as Report);
  const formats = (overview.formats[report] ?? []) as Format[];
  const [format, setFormat] = useState<Format>(initial.format as Format);
  const activeFormat = formats.includes(format) ? format : formats[0]!;
  const [delimiter, setDelimiter] = useState<';' | ','>(initial.delimiter);
  const [picked, setPicked] = useState(initial.picked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<MethodOutput<'reports.export'> | null>(null);

  const pickedFor = (r: Pickable) => overview.columns[r].filter((c) => picked[r].has(c.id)).map((c) => c.id);
  const columnsOf = (r: Report) => (r === 'all' ? (['attendance', 'sessions', 'log'] as const) : isPickable(r) ? [r] : []);
  const noColumns = columnsOf(report).some((r) => pickedFor(r).length === 0) && activeFormat !== 'pdf';

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const columns = Object.fromEntries(columnsOf(report).map((r) => [r, pickedFor(r)]));
      const made = await exportAndDownload({ report, format: activeFormat, columns, ...(activeFormat === 'csv' ? { delimiter } : {}) });
      setDone(made);
      saveExportChoices(localStorage, eventId, { report, format: activeFormat, delimiter, picked });
      onExported();
    } catch (err) {
      setError(reportErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size={960} yOffset={16} title={<Text fw={700} size="xl">{t('reports.dialog.title')}</Text>}>
      <Stack gap="sm">
        <Radio.Group value={report} onChange={(v) => { setReport(v as Report); setDone(null); }} label={t('reports.dialog.report')} size="md">
          <Group mt={6} gap="lg">
            {REPORTS.map((r) => <Radio key={r} value={r} label={t(`reports.dialog.reports.${r}`)} data-testid={`export-report-${r}`} />)}
          </Group>
        </Radio.Group>
        <Text size="sm" c="dimmed">{t(`reports.dialog.about.${report}`)}</Text>
        {/* Asked for by organisers who need it on paper (QA14 C4): why there is no PDF, and what to take instead. */}
        {report === 'attendance' && <Text size="sm" c="dimmed" data-testid="export-no-pdf">{t('reports.dialog.noPdfAttendance')}</Text>}
        <Group gap="xl" align="flex-end">
          <Stack gap={4}>
            <Text fw={500}>{t('reports.dialog.format')}</Text>
            <SegmentedControl size="md" value={activeFormat} onChange={(v) => setFormat(v as Format)}
              data={formats.map((f) => ({ value: f, label: t(`reports.dialog.formats.${f}`) }))} data-testid="export-format" />
          </Stack>
          {activeFormat === 'csv' && (
            <Radio.Group value={delimiter} onChange={(v) => setDelimiter(v as ';' | ',')} label={t('reports.dialog.delimiter')}>
              <Group mt={6}>
                <Radio value=";" label={t('reports.dialog.semicolon')} />
                <Radio value="," label={t('reports.dialog.comma')} data-testid="export-comma" />
              </Group>
            </Radio.Group>
          )}
        </Group>
        {activeFormat !== 'pdf' && columnsOf(report).map((r) => (
          <ColumnPicker key={r} title={report === 'all' ? t(`reports.dialog.reports.${r}`) : null} columns={overview.columns[r]} picked={picked[r]}
            onChange={(next) => setPicked((p) => ({ ...p, [r]: next }))} />
        ))}
        {error && <Alert color="red" data-testid="export-error">{error}</Alert>}
        {done && (
          <Alert color="teal" icon={<IconCheck />} data-testid="export-done">
            {/* A PDF or a ZIP of PDFs has pages, not rows: its size alone. */}
            {/\.(pdf|zip)$/i.test(done.fileName)
              ? t('reports.dialog.doneDocument', { file: done.fileName, size: formatBytes(done.size) })
              : t('reports.dialog.done', { file: done.fileName, size: formatBytes(done.size), count: done.rows })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" size="md" onClick={onClose}>{t('reports.dialog.close')}</Button>
          <Button size="md" leftSection={<IconDownload />} loading={busy} disabled={noColumns} onClick={() => void run()} data-testid="export-run">
            {t('reports.dialog.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
