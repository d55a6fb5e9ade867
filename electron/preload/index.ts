import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult, PushMessage } from '../contract/contract';

// A sandboxed preload may load only `electron` and a few Node built-ins, so nothing is imported from the main side
// at run time. These must equal IPC_CHANNELS in electron/main/security-policy.ts; a unit test compares them.
const INVOKE_CHANNEL = 'einlass:invoke';
const PUSH_CHANNEL = 'einlass:push';

function failure(code: string): ApiResult<never> {
  return { ok: false, error: { code, message: `errors.${code}`, details: {} } };
}

async function invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
  if (typeof method !== 'string') return failure('bad_request');
  try {
    return (await ipcRenderer.invoke(INVOKE_CHANNEL, method, input)) as ApiResult<unknown>;
  } catch {
    // Input that cannot be cloned, or a main process that went away: the UI gets a result, as from any transport.
    return failure('internal');
  }
}

function subscribe(listener: (message: PushMessage) => void): () => void {
  if (typeof listener !== 'function') return () => undefined;
  // The page sees the message only: the IPC event carries the sender and ports and must stay on this side.
  const relay = (_event: IpcRendererEvent, message: PushMessage) => listener(message);
  ipcRenderer.on(PUSH_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(PUSH_CHANNEL, relay);
  };
}

contextBridge.exposeInMainWorld('einlass', { invoke, subscribe });
