import { z } from 'zod';
import { peopleShown, registrationDetail, registrationSummary, scanResult, searchHit } from './entities';
import { text } from './schema-helpers';

/** Methods of the registrations domain. */
export const registrationMethods = {
  'registrations.list': {
    input: z.strictObject({
      query: z.string().max(200).optional(),
      /** Which people: all, by status, registered at the door, or with fields corrected in the app. */
      show: peopleShown.default('all'),
      /** Only the people of this registration list (a sync source). */
      syncSourceId: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ total: z.number().int(), items: z.array(registrationSummary.extend({ local: z.boolean() })) }),
  },
  'registrations.get': { input: z.strictObject({ id: text(100) }), output: registrationDetail },
  'registrations.search': {
    input: z.strictObject({
      query: z.string().max(200),
      listId: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(50).default(12),
    }),
    output: z.object({ hits: z.array(searchHit) }),
  },
  'registrations.walkIn': {
    input: z.strictObject({
      firstName: text(100),
      lastName: text(100),
      organisation: z.string().trim().max(200).optional(),
      town: z.string().trim().max(100).optional(),
      email: z.union([z.literal(''), z.string().trim().email().max(200)]).optional(),
      listId: z.string().max(100).optional(),
    }),
    output: z.object({ registration: registrationSummary, result: scanResult.nullable() }),
  },
} as const;
