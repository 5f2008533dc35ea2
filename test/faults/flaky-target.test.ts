/**
 * The crawl target fails intermittently: every 5th request is an HTTP 500 or a reset connection (alternating,
 * robots.txt spared). The crawler's retries with backoff still get every document, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRun, type FaultRun } from './fault-run.js';
import { expectCleanEnd } from './clean-end.js';
import { lastSourceRuns } from '../../workers/source-runs.js';

let run: FaultRun;

beforeAll(async () => {
  run = await startFaultRun({
    name: 'flaky-target',
    site: {
      count: 2000,
      fault: (n, path) => (path === '/robots.txt' || n % 5 !== 0 ? 'ok' : (n / 5) % 2 === 1 ? 'error500' : 'reset'),
    },
    // Every 5th request fails, so a page fails all 11 attempts with odds of about 5^-11 (≈ 4e-5 per run of 2,020 pages).
    source: { maxRetries: 10, retryBackoffMs: 20 },
  });
});

afterAll(async () => {
  await run?.cleanup();
});

describe('crawl target failing intermittently', () => {
  it('retries until every document is in, without duplicates', async () => {
    const worker = run.spawnWorkers('workers');
    await run.enqueueCrawl();
    run.mark('crawl enqueued against a site failing every 5th request');
    await run.waitForCompletion(300_000);
    run.mark(`pipeline idle; site served ${run.site.stats.requests} requests, ${run.site.stats.faults.error500} × 500, ${run.site.stats.faults.reset} resets`);
    expect(run.site.stats.faults.error500).toBeGreaterThan(100);
    expect(run.site.stats.faults.reset).toBeGreaterThan(100);
    await expectCleanEnd(run, 'flaky-target');
    const [last] = await lastSourceRuns(run.redis, run.config.queuePrefix);
    expect(last).toMatchObject({ sourceId: run.sourceId, ok: true, errors: 0, documentsEmitted: run.site.articles.length });
    await worker.stop('SIGTERM', 60_000);
  });
});
