/**
 * Worker memory figures for bench:e2e: the goals per role (issue 14), the idle RSS of a freshly started worker per
 * role, and the table that puts measured peaks next to the goals. Reads /proc/<pid>/status (Linux): VmRSS is what a
 * process holds now, VmHWM the most it ever held.
 */
import { readFileSync } from 'node:fs';

/** A worker process's roles, as `--stages` takes them (e.g. "crawl,index"). */
export type Roles = string;

interface Goal {
  what: string;
  maxMiB: number;
  /** Which processes the goal is about. */
  applies(roles: Roles): boolean;
}

const roleSet = (roles: Roles): string[] => roles.split(',').map((r) => r.trim());
const only = (allowed: string[]) => (roles: Roles) => roleSet(roles).every((r) => allowed.includes(r));

/** Peak RSS in a bench:e2e run. A process serving analyze and crawl holds both and has no goal of its own. */
export const peakGoals: Goal[] = [
  { what: 'crawl/index worker, peak', maxMiB: 300, applies: only(['crawl', 'index']) },
  { what: 'analyze worker, peak', maxMiB: 400, applies: only(['analyze']) },
];

/** Idle: started, no job taken yet. */
export const idleGoals: Goal[] = [{ what: 'crawl-only worker, idle', maxMiB: 200, applies: only(['crawl']) }];

/** Roles whose idle RSS bench:e2e prints (the goal is on the first; the others say what each role adds). */
export const idleRoles: Roles[] = ['crawl', 'crawl,index', 'analyze', 'crawl,analyze,index,alerts'];

export interface MemoryStatus {
  rssMiB: number;
  hwmMiB: number;
}

export function memoryStatus(pid: number): MemoryStatus | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** utime + stime of a live process, in seconds (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const verdict = (goal: Goal, mib: number): string => `goal < ${goal.maxMiB} MiB: ${mib < goal.maxMiB ? 'met' : 'NOT met'}`;

/** One line per role: the highest peak over all rounds and set-ups, with the goal that applies to it. */
export function formatPeaks(peaks: Map<Roles, number[]>): string[] {
  const lines = ['  peak RSS (VmHWM) per role, MiB, highest over all set-ups and rounds:'];
  for (const [roles, values] of peaks) {
    const worst = Math.max(...values);
    const goal = peakGoals.find((g) => g.applies(roles));
    lines.push(`    ${roles.padEnd(28)} ${worst.toFixed(0).padStart(5)}  (${values.length} process run(s), lowest ${Math.min(...values).toFixed(0)})  ${goal ? `${goal.what}: ${verdict(goal, worst)}` : 'no goal (holds the analyzer and the crawl together)'}`);
  }
  return lines;
}

export function formatIdle(idle: Map<Roles, MemoryStatus>, settleMs: number): string[] {
  const lines = [`  idle worker RSS per role, MiB (started, no jobs, ${settleMs / 1000} s later): VmRSS now / VmHWM since start`];
  for (const [roles, m] of idle) {
    const goal = idleGoals.find((g) => g.applies(roles));
    lines.push(`    ${roles.padEnd(28)} ${m.rssMiB.toFixed(0).padStart(5)} / ${m.hwmMiB.toFixed(0).padStart(4)}  ${goal ? `${goal.what}: ${verdict(goal, Math.max(m.rssMiB, m.hwmMiB))} (on VmHWM)` : ''}`);
  }
  return lines;
}
