/**
 * Small wrappers over the host's tools (which, apt-get, id): the local-service scripts need them to explain what is
 * missing and, when run as root on Debian, to install it.
 */
import { spawnSync } from 'node:child_process';
import { ServiceError } from '../errors.js';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: options.env, timeout: options.timeoutMs ?? 600_000 });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error?.message ?? '') };
}

export function which(cmd: string): string | undefined {
  const r = run('sh', ['-c', `command -v ${cmd}`]);
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * Makes sure `cmd` exists, installing the Debian package when we are root and apt-get is there.
 * Otherwise fails in one line that says what to install.
 */
export function requireTool(cmd: string, debPackage: string, log: (msg: string) => void): string {
  const found = which(cmd);
  if (found) return found;
  if (isRoot() && which('apt-get')) {
    log(`installing ${debPackage} with apt-get (${cmd} is missing)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = run('apt-get', ['install', '-y', '-q', debPackage], { env });
    if (r.status !== 0) {
      run('apt-get', ['update', '-q'], { env });
      r = run('apt-get', ['install', '-y', '-q', debPackage], { env });
    }
    const installed = which(cmd);
    if (installed) return installed;
    throw new ServiceError('TOOL_MISSING', `${cmd} is missing and \`apt-get install -y ${debPackage}\` failed: ${lastLine(r.stderr)}`);
  }
  throw new ServiceError('TOOL_MISSING', `${cmd} is missing: install it (Debian/Ubuntu: \`sudo apt-get install -y ${debPackage}\`) or use Docker (\`docker compose up -d\`)`);
}

export const lastLine = (text: string): string => text.trim().split('\n').filter(Boolean).pop() ?? '';
