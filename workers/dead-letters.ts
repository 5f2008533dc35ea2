/**
 * Dead letters: jobs that failed for good are kept, with their data, reason and context, as jobs of the
 * `dead-letters` queue (no worker consumes it, so they wait there, persisted in Redis). `pulse dead-letters` lists
 * them and sends them back to their stage.
 */
import { UnrecoverableError, type Job, type Processor, type Queue } from 'bullmq';
import { z } from 'zod';
import { classifyError } from './job-errors.js';
import { stages, type StageName } from './pipeline.js';
import type { PulseQueues } from './queues.js';

export const DeadLetter = z.object({
  stage: z.enum(['crawl', 'analyze', 'index']),
  jobId: z.string(),
  data: z.unknown(),
  code: z.string(),
  message: z.string(),
  attemptsMade: z.number().int(),
  failedAt: z.string(),
  context: z.record(z.string(), z.string()).default({}),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

const contextOf = (data: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (data && typeof data === 'object') {
    for (const key of ['docId', 'sourceId', 'url']) {
      const v = (data as Record<string, unknown>)[key];
      if (typeof v === 'string') out[key] = v;
    }
  }
  return out;
};

export async function recordDeadLetter(dead: Queue, stage: StageName, job: Pick<Job, 'id' | 'data' | 'attemptsMade'>, error: unknown): Promise<DeadLetter> {
  const c = classifyError(error);
  const letter: DeadLetter = {
    stage,
    jobId: String(job.id),
    data: job.data,
    code: c.code,
    message: c.message.slice(0, 2000),
    attemptsMade: job.attemptsMade + 1,
    failedAt: new Date().toISOString(),
    context: contextOf(job.data),
  };
  // The dead-letter id derives from the failed job's id: recording the same failure twice keeps one letter.
  await dead.add('dead', letter, { jobId: `d-${stage}-${String(job.id)}` });
  return letter;
}

/**
 * Wraps a stage's processor: transient errors are rethrown for BullMQ to retry with backoff; a permanent error, or a
 * transient one on the last attempt, is recorded as a dead letter first and then fails the job without retry.
 */
export function withDeadLetters<T, R>(stage: StageName, dead: Queue, handler: Processor<T, R>): Processor<T, R> {
  return async (job, token, signal) => {
    try {
      return await handler(job, token, signal);
    } catch (error) {
      const c = classifyError(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!c.retryable || lastAttempt) {
        await recordDeadLetter(dead, stage, job, error);
        throw new UnrecoverableError(`${c.code}: ${c.message}`);
      }
      throw error;
    }
  };
}

export async function listDeadLetters(queues: PulseQueues, limit = 100): Promise<Array<DeadLetter & { id: string }>> {
  const jobs = await queues.dead.getJobs(['waiting', 'delayed'], 0, limit - 1, true);
  return jobs.map((j) => ({ ...DeadLetter.parse(j.data), id: String(j.id) }));
}

/** Sends dead letters back to their stage (all, or those of one stage / one id); returns how many. */
export async function retryDeadLetters(queues: PulseQueues, filter: { stage?: StageName; id?: string } = {}): Promise<number> {
  const jobs = await queues.dead.getJobs(['waiting', 'delayed'], 0, -1, true);
  let n = 0;
  for (const job of jobs) {
    const letter = DeadLetter.parse(job.data);
    if (filter.stage && letter.stage !== filter.stage) continue;
    if (filter.id && String(job.id) !== filter.id && letter.jobId !== filter.id) continue;
    const target = queues[letter.stage];
    // A fresh id: the failed original may still be stored under its id, which would swallow the re-add.
    await target.add(stages[letter.stage].queue, letter.data, { jobId: `${letter.jobId}-r${Date.now().toString(36)}` });
    await job.remove();
    n++;
  }
  return n;
}

/**
 * Jobs BullMQ failed itself because they stalled too often (their worker died again and again): they never reached
 * our dead-letter wrapper, so they are looked up in the stages' failed sets instead.
 */
export async function stalledFailures(queues: PulseQueues, stage?: StageName): Promise<Array<{ stage: StageName; job: Job }>> {
  const out: Array<{ stage: StageName; job: Job }> = [];
  for (const s of stage ? [stage] : (['crawl', 'analyze', 'index'] as const)) {
    for (const job of await queues[s].getJobs(['failed'], 0, -1, true)) {
      if (/stalled/i.test(job.failedReason ?? '')) out.push({ stage: s, job });
    }
  }
  return out;
}

/** Puts stalled-out jobs back in their queue (same id, attempts reset by BullMQ's retry); returns how many. */
export async function retryStalledFailures(queues: PulseQueues, stage?: StageName): Promise<number> {
  const failed = await stalledFailures(queues, stage);
  for (const { job } of failed) await job.retry('failed');
  return failed.length;
}
