/**
 * One hostile case in a real `pulse workers` process: a fault-run world (namespace, index, a small ordinary fixture
 * site), a sources file holding the hostile source, one fresh worker (so its VmHWM is this case's peak), the hostile
 * crawl job run to its end, then an ordinary crawl that must still store its documents, then SIGTERM that must
 * still be answered. Prints `hostile <name>: <outcome> in <ms> ms, worker peak RSS <MB> MB (<MB> MB when started)`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import type { Job } from 'bullmq';
import type { CrawlSummary } from '../../crawlers/index.js';
import { startFaultRun, type FaultRun } from '../faults/fault-run.js';
import type { WorkerProcess } from '../faults/worker-process.js';
import { stages } from '../../workers/pipeline.js';
import { unfinished } from '../faults/pipeline-tally.js';

/** The bound for a worker under attack (issue #15); a worker that has crawled and analyzed a few pages peaks near 500 MB. */
export const maxPeakRssMiB = 600;
/** What SIGTERM may take: the drain timeout given to the worker plus its own exit. */
const shutdownTimeoutMs = 5000;
const normalArticles = 20;

export interface HostileCase {
  run: FaultRun;
  worker: WorkerProcess;
  /** Writes the hostile sources file (unvalidated: some cases are invalid on purpose) and returns its path. */
  sourcesFile(sources: Array<Record<string, unknown>>): string;
  /** Enqueues a crawl of `sourceId` from `file` and waits until the job completed or failed. */
  crawl(sourceId: string, file: string, timeoutMs: number): Promise<HostileOutcome>;
  /** Waits until no pipeline job is left (documents analyzed and indexed). */
  settle(timeoutMs: number): Promise<void>;
  /** Prints the case line; then the ordinary crawl must store its documents and SIGTERM must be answered. */
  finish(outcome: string, ms: number): Promise<{ peakMiB: number }>;
  cleanup(): Promise<void>;
}

export interface HostileOutcome {
  job: Job;
  state: string;
  summary: CrawlSummary | undefined;
  /** Time the worker spent on the job (processedOn → finishedOn). */
  ms: number;
}

export async function startHostileCase(name: string): Promise<HostileCase> {
  const run = await startFaultRun({ name: `hostile-${name}`, site: { count: normalArticles }, workerEnv: { PULSE_SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) } });
  const worker = run.spawnWorkers('worker');
  await run.waitFor('the worker to start', async () => worker.log().includes('workers started'), 60_000);
  // Its peak before any crawl: what the hostile case adds is the difference.
  const startedMiB = worker.peakRssMiB() ?? Number.NaN;
  const hc: HostileCase = {
    run,
    worker,
    sourcesFile(sources) {
      const file = join(run.dir, `${name}.sources.yaml`);
      writeFileSync(file, stringify({ sources }));
      return file;
    },
    async crawl(sourceId, file, timeoutMs) {
      const added = await run.queues.crawl.add(stages.crawl.queue, { sourceId, sourcesFile: file });
      let state = '';
      await run.waitFor(
        `crawl job of ${sourceId} to end`,
        async () => {
          state = await run.queues.crawl.getJobState(String(added.id));
          expect(worker.alive(), `worker died during ${name}:\n${worker.log().slice(-2000)}`).toBe(true);
          return state === 'completed' || state === 'failed';
        },
        timeoutMs,
      );
      const job = (await run.queues.crawl.getJob(String(added.id))) as Job;
      return { job, state, summary: (job.returnvalue as CrawlSummary | null) ?? undefined, ms: (job.finishedOn ?? 0) - (job.processedOn ?? 0) };
    },
    async settle(timeoutMs) {
      let idle = 0;
      await run.waitFor('pipeline idle', async () => (idle = unfinished(await run.state()) === 0 ? idle + 1 : 0) >= 2, timeoutMs);
    },
    async finish(outcome, ms) {
      const peakMiB = worker.peakRssMiB() ?? Number.NaN;
      console.log(`hostile ${name}: ${outcome} in ${ms} ms, worker peak RSS ${Math.round(peakMiB)} MB (${Math.round(startedMiB)} MB when started)`);
      expect(peakMiB, 'worker peak RSS (MiB)').toBeLessThan(maxPeakRssMiB);
      // The same worker still crawls an ordinary site and stores every article.
      const before = await run.searchable();
      await run.enqueueCrawl();
      await run.waitForCompletion(120_000, before + normalArticles);
      const stopMs = await worker.stop('SIGTERM', shutdownTimeoutMs + 10_000);
      expect((await worker.exited).code, `exit code after SIGTERM (${stopMs} ms)`).toBe(0);
      return { peakMiB };
    },
    cleanup: () => run.cleanup(),
  };
  return hc;
}
