import type { ApiError, Method, MethodInput, MethodOutput, PushMessage } from '../../../electron/contract/contract';
import { pickTransport, type Connection } from './transport';

export type { Connection };

const transport = pickTransport();

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.code);
  }
}

/** One typed call for the whole UI; the types come from the contract. */
export async function api<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await transport.invoke(method, input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as MethodOutput<M>;
}

export function subscribe(listener: (message: PushMessage) => void): () => void {
  return transport.subscribe(listener);
}

/** Browser mode: whether the station still answers this page (see Connection). */
export function watchConnection(listener: (connection: Connection) => void): () => void {
  return transport.watchConnection(listener);
}

/** After a break in the connection to the station: everything loaded may be out of date. */
export function onReconnect(listener: () => void): () => void {
  return transport.onReconnect(listener);
}

export const transportKind = transport.kind;
