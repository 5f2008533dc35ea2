/**
 * globalSetup of the integration and e2e projects: the real Redis and Elasticsearch must answer. It never starts
 * them (`npm test` runs `pulse services up` first); when they are missing it fails in one line naming the fix.
 */
import { Redis } from 'ioredis';
import { testConfig } from '../helpers/test-config.js';

export default async function requireServices(): Promise<void> {
  const config = testConfig();
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new Error(`Redis is not answering at ${config.redisUrl}: run \`node workers/cli/pulse.mjs services up\` (or \`npm test\`, which does)`);
  } finally {
    redis.disconnect();
  }
  const res = await fetch(`${config.elasticsearchUrl}/_cluster/health`).catch(() => undefined);
  if (!res?.ok) {
    throw new Error(`Elasticsearch is not answering at ${config.elasticsearchUrl}: run \`node workers/cli/pulse.mjs services up\` (or \`npm test\`, which does)`);
  }
}
