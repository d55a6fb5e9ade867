import { z } from 'zod';
import { eventFile, eventSettings, eventSummary, isoDate, station } from './entities';
import { empty, text } from './schema-helpers';

/** Methods of the event domain. */
export const eventMethods = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      event: eventSummary.nullable(),
      station: station.nullable(),
    }),
  },
  'event.files': { input: empty, output: z.object({ files: z.array(eventFile) }) },
  'event.openDemo': { input: empty, output: eventSummary },
  'event.create': {
    input: z
      .strictObject({
        name: text(200),
        place: z.string().trim().max(200).optional(),
        startsOn: isoDate.optional(),
        endsOn: isoDate.optional(),
      })
      .refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, {
        message: 'endsOn before startsOn',
        path: ['endsOn'],
      }),
    output: eventSummary,
  },
  'event.open': { input: z.strictObject({ fileName: text(255) }), output: eventSummary },
  'event.close': { input: empty, output: z.object({}) },
  'station.rename': { input: z.strictObject({ name: text(80) }), output: station },
  'event.settings': { input: empty, output: eventSettings },
  'event.updateSettings': {
    input: z.strictObject({
      codePattern: z.string().max(300).nullable().optional(),
      pin: z.string().regex(/^\d{4,8}$/, 'PIN: 4–8 digits').nullable().optional(),
    }),
    output: eventSettings,
  },
  'frontDesk.unlock': { input: z.strictObject({ pin: z.string().max(20) }), output: z.object({ unlocked: z.boolean() }) },
} as const;
