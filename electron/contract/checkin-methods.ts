import { z } from 'zod';
import { checkInList, checkInMethod, checkInRecord, scanResult } from './entities';
import { empty, text } from './schema-helpers';

/** Methods of the checkin domain. */
export const checkinMethods = {
  'lists.list': { input: empty, output: z.object({ lists: z.array(checkInList) }) },
  'checkin.scan': {
    input: z.strictObject({
      listId: text(100),
      // Raw scanned or typed text; the payload parser decides what it is. Bounded so a hostile client
      // cannot make us store megabytes; longer scans are refused by validation, not logged.
      code: z.string().max(16_384),
      method: checkInMethod,
      direction: z.enum(['entry', 'exit']).optional(),
    }),
    output: scanResult,
  },
  'checkin.admit': {
    input: z.strictObject({
      listId: text(100),
      registrationId: text(100),
      method: checkInMethod,
      override: z.boolean().default(false),
      note: z.string().trim().max(500).optional(),
      direction: z.enum(['entry', 'exit']).optional(),
    }),
    output: scanResult,
  },
  'checkin.undo': {
    // The front desk may undo its own check-ins for 15 minutes; a roster (walk guide, session host) at any time.
    input: z.strictObject({ checkInId: text(100), scope: z.enum(['frontDesk', 'roster']).default('frontDesk') }),
    output: z.object({ undone: checkInRecord, undo: checkInRecord }),
  },
  'checkin.recent': {
    input: z.strictObject({ listId: text(100), limit: z.number().int().min(1).max(100).default(10) }),
    output: z.object({
      records: z.array(checkInRecord.extend({ name: z.string(), organisation: z.string().nullable(), undone: z.boolean(), own: z.boolean() })),
    }),
  },
} as const;
