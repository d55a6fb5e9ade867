// Real station servers and command-line runs as separate processes on loopback, each with its own event file,
// as `npm run einlass -- …` starts them: one node process each (node --import tsx), so a signal (also SIGKILL)
// reaches the server itself. Used by the multi-station tests and the stations benchmark.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeProcess {
  /** http://127.0.0.1:PORT (the browser-facing station server). */
  url: string;
  openUrl: string;
  token: string;
  output(): string;
  /** Calls the contract over HTTP as the browser does; throws on an error result. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
  /** SIGKILL: no cleanup at all, as a power cut or a crash. */
  kill(): Promise<void>;
  readonly exited: boolean;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitUntil<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000, everyMs = 50): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(everyMs);
  }
}

/** Serve processes a test starts as it goes, all stopped at its end (`stopAll` in afterAll). */
export function serveGroup(): { start: (args: string[]) => Promise<ServeProcess>; stopAll: () => Promise<void> } {
  const running: ServeProcess[] = [];
  return {
    start: async (args) => {
      const p = await startServe(args);
      running.push(p);
      return p;
    },
    stopAll: async () => {
      await Promise.all(running.map((p) => p.stop()));
    },
  };
}

/** `serve --port 0 …` in its own process; resolves once it prints its address (and, with --network, its code). */
export async function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const needsCode = args.includes('--network');
  await waitUntil('the station server to start', () => {
    if (exited) throw new Error(`serve exited:\n${out}`);
    return /http:\/\/127\.0\.0\.1:\d+\/#token=/.test(out) && (!needsCode || /Code: /.test(out));
  }, 60_000);
  const openUrl = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out)![1]!;
  const url = openUrl.replace(/\/#token=.*/, '');
  const token = openUrl.replace(/.*#token=/, '');
  const end = async (signal: NodeJS.Signals) => {
    if (exited) return;
    child.kill(signal);
    await once(child, 'exit').catch(() => undefined);
  };
  return {
    url, openUrl, token,
    output: () => out,
    get exited() {
      return exited;
    },
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.value as T;
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

/** The pairing address and typed code a hub printed (serve --network). */
export function pairingFrom(output: string): { address: string; code: string } {
  const address = /Adresse: (\S+)/.exec(output)?.[1];
  const code = /Code: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(output)?.[1];
  if (!address || !code) throw new Error(`no pairing code in:\n${output}`);
  return { address, code };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function einlass(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: timeoutMs },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** A look into an event file while its server runs (read-only; WAL lets it read a consistent state). */
export function peek<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The check-ins of a file as comparable content (uploaded_at is when each file received a record). */
export function checkInSet(file: string): string[] {
  return peek<Record<string, unknown>>(
    file, 'SELECT id, list_id, registration_id, type, undoes_id, scanned_at, station_id FROM check_ins ORDER BY id',
  ).map((r) => JSON.stringify(r));
}
