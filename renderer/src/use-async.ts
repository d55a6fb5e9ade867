import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { ApiError } from '../../electron/contract/contract';
import { ApiCallError, onReconnect } from './api/client';

interface AsyncState<T> {
  data: T | null;
  error: ApiError | null;
  /** When the data arrived (ms since epoch), for decisions that depend on its age. */
  loadedAt: number;
}

/** Loads something through the API whenever `deps` change, and again on reload(); errors arrive as contract errors. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ data: null, error: null, loadedAt: 0 });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Back in touch with the station after a break (browser mode): the pushes in between are lost, so load again.
  useEffect(() => onReconnect(reload), [reload]);

  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, loadedAt: Date.now() }),
      (err: unknown) =>
        live &&
        setState((s) => ({
          ...s,
          error: err instanceof ApiCallError ? err.error : { code: 'internal', message: 'errors.internal', details: {} },
        })),
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on, like useEffect's own list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  return { ...state, reload };
}
