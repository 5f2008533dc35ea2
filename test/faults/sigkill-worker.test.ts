/**
 * A `pulse workers` process SIGKILLed while index batches are in flight, then a fresh one started: the jobs the dead
 * process held come back through BullMQ's stalled-job check and every document ends up searchable exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRun, type FaultRun } from './fault-run.js';
import { expectCleanEnd } from './clean-end.js';

let run: FaultRun;

beforeAll(async () => {
  run = await startFaultRun({ name: 'sigkill', site: { count: 2000 } });
});

afterAll(async () => {
  await run?.cleanup();
});

describe('worker killed with SIGKILL mid-batch', () => {
  it('loses and duplicates nothing once a new worker takes over', async () => {
    const first = run.spawnWorkers('workers-1');
    await run.enqueueCrawl();
    run.mark('crawl enqueued, one worker process running');
    // Mid-batch: part of the corpus indexed, index jobs held by the worker right now.
    await run.waitFor(
      'indexing under way',
      async () => {
        const n = await run.searchable();
        const s = await run.state();
        return n >= 100 && n <= 1500 && (s.index['active'] ?? 0) > 0;
      },
      180_000,
    );
    const indexedBefore = await run.searchable();
    first.signal('SIGKILL');
    const exit = await first.exited;
    run.mark(`SIGKILL with ${indexedBefore} documents searchable`);
    expect(exit.signal).toBe('SIGKILL');
    const orphaned = await run.state();
    // The killed process held jobs: they are still "active" (their locks must expire before anyone may take them).
    expect((orphaned.index['active'] ?? 0) + (orphaned.analyze['active'] ?? 0) + (orphaned.crawl['active'] ?? 0)).toBeGreaterThan(0);
    expect(indexedBefore).toBeLessThan(run.site.articles.length);

    const second = run.spawnWorkers('workers-2');
    run.mark(`new worker started; orphaned active jobs: crawl ${orphaned.crawl['active']}, analyze ${orphaned.analyze['active']}, index ${orphaned.index['active']}`);
    await run.waitForCompletion(300_000);
    run.mark('pipeline idle, all documents searchable');
    await expectCleanEnd(run, 'sigkill-worker');
    expect(second.log()).not.toMatch(/"level":(50|60)/);
    await second.stop('SIGTERM', 60_000);
  });
});
