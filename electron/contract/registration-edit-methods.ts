import { z } from 'zod';
import { text } from './schema-helpers';

/** Local corrections of a person (badge spelling, a walk change): they win over later syncs, field by field. */

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const localField = z.object({
  field: z.string(), changedAt: z.string(), stationName: z.string().nullable(),
  /**
   * What the person's registration list says about the field (walks and sessions as their names, comma-separated;
   * the status as "registered" / "cancelled"); `inList` false when that is not known (a walk-in).
   */
  inList: z.boolean(), listValue: z.string().nullable(),
  /** The field has the list's value now (the list caught up with the correction). */
  sameAsList: z.boolean(),
});
export type LocalField = z.infer<typeof localField>;

export const registrationEditMethods = {
  'registrations.update': {
    input: z.strictObject({
      id: text(100),
      fields: z.strictObject({
        firstName: z.string().trim().max(100).optional(),
        lastName: text(100).optional(),
        email: z.union([z.literal(''), z.string().trim().email().max(200)]).nullable().optional(),
        organisation: optionalText(200),
        town: optionalText(100),
        federalState: optionalText(100),
        sector: optionalText(100),
        role: optionalText(100),
        notes: optionalText(2000),
        status: z.enum(['registered', 'cancelled']).optional(),
      }).default({}),
      /** The complete set of walks / sessions the person is assigned to afterwards (list ids). */
      walks: z.array(z.string().max(100)).max(50).optional(),
      sessions: z.array(z.string().max(100)).max(200).optional(),
    }),
    output: z.object({ id: z.string(), changed: z.array(z.string()), localFields: z.array(localField) }),
  },
  /** "Wert aus der Anmeldeliste übernehmen": the field gets the list's value back and is no longer marked local. */
  'registrations.revertLocal': {
    input: z.strictObject({ id: text(100), field: text(100) }),
    output: z.object({ id: z.string(), changed: z.array(z.string()), localFields: z.array(localField) }),
  },
  'registrations.localFields': {
    input: z.strictObject({ id: text(100) }),
    output: z.object({ fields: z.array(localField) }),
  },
} as const;
