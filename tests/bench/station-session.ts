// An organiser's session at a station, as the screens drive it over HTTP: the same list loaded, checked again
// unchanged, loaded with 1 % changed, and checked again — each as upload (512 KB chunks of base64), preview, dry run,
// apply. The station is `einlass serve` in a process of its own (the browser is another); its peak RSS over the
// whole session is what counts: V8 collected what one sync left only when the next needed room (432 MB in a
// walkthrough), see electron/core/memory.ts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

const CHUNK = 512 * 1024;

export interface SessionStep {
  step: string;
  ms: number;
  counts: Record<string, number>;
}

export interface SessionResult {
  steps: SessionStep[];
  /** Peak RSS of the station process over the whole session. */
  peakRssMb: number;
}

/** Runs the session in a new event of a new station in `dataDir`; `node` as for the command-line case. */
export async function stationSession(dataDir: string, lists: { name: string; file: string }[], node: { tsxLoader: string; peakHook: string; cli: string }): Promise<SessionResult> {
  const child = spawn(process.execPath, ['--import', node.tsxLoader, '--import', node.peakHook, node.cli, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${out}${err}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
  });
  const [, base, token] = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(openUrl)!;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input),
    });
    const r = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value!;
  };
  const steps: SessionStep[] = [];
  try {
    await call('event.create', { name: 'Sitzung', startsOn: '2023-10-18', endsOn: '2023-10-19' });
    for (const { name, file } of lists) {
      const bytes = readFileSync(file);
      const t = performance.now();
      let uploadId: string | undefined;
      const n = Math.ceil(bytes.length / CHUNK);
      for (let index = 0; index < n; index++) {
        uploadId = (await call<{ uploadId: string }>('sync.uploadChunk', {
          uploadId, fileName: 'anmeldungen.csv', index, dataBase64: bytes.subarray(index * CHUNK, (index + 1) * CHUNK).toString('base64'), last: index === n - 1,
        })).uploadId;
      }
      const preview = await call<{ mapping: Record<string, string>; sourceId: string | null }>('sync.preview', { uploadId });
      const plan = await call<{ planId: string; counts: Record<string, number> }>('sync.plan', { uploadId, mapping: preview.mapping, sourceId: preview.sourceId });
      await call('sync.apply', { planId: plan.planId });
      steps.push({ step: name, ms: performance.now() - t, counts: plan.counts });
    }
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  const peak = /peak-rss-kb (\d+)/.exec(err);
  return { steps, peakRssMb: peak ? Number(peak[1]) / 1024 : Number.NaN };
}
