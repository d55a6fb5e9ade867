import { z } from 'zod';
import { empty, text } from './schema-helpers';

/** Registration list sync: upload in chunks, preview with column mapping, dry run, apply in one transaction. */

export const syncFieldNames = [
  'sourceId', 'code', 'fullName', 'firstName', 'lastName', 'email', 'organisation', 'town', 'federalState', 'sector',
  'role', 'notes', 'status', 'days', 'sessions', 'walks',
] as const;
export const mappingTarget = z.enum([...syncFieldNames, 'extra', 'ignore']);
export type MappingTargetName = z.infer<typeof mappingTarget>;

const mapping = z
  .record(z.string().max(300), mappingTarget)
  .refine((m) => Object.keys(m).length <= 1000, 'too many columns');

/**
 * The sheet of hints in Einlass's own template for a list kept by hand (sync.template): a workbook with it is such a
 * list, whose people get their codes from Einlass.
 */
export const TEMPLATE_HINTS_SHEET = 'Hinweise';

/** Encodings a text file can be read in when the detected one is wrong (the app, the CLI's --encoding). */
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh', 'cp850'] as const;
export type TextEncoding = (typeof textEncodings)[number];

export const readOptions = z.strictObject({
  encoding: z.enum(textEncodings).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  sheet: z.string().max(200).optional(),
});

const jobId = z.string().regex(/^[\w-]{1,64}$/);
const id = z.string().min(1).max(100);

export const syncProblem = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** The same problem in this many rows (1 when absent); `lines` are the first of them. */
  count: z.number().int().optional(),
  lines: z.array(z.number().int()).optional(),
});
export type SyncProblemView = z.infer<typeof syncProblem>;

const counts = z.object({
  added: z.number().int(), updated: z.number().int(), cancelled: z.number().int(), unchanged: z.number().int(),
  keptLocal: z.number().int(),
});
export type SyncCountsView = z.infer<typeof counts>;

export const lineKind = z.enum(['line', 'row', 'entry']);

export const planSummary = z.object({
  planId: z.string(),
  rows: z.number().int(),
  lineKind,
  counts,
  /** Of the added, those the list has as cancelled already ("Neu 4, davon 1 storniert"). */
  addedCancelled: z.number().int(),
  /** Of those it cancels, the people checked in already (at the desk, while the dry run waited, say). */
  cancelledCheckedIn: z.number().int(),
  /** Of those it cancels, the people no longer in the file (the others are marked cancelled in it). */
  cancelledGone: z.number().int(),
  /** Of counts.updated, those registered again (cancelled before): the history lists them as "Wieder angemeldet". */
  restored: z.number().int(),
  /** Of counts.keptLocal, those about whom the list says something new since its last sync (a field kept as corrected). */
  keptLocalNew: z.number().int(),
  blocked: z.boolean(),
  errors: z.number().int(),
  warnings: z.number().int(),
  problemCounts: z.record(z.string(), z.number().int()),
  problems: z.array(syncProblem),
  source: z.object({ id: z.string(), label: z.string(), kind: z.enum(['file', 'url']), isNew: z.boolean() }),
  /** The file read; named in the dry run where it is not the list's name (a new version under another name). */
  fileName: z.string(),
  /** The sheet of the workbook compared (said with the file's name); null for a text file. */
  sheet: z.string().nullable(),
  /** The organiser's choices the dry run was made with (sync.replan). */
  sameAs: z.array(z.object({ line: z.number().int(), registrationId: z.string() })),
});
export type PlanSummary = z.infer<typeof planSummary>;

export const changeKind = z.enum(['added', 'updated', 'cancelled', 'keptLocal']);
export const plannedChange = z.object({
  kind: changeKind,
  registrationId: z.string(),
  line: z.number().int().nullable(),
  name: z.string(),
  code: z.string(),
  fields: z.array(z.object({
    field: z.string(), before: z.string().nullable(), after: z.string().nullable(), keptLocal: z.boolean(),
    /** Kept as corrected in the app, and the list says something new about it since its last sync. */
    listChanged: z.boolean().optional(),
  })),
  /** A cancellation of someone checked in already: their check-ins stay, and the desk refuses them from then on. */
  checkedIn: z.boolean().optional(),
});
export type PlannedChangeView = z.infer<typeof plannedChange>;

