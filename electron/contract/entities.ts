import { z } from 'zod';

/** Shapes of the domain objects that cross the contract. Types are inferred from these, never written twice. */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const localTime = z.string().regex(/^\d{2}:\d{2}$/, 'expected HH:MM');

export const eventSummary = z.object({
  id: z.string(),
  name: z.string(),
  place: z.string().nullable(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  timezone: z.string(),
  organiser: z.string().nullable(),
  isDemo: z.boolean(),
  fileName: z.string(),
  /** When the personal data were deleted after the event (Auswertung); null before. No list is loaded after it. */
  personalDataPurgedAt: z.string().nullable(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const station = z.object({ id: z.string(), name: z.string() });
export type Station = z.infer<typeof station>;

export const listKind = z.enum(['entrance', 'session', 'walk']);
export type ListKind = z.infer<typeof listKind>;

export const checkInList = z.object({
  id: z.string(),
  kind: listKind,
  format: z.string().nullable(),
  name: z.string(),
  day: isoDate.nullable(),
  startsAt: localTime.nullable(),
  endsAt: localTime.nullable(),
  location: z.string().nullable(),
  capacity: z.number().int().nullable(),
  host: z.string().nullable(),
  description: z.string().nullable(),
  admission: z.enum(['all', 'assigned']),
  allowReentry: z.boolean(),
  /** Exits are recorded too, so the list knows who is inside now. */
  entryExit: z.boolean(),
  /** Local times (event time zone) on the list's day between which entries are accepted. */
  admitFrom: localTime.nullable(),
  admitUntil: localTime.nullable(),
  /** People with an effective entry (for entry/exit lists: inside now). */
  checkedIn: z.number().int(),
  expected: z.number().int(),
});
export type CheckInList = z.infer<typeof checkInList>;

export const registrationStatus = z.enum(['registered', 'cancelled']);

export const registrationSummary = z.object({
  id: z.string(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organisation: z.string().nullable(),
  town: z.string().nullable(),
  status: registrationStatus,
  registeredOnSite: z.boolean(),
});
export type RegistrationSummary = z.infer<typeof registrationSummary>;

/** The people list's filter: everyone, by status, registered at the door, or with fields corrected in the app. */
export const peopleShown = z.enum(['all', 'registered', 'cancelled', 'onSite', 'local']);
export type PeopleShown = z.infer<typeof peopleShown>;

export const checkInMethod = z.enum(['camera', 'scanner', 'search', 'manual']);
export type CheckInMethod = z.infer<typeof checkInMethod>;

export const checkInRecord = z.object({
  id: z.string(),
  listId: z.string(),
  listName: z.string(),
  registrationId: z.string(),
  type: z.enum(['entry', 'exit', 'undo']),
  method: z.string(),
  override: z.boolean(),
  /** Of an override: what was overridden (a refusal reason), and the operator's note after ": ". */
  overrideReason: z.string().nullable(),
  scannedAt: z.string(),
  stationName: z.string(),
});
export type CheckInRecord = z.infer<typeof checkInRecord>;

export const registrationDetail = registrationSummary.extend({
  email: z.string().nullable(),
  federalState: z.string().nullable(),
  sector: z.string().nullable(),
  role: z.string().nullable(),
  notes: z.string().nullable(),
  days: z.array(isoDate),
  extra: z.record(z.string(), z.string()),
  /** In the order of the programme: by day, then time; each with its day and start time where it has them. */
  assignments: z.array(z.object({
    listId: z.string(), listName: z.string(), kind: listKind, day: isoDate.nullable(), startsAt: z.string().nullable(),
    /** Set in the app (a walk changed, someone added to a session), not by the registration list. */
    local: z.boolean(),
  })),
  checkIns: z.array(checkInRecord),
  /** The registration list the person came from and when it was last applied; null if entered in the app. */
  source: z.object({
    label: z.string(), kind: z.enum(['file', 'url']), syncedAt: z.string().nullable(), removed: z.boolean(),
    /** No longer in the list as last loaded (cancelled for it, unless their status was set in the app). */
    gone: z.boolean(),
  }).nullable(),
  /** Codes the person had before (a code the list re-issued, a walk-in's desk code): they still admit. Newest first. */
  formerCodes: z.array(z.object({ code: z.string(), replacedAt: z.string() })).optional(),
  /**
   * Possibly the same person twice (see possibleTwinsOf): for a walk-in, people of a list with their name; for a
   * person of a list, such walk-ins. With their check-ins' count, to tell which one was let in.
   */
  possibleTwins: z.array(z.object({
    id: z.string(), code: z.string(), firstName: z.string(), lastName: z.string(), organisation: z.string().nullable(),
    walkIn: z.boolean(), checkIns: z.number().int(),
  })).optional(),
});
export type RegistrationDetail = z.infer<typeof registrationDetail>;

export const refusalReason = z.enum(['invalid_code', 'unknown_code', 'cancelled', 'not_on_list', 'too_early', 'too_late', 'full', 'not_inside']);
export type RefusalReason = z.infer<typeof refusalReason>;

export const scanResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('admitted'),
    registration: registrationDetail.pick({
      id: true, firstName: true, lastName: true, organisation: true, town: true, role: true, notes: true,
    }),
    checkIn: checkInRecord,
    /** A periodic check of the list found them cancelled; that waits for an organiser's approval. */
    cancellationWaiting: z.object({ source: z.string(), at: z.string() }).optional(),
    /** Scanned with a code the registration list has replaced since (see scan): said, for a look at the name. */
    formerCode: z.object({ replacedAt: z.string() }).optional(),
    /** Joined a walk or session on the spot and moved here from the one at the same time they were booked on. */
    movedFrom: z.string().optional(),
  }),
  z.object({
    status: z.literal('already_checked_in'),
    registration: registrationDetail.pick({
      id: true, firstName: true, lastName: true, organisation: true, town: true, role: true, notes: true,
    }),
    firstEntry: checkInRecord,
    refusedScanId: z.string(),
    /** Inside, though the registration is cancelled (by the list since their entry, or let in by exception): said. */
    cancelled: z.boolean().optional(),
    /**
     * When the registration became cancelled, where known (files in network work keep it): before the entry means a
     * station admitted them without knowing (it was offline), after it that the list cancelled them since.
     */
    cancelledAt: z.string().optional(),
    /**
     * Not this person's entry but that of a possible double (a walk-in and a list's person of the same name, see
     * possibleTwinsOf): firstEntry is theirs.
     */
    possibleTwin: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), code: z.string(), walkIn: z.boolean() }).optional(),
    /** Scanned with a code the registration list has replaced since (see scan). */
    formerCode: z.object({ replacedAt: z.string() }).optional(),
  }),
  z.object({
    status: z.literal('refused'),
    reason: refusalReason,
    /** The code as the parser understood it (or a shortened, printable form of the raw text). */
    code: z.string(),
    registration: registrationDetail
      .pick({ id: true, firstName: true, lastName: true, organisation: true, town: true, role: true, notes: true })
      .nullable(),
    refusedScanId: z.string(),
    /**
     * Cancelled not by the list saying so but because they are no longer in it (the last version lacked them), or
     * because their list was removed: said as it is, not as a cancellation (`at`: when that version was loaded).
     */
    cancelledBy: z.object({ why: z.enum(['goneFromList', 'listRemoved']), source: z.string(), at: z.string().nullable() }).optional(),
  }),
]);
export type ScanResult = z.infer<typeof scanResult>;

export const eventFile = z.object({
  fileName: z.string(),
  name: z.string().nullable(),
  startsOn: z.string().nullable(),
  modifiedAt: z.string(),
  error: z.string().nullable(),
});
export type EventFile = z.infer<typeof eventFile>;

export const searchHit = registrationSummary.extend({
  checkedIn: z.boolean(),
  /**
   * Searched for a walk or session (its roster's "Person hinzufügen"): whether the person is booked on it, and the walk
   * (or session) at the same time they are booked on and would be moved from when they join here.
   */
  booking: z.object({ here: z.boolean(), sameTime: z.string().nullable() }).optional(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const eventSettings = z.object({ codePattern: z.string().nullable(), hasPin: z.boolean() });
export type EventSettings = z.infer<typeof eventSettings>;
