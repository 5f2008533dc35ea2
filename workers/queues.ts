/**
 * The project's BullMQ queues, created with the configured prefix and the default job options of each stage:
 * bounded retries with exponential backoff, completed jobs kept a day (so re-adding a known job id is a no-op), failed
 * jobs kept a week for `pulse dead-letters`.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PulseConfig } from '../infra/config/config-fields.js';
import { alertsQueue, deadLetterQueue, stages, type StageName } from './pipeline.js';

export const defaultJobOptions: Record<StageName, JobsOptions> = {
  crawl: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { age: 86_400, count: 1000 }, removeOnFail: { age: 7 * 86_400 } },
  analyze: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 86_400, count: 100_000 }, removeOnFail: { age: 7 * 86_400 } },
  index: { attempts: 10, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 86_400, count: 100_000 }, removeOnFail: { age: 7 * 86_400 } },
};

export interface PulseQueues {
  crawl: Queue;
  analyze: Queue;
  index: Queue;
  dead: Queue;
  alerts: Queue;
  close(): Promise<void>;
}

export function createQueues(config: PulseConfig, connection: Redis): PulseQueues {
  const make = (name: string, opts?: JobsOptions): Queue => {
    const queue = new Queue(name, { connection, prefix: config.queuePrefix, ...(opts ? { defaultJobOptions: opts } : {}) });
    // Without a listener BullMQ console.errors every refused reconnect; the calls that fail still reject.
    queue.on('error', () => undefined);
    return queue;
  };
  const queues = {
    crawl: make(stages.crawl.queue, defaultJobOptions.crawl),
    analyze: make(stages.analyze.queue, defaultJobOptions.analyze),
    index: make(stages.index.queue, defaultJobOptions.index),
    dead: make(deadLetterQueue, { removeOnComplete: false, removeOnFail: false }),
    alerts: make(alertsQueue, { attempts: 2, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } }),
  };
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

/** Jobs not yet finished in the pipeline's queues (waiting, active, delayed, prioritized, waiting-children). */
export async function pendingJobs(queues: PulseQueues): Promise<Record<StageName, number>> {
  const count = async (q: Queue): Promise<number> => {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    return Object.values(c).reduce((a, b) => a + b, 0);
  };
  const [crawl, analyze, index] = await Promise.all([count(queues.crawl), count(queues.analyze), count(queues.index)]);
  return { crawl, analyze, index };
}
