import { checkinMethods } from './checkin-methods';
import { eventMethods } from './event-methods';
import { programmeMethods } from './programme-methods';
import { registrationMethods } from './registrations-methods';
import { reportMethods } from './report-methods';
import { registrationEditMethods } from './registration-edit-methods';
import { syncMethods } from './sync-methods';
import { stationsMethods } from './stations-methods';
import type { z } from 'zod';
import type { eventSummary } from './entities';

/**
 * The one table of methods every transport serves, assembled from one file per domain.
 * The renderer imports types and schemas from here only. Inputs are strict: unknown keys are an error.
 */
export const contract = { ...eventMethods, ...checkinMethods, ...registrationMethods, ...programmeMethods, ...syncMethods, ...registrationEditMethods, ...reportMethods, ...stationsMethods } as const;


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
  | { type: 'event.changed'; event: z.output<typeof eventSummary> | null }
  | { type: 'programme.changed' }
  | { type: 'sync.progress'; jobId: string; phase: 'upload' | 'read' | 'plan' | 'apply'; share: number }
  | { type: 'sync.changed' }
  | { type: 'stations.changed' };

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
