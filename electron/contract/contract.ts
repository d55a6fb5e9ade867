import { z } from 'zod';
import {
  checkInList, checkInMethod, checkInRecord, eventFile, eventSummary, isoDate, registrationDetail,
  registrationSummary, scanResult, station,
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
