/**
 * For CLI commands that talk to the queues once and exit: checks Redis answers (one-line error otherwise), opens a
 * fail-fast connection and the queues, runs `fn`, and always closes both.
 */
import type { Redis } from 'ioredis';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import { requireRedis } from '../../infra/services/require-services.js';
import { createQueues, type PulseQueues } from '../queues.js';
import { producerConnection } from '../redis-connection.js';

export async function withQueues<T>(config: PulseConfig, fn: (queues: PulseQueues, redis: Redis) => Promise<T>): Promise<T> {
  await requireRedis(config);
  const redis = producerConnection(config);
  const queues = createQueues(config, redis);
  try {
    return await fn(queues, redis);
  } finally {
    await queues.close();
    redis.disconnect();
  }
}
