/**
 * Per-host spacing shared across crawl runs through the real Redis: the booking script's arithmetic (Redis clock,
 * horizon, the larger of two intervals, expiry), two crawl workers (each with its own Redis connections, as on two
 * machines) crawling two sources on one loopback host — every gap between consecutive requests at the server is at
 * least the interval — next to the same two runs with in-process schedules, which overlap; and a Redis that is down
 * stops the run with a typed, retryable error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { crawlSource, loadSources, MemorySeenSet, type CrawlSummary, type SourceConfig } from '../../../crawlers/index.js';
import { RedisHostSlots, hostSlotKey } from '../../../infra/redis/host-slots-store.js';
import { createQueues, type PulseQueues } from '../../../workers/queues.js';
import { connectionReady, producerConnection, workerConnection } from '../../../workers/redis-connection.js';
import { crawlProcessor } from '../../../workers/processors/crawl.processor.js';
import { stages } from '../../../workers/pipeline.js';
import { createLogger } from '../../../infra/logger.js';
import { serveStaticSite, type ServedSite } from '../../../infra/demo-site/serve-demo-site.js';
import { fixtureSitesDir } from '../../helpers/fixture-server.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { testConfig } from '../../helpers/test-config.js';

const ns = testNamespace('host-slots');
const config = testConfig({ queuePrefix: ns.config.queuePrefix, crawlAllowPrivate: '127.0.0.1' });
const intervalMs = 250; // maxRequestsPerMinute 240
/** Arrival times at the server jitter by timer and socket scheduling; a booking itself is exact. */
const toleranceMs = 50;
const threads = 5;

interface Hit {
  path: string;
  at: number;
}
const hits: Hit[] = [];
let site: ServedSite;
let dir: string;
let sourcesFile: string;
const connections: Redis[] = [];
let redis: Redis;
let queues: PulseQueues;

const html = (res: ServerResponse, body: string): true => (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${body}</body></html>`), true);

beforeAll(async () => {
  site = await serveStaticSite(`${fixtureSitesDir}edge-cases`, {
    handlers: [
      (_req, res, url) => {
        if (url.pathname === '/robots.txt') return (res.writeHead(404).end(), true);
        hits.push({ path: url.pathname, at: performance.now() });
        const list = /^\/(a|b)\/list$/.exec(url.pathname);
        if (list) return html(res, Array.from({ length: threads }, (_, i) => `<a class="t" href="/${list[1]}/t/${i}">帖子</a>`).join(''));
        const t = /^\/(a|b)\/t\/(\d+)$/.exec(url.pathname);
        if (t) return html(res, `<h1>微商帖子 ${t[1]}${t[2]}</h1><div class="c">囤货的烦恼 ${t[1]}${t[2]}</div>`);
        return false;
      },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'pulse-host-slots-'));
  sourcesFile = join(dir, 'sources.yaml');
  const source = (id: string, path: string): string =>
    `  - id: ${id}\n    type: html\n    schedule: "0 0 * * *"\n    topics: [微商]\n    startUrls: ["{{baseUrl}}/${path}/list"]\n` +
    `    list: { itemLink: a.t }\n    detail: { title: h1, body: .c }\n    politeness: { maxRequestsPerMinute: ${60_000 / intervalMs}, maxConcurrency: 3 }\n`;
  writeFileSync(sourcesFile, `sources:\n${source('forum-a', 'a')}${source('forum-b', 'b')}`);
  redis = producerConnection(config);
  connections.push(redis);
  queues = createQueues(config, redis);
  await connectionReady(redis);
});

afterAll(async () => {
  for (const q of [queues.crawl, queues.analyze, queues.index, queues.dead]) await q.obliterate({ force: true });
  const keys = await redis.keys(`${config.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await queues.close();
  for (const c of connections) c.disconnect();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

const gaps = (list: Hit[]): number[] => {
  const sorted = [...list].sort((x, y) => x.at - y.at);
  return sorted.slice(1).map((h, i) => h.at - (sorted[i] as Hit).at);
};

describe('the booking script on the real Redis', () => {
  it('books an interval apart by Redis time, refuses past the horizon, keeps the larger interval, and expires', async () => {
    const slots = new RedisHostSlots(redis, config.queuePrefix, { lingerMs: 5000 });
    const host = 'arith.test:80';
    const first = await slots.reserve(host, 1000, Infinity);
    const second = await slots.reserve(host, 1000, Infinity);
    expect(first).toEqual({ booked: true, waitMs: 0 });
    // The two calls are a few ms apart on Redis's clock; the second slot is 1000 ms after the first.
    expect(second.booked).toBe(true);
    expect(second.waitMs).toBeGreaterThan(950);
    expect(second.waitMs).toBeLessThanOrEqual(1000);
    const refused = await slots.reserve(host, 1000, 1500);
    expect(refused.booked).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(1900);
    // Refusal booked nothing: the next slot is still the third.
    const third = await slots.reserve(host, 100, Infinity);
    expect(third.waitMs).toBeGreaterThan(1900);
    expect(third.waitMs).toBeLessThanOrEqual(2000);
    const { at, interval } = (await redis.hgetall(hostSlotKey(config.queuePrefix, host))) as { at: string; interval: string };
    expect(Number(interval)).toBe(100);
    // A stricter neighbour keeps its spacing: the slot after a 100 ms booking asked with 700 ms is 700 ms later.
    const fourth = await slots.reserve(host, 700, Infinity);
    expect(fourth.waitMs - third.waitMs).toBeGreaterThanOrEqual(690);
    expect(fourth.waitMs - third.waitMs).toBeLessThanOrEqual(700);
    expect(Number(at)).toBeGreaterThan(1.7e12);
    // Expires after its last slot plus max(interval, linger): never held forever.
    const ttl = await redis.pttl(hostSlotKey(config.queuePrefix, host));
    expect(ttl).toBeGreaterThan(fourth.waitMs + 4000);
    expect(ttl).toBeLessThanOrEqual(fourth.waitMs + 5000);
  });

  it('gives 20 concurrent bookings from two connections 20 distinct slots one interval apart', async () => {
    const other = producerConnection(config);
    connections.push(other);
    await connectionReady(other);
    const a = new RedisHostSlots(redis, config.queuePrefix);
    const b = new RedisHostSlots(other, config.queuePrefix);
    const bookings = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reserve('race.test:80', 100, Infinity)));
    const waits = bookings.map((x) => x.waitMs).sort((x, y) => x - y);
    expect(bookings.every((x) => x.booked)).toBe(true);
    expect(waits[0]).toBe(0);
    // Slot k is at first + 100k; waits are measured at different instants, so allow the calls' own spread.
    for (let k = 1; k < 20; k++) expect((waits[k] as number) - (waits[k - 1] as number)).toBeGreaterThan(100 - 20);
    expect(waits[19]).toBeGreaterThan(1900 - 20);
    expect(waits[19]).toBeLessThanOrEqual(1900);
  });
});

