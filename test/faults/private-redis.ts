/**
 * A private redis-server for the Redis-restart scenario (the shared one on 6379 is never restarted): its own port
 * and dir, AOF with fsync on every write, noeviction. `crash()` SIGKILLs it, so only what the AOF holds survives;
 * `start()` brings it back on the same dir, replaying the AOF.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pingRedis } from '../../infra/services/redis-server.js';
import { isAlive, readPid, waitFor } from '../../infra/services/service-state.js';
import { run } from '../../infra/services/system-tools.js';

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown save, no goodbye; the AOF is all that is left. */
  crash(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivateRedis(port: number, extraArgs: string[] = []): Promise<PrivateRedis> {
  const url = `redis://127.0.0.1:${port}`;
  if (await pingRedis(url)) throw new Error(`something already answers at ${url}: pick another port for the private Redis`);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-redis-private-'));
  chmodSync(dir, 0o755);
  const pidFile = join(dir, 'redis.pid');
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const pid = readPid(pidFile);
    if (pid === undefined || !isAlive(pid)) return;
    process.kill(pid, signal);
    if (!(await waitFor(async () => !isAlive(pid), 20_000, 100))) throw new Error(`private redis ${pid} still alive after ${signal}`);
  };
  const redis: PrivateRedis = {
    url,
    port,
    dir,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '',
        '--maxmemory-policy', 'noeviction', '--daemonize', 'yes', '--pidfile', pidFile, '--logfile', join(dir, 'redis.log'), ...extraArgs];
      const r = run('redis-server', args);
      if (r.status !== 0) throw new Error(`redis-server failed: ${r.stderr || r.stdout}`);
      const probeUrl = extraArgs.includes('--requirepass') ? url.replace('redis://', `redis://:${extraArgs[extraArgs.indexOf('--requirepass') + 1]}@`) : url;
      if (!(await waitFor(() => pingRedis(probeUrl), 20_000, 100))) throw new Error(`private redis on ${port} did not answer within 20 s`);
    },
    crash: () => kill('SIGKILL'),
    async destroy() {
      await kill('SIGKILL').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
