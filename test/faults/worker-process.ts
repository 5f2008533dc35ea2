/**
 * Runs `node workers/cli/pulse.mjs workers` as a real child process in its own process group (so a signal reaches it
 * and anything it spawned), with its logs in a file. Every process started here is remembered, and
 * `killAllWorkers()` (called from afterAll/afterEach) SIGKILLs whatever is still alive, even after a failed test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../workers/cli/pulse.mjs', import.meta.url));

export interface WorkerProcess {
  pid: number;
  logFile: string;
  /** Resolves with the exit code (or signal name) when the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  alive(): boolean;
  signal(sig: NodeJS.Signals): void;
  /** Sends `sig` and waits for the exit; returns how long it took, or throws past `timeoutMs`. */
  stop(sig: NodeJS.Signals, timeoutMs: number): Promise<number>;
  log(): string;
  /** Peak resident set size (VmHWM from /proc) in MiB while alive; undefined once exited. */
  peakRssMiB(): number | undefined;
}

const live = new Set<ChildProcess>();

export interface SpawnOptions {
  env: Record<string, string>;
  logFile: string;
  args?: string[];
}

/** Spawns any `pulse` subcommand as a long-running child (`workers` by default). */
export function spawnPulse(o: SpawnOptions): WorkerProcess {
  const fd = openSync(o.logFile, 'a');
  const child = spawn(process.execPath, [cli, ...(o.args ?? ['workers'])], {
    cwd: repoRoot,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  live.add(child);
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      gone = true;
      live.delete(child);
      resolve({ code, signal, at: Date.now() });
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn pulse ${(o.args ?? ['workers']).join(' ')}`);
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    pid,
    logFile: o.logFile,
    exited,
    alive: () => !gone,
    signal: signalGroup,
    async stop(sig, timeoutMs) {
      const t0 = Date.now();
      signalGroup(sig);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      const res = await Promise.race([exited, timer]);
      if (res === 'timeout') throw new Error(`pulse process ${pid} did not exit within ${timeoutMs} ms of ${sig}; log tail:\n${tail(o.logFile)}`);
      return res.at - t0;
    },
    log: () => (existsSync(o.logFile) ? readFileSync(o.logFile, 'utf8') : ''),
    peakRssMiB: () => peakRssMiB(pid),
  };
}

export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function tail(file: string, lines = 20): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n') : '(no log)';
}

/** SIGKILLs every process group spawned here that is still running. */
export async function killAllWorkers(): Promise<void> {
  const waits: Array<Promise<unknown>> = [];
  for (const child of live) {
    if (child.pid === undefined) continue;
    waits.push(new Promise((r) => child.once('exit', r)));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      live.delete(child);
    }
  }
  await Promise.race([Promise.all(waits), new Promise((r) => setTimeout(r, 5000).unref())]);
}
