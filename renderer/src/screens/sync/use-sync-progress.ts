import { useEffect, useState } from 'react';
import { subscribe } from '../../api/client';

export interface SyncProgress {
  phase: 'upload' | 'read' | 'plan' | 'apply';
  share: number;
}

/** Progress of one running sync job, pushed by the station while it reads and compares. */
export function useSyncProgress(jobId: string | null): [SyncProgress | null, (p: SyncProgress | null) => void] {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    if (!jobId) return;
    return subscribe((m) => {
      if (m.type === 'sync.progress' && m.jobId === jobId) setProgress({ phase: m.phase, share: m.share });
    });
  }, [jobId]);
  return [progress, setProgress];
}
