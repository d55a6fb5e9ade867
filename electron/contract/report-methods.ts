import { z } from 'zod';
import { isoDate } from './entities';
import { empty, text } from './schema-helpers';

/** Reports after the event: statistics, exports (delivered as bytes in chunks), certificates, and the purge. */

export const reportKind = z.enum(['attendance', 'sessions', 'log', 'stats', 'certificates']);
export type ReportKindName = z.infer<typeof reportKind>;
export const exportFormat = z.enum(['xlsx', 'csv', 'pdf', 'zip']);
export type ExportFormatName = z.infer<typeof exportFormat>;

const statsGroup = z.object({ key: z.string().nullable(), registered: z.number().int(), present: z.number().int() });
export type StatsGroup = z.infer<typeof statsGroup>;

const statsList = z.object({
  name: z.string(),
  kind: z.enum(['entrance', 'session', 'walk']),
  day: isoDate.nullable(),
  startsAt: z.string().nullable(),
  capacity: z.number().int().nullable(),
  /** Assigned (sessions, walks) or registered for the day (entrance); null where nobody signs up in advance. */
  registered: z.number().int().nullable(),
  present: z.number().int(),
  presentRegistered: z.number().int().nullable(),
  onSite: z.number().int(),
});
export type StatsList = z.infer<typeof statsList>;

/** Anonymous statistics: counts only. Also what a purge keeps, so its shape only ever grows. */
export const statsData = z.object({
  version: z.literal(1),
  generatedAt: z.string(),
  event: z.object({
    name: z.string(), place: z.string().nullable(), startsOn: z.string().nullable(), endsOn: z.string().nullable(),
    timezone: z.string(), organiser: z.string().nullable(),
  }),
  totals: z.object({
    registrations: z.number().int(), registered: z.number().int(), cancelled: z.number().int(), onSite: z.number().int(),
    present: z.number().int(), absent: z.number().int(),
    /** Of the present, those whose registration is cancelled (let in anyway, or cancelled after they came): not in
     * the attendance rate, which is of the registered. Absent in statistics kept before it was counted. */
    presentCancelled: z.number().int().optional(),
  }),
  byDay: z.array(z.object({ date: isoDate, registered: z.number().int(), present: z.number().int() })),
  bySector: z.array(statsGroup),
  byFederalState: z.array(statsGroup),
  byOrganisationType: z.array(statsGroup),
  lists: z.array(statsList),
  /** Arrivals at the entrance per quarter hour (local time), per day. */
  arrivals: z.array(z.object({ date: isoDate, slots: z.array(z.object({ time: z.string(), count: z.number().int() })) })),
});
export type StatsData = z.infer<typeof statsData>;

/** The present whose registration stands: what the attendance rate and "Nicht erschienen" are of the registered. */
export const presentRegistered = (totals: StatsData['totals']): number => totals.present - (totals.presentCancelled ?? 0);

const columnInfo = z.object({
  id: z.string(),
  header: z.string(),
  group: z.enum(['person', 'attendance', 'programme', 'extra', 'record']),
  personal: z.boolean(),
  defaultOn: z.boolean(),
  /** An extra field's registration lists, where the people came from several (which list a column is of). */
  from: z.string().max(500).optional(),
});
export type ColumnInfoEntity = z.infer<typeof columnInfo>;

const organisation = z.object({ name: z.string().nullable(), logo: z.string().nullable() });

export const reportMethods = {
  'reports.overview': {
    input: empty,
    output: z.object({
      /** Registrations still in the file (0 after a purge). */
      people: z.number().int(),
      purgedAt: z.string().nullable(),
      hasKeptStatistics: z.boolean(),
      exports: z.array(z.object({ report: z.string(), format: z.string(), rows: z.number().int(), createdAt: z.string() })),
      organisation,
      formats: z.record(z.string(), z.array(exportFormat)),
      columns: z.object({ attendance: z.array(columnInfo), sessions: z.array(columnInfo), log: z.array(columnInfo) }),
    }),
  },
  'reports.stats': { input: empty, output: z.object({ stats: statsData.nullable() }) },
  'reports.export': {
    input: z.strictObject({
      report: z.union([reportKind, z.literal('all')]),
      format: exportFormat,
      columns: z.strictObject({
        attendance: z.array(z.string().max(200)).max(2000).optional(),
        sessions: z.array(z.string().max(200)).max(200).optional(),
        log: z.array(z.string().max(200)).max(200).optional(),
      }).optional(),
      delimiter: z.enum([';', ',']).optional(),
      registrationId: text(100).optional(),
    }),
    output: z.object({ exportId: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number().int(), rows: z.number().int() }),
  },
  /** The bytes of a generated export, in chunks of at most 512 KB (base64), for a download in the browser. */
  'reports.download': {
    input: z.strictObject({ exportId: text(100), offset: z.number().int().min(0) }),
    output: z.object({ data: z.string(), offset: z.number().int(), nextOffset: z.number().int().nullable(), size: z.number().int() }),
  },
  'reports.setOrganisation': {
    input: z.strictObject({
      name: z.string().trim().max(200).nullable().optional(),
      // Base64 of a PNG or JPEG of at most 512 KB (checked again on its bytes); null removes the logo.
      logo: z.string().max(720_000).regex(/^[A-Za-z0-9+/=\s]*$/, 'base64').nullable().optional(),
    }),
    output: organisation,
  },
  'event.purge': {
    input: z.strictObject({
      /** The event's name, or LÖSCHEN. */
      confirmation: z.string().max(300),
      keepStatistics: z.boolean(),
      /** Needed when nothing was exported from this file yet. */
      withoutExport: z.boolean().default(false),
      /** Delete the whole event file instead of keeping an empty one. */
      deleteFile: z.boolean().default(false),
    }),
    output: z.object({
      removed: z.record(z.string(), z.number().int()),
      keptStatistics: z.boolean(),
      walCleared: z.boolean(),
      verification: z.object({ checked: z.number().int(), found: z.number().int() }).nullable(),
      fileDeleted: z.boolean(),
    }),
  },
} as const;
