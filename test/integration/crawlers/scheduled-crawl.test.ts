/**
 * The whole scheduled path on the real Redis: a job scheduler from the demo source fires crawl jobs every 2 s, a
 * BullMQ worker runs them with the crawl processor, documents land on the analyze queue. The first run enqueues
 * every on-topic article; the second scheduled run over the unchanged site enqueues zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadSources, type CrawlSummary } from '../../../crawlers/index.js';
import { createQueues, type PulseQueues } from '../../../workers/queues.js';
import { producerConnection, workerConnection } from '../../../workers/redis-connection.js';
import { crawlProcessor } from '../../../workers/processors/crawl.processor.js';
import { syncSchedules } from '../../../workers/schedules.js';
import { stages } from '../../../workers/pipeline.js';
import { createLogger } from '../../../infra/logger.js';
import { demoArticles } from '../../../infra/demo-site/demo-articles.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { testConfig } from '../../helpers/test-config.js';

const ns = testNamespace('scheduled-crawl');
const config = testConfig({ queuePrefix: ns.config.queuePrefix, crawlAllowPrivate: '127.0.0.1' });
const sourcesFile = 'infra/demo-site/demo.sources.yaml';
let site: ServedSite;
let redis: Redis;
let workerRedis: Redis;
let queues: PulseQueues;
let worker: Worker | undefined;
let events: QueueEvents | undefined;
let eventsRedis: Redis | undefined;

beforeAll(async () => {
  site = await serveFixtureSite('demo');
  redis = producerConnection(config);
  workerRedis = workerConnection(config);
  queues = createQueues(config, redis);
});

afterAll(async () => {
  await worker?.close();
  await events?.close();
  eventsRedis?.disconnect();
  await queues.crawl.removeJobScheduler('crawl-demo-weishang').catch(() => undefined);
  for (const q of [queues.crawl, queues.analyze, queues.index, queues.dead]) await q.obliterate({ force: true });
  const keys = await redis.keys(`${config.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await queues.close();
  redis.disconnect();
  workerRedis.disconnect();
  await site.close();
});

describe('scheduled crawl of the demo source', () => {
  it('enqueues every on-topic article once, and nothing on the next scheduled run', async () => {
    const sources = loadSources(sourcesFile, { baseUrl: site.baseUrl }).map((s) => ({ ...s, schedule: '*/2 * * * * *' }));
    eventsRedis = workerConnection(config);
    events = new QueueEvents(stages.crawl.queue, { connection: eventsRedis, prefix: config.queuePrefix });
    await events.waitUntilReady();
    const summaries: CrawlSummary[] = [];
    const analyzeCounts: number[] = [];
    const twoRuns = new Promise<void>((resolve, reject) => {
      events?.on('completed', async ({ returnvalue }) => {
        summaries.push(returnvalue as unknown as CrawlSummary);
        analyzeCounts.push(await queues.analyze.getJobCountByTypes('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'));
        if (summaries.length === 2) resolve();
      });
      events?.on('failed', ({ failedReason }) => reject(new Error(failedReason)));
    });
    const log = createLogger({ level: 'silent' });
    worker = new Worker(stages.crawl.queue, crawlProcessor({ config, queues, redis, log }), { connection: workerRedis, prefix: config.queuePrefix, concurrency: 1 });

    expect(await syncSchedules(queues.crawl, sources, { sourcesFile, baseUrl: site.baseUrl })).toMatchObject({ created: ['demo-weishang'] });
    await twoRuns;
    await queues.crawl.removeJobScheduler('crawl-demo-weishang');

    const onTopic = demoArticles.filter((a) => a.kind !== 'offtopic').length;
    expect(summaries.map((s) => s.documentsEmitted)).toEqual([onTopic, 0]);
    expect(analyzeCounts).toEqual([onTopic, onTopic]);
    expect(summaries[1]?.skipped.seen).toBe(demoArticles.length);
  }, 60_000);
});
