import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError } from './api/client';
import type { ApiError } from '../../electron/contract/contract';

/** Loads something through the API and reloads on demand; errors arrive as contract errors. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): {
  data: T | null; error: ApiError | null; reload: () => void; loading: boolean;
} {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    run().then(
      (value) => {
        if (mine !== seq.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setError(err instanceof ApiCallError ? err.error : { code: 'internal', message: 'errors.internal', details: {} });
        setLoading(false);
      },
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { data, error, reload, loading };
}
