import { z } from 'zod';
import { checkInList, isoDate, listKind, localTime, registrationSummary, scanResult } from './entities';
import { empty, text } from './schema-helpers';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const programmeItemInput = z
  .strictObject({
    id: z.string().max(100).optional(),
    kind: listKind.exclude(['entrance']),
    name: text(200),
    format: optionalText(40),
    day: isoDate.nullable().optional(),
    startsAt: localTime.nullable().optional(),
    endsAt: localTime.nullable().optional(),
    location: optionalText(200),
    capacity: z.number().int().min(0).max(100_000).nullable().optional(),
    host: optionalText(200),
    description: optionalText(2000),
    admission: z.enum(['all', 'assigned']).default('all'),
    allowReentry: z.boolean().default(false),
    entryExit: z.boolean().default(false),
    admitFrom: localTime.nullable().optional(),
    admitUntil: localTime.nullable().optional(),
  })
  .refine((v) => !v.startsAt || !v.endsAt || v.startsAt <= v.endsAt, { message: 'endsAt before startsAt', path: ['endsAt'] })
  .refine((v) => !v.admitFrom || !v.admitUntil || v.admitFrom <= v.admitUntil, { message: 'admitUntil before admitFrom', path: ['admitUntil'] });

export const rosterEntry = registrationSummary.extend({
  /** Why the person is on the roster: chose it with the registration, added here (joined on the spot), or neither. */
  origin: z.enum(['registration', 'local']).nullable(),
  /** A local assignment made on the spot ("Person hinzufügen" at the walk), not a move or change made beforehand. */
  joinedOnSite: z.boolean(),
  /** Moved here from another walk (or session): "umgebucht". Local and neither joined nor moved: set in the app. */
  movedHere: z.boolean(),
  /**
   * Joined here on the spot from the walk (or session) at the same time they were booked on, with the check-in that
   * makes them present: its name. Undoing that check-in takes the move back too (takeBackJoin).
   */
  movedFrom: z.string().nullable(),
  present: z.boolean(),
  /** The entry that makes them present, for undo. */
  checkInId: z.string().nullable(),
  presentSince: z.string().nullable(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;

export const attendanceCell = z.enum(['present', 'absent', 'none']);

/** Methods of the programme domain: sessions and walks, their rosters, moves, and the attendance overview. */
export const programmeMethods = {
  'programme.days': { input: empty, output: z.object({ days: z.array(z.object({ id: z.string(), date: isoDate, label: z.string() })) }) },
  'programme.saveItem': { input: programmeItemInput, output: checkInList },
  'programme.deleteItem': { input: z.strictObject({ id: text(100) }), output: z.object({}) },
  'programme.roster': {
    input: z.strictObject({ listId: text(100) }),
    output: z.object({ list: checkInList, people: z.array(rosterEntry) }),
  },
  'programme.join': {
    input: z.strictObject({ listId: text(100), registrationId: text(100) }),
    output: scanResult,
  },
  'programme.move': {
    input: z.strictObject({ registrationId: text(100), fromListId: text(100), toListId: text(100) }),
    output: z.object({}),
  },
  /** A printable roster (PDF) of a walk or session, kept for download like an export (reports.download). */
  'programme.rosterPdf': {
    input: z.strictObject({ listId: text(100) }),
    output: z.object({ exportId: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number().int(), rows: z.number().int() }),
  },
  /** Reads a programme file sent with sync.uploadChunk; `apply` false is the dry run. */
  'programme.import': {
    input: z.strictObject({ uploadId: text(100), apply: z.boolean().default(false) }),
    output: z.object({
      items: z.array(z.object({
        line: z.number().int(), name: z.string(), kind: listKind, day: isoDate.nullable(), startsAt: localTime.nullable(),
        endsAt: localTime.nullable(), location: z.string().nullable(), capacity: z.number().int().nullable(),
        host: z.string().nullable(), action: z.enum(['add', 'update', 'unchanged']),
      })),
      problems: z.array(z.object({ line: z.number().int().nullable(), column: z.string().nullable(), code: z.string(), value: z.string().optional() })),
      lineKind: z.enum(['line', 'row', 'entry']),
      applied: z.boolean(),
    }),
  },
  'attendance.matrix': {
    input: z.strictObject({
      day: isoDate.optional(),
      sector: z.string().max(100).optional(),
      organisation: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).default(200),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({
      lists: z.array(z.object({ id: z.string(), name: z.string(), kind: listKind, day: isoDate.nullable(), present: z.number().int(), assigned: z.number().int() })),
      rows: z.array(z.object({ id: z.string(), name: z.string(), organisation: z.string().nullable(), sector: z.string().nullable(), cells: z.array(attendanceCell) })),
      total: z.number().int(),
      sectors: z.array(z.string()),
    }),
  },
} as const;
