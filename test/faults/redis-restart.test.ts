/**
 * Redis crashes mid-run (SIGKILL on a private redis-server with AOF, appendfsync always) and comes back on the same
 * dir: the AOF is replayed, queued and in-flight jobs survive, the workers reconnect by themselves, and the run
 * completes with every document searchable once. The shared Redis on 6379 is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRun, sleep, type FaultRun } from './fault-run.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';
import { expectCleanEnd } from './clean-end.js';
import type { QueueState } from './pipeline-tally.js';

let redis: PrivateRedis;
let run: FaultRun;

beforeAll(async () => {
  redis = await startPrivateRedis(16379);
  run = await startFaultRun({ name: 'redis-restart', site: { count: 2000 }, redisUrl: redis.url });
});

afterAll(async () => {
  await run?.cleanup();
  await redis?.destroy();
});

const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
const jobsKnown = (s: QueueState): number => total(s.crawl) + total(s.analyze) + total(s.index);

describe('Redis restarted mid-run', () => {
  it('keeps queued and in-flight work through an AOF replay', async () => {
    const worker = run.spawnWorkers('workers');
    await run.enqueueCrawl();
    run.mark('crawl enqueued, one worker process on the private Redis');
    await run.waitFor(
      'work queued and in flight',
      async () => {
        const s = await run.state();
        const n = await run.searchable();
        return n >= 100 && n <= 1200 && (s.analyze['waiting'] ?? 0) + (s.index['waiting'] ?? 0) > 0 && (s.analyze['active'] ?? 0) + (s.index['active'] ?? 0) > 0;
      },
      180_000,
    );
    await run.redis.set(`${run.config.queuePrefix}:sentinel`, 'written before the crash');
    const beforeCrash = await run.state();
    await redis.crash();
    run.mark(`redis SIGKILLed; known jobs before: ${jobsKnown(beforeCrash)} (analyze waiting ${beforeCrash.analyze['waiting']}, active ${beforeCrash.analyze['active']}; index waiting ${beforeCrash.index['waiting']}, active ${beforeCrash.index['active']})`);
    await sleep(3000);
    await redis.start();
    run.mark('redis restarted on the same dir');

    await run.waitFor('the test connection back', async () => (await run.redis.ping()) === 'PONG', 30_000);
    expect(await run.redis.get(`${run.config.queuePrefix}:sentinel`)).toBe('written before the crash');
    expect(await run.redis.info('persistence')).toMatch(/aof_enabled:1/);
    const afterRestart = await run.state();
    // Every job Redis had acknowledged is still there (jobs only move between states; completed ones are kept).
    expect(jobsKnown(afterRestart)).toBeGreaterThanOrEqual(jobsKnown(beforeCrash));
    run.mark(`known jobs after the AOF replay: ${jobsKnown(afterRestart)}`);

    await run.waitForCompletion(300_000);
    run.mark('pipeline idle, all documents searchable');
    await expectCleanEnd(run, 'redis-restart');
    expect(worker.alive(), 'the worker process survived the outage').toBe(true);
    await worker.stop('SIGTERM', 60_000);
  });
});
