/**
 * Elasticsearch stopped (SIGTERM) for 30 s mid-run on a private node, then started again on the same data: index
 * jobs fail as ES_UNAVAILABLE, back off and retry, and finish after it returns. The shared node on 9200 is never
 * touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRun, sleep, type FaultRun } from './fault-run.js';
import { startPrivateElasticsearch, type PrivateEs } from './private-elasticsearch.js';
import { expectCleanEnd } from './clean-end.js';

let node: PrivateEs;
let run: FaultRun;

beforeAll(async () => {
  node = await startPrivateElasticsearch(19200, 19300);
  run = await startFaultRun({ name: 'es-down', site: { count: 2000 }, elasticsearchUrl: node.url });
});

afterAll(async () => {
  await run?.cleanup();
  await node?.destroy();
});

describe('Elasticsearch stopped for 30 s mid-run', () => {
  it('backs off, then indexes everything once it is back', async () => {
    const worker = run.spawnWorkers('workers');
    await run.enqueueCrawl();
    run.mark('crawl enqueued, one worker process on the private Elasticsearch');
    await run.waitFor('indexing under way', async () => {
      const n = await run.searchable();
      return n >= 100 && n <= 1000;
    }, 180_000);
    const indexedBefore = await run.searchable();
    await node.stop();
    run.mark(`Elasticsearch stopped (SIGTERM) with ${indexedBefore} documents searchable`);
    const downSince = Date.now();
    await sleep(25_000);
    const whileDown = await run.state();
    run.mark(`while down: index waiting ${whileDown.index['waiting']}, delayed ${whileDown.index['delayed']}, active ${whileDown.index['active']}, failed ${whileDown.index['failed']}`);
    // Index jobs are backing off (delayed), not failed for good, and nothing was dead-lettered.
    expect(whileDown.index['delayed'] ?? 0).toBeGreaterThan(0);
    expect(whileDown.index['failed'] ?? 0).toBe(0);
    await sleep(Math.max(0, 30_000 - (Date.now() - downSince)));
    run.mark(`starting Elasticsearch again after ${((Date.now() - downSince) / 1000).toFixed(1)} s down`);
    await node.start();
    run.mark('Elasticsearch started again on the same data');

    await run.waitForCompletion(300_000);
    run.mark('pipeline idle, all documents searchable');
    await expectCleanEnd(run, 'es-down');
    expect(worker.log()).toMatch(/ES_UNAVAILABLE|Elasticsearch is not answering|ECONNREFUSED/);
    await worker.stop('SIGTERM', 60_000);
  });
});
