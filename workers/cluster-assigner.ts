/**
 * Gives each analyzed document its copy-paste-wave cluster: MinHash bands over its tokens, matched against every
 * earlier document in Redis (shared by all workers, atomic per assignment, idempotent per docId).
 */
import type { Redis } from 'ioredis';
import { bands, signature } from '../analysis/microbiz/index.js';
import type { AnalyzedDocument } from '../analysis/analyzed-document.js';
import { RedisClusterStore } from '../infra/redis/cluster-store.js';

export function createClusterAssigner(redis: Redis, prefix: string): (doc: AnalyzedDocument) => Promise<string> {
  const store = new RedisClusterStore({ redis, prefix });
  return (doc) => {
    const sig = signature(doc.tokens);
    return store.assign(doc.docId, sig, bands(sig));
  };
}
