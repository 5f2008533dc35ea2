/**
 * One fault scenario's world: its own namespace (queue + index prefix), a generated fixture site, a sources file in
 * a temp dir, the posts index set up as `pulse index setup` would, worker processes spawned with the namespace in
 * their environment, and a cleanup that obliterates the queues, deletes the namespace's keys and indices, and kills
 * every process it started. Talks to the Redis/Elasticsearch given (the shared ones by default).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import type { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import { createEsClient } from '../../infra/elasticsearch/es-client.js';
import { ensureIndex } from '../../infra/elasticsearch/ensure-index.js';
import { createQueues, type PulseQueues } from '../../workers/queues.js';
import { producerConnection } from '../../workers/redis-connection.js';
import { stages } from '../../workers/pipeline.js';
import { testNamespace } from '../helpers/test-namespace.js';
import { testConfig } from '../helpers/test-config.js';
import { serveGeneratedSite, type GeneratedSite, type GeneratedSiteOptions } from './generated-site.js';
import { fixtureSource, writeSourcesFile, type FixtureSourceOptions } from './sources-file.js';
import { spawnPulse, killAllWorkers, type WorkerProcess } from './worker-process.js';
import { queueState, searchableCount, tallyDocuments, unfinished, type QueueState, type Tally } from './pipeline-tally.js';
import { dropNamespace } from '../helpers/drop-namespace.js';

export interface FaultRunOptions {
  name: string;
  site: GeneratedSiteOptions;
  source?: Partial<FixtureSourceOptions>;
  /** The source's start pages. @default every list page of the site */
  startUrls?: (site: GeneratedSite) => string[];
  redisUrl?: string;
  elasticsearchUrl?: string;
  /** Extra environment for every worker process (PULSE_SHUTDOWN_TIMEOUT_MS…). */
  workerEnv?: Record<string, string>;
}

export interface FaultRun {
  name: string;
  config: PulseConfig;
  dir: string;
  site: GeneratedSite;
  sourceId: string;
  sourcesFile: string;
  alias: string;
  es: Client;
  redis: Redis;
  queues: PulseQueues;
  spawnWorkers(label: string, args?: string[], env?: Record<string, string>): WorkerProcess;
  enqueueCrawl(): Promise<string>;
  searchable(): Promise<number>;
  state(): Promise<QueueState>;
  /** Polls until `probe` is true (errors while a service is away count as "not yet"). */
  waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** Waits until no pipeline job is unfinished (twice in a row) and `expected` documents (default: every fixture article) are searchable. */
  waitForCompletion(timeoutMs: number, expected?: number): Promise<void>;
  tally(): Promise<Tally>;
  /** One line per finished crawl job: pages, documents emitted, page errors by code. */
  crawlRuns(): Promise<string[]>;
  /** Notes a step with the seconds since the run started; `timeline()` lists them (printed at the end). */
  mark(event: string): void;
  timeline(): string;
  cleanup(): Promise<void>;
}

