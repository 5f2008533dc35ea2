/**
 * Where `pulse export` and `pulse report` write, so that a failed write never looks like success. A regular file is
 * written to a temporary file beside it (`.<name>.<pid>-<random>.part`) and renamed over the target only once every
 * byte was written; on any failure the temporary file is removed and an existing target is left as it was. Devices,
 * pipes and `-` (stdout) cannot be renamed over, so they are written in place. An interrupt (SIGINT, SIGTERM,
 * SIGHUP) removes the temporary file before the process ends. Every file-system failure becomes one
 * ExportWriteError naming the target and the cause (ENOSPC, EISDIR, EACCES…).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The target (and writer path) that means stdout, fd 1 (csv, jsonl, report). */
export const STDOUT_TARGET = '-';

const causes: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'a part of the path does not exist',
  EPIPE: 'the reader closed the pipe',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EEXIST: 'a part of the path exists and is not a directory',
};

export class ExportWriteError extends Error {
  readonly code = 'EXPORT_WRITE_FAILED';
  readonly retryable = false;
  readonly context: Readonly<{ path: string; cause: string }>;

  /** `kept`: an existing file left as it was; `none`: no file written; `partial`: a device or pipe got part of it. */
  constructor(target: string, error: unknown, outcome: 'kept' | 'none' | 'partial') {
    const code = systemErrorCode(error) ?? 'UNKNOWN';
    const why = causes[code] ?? (error as Error)?.message ?? String(error);
    const shown = target === STDOUT_TARGET ? 'stdout' : target;
    const aftermath = { kept: `${shown} was left as it was`, none: 'no file was written', partial: 'what was written is incomplete' }[outcome];
    super(`cannot write ${shown}: ${why} (${code}); ${aftermath}`, { cause: error });
    this.name = 'ExportWriteError';
    this.context = { path: shown, cause: code };
  }
}

/** File-system calls: a network error (ECONNREFUSED from `connect`) is not a write failure even if one leaks through. */
const fileSyscalls = new Set(['open', 'write', 'writev', 'close', 'rename', 'mkdir', 'stat', 'lstat', 'fstat', 'realpath', 'fsync', 'unlink', 'rmdir', 'ftruncate']);

/** "ENOSPC" for a Node file-system error, undefined for anything else (an Elasticsearch error…). */
export function systemErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; syscall?: unknown } | null;
  return e && typeof e.code === 'string' && /^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === 'string' && fileSyscalls.has(e.syscall) ? e.code : undefined;
}

interface OutputPlan {
  /** What the format writer opens. */
  path: string;
  /** Set when `path` is a temporary file to rename over the target. */
  rename?: string;
  /** What a failure leaves at the target. */
  onFailure: 'kept' | 'none' | 'partial';
}

async function plan(target: string): Promise<OutputPlan> {
  // Not /dev/stdout: opening it fails (ENXIO) when stdout is a socket, as under execFile.
  if (target === STDOUT_TARGET) return { path: STDOUT_TARGET, onFailure: 'partial' };
  // Write beside the file a symlink points to, so the rename replaces that file rather than the link.
  const real = await realpath(target).catch(() => target);
  const found = await stat(real).catch((error: unknown) => (systemErrorCode(error) === 'ENOENT' ? undefined : Promise.reject(error)));
  if (found?.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR', syscall: 'open' });
  if (found && !found.isFile()) return { path: real, onFailure: 'partial' };
  await mkdir(dirname(real), { recursive: true });
  const temp = join(dirname(real), `.${basename(real)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  return { path: temp, rename: real, onFailure: found ? 'kept' : 'none' };
}

/**
 * Runs `write(path)` against the file it should write, then makes the result visible at `target` in one rename.
 * On failure nothing is left behind and the target is untouched; file-system errors become ExportWriteError, other
 * errors (Elasticsearch down, a bad filter) pass through unchanged.
 */
export async function writeOutput<T>(target: string, write: (path: string) => Promise<T>): Promise<T> {
  let planned: OutputPlan | undefined;
  let unwatch = (): void => undefined;
  try {
    planned = await plan(target);
    if (planned.rename) unwatch = removeOnInterrupt(planned.path);
    const result = await write(planned.path);
    if (planned.rename) await rename(planned.path, planned.rename);
    return result;
  } catch (error) {
    if (planned?.rename) await rm(planned.path, { force: true }).catch(() => undefined);
    if (systemErrorCode(error) === undefined) throw error;
    throw new ExportWriteError(target, error, planned?.onFailure ?? 'none');
  } finally {
    unwatch();
  }
}

/**
 * Ctrl-C or a SIGTERM during a long export would otherwise leave the `.part` file behind: remove it, then let the
 * signal end the process as it would have (the handler is gone by then, so the default action applies).
 */
function removeOnInterrupt(temp: string): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const handler = (signal: NodeJS.Signals): void => {
    unwatch();
    rmSync(temp, { force: true });
    // Others listening (a worker's shutdown) decide themselves; alone, end the process as the signal would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const unwatch = (): void => {
    for (const s of signals) process.off(s, handler);
  };
  for (const s of signals) process.on(s, handler);
  return unwatch;
}