/** What an applied sync did to people: as the dry run's kinds, with those registered again told apart. */
export const runChangeKind = z.enum(['updated', 'cancelled', 'restored', 'added', 'keptLocal']);
export type RunChangeKindName = z.infer<typeof runChangeKind>;
export const runChange = plannedChange.extend({ kind: runChangeKind });

export const syncSourceView = z.object({
  id: z.string(),
  kind: z.enum(['file', 'url']),
  label: z.string(),
  location: z.string(),
  hasAuth: z.boolean(),
  /** The key is part of the address ("?key=…", shown as •••): replaced with a new address, not removed as a header. */
  keyInAddress: z.boolean(),
  authName: z.string().nullable(),
  intervalMinutes: z.number().int().nullable(),
  /** The people "Liste entfernen" would cancel: registered, not walk-ins it took, status not set in the app. */
  cancelledOnRemove: z.number().int(),
  /** The people "Liste entfernen" with "Personendaten löschen" would erase: of the list, nothing recorded with them at the event. */
  erasableOnRemove: z.number().int(),
  removed: z.boolean(),
  /** `sheet`: the sheet of the workbook it read. */
  lastRun: z.object({ id: z.string(), finishedAt: z.string(), counts: counts.partial().extend({ sheet: z.string().optional() }) }).nullable(),
  /** The list's people in the event now (walk-ins it took in count as its people). */
  people: z.object({ registered: z.number().int(), cancelled: z.number().int() }),
  /** What the last fetch found (kept with the list; after a restart without its dry run: `restored`). */
  check: z.object({
    at: z.string(),
    outcome: z.enum(['applied', 'unchanged', 'pending', 'blocked', 'discarded', 'error']),
    planId: z.string().nullable(),
    counts: counts.nullable(),
    messageKey: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    /** Applied on its own by the same check while the rest (`counts`) waits for approval. */
    applied: counts.nullable(),
    restored: z.boolean(),
    /** Pending: the whole list waits, new registrations too (a warning about the list as a whole). */
    wholeList: z.boolean(),
    /**
     * Unchanged because another program (`einlass import`) applied what this check's dry run held for approval:
     * the list was loaded elsewhere.
     */
    elsewhere: z.boolean(),
  }).nullable(),
  /** Checked periodically here: when the next check is due (made at the station's next look, within 30 s of it). */
  nextCheckAt: z.string().nullable(),
  /** That is within a minute (or overdue): "in Kürze" rather than a time. */
  nextCheckSoon: z.boolean(),
  /** A periodic check is fetching the list right now. */
  fetching: z.boolean(),
});
export type SyncSourceView = z.infer<typeof syncSourceView>;

export const syncRunView = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceLabel: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  applied: z.boolean(),
  counts: counts.partial().extend({
    rows: z.number().int().optional(), warnings: z.number().int().optional(),
    /** Of the added, those the list had as cancelled already. */
    addedCancelled: z.number().int().optional(),
    /** The run that removed the list ("Liste entfernen"), and how many people's data it erased. */
    removed: z.boolean().optional(),
    erased: z.number().int().optional(),
    /** Of the cancelled at a removal with erasure, those kept (not erased: they have check-ins). */
    keptCancelled: z.number().int().optional(),
    /** The personal data of a list removed earlier, erased later on their own. */
    erasedLater: z.boolean().optional(),
    /** Applied by a periodic check of a URL list on its own, not by an organiser. */
    auto: z.boolean().optional(),
    /** Applied by the command line's `einlass import` (a scheduled task), not in the app. */
    cli: z.boolean().optional(),
    /** The file the run read, by name (a list's later versions may have other names); runs of URL lists have none. */
    file: z.string().optional(),
    /** The sheet of the workbook it read. */
    sheet: z.string().optional(),
    /** Whom it changed how is kept (sync.runChanges); not by runs of versions before that. */
    changesKept: z.boolean().optional(),
    /** The people it left as corrected in the app are kept too (kind keptLocal); not by runs before that version. */
    keptLocalKept: z.boolean().optional(),
  }),
  problemCount: z.number().int(),
  stationName: z.string().nullable(),
});
export type SyncRunView = z.infer<typeof syncRunView>;