describe('two crawl runs on one host', () => {
  // Runs first on purpose: it also warms this process. The first request of a fresh process leaves ~0.15 s after its
  // slot (crawlee loads its HTTP client, got-scraping, on first use), which shortens the gap after it once per process.
  it('with in-process schedules (the default) the same two runs overlap on the host: each keeps only its own spacing', async () => {
    const sources = loadSources(sourcesFile, { baseUrl: site.baseUrl }) as SourceConfig[];
    hits.length = 0;
    const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'] };
    const runs = await Promise.all(sources.map((s) => crawlSource(s, options, { seenSet: new MemorySeenSet(), sink: async () => undefined })));
    expect(runs.map((r) => r.documentsEmitted)).toEqual([threads, threads]);
    // Each run alone still spaces its own requests (unchanged behaviour; its first request, which carries the start-up
    // above, left out as in politeness-crawl.test.ts)...
    for (const p of ['/a/', '/b/']) expect(Math.min(...gaps(hits.filter((h) => h.path.startsWith(p)).slice(1)))).toBeGreaterThanOrEqual(intervalMs - toleranceMs);
    // ...but together they hit the host closer than the interval: what the shared schedule prevents.
    const min = Math.min(...gaps(hits));
    console.log(`in-process schedules: min gap across both runs ${min.toFixed(1)} ms (interval ${intervalMs} ms)`);
    expect(min).toBeLessThan(intervalMs / 2);
  });

  it('two crawl workers (own Redis connections each) share one spacing for the host', async () => {
    const log = createLogger({ level: 'silent' });
    const summaries: CrawlSummary[] = [];
    const workers: Worker[] = [];
    const done = new Promise<void>((resolve, reject) => {
      for (let i = 0; i < 2; i++) {
        const producer = producerConnection(config);
        const consumer = workerConnection(config);
        connections.push(producer, consumer);
        const worker = new Worker(stages.crawl.queue, crawlProcessor({ config, queues, redis: producer, log }), { connection: consumer, prefix: config.queuePrefix, concurrency: 1 });
        worker.on('completed', (_job: Job, summary: CrawlSummary) => {
          summaries.push(summary);
          if (summaries.length === 2) resolve();
        });
        worker.on('failed', (_job, err) => reject(err));
        workers.push(worker);
      }
    });
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    hits.length = 0;
    await queues.crawl.addBulk(['forum-a', 'forum-b'].map((sourceId) => ({ name: stages.crawl.queue, data: { sourceId, sourcesFile, baseUrl: site.baseUrl } })));
    await done;
    await Promise.all(workers.map((w) => w.close()));

    expect(summaries.map((s) => [s.sourceId, s.documentsEmitted, s.errors.length]).sort()).toEqual([
      ['forum-a', threads, 0],
      ['forum-b', threads, 0],
    ]);
    expect(hits).toHaveLength(2 * (threads + 1));
    // Both runs really overlapped in time (else spacing would be trivial).
    const lastOf = (p: string): number => Math.max(...hits.filter((h) => h.path.startsWith(p)).map((h) => h.at));
    const firstOf = (p: string): number => Math.min(...hits.filter((h) => h.path.startsWith(p)).map((h) => h.at));
    expect(firstOf('/b/')).toBeLessThan(lastOf('/a/'));
    expect(firstOf('/a/')).toBeLessThan(lastOf('/b/'));
    const g = gaps(hits);
    const min = Math.min(...g);
    console.log(`shared schedule: ${hits.length} requests, min gap ${min.toFixed(1)} ms, median ${[...g].sort((x, y) => x - y)[g.length >> 1]?.toFixed(1)} ms (interval ${intervalMs} ms)`);
    expect(min).toBeGreaterThanOrEqual(intervalMs - toleranceMs);
    const span = Math.max(...hits.map((h) => h.at)) - Math.min(...hits.map((h) => h.at));
    expect(span).toBeGreaterThanOrEqual((hits.length - 1) * intervalMs - toleranceMs);
  });

  it('a host booked past the wait budget by another run gives HOST_BUSY (retried, then reported) without a request', async () => {
    const [source] = loadSources(sourcesFile, { baseUrl: site.baseUrl }) as SourceConfig[];
    const slots = new RedisHostSlots(redis, config.queuePrefix);
    // "Another run" holds the host with a one-minute spacing: the next free slot is ~60 s away.
    await slots.reserve(new URL(site.baseUrl).host, 60_000, Infinity);
    hits.length = 0;
    const strict = { ...(source as SourceConfig), limits: { ...(source as SourceConfig).limits, maxRetries: 1 }, politeness: { ...(source as SourceConfig).politeness, retryBackoffMs: 50 } };
    const started = Date.now();
    const summary = await crawlSource(strict, { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'], maxHostWaitMs: 1000 }, { seenSet: new MemorySeenSet(), sink: async () => undefined, hostSlots: slots });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hits).toEqual([]);
    expect(summary.errors).toEqual([{ url: `${site.baseUrl}/a/list`, code: 'HOST_BUSY', message: expect.stringMatching(/is booked \d+ ms ahead by other crawl runs \(this request waits at most 1000 ms\)/) }]);
    expect(summary.skipped.error).toBe(1);
    await redis.del(hostSlotKey(config.queuePrefix, new URL(site.baseUrl).host));
  });

  it('a crawl worker takes that wait budget from PULSE_CRAWL_MAX_HOST_WAIT_MS', async () => {
    // The same one-minute booking by "another run"; the source retries once, 50 ms later.
    const strictFile = join(dir, 'strict.yaml');
    writeFileSync(
      strictFile,
      'sources:\n  - id: forum-a\n    type: html\n    schedule: "0 0 * * *"\n    topics: [微商]\n    startUrls: ["{{baseUrl}}/a/list"]\n' +
        '    list: { itemLink: a.t }\n    detail: { title: h1, body: .c }\n    limits: { maxRetries: 1 }\n    politeness: { maxRequestsPerMinute: 240, maxConcurrency: 3, retryBackoffMs: 50 }\n',
    );
    const host = new URL(site.baseUrl).host;
    await new RedisHostSlots(redis, config.queuePrefix).reserve(host, 60_000, Infinity);
    hits.length = 0;
    const process = crawlProcessor({ config: { ...config, crawlMaxHostWaitMs: 1500 }, queues, redis, log: createLogger({ level: 'silent' }) });
    const job = { id: 'budget-1', data: { sourceId: 'forum-a', sourcesFile: strictFile, baseUrl: site.baseUrl }, progress: 0, updateProgress: async () => undefined };
    const started = Date.now();
    const summary = (await process(job as unknown as Job)) as CrawlSummary;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hits).toEqual([]);
    expect(summary.errors).toEqual([{ url: `${site.baseUrl}/a/list`, code: 'HOST_BUSY', message: expect.stringMatching(/\(this request waits at most 1500 ms\)/) }]);
    await redis.del(hostSlotKey(config.queuePrefix, host));
  });

  it('stops the run with HOST_SLOTS_UNAVAILABLE (retryable, naming source and URL) when Redis is down, fetching no page', async () => {
    // A real Redis client pointed at a port nothing listens on, with the producer profile (fail fast).
    const down = producerConnection(testConfig({ redisUrl: 'redis://127.0.0.1:1' }));
    connections.push(down);
    const [source] = loadSources(sourcesFile, { baseUrl: site.baseUrl }) as SourceConfig[];
    hits.length = 0;
    const started = Date.now();
    const error = await crawlSource(
      source as SourceConfig,
      { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 's', allowPrivateAddresses: ['127.0.0.1'] },
      { seenSet: new MemorySeenSet(), sink: async () => undefined, hostSlots: new RedisHostSlots(down, config.queuePrefix, { timeoutMs: 2000 }) },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CrawlError', code: 'HOST_SLOTS_UNAVAILABLE', retryable: true, context: { sourceId: 'forum-a', url: `${site.baseUrl}/a/list` } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(hits).toEqual([]);
  });
});
