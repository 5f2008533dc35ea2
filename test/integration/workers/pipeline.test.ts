/**
 * The analyze → index half of the pipeline on the real Redis and Elasticsearch: documents enqueued once or twice
 * end up searchable exactly once; a malformed job becomes a dead letter with its reason while the worker goes on;
 * a dead letter can be retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import { testNamespace } from '../../helpers/test-namespace.js';
import { startWorkers, type RunningWorkers } from '../../../workers/run-workers.js';
import { waitForPipeline } from '../../../workers/demo/wait-for-pipeline.js';
import { listDeadLetters, retryDeadLetters } from '../../../workers/dead-letters.js';
import { analyzeJobId, stages } from '../../../workers/pipeline.js';
import { ensureIndex } from '../../../infra/elasticsearch/ensure-index.js';
import { createLogger } from '../../../infra/logger.js';
import { contentHash, documentId } from '../../../crawlers/document-ids.js';
import type { RawDocument } from '../../../crawlers/raw-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('pipeline');
const es = new Client({ node: ns.config.elasticsearchUrl });
const alias = `${ns.config.indexPrefix}-posts`;
let running: RunningWorkers;

const texts = [
  ['囤货三个月还没卖完', '当初上级说一个月就能回本，结果囤了两万块的货，到现在还压在家里，退款也退不了，真的后悔。'],
  ['朋友圈卖面膜的体验', '做了半年微商，老客户回购率还不错，产品质量过关，收入比上班多一点，挺开心的。'],
  ['警惕微商传销', '记者调查发现，某品牌以招代理为名收取入门费，发展层级下线，已被市场监管部门立案调查。'],
  ['退款被拉黑', '买了她的减肥茶喝完拉肚子，要求退款直接被拉黑了，投诉无门，大家千万别买。'],
] as const;

function raw(i: number, title: string, body: string): RawDocument {
  const url = `http://127.0.0.1:1/post/${i}.html`;
  return {
    docId: documentId('pipeline-test', url),
    sourceId: 'pipeline-test',
    url,
    title,
    body,
    publishedAt: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00+08:00`,
    author: null,
    fetchedAt: '2026-11-26T00:00:00.000Z',
    contentHash: contentHash(title, body),
    topics: ['微商'],
    sourceType: 'html',
  };
}

const docs = texts.map(([t, b], i) => raw(i, t, b));

async function enqueue(list: RawDocument[]): Promise<void> {
  await running.queues.analyze.addBulk(list.map((d) => ({ name: stages.analyze.queue, data: d, opts: { jobId: analyzeJobId(d) } })));
}

async function searchable(): Promise<number> {
  await es.indices.refresh({ index: alias });
  return (await es.count({ index: alias })).count;
}

beforeAll(async () => {
  await ensureIndex(es, ns.config);
  running = await startWorkers(ns.config, { stages: ['analyze', 'index'], log: createLogger({ level: 'silent' }) });
});

afterAll(async () => {
  await running.queues.analyze.obliterate({ force: true }).catch(() => undefined);
  await running.queues.index.obliterate({ force: true }).catch(() => undefined);
  await running.queues.dead.obliterate({ force: true }).catch(() => undefined);
  await running.close();
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
});

describe('analyze → index workers', () => {
  it('makes every enqueued document searchable once, with its analysis', async () => {
    await enqueue(docs);
    await waitForPipeline(running.queues, { timeoutMs: 60_000, pollMs: 200 });
    expect(await searchable()).toBe(docs.length);
    const hit = await es.get<{ sentiment: { label: string }; tokens: unknown; analysisVersion: string }>({ index: alias, id: docs[3]!.docId });
    expect(hit._source?.sentiment.label).toBe('neg');
    expect(hit._source?.analysisVersion).toBeTruthy();
  });

  it('does not duplicate when the same documents are enqueued again (even with new job ids)', async () => {
    await enqueue(docs);
    await running.queues.analyze.addBulk(docs.map((d, i) => ({ name: stages.analyze.queue, data: d, opts: { jobId: `again-${i}` } })));
    await waitForPipeline(running.queues, { timeoutMs: 60_000, pollMs: 200 });
    expect(await searchable()).toBe(docs.length);
  });

  it('dead-letters a malformed job with its reason and keeps working', async () => {
    await running.queues.analyze.add(stages.analyze.queue, { docId: 'not-a-sha1', url: 'http://127.0.0.1:1/x', sourceId: 'pipeline-test' }, { jobId: 'malformed-1' });
    const extra = raw(9, '压货之后的维权', '上家不肯回收压货，我们十几个代理准备一起去投诉，希望能拿回一部分钱。');
    await enqueue([extra]);
    await waitForPipeline(running.queues, { timeoutMs: 60_000, pollMs: 200 });
    expect(await searchable()).toBe(docs.length + 1);
    const letters = await listDeadLetters(running.queues);
    const letter = letters.find((l) => l.jobId === 'malformed-1');
    expect(letter).toMatchObject({ stage: 'analyze', code: 'INVALID_PAYLOAD', context: { sourceId: 'pipeline-test' } });
    expect(letter?.message).toContain('docId');
    expect(letter?.attemptsMade).toBe(1);
  });

  it('sends dead letters back to their stage on retry', async () => {
    // Repair the stored letter's data as an operator would after fixing the cause, then retry it.
    const letters = await running.queues.dead.getJobs(['waiting']);
    const job = letters.find((j) => (j.data as { jobId: string }).jobId === 'malformed-1')!;
    const fixed = raw(10, '代理群里都在说退款', '品牌方突然跑路，代理群里都在讨论怎么退款，我还有一箱货没拆。');
    await job.updateData({ ...(job.data as object), data: fixed });
    expect(await retryDeadLetters(running.queues, { stage: 'analyze' })).toBe(1);
    await waitForPipeline(running.queues, { timeoutMs: 60_000, pollMs: 200 });
    expect(await searchable()).toBe(docs.length + 2);
    expect(await listDeadLetters(running.queues)).toHaveLength(0);
  });
});
