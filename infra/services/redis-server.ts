/**
 * The local Redis: Debian's redis-server with infra/redis/redis.conf (127.0.0.1, AOF on, noeviction), data under
 * <stateDir>/redis. A Redis already answering at the configured URL is used as it is and never started twice.
 */
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { ServiceError } from '../errors.js';
import { redactUrl } from '../config/load-config.js';
import { isLoopbackUrl, waitFor, type ServiceState } from './service-state.js';
import { requireTool, run, lastLine } from './system-tools.js';

const confFile = fileURLToPath(new URL('../redis/redis.conf', import.meta.url));

export type RedisProbe = 'ok' | 'unauthorized' | 'unreachable';

/** PINGs Redis; a rediss:// URL is checked over TLS (with the given CA bundle, if any). NOAUTH/WRONGPASS are told apart. */
export async function probeRedis(url: string, options: { tlsCaFile?: string } = {}): Promise<RedisProbe> {
  const tls = url.startsWith('rediss:') ? { tls: options.tlsCaFile ? { ca: readFileSync(options.tlsCaFile) } : {} } : {};
  const redis = new Redis(url, { ...tls, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 2000 });
  // An auth failure arrives as an 'error' event; the rejected call then only says "Connection is closed".
  let lastError = '';
  redis.on('error', (e: Error) => void (lastError = e.message));
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG' ? 'ok' : 'unreachable';
  } catch (error) {
    return /NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(`${lastError} ${(error as Error).message}`) ? 'unauthorized' : 'unreachable';
  } finally {
    redis.disconnect();
  }
}

/** true when Redis answers PING (see probeRedis). */
export async function pingRedis(url: string, options: { tlsCaFile?: string } = {}): Promise<boolean> {
  return (await probeRedis(url, options)) === 'ok';
}

export async function startRedis(url: string, stateDir: string, log: (msg: string) => void): Promise<ServiceState> {
  if (await pingRedis(url)) return { name: 'redis', url: redactUrl(url), running: true, startedByUs: false };
  if (!isLoopbackUrl(url)) {
    throw new ServiceError('REDIS_UNAVAILABLE', `Redis is not answering at ${redactUrl(url)} (not a local address, so Pulse will not start it): check REDIS_URL`);
  }
  const bin = requireTool('redis-server', 'redis-server', log);
  const dir = join(stateDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = new URL(url).port || '6379';
  const pidFile = join(dir, 'redis.pid');
  const logFile = join(dir, 'redis.log');
  log(`starting redis-server on 127.0.0.1:${port} (data in ${dir})…`);
  const r = run(bin, [confFile, '--port', port, '--dir', dir, '--pidfile', pidFile, '--logfile', logFile, '--appendfilename', 'appendonly.aof']);
  if (r.status !== 0) throw new ServiceError('SERVICE_START_FAILED', `redis-server failed to start: ${lastLine(r.stderr || r.stdout)}`);
  const up = await waitFor(() => pingRedis(url), 20_000);
  if (!up) {
    const tail = existsSync(logFile) ? lastLine(readFileSync(logFile, 'utf8')) : '';
    throw new ServiceError('SERVICE_START_FAILED', `redis-server did not answer on port ${port} within 20 s (log ${logFile}: ${tail})`);
  }
  return { name: 'redis', url: redactUrl(url), running: true, startedByUs: true, pidFile };
}
