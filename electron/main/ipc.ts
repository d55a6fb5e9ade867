import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ApiResult, PushMessage } from '../contract/contract';
import type { AppContext } from '../core/app-context';
import { dispatch } from '../core/dispatch';
import type { ErrorCode } from '../core/errors';
import { IPC_CHANNELS, isTrustedSender } from './security-policy';

const MAX_METHOD_LENGTH = 100;

function failure(code: ErrorCode, details: Record<string, unknown> = {}): ApiResult<never> {
  return { ok: false, error: { code, message: `errors.${code}`, details } };
}

async function handleInvoke(ctx: AppContext, event: IpcMainInvokeEvent, method: unknown, input: unknown) {
  // senderFrame is null once the frame is gone; a frame that is not the app (it could only be one that navigated
  // away or was injected) must not reach the event file.
  if (!isTrustedSender(event.senderFrame?.url)) return failure('forbidden', { reason: 'untrusted_sender' });
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
    return failure('bad_request', { field: 'method' });
  }
  try {
    return await dispatch(ctx, method, input);
  } catch {
    // dispatch turns every failure into a result; this only keeps a future slip from surfacing as a raw IPC error.
    return failure('internal', { method });
  }
}

/** The one request channel of the desktop app. Registered once; it serves every window. */
export function registerIpc(ctx: AppContext): void {
  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, input: unknown) =>
    handleInvoke(ctx, event, method, input),
  );
}

/** Forwards live updates to one window for as long as its web contents lives. */
export function forwardPush(ctx: AppContext, contents: WebContents): void {
  const unsubscribe = ctx.push.subscribe((message: PushMessage) => {
    if (contents.isDestroyed()) return;
    // Updates name people and events: they go only to a page that is the app.
    if (!isTrustedSender(contents.mainFrame.url)) return;
    contents.send(IPC_CHANNELS.push, message);
  });
  contents.once('destroyed', unsubscribe);
}