const newSource = z.strictObject({
  kind: z.enum(['file', 'url']),
  label: z.string().trim().max(120).optional(),
  location: z.string().max(2000),
  intervalMinutes: z.number().int().min(1).max(24 * 60).nullable().optional(),
});

const auth = {
  // "Authorization:" as copied from an API's documentation is the header "Authorization".
  authName: z.string().trim().transform((name) => name.replace(/\s*:$/, '')).pipe(z.string().max(100).regex(/^[A-Za-z0-9-]*$/)).optional(),
  authValue: z.string().max(4000).optional(),
};

export const syncMethods = {
  'sync.uploadChunk': {
    input: z.strictObject({
      uploadId: id.optional(),
      fileName: text(255),
      index: z.number().int().min(0),
      /** At most 512 KB per chunk, so a chunk fits the 1 MB HTTP body limit as base64. */
      dataBase64: z.string().max(700_000).regex(/^[A-Za-z0-9+/]*={0,2}$/),
      last: z.boolean(),
    }),
    output: z.object({ uploadId: z.string(), size: z.number().int(), complete: z.boolean() }),
  },
  'sync.preview': {
    input: z.strictObject({
      uploadId: id.optional(),
      url: z.string().trim().max(2000).optional(),
      ...auth,
      /** Reload a stored URL source, or read an upload as the next list of this source (its mapping is used). */
      sourceId: id.optional(),
      /**
       * The file a dry run (one a periodic check left waiting) was read from, read again as its list's to change the
       * mapping: a copy of it, so that the dry run keeps waiting meanwhile; read with the list's read options.
       */
      planId: id.optional(),
      options: readOptions.default({}),
      jobId: jobId.optional(),
    }),
    output: z.object({
      uploadId: z.string(),
      fileName: z.string(),
      format: z.enum(['csv', 'xlsx', 'ods', 'json']),
      encoding: z.string().nullable(),
      delimiter: z.string().nullable(),
      sheets: z.array(z.string()),
      sheet: z.string().nullable(),
      headers: z.array(z.string()),
      /** Columns (indexes into headers) without a name and without anything in them: not shown for mapping. */
      blankColumns: z.array(z.number().int()),
      rowCount: z.number().int(),
      /** Of rowCount, the lines under the list (a total, a date) that the dry run will skip. */
      footerRows: z.number().int(),
      lineKind,
      sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
      mapping: z.record(z.string(), mappingTarget),
      /**
       * What a mark ("x", "ja", WAHR) in a column means, by header, for the meanings the column can be mapped to:
       * the day, session or walk its name names; `status` for a column like "Storniert" (a mark cancels).
       */
      markMeanings: z.record(z.string(), z.object({
        days: z.string().optional(), sessions: z.string().optional(), walks: z.string().optional(), status: z.literal('cancelled').optional(),
      })),
      sourceId: z.string().nullable(),
      /**
       * The next version of a known list (chosen, or known by its file name) with the columns it had at its last
       * sync, read without errors: the app makes the dry run at once, with the list's mapping.
       */
      sameColumns: z.boolean(),
      /** pretix's column naming an add-on's position („Add-on to position ID“): its rows are folded into their people. */
      addonColumn: z.string().nullable(),
      problems: z.array(syncProblem),
    }),
  },
  'sync.plan': {
    input: z.strictObject({
      uploadId: id,
      sourceId: id.nullable().optional(),
      newSource: newSource.optional(),
      ...auth,
      /** How to read the file; none given for a known list: as chosen for that list before (else detected). */
      options: readOptions.optional(),
      mapping,
      jobId: jobId.optional(),
    }),
    output: planSummary,
  },
  /** The dry run again, with the organiser's word on who is who (line of a new row → the person of no list it is). */
  'sync.replan': {
    input: z.strictObject({
      planId: id,
      sameAs: z.array(z.strictObject({ line: z.number().int().min(1), registrationId: id })).max(500),
      jobId: jobId.optional(),
    }),
    output: planSummary,
  },
  'sync.getPlan': { input: z.strictObject({ planId: id }), output: planSummary },
  'sync.changes': {
    input: z.strictObject({
      planId: id,
      kind: changeKind.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
      /**
       * Only the changes of people this finds (name, code, organisation, town; as the people search folds and
       * matches): "Ist Frau Yıldız dabei?" in a dry run of thousands of changes.
       */
      query: z.string().max(200).optional(),
    }),
    output: z.object({
      total: z.number().int(),
      items: z.array(plannedChange),
      /** With a query (of any words): how many changes of each kind it finds, so a person is found under any kind. */
      matches: counts.omit({ unchanged: true }).optional(),
    }),
  },
  'sync.apply': {
    /**
     * `confirmCancel`: the organiser confirmed that the file is the whole list although half or more of its people
     * would be cancelled (the dry run's 'mostGone'); without it such a plan is not applied (einlass import's
     * --confirm-cancel). `confirmOlder`: the same for a file that looks older than the one last applied (the dry
     * run's 'olderFile'; --confirm-older).
     */
    input: z.strictObject({ planId: id, jobId: jobId.optional(), confirmCancel: z.boolean().optional(), confirmOlder: z.boolean().optional() }),
    output: z.object({ runId: z.string(), counts }),
  },
  /** Stops a running read or dry run (jobId), drops a dry run (planId) or a half-sent file (uploadId). */
  'sync.cancel': {
    /** `keepUpload`: the dry run is dropped, its file kept for another one (the organiser changes the mapping). */
    input: z.strictObject({
      jobId: jobId.optional(), planId: id.optional(), uploadId: id.optional(), keepUpload: z.boolean().optional(),
      /** The organiser left the screen with the dry run open: it goes, unless a periodic check waits with it. */
      leftOpen: z.boolean().optional(),
    }),
    output: empty,
  },
  /**
   * An Excel template for a list kept by hand: the columns Einlass recognises and one to tick per day, per session
   * with registration and per walk of this event; kept for download like an export (reports.download).
   */
  'sync.template': {
    input: z.strictObject({}),
    output: z.object({ exportId: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number().int(), columns: z.array(z.string()) }),
  },
  'sync.runs': {
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ runs: z.array(syncRunView) }),
  },
  /** The problems an applied sync kept (its first 200), grouped as on the dry run. */
  'sync.runProblems': {
    input: z.strictObject({ runId: id }),
    output: z.object({ lineKind, problems: z.array(syncProblem) }),
  },
  /**
   * Whom an applied sync added, changed, cancelled and registered again, a page of one kind at a time (without a
   * kind: the first kind with anyone), with each person's name and code as they are now. `kept` is false for a run
   * of a version that kept none of it.
   */
  'sync.runChanges': {
    input: z.strictObject({
      runId: id,
      kind: runChangeKind.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
      /** Only the people this finds (name, organisation, town, code, as they are now): totals and page alike. */
      query: z.string().max(200).optional(),
    }),
    output: z.object({
      kept: z.boolean(),
      lineKind,
      totals: z.object({ updated: z.number().int(), cancelled: z.number().int(), restored: z.number().int(), added: z.number().int(), keptLocal: z.number().int() }),
      kind: runChangeKind.nullable(),
      total: z.number().int(),
      items: z.array(runChange),
    }),
  },
  /** The lists in use; `withRemoved` adds those removed ("Liste entfernen"), whose people still name them. */
  'sync.sources': { input: z.strictObject({ withRemoved: z.boolean().optional() }), output: z.object({ sources: z.array(syncSourceView) }) },
  'sync.updateSource': {
    input: z.strictObject({
      sourceId: id,
      label: z.string().trim().min(1).max(120).optional(),
      intervalMinutes: z.number().int().min(1).max(24 * 60).nullable().optional(),
      /** A URL list's new address (the registration system moved the export, or its link was renewed). */
      location: z.string().trim().min(1).max(2000).optional(),
      ...auth,
    }),
    output: syncSourceView,
  },
  'sync.removeSource': {
    input: z.strictObject({ sourceId: id, erase: z.boolean().optional() }),
    output: z.object({
      cancelled: z.number().int(), keptLocal: z.number().int(), erased: z.number().int(), keptCancelled: z.number().int(),
      /** False when the file could not be rewritten yet after the erasure (another program reads it): tried again later. */
      rewritten: z.boolean(),
    }),
  },
  /** The personal data of a list removed earlier (see removeSource's erase). */
  'sync.eraseRemovedSource': {
    input: z.strictObject({ sourceId: id }),
    output: z.object({ erased: z.number().int(), rewritten: z.boolean() }),
  },
} as const;
