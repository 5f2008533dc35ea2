/**
 * SIGTERM to every worker process mid-run (two processes: one with all stages, one with analyze+index only): each
 * drains and exits within its shutdown timeout, in-flight jobs either finish or go back to their queue, and a
 * restarted worker completes the run with nothing lost or duplicated. The site answers articles slowly, so the crawl
 * job is still running when the timeout passes and has to be handed back rather than finished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRun, type FaultRun } from './fault-run.js';
import { expectCleanEnd } from './clean-end.js';

const shutdownTimeoutMs = 5000;
/** Beyond the drain timeout: closing connections and the process's own exit. */
const exitSlackMs = 5000;
let run: FaultRun;

beforeAll(async () => {
  run = await startFaultRun({ name: 'sigterm', site: { count: 2000, articleDelayMs: 60 }, workerEnv: { PULSE_SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) } });
});

afterAll(async () => {
  await run?.cleanup();
});

describe('SIGTERM to every process', () => {
  it('drains within the bound, and a restarted run completes with nothing lost or duplicated', async () => {
    const all = run.spawnWorkers('workers-all');
    const halves = run.spawnWorkers('workers-analyze-index', ['workers', '--stages', 'analyze,index']);
    await run.enqueueCrawl();
    run.mark('crawl enqueued; two worker processes (all stages; analyze+index)');
    await run.waitFor(
      'the crawl and indexing both under way',
      async () => {
        const n = await run.searchable();
        const s = await run.state();
        return n >= 100 && n <= 1200 && (s.crawl['active'] ?? 0) === 1 && (s.index['active'] ?? 0) > 0;
      },
      180_000,
    );
    const before = await run.state();
    run.mark(`SIGTERM to both with ${await run.searchable()} searchable; active: crawl ${before.crawl['active']}, analyze ${before.analyze['active']}, index ${before.index['active']}`);
    const [tAll, tHalves] = await Promise.all([all.stop('SIGTERM', shutdownTimeoutMs + exitSlackMs), halves.stop('SIGTERM', shutdownTimeoutMs + exitSlackMs)]);
    run.mark(`exited after ${tAll} ms (all stages) and ${tHalves} ms (analyze+index); exit codes ${(await all.exited).code}, ${(await halves.exited).code}`);
    expect((await all.exited).code).toBe(0);
    expect((await halves.exited).code).toBe(0);
    const after = await run.state();
    run.mark(`after exit: active crawl ${after.crawl['active']}, analyze ${after.analyze['active']}, index ${after.index['active']}; waiting crawl ${after.crawl['waiting']}, analyze ${after.analyze['waiting']}, index ${after.index['waiting']}`);
    // Nothing is left "active" without a process: short jobs finished, the long crawl went back to the wait list
    // (no attempt used), so the next worker takes it at once instead of after a lock expiry.
    expect(after.analyze['active'] ?? 0).toBe(0);
    expect(after.index['active'] ?? 0).toBe(0);
    expect(after.crawl['active'] ?? 0).toBe(0);
    expect(after.crawl['waiting'] ?? 0).toBe(1);
    const [crawlJob] = await run.queues.crawl.getJobs(['waiting']);
    expect(crawlJob?.attemptsMade).toBe(0);
    expect(all.log()).toMatch(/shutdown timeout: returning unfinished jobs to their queue/);

    const again = run.spawnWorkers('workers-restarted');
    run.mark('one worker process restarted');
    await run.waitForCompletion(300_000);
    run.mark('pipeline idle, all documents searchable');
    await expectCleanEnd(run, 'sigterm-all');
    await again.stop('SIGTERM', shutdownTimeoutMs + exitSlackMs);
  });
});
