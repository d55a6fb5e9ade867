import { contract, isMethod, type ApiError, type ApiResult, type Method } from '../contract/contract';
import type { AppContext } from './app-context';
import { checkinHandlers } from './checkin/checkin-app';
import { AppError, type ErrorCode } from './errors';
import { eventHandlers } from './event/event-app';
import { frontDeskHandlers } from './front-desk/front-desk-app';
import { programmeHandlers } from './programme/programme-app';
import type { Handler, Handlers } from './handler';
import { registrationHandlers } from './registrations/registrations-app';
import { reportHandlers } from './reports/reports-app';
import { registrationEditHandlers } from './sync/registration-edit-app';
import { syncHandlers } from './sync/sync-app';
import { stationsHandlers } from './stations/stations-app';

export const handlers: Handlers = { ...eventHandlers, ...checkinHandlers, ...registrationHandlers, ...frontDeskHandlers, ...programmeHandlers, ...syncHandlers, ...registrationEditHandlers, ...reportHandlers, ...stationsHandlers };

function failure(code: ErrorCode, details: Record<string, unknown> = {}): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message: `errors.${code}`, details } };
}

/**
 * The single entry of every transport: validates the input against the contract, runs the handler, checks the
 * output, and turns every failure into a result. Nothing throws across a transport.
 */
export async function dispatch(ctx: AppContext, method: string, input: unknown): Promise<ApiResult<unknown>> {
  if (!isMethod(method)) return failure('unknown_method', { method: String(method).slice(0, 100) });
  const spec = contract[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    return failure('validation', {
      method,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
    });
  }
  try {
    const handler = handlers[method] as Handler<Method>;
    const value = await handler(ctx, parsed.data as never);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      console.error(`[einlass] ${method}: output does not match the contract`, checked.error.issues.slice(0, 3));
      return failure('internal', { method });
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof AppError) return failure(err.code, err.details);
    // Log the error kind and stack only: never the input, which may hold personal data.
    console.error(`[einlass] ${method} failed:`, err instanceof Error ? err.stack : String(err));
    return failure('internal', { method });
  }
}
