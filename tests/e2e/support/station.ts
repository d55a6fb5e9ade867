import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface RunningStation {
  openUrl: string;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

/** A real station server, as `npm run einlass -- serve` starts it, in its own process. */
export async function startStation(args: string[]): Promise<RunningStation> {
  // One process that is the server itself (not npx → tsx → node), so a signal reaches it and nothing outlives a test.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`station exited with ${code}:\n${out}`)));
  });
  return {
    openUrl,
    url: openUrl.replace(/\/#token=.*/, ''),
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}
