/**
 * Redis implementation of analysis' ClusterStore: one Lua script per assignment, so workers racing on copies of one
 * ad end in one cluster, and a re-run of a docId returns its first answer. Takes a connected ioredis client; never
 * creates or closes connections itself.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ClusterStore, MinHashSignature } from '../../analysis/microbiz/index.js';
import { ServiceError } from '../errors.js';

export interface RedisClusterStoreOptions {
  /** Connected client (a producer or worker connection). */
  redis: Redis;
  /** Key prefix, e.g. config.queuePrefix; all keys share one hash slot: `{<prefix>:clusters}:…`. */
  prefix: string;
  /**
   * Lifetime of doc and band keys in seconds, renewed whenever a band is matched, so a live wave keeps its cluster
   * and old ones free their memory (≈ 21 keys per document). 0 = never expire.
   * @default 2_592_000 (30 days)
   */
  ttlSeconds?: number;
}

/*
 * Input:  KEYS[1] = doc key; KEYS[2..n] = band keys. ARGV[1] = docId (the cluster id if it founds one), ARGV[2] = ttl s.
 * Output: the cluster id (string).
 * Doc key set → return it unchanged. Else cluster = smallest id among claimed bands, or ARGV[1]; store it on the doc
 * key, claim unclaimed bands (SET NX) and refresh the TTL of matched ones.
 */
const ASSIGN_SCRIPT = `
local ttl = tonumber(ARGV[2])
local known = redis.call('GET', KEYS[1])
if known then return known end
local cluster = false
for i = 2, #KEYS do
  local owner = redis.call('GET', KEYS[i])
  if owner and (not cluster or owner < cluster) then cluster = owner end
end
if not cluster then cluster = ARGV[1] end
if ttl > 0 then redis.call('SET', KEYS[1], cluster, 'EX', ttl) else redis.call('SET', KEYS[1], cluster) end
for i = 2, #KEYS do
  if ttl > 0 then
    if not redis.call('SET', KEYS[i], cluster, 'NX', 'EX', ttl) then redis.call('EXPIRE', KEYS[i], ttl) end
  else
    redis.call('SET', KEYS[i], cluster, 'NX')
  end
end
return cluster
`;
const ASSIGN_SHA = createHash('sha1').update(ASSIGN_SCRIPT).digest('hex');

export class RedisClusterStore implements ClusterStore {
  private readonly redis: Redis;
  private readonly slot: string;
  private readonly ttl: number;

  constructor(options: RedisClusterStoreOptions) {
    this.redis = options.redis;
    this.slot = `{${options.prefix}:clusters}`;
    this.ttl = options.ttlSeconds ?? 2_592_000;
  }

  async assign(docId: string, _signature: MinHashSignature, bands: readonly string[]): Promise<string> {
    const keys = [`${this.slot}:doc:${docId}`, ...bands.map((b) => `${this.slot}:band:${b}`)];
    const args = [docId, String(this.ttl)];
    try {
      const result = await this.run(keys, args);
      return String(result);
    } catch (err) {
      throw new ServiceError('REDIS_UNAVAILABLE', `cluster assignment failed for ${docId}: ${(err as Error).message}`, { docId }, { cause: err });
    }
  }

  /** EVALSHA first (the script is sent once per Redis restart), EVAL when Redis does not know it yet. */
  private async run(keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(ASSIGN_SHA, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.redis.eval(ASSIGN_SCRIPT, keys.length, ...keys, ...args);
    }
  }

  /** Deletes every key of this store (tests and `--reset` runs); SCAN-based, never KEYS. */
  async clear(): Promise<number> {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.slot}:*`, 'COUNT', 500);
      cursor = next;
      if (found.length > 0) deleted += await this.redis.del(...found);
    } while (cursor !== '0');
    return deleted;
  }
}
