/**
 * A Redis that requires a password (a private redis-server with --requirepass; the shared one has none): the CLI and
 * the workers work through redis://:password@host:port, documents flow through the queues into Elasticsearch, and a
 * wrong or missing password fails in one line that says so — without echoing the password.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import { startPrivateRedis, type PrivateRedis } from '../../faults/private-redis.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { testConfig } from '../../helpers/test-config.js';
import { startWorkers, type RunningWorkers } from '../../../workers/run-workers.js';
import { waitForPipeline } from '../../../workers/demo/wait-for-pipeline.js';
import { analyzeJobId, stages } from '../../../workers/pipeline.js';
import { ensureIndex } from '../../../infra/elasticsearch/ensure-index.js';
import { createLogger } from '../../../infra/logger.js';
import { contentHash, documentId } from '../../../crawlers/document-ids.js';
import type { RawDocument } from '../../../crawlers/raw-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const password = 'Redis-Auth-Pw-6Gh1';
const port = 16380;
const ns = testNamespace('redis-auth');
const es = new Client({ node: ns.config.elasticsearchUrl });
const alias = `${ns.config.indexPrefix}-posts`;
let redis: PrivateRedis;
let running: RunningWorkers | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis(port, ['--requirepass', password]);
});

afterAll(async () => {
  await running?.close();
  await redis?.destroy();
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
});

async function pulse(args: string[], redisUrl: string): Promise<{ code: number; out: string }> {
  const env = { ...process.env, REDIS_URL: redisUrl, PULSE_QUEUE_PREFIX: ns.config.queuePrefix, PULSE_INDEX_PREFIX: ns.config.indexPrefix, PULSE_LOG_LEVEL: 'debug' };
  return exec(process.execPath, ['workers/cli/pulse.mjs', ...args], { cwd: root, env, timeout: 60_000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, out: (e.stdout ?? '') + (e.stderr ?? '') }),
  );
}

function doc(i: number): RawDocument {
  const url = `http://127.0.0.1:1/auth/${i}.html`;
  const title = `微商代理第${i}次退款`;
  const body = '上家说好七天退款，结果拖了一个月，群里的代理都在等。';
  return { docId: documentId('redis-auth', url), sourceId: 'redis-auth', url, title, body, publishedAt: null, author: null, fetchedAt: new Date().toISOString(), contentHash: contentHash(title, body), topics: ['微商'], sourceType: 'html' };
}

describe('Redis with a password', () => {
  const good = `redis://:${password}@127.0.0.1:${port}`;

  it('serves the CLI and the workers through redis://:password@host', async () => {
    const status = await pulse(['status', '--json'], good);
    expect(status.code, status.out).toBe(0);
    expect(JSON.parse(status.out.slice(status.out.indexOf('{')))).toHaveProperty('queues');
    const letters = await pulse(['dead-letters', 'list'], good);
    expect(letters.code, letters.out).toBe(0);
    for (const r of [status, letters]) expect(r.out).not.toContain(password);

    const config = testConfig({ redisUrl: good, queuePrefix: ns.config.queuePrefix, indexPrefix: ns.config.indexPrefix });
    await ensureIndex(es, config);
    running = await startWorkers(config, { stages: ['analyze', 'index'], log: createLogger({ level: 'silent' }) });
    const docs = Array.from({ length: 10 }, (_, i) => doc(i));
    await running.queues.analyze.addBulk(docs.map((d) => ({ name: stages.analyze.queue, data: d, opts: { jobId: analyzeJobId(d) } })));
    await waitForPipeline(running.queues, { timeoutMs: 60_000, pollMs: 200 });
    await es.indices.refresh({ index: alias });
    expect((await es.count({ index: alias })).count).toBe(10);
    // The jobs really live in the password-protected Redis.
    const counts = await running.queues.index.getJobCounts('completed');
    expect(counts['completed']).toBe(10);
    await running.close();
    running = undefined;
  });

  it('refuses a wrong or missing password in one line, without echoing it', async () => {
    const wrong = await pulse(['status'], `redis://:Not-${password}@127.0.0.1:${port}`);
    const missing = await pulse(['dead-letters', 'list'], `redis://127.0.0.1:${port}`);
    for (const r of [wrong, missing]) {
      expect(r.code).toBe(1);
      expect(r.out.trim()).toMatch(/^pulse: Redis at redis:\/\/(:\*\*\*@)?127\.0\.0\.1:16380 refused our credentials/);
      expect(r.out).not.toContain(password);
    }
  });
});
