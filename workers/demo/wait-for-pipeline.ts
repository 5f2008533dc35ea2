/**
 * Waits until the pipeline has nothing left to do (no crawl, analyze or index job waiting, active or delayed),
 * reporting progress as it goes. Used by the demo and the end-to-end tests.
 */
import { pendingJobs, type PulseQueues } from '../queues.js';
import type { StageName } from '../pipeline.js';

export interface WaitOptions {
  timeoutMs: number;
  onProgress?: (pending: Record<StageName, number>) => void;
  pollMs?: number;
}

export async function waitForPipeline(queues: PulseQueues, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let idlePolls = 0;
  while (Date.now() < deadline) {
    const pending = await pendingJobs(queues);
    options.onProgress?.(pending);
    const idle = pending.crawl + pending.analyze + pending.index === 0;
    // Two idle polls in a row: a job between "completed" and its successor's "added" is not a finished pipeline.
    idlePolls = idle ? idlePolls + 1 : 0;
    if (idlePolls >= 2) return;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  const pending = await pendingJobs(queues);
  throw Object.assign(new Error(`pipeline still busy after ${Math.round(options.timeoutMs / 1000)} s: ${JSON.stringify(pending)}`), {
    code: 'PIPELINE_TIMEOUT',
    retryable: false,
  });
}
