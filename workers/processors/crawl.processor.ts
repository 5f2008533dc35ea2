/**
 * crawl queue: one run of one configured source. Crawled documents go to the analyze queue with ids derived from
 * docId + content hash (a re-run enqueues nothing twice); the run's summary is kept per source for `pulse status` and
 * the crawler-health alerts. A source that no longer exists is a permanent failure (dead letter), not a retry loop.
 * Request spacing per host is booked in Redis, so runs on every machine share one schedule per host.
 */
import type { Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { crawlSource, createSourcesCache, parseAddressAllowance, type CrawlSummary, type SeenSet } from '../../crawlers/index.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import { configClock } from '../../infra/config/clock.js';
import type { Logger } from '../../infra/logger.js';
import { RedisSeenSet } from '../../infra/redis/seen-set-store.js';
import { RedisHostSlots } from '../../infra/redis/host-slots-store.js';
import { CrawlJob, analyzeJobId, stages } from '../pipeline.js';
import type { PulseQueues } from '../queues.js';
import { recordSourceRun } from '../source-runs.js';
import { sourceHash } from '../source-hash.js';

export interface CrawlProcessorDeps {
  config: PulseConfig;
  queues: PulseQueues;
  redis: Redis;
  log: Logger;
}

export class UnknownSourceError extends Error {
  readonly code = 'SOURCE_UNKNOWN';
  readonly retryable = false;
  constructor(readonly context: { sourceId: string; file: string }) {
    super(`source "${context.sourceId}" is not in ${context.file}`);
    this.name = 'UnknownSourceError';
  }
}

/** The source in the job's sources file, read on this worker's machine, is not the one `pulse crawl` queued. */
export class SourceMismatchError extends Error {
  readonly code = 'SOURCE_MISMATCH';
  readonly retryable = false;
  constructor(readonly context: { sourceId: string; file: string }) {
    super(
      `source "${context.sourceId}" in ${context.file} on this worker differs from the one \`pulse crawl\` read (another copy of the file on this machine?): not crawled. Make the file the same on every worker machine, then \`pulse dead-letters retry --stage crawl\``,
    );
    this.name = 'SourceMismatchError';
  }
}

/**
 * Redis failed under the seen-set during a run. crawlSource counts that as a page error and goes on, which would drop
 * those pages from this run while the job still succeeds; failing the job instead makes BullMQ retry it, and the retry
 * fetches exactly the pages the seen-set does not hold yet.
 */
export class CrawlStoreError extends Error {
  readonly code = 'CRAWL_STORE_FAILED';
  readonly retryable = true;
  constructor(readonly context: { sourceId: string }, cause: unknown) {
    super(`seen-set store failed during the crawl of ${context.sourceId} (${(cause as Error)?.message ?? String(cause)}); the run will be retried`, { cause });
    this.name = 'CrawlStoreError';
  }
}

/** Remembers the first failure of the store while passing every call (and its error) through unchanged. */
function watchStore(store: SeenSet): { store: SeenSet; failure(): unknown } {
  let failure: unknown;
  const watch = <T>(p: Promise<T>): Promise<T> =>
    p.catch((error: unknown) => {
      failure ??= error;
      throw error;
    });
  return {
    store: {
      getMany: (sourceId, urls) => watch(store.getMany(sourceId, urls)),
      putMany: (sourceId, entries) => watch(store.putMany(sourceId, entries)),
      clear: (sourceId) => watch(store.clear(sourceId)),
    },
    failure: () => failure,
  };
}

export function crawlProcessor(deps: CrawlProcessorDeps): Processor<unknown, CrawlSummary> {
  const { config, queues, redis } = deps;
  const seenSet = new RedisSeenSet(redis, config.queuePrefix);
  // Shared by every run on every worker; Redis down → the run fails with HOST_SLOTS_UNAVAILABLE and is retried.
  const hostSlots = new RedisHostSlots(redis, config.queuePrefix);
  // Parsed once, when the worker starts: an entry of no known form stops the start with one line, not every job.
  const allowPrivateAddresses = parseAddressAllowance(config.crawlAllowPrivate);
  // One parse per sources-file version for all the jobs this worker runs, not one per job.
  const sourcesCache = createSourcesCache();
  const clock = configClock(config);
  return async (job) => {
    const data = CrawlJob.parse(job.data);
    const file = data.sourcesFile ?? config.sourcesFile;
    const sources = sourcesCache.load(file, data.baseUrl ? { baseUrl: data.baseUrl } : {});
    const source = sources.find((s) => s.id === data.sourceId);
    if (!source) throw new UnknownSourceError({ sourceId: data.sourceId, file });
    if (data.sourceHash && sourceHash(source) !== data.sourceHash) throw new SourceMismatchError({ sourceId: source.id, file });
    // crawlSource binds sourceId itself and logs the run's start and summary.
    const log = deps.log.child({ jobId: job.id });
    const sink = async (docs: Parameters<Parameters<typeof crawlSource>[2]['sink']>[0]): Promise<void> => {
      await queues.analyze.addBulk(docs.map((doc) => ({ name: stages.analyze.queue, data: doc, opts: { jobId: analyzeJobId(doc) } })));
      await job.updateProgress({ documents: (typeof job.progress === 'object' ? Number((job.progress as { documents?: number }).documents ?? 0) : 0) + docs.length });
    };
    const watched = watchStore(seenSet);
    const summary = await crawlSource(
      source,
      {
        userAgent: config.crawlUserAgent,
        authorSalt: config.authorSalt,
        timezone: config.timezone,
        allowPrivateAddresses,
        chromiumPath: config.chromiumPath,
        maxHostWaitMs: config.crawlMaxHostWaitMs,
        now: () => new Date(clock()),
      },
      { seenSet: watched.store, sink, log, hostSlots },
    );
    if (watched.failure() !== undefined) throw new CrawlStoreError({ sourceId: source.id }, watched.failure());
    await recordSourceRun(redis, config.queuePrefix, {
      sourceId: source.id,
      jobId: String(job.id),
      startedAt: summary.startedAt,
      finishedAt: summary.finishedAt,
      ok: summary.errors.length === 0 || summary.pagesFetched > summary.errors.length,
      pagesFetched: summary.pagesFetched,
      documentsEmitted: summary.documentsEmitted,
      errors: summary.errors.length,
      skipped: summary.skipped,
      ...(summary.errors[0]
        ? { message: `${summary.errors[0].code} ${summary.errors[0].url}: ${summary.errors[0].message}`.slice(0, 500) }
        : summary.limitReached
          ? { message: `${summary.limitReached.code}: ${summary.limitReached.message}`.slice(0, 500) }
          : {}),
    });
    return summary;
  };
}
