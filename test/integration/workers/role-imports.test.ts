/**
 * A worker process loads only what its roles use (issue 14, worker memory): a crawl worker never loads nodejieba, the
 * analyzer's tables or the Elasticsearch client, and an analyze worker never loads the crawlers. Real `pulse workers`
 * processes, with a preload that lists every module they load (test/helpers/module-trace.mjs); each process is
 * stopped once it reports "workers started", when every role's code is loaded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllWorkers, repoRoot, spawnPulse } from '../../faults/worker-process.js';
import { deleteKeys } from '../../faults/fault-run.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { connectionReady, producerConnection } from '../../../workers/redis-connection.js';

const ns = testNamespace('role-imports');
const dir = mkdtempSync(join(tmpdir(), 'pulse-role-imports-'));
const traceHook = new URL('../../helpers/module-trace.mjs', import.meta.url).href;

afterAll(async () => {
  await killAllWorkers();
  const redis = producerConnection(ns.config);
  await connectionReady(redis);
  await deleteKeys(redis, `${ns.config.queuePrefix}:*`);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Module paths (relative to the repository) a `pulse workers --stages <roles>` process loaded by the time it started. */
async function modulesLoadedBy(roles: string): Promise<string[]> {
  const tag = roles.replace(/\W+/g, '-');
  const trace = join(dir, `${tag}.modules`);
  const worker = spawnPulse({
    args: ['workers', '--stages', roles],
    logFile: join(dir, `${tag}.log`),
    env: {
      PULSE_QUEUE_PREFIX: ns.config.queuePrefix,
      PULSE_INDEX_PREFIX: ns.config.indexPrefix,
      PULSE_LOG_LEVEL: 'info',
      PULSE_TEST_MODULE_TRACE: trace,
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${traceHook}`.trim(),
    },
  });
  const deadline = Date.now() + 90_000;
  while (!worker.log().includes('"workers started"')) {
    if (!worker.alive() || Date.now() > deadline) throw new Error(`--stages ${roles} did not start; log:\n${worker.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await worker.stop('SIGTERM', 60_000);
  const root = new URL(`file://${repoRoot}`).href.replace(/\/?$/, '/');
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith(root))
    .map((u) => u.slice(root.length));
}

const analyzerCode = (m: string): boolean => m.startsWith('analysis/') && m !== 'analysis/analyzed-document.ts';
const crawlerCode = (m: string): boolean => m.startsWith('crawlers/') && m !== 'crawlers/raw-document.ts';

describe('what a worker process loads for its roles', () => {
  it('a crawl worker loads the crawlers, and neither nodejieba, the analyzer nor the Elasticsearch client', async () => {
    const loaded = await modulesLoadedBy('crawl');
    expect(loaded).toContain('workers/processors/crawl.processor.ts');
    expect(loaded.filter((m) => m.includes('node_modules/nodejieba/') || m.includes('node_modules/opencc-js/') || analyzerCode(m))).toEqual([]);
    expect(loaded.filter((m) => m.includes('node_modules/@elastic/'))).toEqual([]);
  });

  it('an analyze worker loads nodejieba and the analyzer, and no crawler code', async () => {
    const loaded = await modulesLoadedBy('analyze');
    expect(loaded).toContain('node_modules/nodejieba/index.js');
    expect(loaded).toContain('analysis/create-analyzer.ts');
    expect(loaded.filter((m) => crawlerCode(m) || m.includes('node_modules/@crawlee/') || m.includes('node_modules/@elastic/'))).toEqual([]);
  });
});
