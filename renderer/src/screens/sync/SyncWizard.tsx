import { Alert, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MappingTargetName, PlanSummary, SyncSourceView } from '../../../../electron/contract/sync-methods';
import { api, ApiCallError, subscribe } from '../../api/client';
import { LoadStep, type UrlSpec } from './LoadStep';
import { MappingStep, type Preview, type ReadChoice } from './MappingStep';
import { errorText } from './messages';
import { PlanStep } from './PlanStep';
import { newJobId, uploadFile } from './upload';
import { useSyncProgress } from './use-sync-progress';
import { shownLocation } from '../../../../electron/contract/shown-location';
import { useLeaveGuard, type UnsavedWork } from '../../components/leave-guard';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export interface WizardStart {
  /** Reload this URL source: straight to the dry run with its saved mapping. */
  refresh?: SyncSourceView;
  /** A waiting plan of the periodic re-fetch. */
  planId?: string;
  /** "Neue Fassung laden" on a list's card: the file chosen is that list's new version, whatever its name. */
  versionOf?: SyncSourceView;
}

/** Load → mapping → dry run → apply. Every step can be left; nothing is written before "Übernehmen". */
export function SyncWizard({ start, sources, timezone, onDone }: {
  start: WizardStart; sources: SyncSourceView[]; timezone: string; onDone: (applied: boolean) => void;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, MappingTargetName>>({});
  const [sourceId, setSourceId] = useState<string | null>(null);
  /**
   * The list was chosen (by the organiser, "Neue Fassung laden", a list fetched again), not guessed by the app from
   * the file: another sheet, encoding or delimiter keeps it. A guess is made anew for what is read then (a
   * walkthrough's waiting list, another sheet of the workbook, kept the main list's guess and would have cancelled it).
   */
  const [sourceChosen, setSourceChosen] = useState(Boolean(start.versionOf));
  const [read, setRead] = useState<ReadChoice>({});
  /** The file of a waiting dry run mapped anew: read as chosen for its list, until the organiser chooses otherwise. */
  const [listRead, setListRead] = useState(false);
  /** That waiting dry run: "Zurück" from the mapping goes back to it. */
  const [waitingId, setWaitingId] = useState<string | null>(null);
  const [url, setUrl] = useState<UrlSpec | null>(null);
  const [plan, setPlan] = useState<PlanSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  /** "Übernehmen" found the dry run out of date (something changed here) or gone (a later check of the list replaced it). */
  const [outdated, setOutdated] = useState<'stale' | 'gone' | null>(null);
  const [progress, setProgress] = useSyncProgress(jobId);
  const cancelled = useRef({ cancelled: false });
  /** The wizard was left for another screen: whatever a running step read goes when it ends (see the unmount below). */
  const left = useRef(false);
  const runningJob = useRef<string | null>(null);
  /** "Abbrechen" was clicked: said, so the organiser knows nothing happened. */
  const [stopped, setStopped] = useState(false);
  /** The dry run was made at once with the list's mapping (sameColumns): said on it. */
  const [mappingKept, setMappingKept] = useState(false);

  async function run<T>(work: (job: string) => Promise<T>, what?: string, explain?: (err: unknown) => string | null): Promise<T | null> {
    const job = newJobId();
    cancelled.current = { cancelled: false };
    setError(null);
    setStopped(false);
    setJobId(job);
    runningJob.current = job;
    setProgress({ phase: 'read', share: 0 });
    try {
      return await work(job);
    } catch (err) {
      const text = explain?.(err) ?? errorText(t, err);
      if (!cancelled.current.cancelled) setError(what ? `${what}: ${text}` : text);
      return null;
    } finally {
      runningJob.current = null;
      setJobId(null);
      setProgress(null);
    }
  }

  const showPreview = (p: Preview) => {
    setPreview(p);
    setMapping(p.mapping);
    setSourceId(p.sourceId);
  };
  // "Abbrechen" clicked just as the work finished: its result is dropped, not shown (the organiser is back at the start).
  const previewUnlessCancelled = (p: Preview) => {
    if (cancelled.current.cancelled) void api('sync.cancel', { uploadId: p.uploadId });
    else showPreview(p);
  };
  // Each file is read as detected for it: an encoding, delimiter or sheet chosen for the one before is not carried over.
  const fromFile = (file: File) => void run(async (job) => {
    setRead({});
    setSourceChosen(Boolean(start.versionOf));
    const uploadId = await uploadFile(file, (share) => setProgress({ phase: 'upload', share }), cancelled.current);
    if (cancelled.current.cancelled) {
      void api('sync.cancel', { uploadId });
      return;
    }
    const version = start.versionOf?.id;
    const p = await api('sync.preview', { uploadId, jobId: job, sourceId: version }).catch((err: unknown) => {
      // Stopped while it was read ("Abbrechen", or the screen left): the file sent holds personal data and goes.
      if (cancelled.current.cancelled) void api('sync.cancel', { uploadId });
      throw err;
    });
    const preview = version ? { ...p, sourceId: version } : p;
    // The list's next version with its columns as last time: the dry run at once, with the list's mapping
    // ("Zuordnung ändern" leads back to it; shown too when the dry run fails). A walkthrough spent two clicks and a
    // second on the same mapping again.
    if (preview.sameColumns && preview.sourceId && !cancelled.current.cancelled) {
      setMappingKept(true);
      setProgress({ phase: 'plan', share: 0 });
      try {
        await planFrom(job, preview, preview.mapping, preview.sourceId, {});
      } finally {
        previewUnlessCancelled(preview);
      }
    } else previewUnlessCancelled(preview);
  }, file.name);
  const fromUrl = (u: UrlSpec) => void run(async (job) => {
    setRead({});
    setSourceChosen(false);
    setUrl(u);
    previewUnlessCancelled(await api('sync.preview', { url: u.url, authName: u.authName || undefined, authValue: u.authValue || undefined, jobId: job }));
  }, shownLocation('url', u.url).location, (err) => errorText(t, err, true));
  const reread = (choice: ReadChoice, source: string | null | 'guess' = sourceId) => preview && void run(async (job) => {
    const next = { ...read, ...choice };
    const p = await api('sync.preview', { uploadId: preview.uploadId, options: next, sourceId: source === 'guess' ? undefined : source ?? undefined, jobId: job });
    setRead(next);
    setListRead(false);
    showPreview(source === 'guess' ? p : { ...p, sourceId: source });
  }, undefined, (err) => {
    // "Only a header" after choosing a delimiter: the delimiter makes one column of each line, not the file.
    const key = err instanceof ApiCallError ? err.error.details.messageKey : undefined;
    return choice.delimiter && (key === 'sync.table.error.headerOnly' || key === 'sync.table.error.emptyFile')
      ? t('sync.detected.delimiterNoList', { delimiter: t(`sync.delimiter.${DELIMITER_NAMES[choice.delimiter]}`) }) : null;
  });
  async function planFrom(job: string, p: Preview, m: Record<string, MappingTargetName>, source: string | null, options: ReadChoice | undefined) {
    const newSource = source ? undefined : url
      ? { kind: 'url' as const, location: url.url, intervalMinutes: url.intervalMinutes }
      : { kind: 'file' as const, location: p.fileName };
    const made = await api('sync.plan', {
      uploadId: p.uploadId, sourceId: source, newSource, mapping: m, options, jobId: job,
      authName: url?.authName || undefined, authValue: url?.authValue || undefined,
    });
    // Cancelled just as it finished: back at the mapping, as for a cancel in time; left for another screen: the file
    // goes with the dry run.
    if (cancelled.current.cancelled) void api('sync.cancel', { planId: made.planId, keepUpload: !left.current });
    else setPlan(made);
  }
  const makePlan = (p: Preview, m: Record<string, MappingTargetName>, source: string | null) => void run(async (job) => {
    setMappingKept(false);
    await planFrom(job, p, m, source, listRead ? undefined : read);
  });
  const replan = (sameAs: PlanSummary['sameAs']) => plan && void run(async (job) => {
    setProgress({ phase: 'plan', share: 0 });
    setPlan(await api('sync.replan', { planId: plan.planId, sameAs, jobId: job }));
  });
  // The dry run said the file is mostly another list's people: the same file again as a new version of that list,
  // with that list's mapping (sync.preview proposes it for a known list).
  const asVersionOf = (source: string) => plan && preview && void run(async (job) => {
    setSourceChosen(true);
    await api('sync.cancel', { planId: plan.planId, keepUpload: true });
    setMappingKept(false);
    const p = await api('sync.preview', { uploadId: preview.uploadId, options: read, sourceId: source, jobId: job });
    showPreview({ ...p, sourceId: source });
    setPlan(null);
    setProgress({ phase: 'plan', share: 0 });
    const made = await api('sync.plan', { uploadId: p.uploadId, sourceId: source, mapping: p.mapping, options: read, jobId: job });
    if (cancelled.current.cancelled) void api('sync.cancel', { planId: made.planId, keepUpload: true });
    else setPlan(made);
  });
  // The dry run said no one of the file is in the list it was compared with: the same file as a list of its own.
  const asNewList = () => plan && preview && void run(async (job) => {
    await api('sync.cancel', { planId: plan.planId, keepUpload: true });
    setMappingKept(false);
    setSourceChosen(true);
    setSourceId(null);
    setPlan(null);
    setProgress({ phase: 'plan', share: 0 });
    await planFrom(job, preview, mapping, null, listRead ? undefined : read);
  });
  const apply = (confirm: { confirmCancel: boolean; confirmOlder: boolean }) => plan && void run(async (job) => {
    setProgress({ phase: 'apply', share: 0 });
    await api('sync.apply', { planId: plan.planId, jobId: job, ...confirm });
    onDone(true);
  }, undefined, (err) => {
    const key = err instanceof ApiCallError ? err.error.details.messageKey : undefined;
    setOutdated(key === 'sync.error.planStale' ? 'stale' : key === 'sync.error.planGone' ? 'gone' : null);
    return null;
  });
  /** A URL list fetched again and compared, with its saved mapping: "Jetzt aktualisieren", or a dry run made anew. */
  const refreshSource = (id: string) => void run(async (job) => {
    setSourceChosen(true);
    const p = await api('sync.preview', { sourceId: id, jobId: job });
    showPreview(p);
    setPlan(await api('sync.plan', { uploadId: p.uploadId, sourceId: id, mapping: p.mapping, jobId: job }));
  }, undefined, (err) => errorText(t, err, true));
  // The same list again, made anew: from what was read (out of date), or fetched again (gone, only for a URL list).
  const canRedo = plan !== null && (outdated === 'stale' || (outdated === 'gone' && plan.source.kind === 'url' && !plan.source.isNew));
  const redo = () => {
    if (!plan) return;
    setOutdated(null);
    if (outdated === 'stale') replan(plan.sameAs);
    else refreshSource(plan.source.id);
  };
  const cancel = () => {
    cancelled.current.cancelled = true;
    setStopped(true);
    if (jobId) void api('sync.cancel', { jobId });
  };
  const discard = () => {
    if (plan) void api('sync.cancel', { planId: plan.planId });
    onDone(false);
  };
  const backToMapping = () => {
    if (plan) void api('sync.cancel', { planId: plan.planId, keepUpload: true });
    setPlan(null);
  };
  // A periodic check's dry run (a column gone or renamed, say): a copy of its file to map anew. The dry run keeps
  // waiting, on the list's card too, until one made from the new mapping is applied.
  const mappingOfWaiting = () => plan && void run(async (job) => {
    const p = await api('sync.preview', { planId: plan.planId, jobId: job });
    setRead({});
    setListRead(true);
    setSourceChosen(true);
    setWaitingId(plan.planId);
    showPreview(p);
    setPlan(null);
  });
  // "Zurück" from the mapping: the file read for it goes (it holds personal data); a waiting dry run is shown again.
  const leaveMapping = () => {
    if (preview) void api('sync.cancel', { uploadId: preview.uploadId });
    setPreview(null);
    setRead({});
    setListRead(false);
    setError(null);
    if (waitingId) void run(async () => setPlan(await api('sync.getPlan', { planId: waitingId })));
  };

  // Left for another screen: what was read for the dry run or the mapping goes (it holds personal data, and nothing
  // leads back to it), unless a periodic check waits with it (its list's card does).
  const open = useRef<{ planId?: string; uploadId?: string }>({});
  useEffect(() => {
    open.current = { planId: plan?.planId, uploadId: preview?.uploadId };
  }, [plan, preview]);
  useEffect(() => () => {
    const { planId, uploadId } = open.current;
    if (planId) void api('sync.cancel', { planId, leftOpen: true });
    if (uploadId) void api('sync.cancel', { uploadId });
    // A step still running (a file being sent, read or compared) stops, and what it made goes as it ends.
    left.current = true;
    cancelled.current.cancelled = true;
    if (runningJob.current) void api('sync.cancel', { jobId: runningJob.current });
  }, []);

  // A later check of the list may apply its new people and so drop this dry run (see SyncService.applyPart): said
  // at once, not only when "Übernehmen" is clicked.
  useEffect(() => {
    if (!plan || jobId) return undefined;
    const planId = plan.planId;
    return subscribe((m) => {
      if (m.type !== 'sync.changed') return;
      api('sync.getPlan', { planId }).catch((err: unknown) => {
        if (!(err instanceof ApiCallError) || err.error.details.messageKey !== 'sync.error.planGone') return;
        setOutdated('gone');
        setError(errorText(t, err));
      });
    });
  }, [plan, jobId, t]);

  /** A refresh or a waiting plan starts at the dry run: when the wizard opens, and again on "Erneut versuchen". */
  const startAtPlan = () => {
    if (start.planId) void run(async () => setPlan(await api('sync.getPlan', { planId: start.planId! })));
    else if (start.refresh) refreshSource(start.refresh.id);
  };
  useEffect(() => {
    // After the first paint.
    const timer = setTimeout(startAtPlan, 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const busy = jobId !== null;
  useLeaveGuard(unsavedWork(plan, preview, busy ? progress?.phase ?? 'read' : null, start));
  return (
    <Stack gap="md">
      {busy && progress && (
        <Card withBorder padding="md" data-testid="sync-progress">
          <Group justify="space-between" mb={6}>
            <Text fw={600}>{t(`sync.phase.${progress.phase}`)}</Text>
            {progress.phase !== 'apply' && <Button size="xs" variant="default" onClick={cancel} data-testid="sync-cancel">{t('sync.cancel')}</Button>}
          </Group>
          {/* The apply is one transaction that says nothing until it is done: a moving bar, not an empty one. */}
          <Progress value={progress.phase === 'apply' ? 100 : Math.round(progress.share * 100)} size="xl" animated striped data-testid="sync-progress-bar" />
        </Card>
      )}
      {stopped && !busy && !error && (
        <Alert color="gray" fz="md" withCloseButton onClose={() => setStopped(false)} data-testid="sync-stopped">{t('sync.stopped')}</Alert>
      )}
      {error && (
        <Alert color="red" fz="md" title={t('sync.failed')} withCloseButton onClose={() => setError(null)} data-testid="sync-error">
          <Text fz="md">{error}</Text>
          <Text fz="md" mt={4}>{t('sync.nothingChanged')}</Text>
          {canRedo && !busy && (
            <Button mt="sm" onClick={redo} data-testid="sync-redo">{t(outdated === 'stale' ? 'sync.redoPlan' : 'sync.refetch')}</Button>
          )}
        </Alert>
      )}
      {plan ? (
        <PlanStep plan={plan} timezone={timezone} busy={busy} outdated={error !== null && outdated !== null} onApply={apply} onDiscard={discard} onSameAs={replan}
          mappingKept={mappingKept && preview !== null}
          onMapping={preview ? backToMapping : start.planId ? mappingOfWaiting : undefined}
          onAsVersionOf={preview ? asVersionOf : undefined} onAsNewList={preview && !url ? asNewList : undefined} />
      ) : preview ? (
        <MappingStep preview={preview} timezone={timezone} mapping={mapping} sources={sources} sourceId={sourceId} busy={busy}
          onMapping={setMapping} onSource={(id) => { setSourceId(id); setSourceChosen(true); if (id) reread({}, id); }}
          onRead={(c) => reread(c, sourceChosen || url ? sourceId : 'guess')}
          onPlan={() => makePlan(preview, mapping, sourceId)} onBack={leaveMapping} />
      ) : !start.refresh && !start.planId ? (
        <>
          <LoadStep busy={busy} onFile={fromFile} onUrl={fromUrl} versionOf={start.versionOf?.label} />
          {!busy && <Button variant="default" w="fit-content" onClick={() => onDone(false)} data-testid="sync-close">{t('sync.back')}</Button>}
        </>
      ) : null}
      {!busy && !plan && !preview && (start.refresh || start.planId) && (
        <Group>
          <Button variant="default" onClick={() => onDone(false)}>{t('sync.back')}</Button>
          {error && start.refresh && <Button onClick={startAtPlan} data-testid="sync-retry">{t('sync.retry')}</Button>}
        </Group>
      )}
    </Stack>
  );
}

/**
 * What leaving the wizard for another screen would drop, asked first (a walkthrough lost a checked dry run of 100 000
 * people with one click on "Einlass"): a dry run not applied, a file read but not compared yet, a file still being
 * sent, read or compared. Not a waiting dry run of a periodic check (it goes on waiting on its list's card), nor one
 * being applied (that goes on and is done whatever screen is open).
 */
function unsavedWork(plan: PlanSummary | null, preview: Preview | null, phase: string | null, start: WizardStart): UnsavedWork | null {
  if (start.planId) return null;
  if (phase === 'apply') return null;
  const name = plan ? (plan.source.kind === 'file' ? plan.fileName : plan.source.label) : preview?.fileName;
  if (phase !== null) return { title: 'leave.sync.busyTitle', text: 'leave.sync.busy' };
  if (plan) return { title: 'leave.sync.planTitle', text: 'leave.sync.plan', values: { name: name ?? '' } };
  if (preview) return { title: 'leave.sync.mappingTitle', text: 'leave.sync.mapping', values: { name: name ?? '' } };
  return null;
}
