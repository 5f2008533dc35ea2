/**
 * The two Redis connection profiles BullMQ needs: producers fail fast when Redis is away (so a CLI command reports
 * it instead of hanging); workers wait for Redis to return (`maxRetriesPerRequest: null`, required by BullMQ).
 */
import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import type { PulseConfig } from '../infra/config/config-fields.js';

function tlsOptions(config: PulseConfig): RedisOptions {
  if (!config.redisUrl.startsWith('rediss:')) return {};
  return { tls: config.redisTlsCaFile ? { ca: readFileSync(config.redisTlsCaFile) } : {} };
}

export function producerConnection(config: PulseConfig): Redis {
  // Never connected after a few tries: give up, so BullMQ's wait for 'ready' rejects instead of hanging a CLI
  // command forever. Once connected, reconnect as long as it takes (a worker's producer outlives a Redis restart).
  let connected = false;
  const retryStrategy = (times: number): number | null => (!connected && times > 3 ? null : Math.min(times * 200, 2000));
  const redis = new Redis(config.redisUrl, { ...tlsOptions(config), enableOfflineQueue: false, maxRetriesPerRequest: 2, connectTimeout: 5000, retryStrategy });
  redis.once('ready', () => void (connected = true));
  // Errors surface on the commands that fail; an unhandled 'error' event would only print ioredis noise.
  redis.on('error', () => undefined);
  return redis;
}

export function workerConnection(config: PulseConfig): Redis {
  const redis = new Redis(config.redisUrl, { ...tlsOptions(config), maxRetriesPerRequest: null, enableReadyCheck: true });
  redis.on('error', () => undefined);
  return redis;
}

/** Resolves when the connection is ready; a fail-fast producer cannot send commands before that. */
export async function connectionReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready after ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
