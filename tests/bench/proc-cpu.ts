// CPU time of process trees from /proc (Linux only): utime+stime of every process in the tree, plus
// cutime+cstime (time of children that exited and were reaped inside the tree), in clock ticks.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** Clock ticks per second (`getconf CLK_TCK`), 100 if that cannot be asked. */
export function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isFinite(n) && n > 0 ? n : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcInfo {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces and ')': split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
    const ppid = Number(rest[1]);
    const ticks = Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
    return Number.isFinite(ticks) ? { pid, ppid, ticks } : null;
  } catch {
    return null; // Exited meanwhile.
  }
}

function readArgv(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    return [];
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * The processes whose command line satisfies `matches` (e.g. contains a unique argument), and all their
 * descendants (found through the parent pid), as one deduplicated list of pids.
 */
export function findProcessTree(matches: (argv: string[]) => boolean): number[] {
  const infos = allPids()
    .map(readStat)
    .filter((p): p is ProcInfo => p !== null);
  const children = new Map<number, number[]>();
  for (const p of infos) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found = new Set<number>();
  const stack = infos.filter((p) => p.pid !== process.pid && matches(readArgv(p.pid))).map((p) => p.pid);
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return [...found].sort((a, b) => a - b);
}

/** The topmost processes of findProcessTree(matches): those whose parent is not in the tree. */
export function findProcessRoots(matches: (argv: string[]) => boolean): number[] {
  const tree = new Set(findProcessTree(matches));
  return [...tree].filter((pid) => !tree.has(readStat(pid)?.ppid ?? -1));
}

export interface CpuSnapshot {
  atMs: number;
  /** pid -> ticks. */
  ticks: Map<number, number>;
}

export function snapshotCpu(matches: (argv: string[]) => boolean): CpuSnapshot {
  const ticks = new Map<number, number>();
  for (const pid of findProcessTree(matches)) {
    const info = readStat(pid);
    if (info) ticks.set(pid, info.ticks);
  }
  return { atMs: performance.now(), ticks };
}

export interface CpuUsage {
  /** CPU time of the tree over the window as % of one core (100 = one core fully busy). */
  percentOfOneCore: number;
  cpuSeconds: number;
  wallSeconds: number;
  /** Processes in the tree at the end of the window. */
  processes: number;
  /** Processes that appeared during the window (counted with all their CPU time). */
  started: number;
  /** Processes that disappeared during the window (counted through the parent's cutime/cstime when reaped in the tree). */
  exited: number;
}

/** CPU between two snapshots of the same tree. */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUsage {
  // Sum after minus sum before: a child that exits in the window and is reaped by its parent in the tree moves
  // its whole time into the parent's cutime/cstime, so its earlier share must be subtracted, not dropped.
  const sum = (m: Map<number, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  const ticks = sum(b.ticks) - sum(a.ticks);
  const started = [...b.ticks.keys()].filter((pid) => !a.ticks.has(pid)).length;
  const exited = [...a.ticks.keys()].filter((pid) => !b.ticks.has(pid)).length;
  const cpuSeconds = ticks / clockTicks();
  const wallSeconds = (b.atMs - a.atMs) / 1000;
  return {
    percentOfOneCore: wallSeconds > 0 ? (100 * cpuSeconds) / wallSeconds : 0,
    cpuSeconds, wallSeconds, processes: b.ticks.size, started, exited,
  };
}

/** Argument matcher: the command line has exactly this argument. */
export const hasArg = (arg: string) => (argv: string[]) => argv.includes(arg);

/** Busy clock ticks of the whole machine (all cores, from the first line of /proc/stat). */
export function machineBusyTicks(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already part of user).
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return user + nice + system + irq + softirq + steal;
  } catch {
    return Number.NaN;
  }
}

export interface CpuWindow<K extends string> {
  trees: Record<K, CpuUsage>;
  /** Busy time of the whole machine minus the trees (% of one core): load that was not ours. */
  otherProcessesPercent: number;
}

/** Starts measuring the named process trees and the machine; the returned function ends the window. */
export function startCpuWindow<K extends string>(trees: Record<K, (argv: string[]) => boolean>): () => CpuWindow<K> {
  const names = Object.keys(trees) as K[];
  const machineBefore = machineBusyTicks();
  const before = names.map((k) => snapshotCpu(trees[k]));
  return () => {
    const after = names.map((k) => snapshotCpu(trees[k]));
    const machineAfter = machineBusyTicks();
    const usage = names.map((_, i) => cpuBetween(before[i]!, after[i]!));
    const wall = usage[0]?.wallSeconds ?? 0;
    const machinePercent = wall > 0 ? (100 * (machineAfter - machineBefore)) / clockTicks() / wall : 0;
    const ours = usage.reduce((sum, u) => sum + u.percentOfOneCore, 0);
    return {
      trees: Object.fromEntries(names.map((k, i) => [k, usage[i]!])) as Record<K, CpuUsage>,
      otherProcessesPercent: Math.round(10 * Math.max(0, machinePercent - ours)) / 10,
    };
  };
}
