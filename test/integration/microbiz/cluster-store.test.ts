import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import nodejieba from 'nodejieba';
import { bands, redactContacts, signature } from '../../../analysis/microbiz/index.js';
import { RedisClusterStore } from '../../../infra/redis/cluster-store.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { adWave, distinctPosts } from '../../unit/analysis/microbiz/wave-fixtures.js';

const ns = testNamespace('microbiz-clusters');
const prep = (text: string) => {
  const sig = signature(nodejieba.cut(redactContacts(text).text));
  return { sig, bands: bands(sig) };
};

// Two connections stand for two analyze workers.
let redisA: Redis;
let redisB: Redis;
let storeA: RedisClusterStore;
let storeB: RedisClusterStore;

beforeAll(() => {
  redisA = new Redis(ns.config.redisUrl);
  redisB = new Redis(ns.config.redisUrl);
  storeA = new RedisClusterStore({ redis: redisA, prefix: ns.id, ttlSeconds: 600 });
  storeB = new RedisClusterStore({ redis: redisB, prefix: ns.id, ttlSeconds: 600 });
});
afterEach(async () => {
  await storeA.clear();
});
afterAll(async () => {
  await storeA.clear();
  redisA.disconnect();
  redisB.disconnect();
});

describe('RedisClusterStore (real Redis)', () => {
  it('collapses an ad wave: the first post founds the cluster, copies handled by two workers join it', async () => {
    const first = prep(adWave[0] as string);
    expect(await storeA.assign('wave-0', first.sig, first.bands)).toBe('wave-0');
    const ids = await Promise.all(
      adWave.slice(1).map((text, i) => {
        const p = prep(text);
        return (i % 2 === 0 ? storeA : storeB).assign(`wave-${i + 1}`, p.sig, p.bands);
      }),
    );
    expect(new Set(ids)).toEqual(new Set(['wave-0']));
  });

  it('ends two workers racing on copies of one ad in a single cluster', async () => {
    // Each account pastes the same ad with its own contact; redaction makes the texts identical.
    const copies = Array.from({ length: 40 }, (_v, i) => `${adWave[0] as string}`.replace('meimei_888', `shop_${1000 + i}x`));
    const prepared = copies.map(prep);
    const ids = await Promise.all(prepared.map((p, i) => (i % 2 === 0 ? storeA : storeB).assign(`race-${i}`, p.sig, p.bands)));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^race-\d+$/);
  });

  it('keeps distinct posts apart', async () => {
    const ids: string[] = [];
    for (const [i, text] of distinctPosts.entries()) {
      const p = prep(text);
      ids.push(await storeB.assign(`d-${i}`, p.sig, p.bands));
    }
    expect(ids).toEqual(distinctPosts.map((_t, i) => `d-${i}`));
  });

  it('returns the first answer when a docId is assigned again, from either worker', async () => {
    const a = prep(adWave[0] as string);
    const b = prep(adWave[1] as string);
    const other = prep(distinctPosts[0] as string);
    expect(await storeA.assign('re-a', a.sig, a.bands)).toBe('re-a');
    expect(await storeB.assign('re-b', b.sig, b.bands)).toBe('re-a');
    expect(await storeA.assign('re-b', other.sig, other.bands)).toBe('re-a');
    expect(await storeB.assign('re-a', a.sig, a.bands)).toBe('re-a');
    const [again] = await Promise.all([storeA.assign('re-b', b.sig, b.bands), storeB.assign('re-b', b.sig, b.bands)]);
    expect(again).toBe('re-a');
  });

  it('keeps keys inside its namespace with a TTL, and clear() removes them', async () => {
    const a = prep(adWave[0] as string);
    await storeA.assign('ttl-a', a.sig, a.bands);
    const keys = await redisA.keys(`{${ns.id}:clusters}:*`);
    expect(keys).toHaveLength(1 + a.bands.length);
    const ttl = await redisA.ttl(keys[0] as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    expect(await storeA.clear()).toBe(keys.length);
    expect(await redisA.keys(`{${ns.id}:clusters}:*`)).toEqual([]);
  });

  it('reports an unreachable Redis as a retryable REDIS_UNAVAILABLE error naming the docId', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const store = new RedisClusterStore({ redis: dead, prefix: ns.id });
    const a = prep(adWave[0] as string);
    await expect(store.assign('dead-1', a.sig, a.bands)).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE', retryable: true, context: { docId: 'dead-1' } });
    dead.disconnect();
  });
});