export async function startFaultRun(o: FaultRunOptions): Promise<FaultRun> {
  const ns = testNamespace(o.name);
  const config = testConfig({
    queuePrefix: ns.config.queuePrefix,
    indexPrefix: ns.config.indexPrefix,
    ...(o.redisUrl ? { redisUrl: o.redisUrl } : {}),
    ...(o.elasticsearchUrl ? { elasticsearchUrl: o.elasticsearchUrl } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), `pulse-fault-${o.name}-`));
  const site = await serveGeneratedSite(o.site);
  const sourceId = `fault-${o.name}`.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
  const sourcesFile = writeSourcesFile(dir, [
    // Both limits above the site's size: a 2000-article site sat exactly at the default document limit.
    fixtureSource({ id: sourceId, startUrls: o.startUrls?.(site) ?? site.listUrls, maxPages: site.listUrls.length + site.articles.length + 100, maxDocuments: site.articles.length + 100, ...o.source }),
  ]);
  const es = createEsClient(config);
  const { alias } = await ensureIndex(es, config);
  const redis = producerConnection(config);
  const queues = createQueues(config, redis);
  // While a scenario's Redis is down these would print every refused connection; waitFor reports what matters.
  for (const q of allQueues(queues)) q.on('error', () => undefined);
  const spawned: WorkerProcess[] = [];
  const t0 = Date.now();
  const events: string[] = [];

  const env: Record<string, string> = {
    REDIS_URL: config.redisUrl,
    ELASTICSEARCH_URL: config.elasticsearchUrl,
    PULSE_QUEUE_PREFIX: config.queuePrefix,
    PULSE_INDEX_PREFIX: config.indexPrefix,
    PULSE_SOURCES: sourcesFile,
    PULSE_CRAWL_ALLOW_PRIVATE: '127.0.0.1',
    PULSE_LOG_LEVEL: 'info',
    PULSE_LOG_PRETTY: 'false',
    ...o.workerEnv,
  };

  const run: FaultRun = {
    name: o.name,
    config,
    dir,
    site,
    sourceId,
    sourcesFile,
    alias,
    es,
    redis,
    queues,
    spawnWorkers(label, args = ['workers'], extra = {}) {
      const w = spawnPulse({ env: { ...env, ...extra }, logFile: join(dir, `${label}.log`), args });
      spawned.push(w);
      return w;
    },
    async enqueueCrawl() {
      const job = await queues.crawl.add(stages.crawl.queue, { sourceId, sourcesFile });
      return String(job.id);
    },
    searchable: () => searchableCount(es, alias),
    state: () => queueState(queues),
    async waitFor(what, probe, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (await probe().catch(() => false)) return;
        await sleep(500);
      }
      const state = await queueState(queues).catch((e: Error) => e.message);
      throw new Error(`${o.name}: timed out after ${timeoutMs} ms waiting for ${what}; queues ${JSON.stringify(state)}`);
    },
    async waitForCompletion(timeoutMs, expected = site.articles.length) {
      let idle = 0;
      let lastMark = Date.now();
      await run.waitFor(
        `${expected} documents searchable and no job left`,
        async () => {
          const s = await queueState(queues);
          idle = unfinished(s) === 0 ? idle + 1 : 0;
          const n = await run.searchable();
          // A line every 15 s while waiting, so a slow recovery shows where it waited.
          if (Date.now() - lastMark > 15_000) {
            lastMark = Date.now();
            const q = (c: Record<string, number>): string => `${c['waiting'] ?? 0}/${c['active'] ?? 0}/${c['delayed'] ?? 0}`;
            run.mark(`  … ${n} searchable; waiting/active/delayed: crawl ${q(s.crawl)}, analyze ${q(s.analyze)}, index ${q(s.index)}`);
          }
          return idle >= 2 && n >= expected;
        },
        timeoutMs,
      );
    },
    tally: () => tallyDocuments(es, alias, site.articleUrls, site.articles.map((a) => a.author)),
    async crawlRuns() {
      const jobs = await queues.crawl.getJobs(['completed', 'failed'], 0, 100);
      return Promise.all(
        jobs.map(async (j) => {
          const r = j.returnvalue as { pagesFetched?: number; documentsEmitted?: number; errors?: Array<{ code: string }> } | null;
          const codes: Record<string, number> = {};
          for (const e of r?.errors ?? []) codes[e.code] = (codes[e.code] ?? 0) + 1;
          const earlier = j.failedReason ? `, earlier attempt failed: ${j.failedReason.slice(0, 160)}` : '';
          return `crawl job ${j.id} ${await j.getState()} after ${j.attemptsMade} attempt(s): pages ${r?.pagesFetched ?? '-'}, documents ${r?.documentsEmitted ?? '-'}, page errors ${JSON.stringify(codes)}${earlier}`;
        }),
      );
    },
    mark: (event) => void events.push(`${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${event}`),
    timeline: () => events.join('\n'),
    async cleanup() {
      await killAllWorkers();
      for (const q of allQueues(queues)) await q.obliterate({ force: true }).catch(() => undefined);
      await deleteKeys(redis, `${config.queuePrefix}:*`).catch(() => undefined);
      await queues.close().catch(() => undefined);
      redis.disconnect();
      await dropNamespace(es, config.indexPrefix).catch(() => undefined);
      await es.close();
      await site.close();
      // PULSE_FAULTS_KEEP=1 keeps the worker logs and sources file for a post-mortem.
      if (process.env['PULSE_FAULTS_KEEP']) console.error(`${o.name}: kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
  return run;
}

/** Every BullMQ queue of the set (stages, dead letters, alerts, whatever is added later). */
export function allQueues(queues: PulseQueues): Queue[] {
  return Object.values(queues).filter((q): q is Queue => q instanceof Queue);
}

/** Deletes the namespace's remaining keys (seen-set, source runs, clusters) with SCAN, never KEYS. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A client for an ad-hoc Elasticsearch URL (the scenario's own node). */
export const esClientFor = (url: string): Client => new Client({ node: url, requestTimeout: 10_000, maxRetries: 0 });
