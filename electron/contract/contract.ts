import { z } from 'zod';
import {
  checkInList, checkInMethod, checkInRecord, eventFile, eventSettings, eventSummary, isoDate, registrationDetail,
  registrationSummary, scanResult, searchHit, station,
} from './entities';

/**
 * The one table of methods every transport serves. The renderer imports types and schemas from here only.
 * Inputs are strict: unknown keys are an error, so typos in a client surface at once.
 */
const empty = z.strictObject({});
const text = (max: number) => z.string().trim().min(1).max(max);

export const contract = {
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
  'lists.list': { input: empty, output: z.object({ lists: z.array(checkInList) }) },
  'registrations.list': {
    input: z.strictObject({
      query: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ total: z.number().int(), items: z.array(registrationSummary) }),
  },
  'registrations.get': { input: z.strictObject({ id: text(100) }), output: registrationDetail },
  'checkin.scan': {
    input: z.strictObject({
      listId: text(100),
      // Raw scanned or typed text; the payload parser decides what it is. Bounded so a hostile client
      // cannot make us store megabytes; longer scans are refused by validation, not logged.
      code: z.string().max(16_384),
      method: checkInMethod,
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
    }),
    output: scanResult,
  },
  'checkin.undo': {
    input: z.strictObject({ checkInId: text(100) }),
    output: z.object({ undone: checkInRecord, undo: checkInRecord }),
  },
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
  'event.settings': { input: empty, output: eventSettings },
  'event.updateSettings': {
    input: z.strictObject({
      codePattern: z.string().max(300).nullable().optional(),
      pin: z.string().regex(/^\d{4,8}$/, 'PIN: 4–8 digits').nullable().optional(),
    }),
    output: eventSettings,
  },
  'frontDesk.unlock': { input: z.strictObject({ pin: z.string().max(20) }), output: z.object({ unlocked: z.boolean() }) },
  'checkin.recent': {
    input: z.strictObject({ listId: text(100), limit: z.number().int().min(1).max(100).default(10) }),
    output: z.object({ records: z.array(checkInRecord.extend({ name: z.string(), organisation: z.string().nullable() })) }),
  },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodArgs<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export interface ApiError {
  code: string;
  /** i18n key, e.g. errors.event_file_newer */
  message: string;
  details: Record<string, unknown>;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Live updates pushed to every connected client. */
export type PushMessage =
  | { type: 'checkin.recorded'; listId: string; registrationId: string | null; status: string }
  | { type: 'event.changed'; event: z.output<typeof eventSummary> | null };

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
