/**
 * The worker process: one BullMQ Worker per stage (crawl, analyze, index) on the configured Redis, wired to the
 * crawlers, the analyzer and Elasticsearch. `close()` drains: workers stop taking jobs, active jobs finish (or, past
 * the shutdown timeout, are moved back to their queue's wait list, no attempt used), then connections close.
 */
import { Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PulseConfig } from '../infra/config/config-fields.js';
import type { Logger } from '../infra/logger.js';
import { alertsQueue, alertsSchedulerId, stages, workerRoles, type WorkerRole } from './pipeline.js';
import { createQueues, type PulseQueues } from './queues.js';
import { connectionReady, producerConnection, workerConnection } from './redis-connection.js';
import { withDeadLetters } from './dead-letters.js';
// Each role's code (and what it loads: crawlers and Playwright, the analyzer's dictionaries and models, the
// Elasticsearch client) is imported only when this process serves that role: a crawl-only worker never holds the
// analyzer's ~250 MB. Keep it so: nothing above this line may import analysis/, crawlers/ or the ES client.
const roleModules = {
  crawl: () => import('./processors/crawl.processor.js'),
  analyze: async () => ({ ...(await import('../analysis/index.js')), ...(await import('./processors/analyze.processor.js')), ...(await import('./cluster-assigner.js')) }),
  index: async () => ({ ...(await import('../infra/elasticsearch/index-documents.js')), ...(await import('./processors/index.processor.js')), ...(await import('./index-batcher.js')) }),
  esClient: () => import('../infra/elasticsearch/es-client.js'),
  alerts: () => import('./processors/alerts.processor.js'),
};

export interface StartWorkersOptions {
  /** Which stages (and whether the alert pass) this process serves. @default all */
  stages?: WorkerRole[];
  log: Logger;
}

export interface RunningWorkers {
  workers: Worker[];
  queues: PulseQueues;
  /** The process's producer connection (fail-fast profile), for callers that need Redis beside the queues. */
  redis: Redis;
  /** Stops taking jobs, lets active ones finish within config.shutdownTimeoutMs, closes connections. */
  close(): Promise<void>;
}

export async function startWorkers(config: PulseConfig, options: StartWorkersOptions): Promise<RunningWorkers> {
  const { log } = options;
  const wanted = new Set<WorkerRole>(options.stages ?? workerRoles);
  const producer = producerConnection(config);
  await connectionReady(producer);
  const queues = createQueues(config, producer);
  const connections: Redis[] = [producer];
  const workers: Worker[] = [];
  const closers: Array<() => Promise<void>> = [];
  // Jobs running in this process with their lock tokens: what a shutdown past its timeout hands back to the queue.
  const inFlight = new Map<string, { job: Job; token: string | undefined }>();
  const track =
    (processor: Processor): Processor =>
    async (job, token, signal) => {
      const key = `${job.queueName}:${job.id}`;
      inFlight.set(key, { job, token });
      try {
        return await processor(job, token, signal);
      } finally {
        inFlight.delete(key);
      }
    };

  const start = (role: WorkerRole, processor: Processor, concurrency: number): void => {
    const connection = workerConnection(config);
    connections.push(connection);
    const queueName = role === 'alerts' ? alertsQueue : stages[role].queue;
    // The alert pass is re-run by its scheduler anyway; pipeline stages keep their failures as dead letters.
    const guarded = role === 'alerts' ? processor : withDeadLetters(role, queues.dead, processor);
    const worker = new Worker(queueName, track(guarded), {
      connection,
      prefix: config.queuePrefix,
      concurrency,
      // Analysis is synchronous CPU work; a generous lock keeps a busy event loop from looking like a dead worker.
      lockDuration: 60_000,
      maxStalledCount: 3,
    });
    const wlog = log.child({ queue: queueName });
    worker.on('failed', (job, err) => wlog.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => wlog.error({ err: err.message }, 'worker error'));
    worker.on('stalled', (jobId) => wlog.warn({ jobId }, 'job stalled (its worker died or blocked); back to the queue'));
    workers.push(worker);
  };

  if (wanted.has('crawl')) {
    const { crawlProcessor } = await roleModules.crawl();
    const crawl = crawlProcessor({ config, queues, redis: producer, log: log.child({ queue: 'crawl' }) });
    start('crawl', crawl, config.crawlConcurrency);
  }
  if (wanted.has('analyze')) {
    const { createAnalyzer, analyzeProcessor, createClusterAssigner } = await roleModules.analyze();
    const analyzer = createAnalyzer();
    const assigner = createClusterAssigner(producer, config.queuePrefix);
    start('analyze', analyzeProcessor({ analyze: (d) => analyzer.analyze(d), assignCluster: assigner, indexQueue: queues.index }), config.analyzeConcurrency);
  }
  if (wanted.has('index')) {
    const { indexDocuments, indexProcessor, IndexBatcher } = await roleModules.index();
    const { createEsClient } = await roleModules.esClient();
    const es = createEsClient(config);
    const batcher = new IndexBatcher((docs) => indexDocuments(es, config, docs, { logger: log }), {
      maxDocs: config.indexBatchSize,
      maxBytes: config.indexBatchBytes,
    });
    // Concurrency is what lets a batch fill: each in-flight index job holds one document of the next bulk request.
    start('index', indexProcessor(batcher), config.indexBatchSize * config.indexConcurrency);
    closers.push(async () => {
      await batcher.drain();
      await es.close();
    });
  }

  if (wanted.has('alerts')) {
    const { alertsProcessor } = await roleModules.alerts();
    const { createEsClient } = await roleModules.esClient();
    const es = createEsClient(config);
    start('alerts', alertsProcessor({ config, es, redis: producer, log: log.child({ queue: alertsQueue }) }), 1);
    // Idempotent: every worker process may upsert it; BullMQ keeps exactly one scheduler with this id.
    await queues.alerts.upsertJobScheduler(alertsSchedulerId, { pattern: config.alertsCron, tz: config.timezone }, { name: 'alerts' });
    closers.push(() => es.close());
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([graceful.then(() => false), sleep(config.shutdownTimeoutMs).then(() => true)]);
      if (timedOut) {
        // Worker.close(true) after a pending close() only returns that same pending promise (BullMQ), so it forces
        // nothing and a long crawl would hold the process: hand the unfinished jobs back ourselves and stop waiting.
        const unfinished = [...inFlight.values()];
        log.warn({ timeoutMs: config.shutdownTimeoutMs, jobs: unfinished.map((u) => `${u.job.queueName}:${u.job.id}`) }, 'shutdown timeout: returning unfinished jobs to their queue');
        await Promise.all(unfinished.map(({ job, token }) => job.moveToWait(token).catch((e: Error) => log.warn({ jobId: job.id, err: e.message }, 'could not return job; it comes back as stalled'))));
      }
      for (const c of closers) await c();
      await queues.close();
      for (const c of connections) c.disconnect();
    })());

  log.info({ stages: [...wanted], prefix: config.queuePrefix }, 'workers started');
  return { workers, queues, redis: producer, close };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());
