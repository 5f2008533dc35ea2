/**
 * `npm run bench:index`: documents/s through indexDocuments (the index stage) next to a bare client.helpers.bulk of
 * the same documents into an index with the same mapping, in the same run, and their ratio (goal ≥ 0.7).
 * Uses its own index prefix and deletes what it created. Not a test: it prints figures.
 */
import { loadConfig } from '../../infra/config/load-config.js';
import { createEsClient } from '../../infra/elasticsearch/es-client.js';
import { ensureIndex } from '../../infra/elasticsearch/ensure-index.js';
import { indexDocuments } from '../../infra/elasticsearch/index-documents.js';
import { toPostSource, type PostSource } from '../../infra/elasticsearch/post-source.js';
import type { AnalyzedDocument } from '../../analysis/analyzed-document.js';
import { makeAnalyzedDocument } from '../helpers/make-analyzed-document.js';

const count = Number(process.argv[2] ?? 10_000);
// The machine is shared: many short paired rounds, alternating order, and the median of the per-round ratios.
const rounds = Number(process.argv[3] ?? 5);
const base = loadConfig({ env: process.env, overrides: { logLevel: 'warn' } });
const prefix = `pulse-bench-${process.pid}`;
const es = createEsClient(base, { requestTimeoutMs: 120_000 });

// Synthetic posts of realistic size (~600 characters, ~120 tokens) from a small made-up vocabulary.
const words = ['微商', '代理', '囤货', '退款', '朋友圈', '刷屏', '上级', '拉人头', '产品', '质量', '过敏', '投诉', '客服', '拉黑', '跑路', '入门费', '层级', '月入', '亏损', '发货'];
function makeDocs(n: number): AnalyzedDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const tokens = Array.from({ length: 120 }, (_, k) => words[(i * 7 + k * 13) % words.length]!);
    return makeAnalyzedDocument({
      n: `bench-${i}`,
      sourceId: `source-${i % 12}`,
      publishedAt: new Date(Date.UTC(2026, 9, 1) + (i % 2000) * 3_600_000).toISOString(),
      text: tokens.join('，').slice(0, 600),
      tokens,
      keywords: tokens.slice(0, 5),
      score: ((i % 21) - 10) / 10,
      aspects: [{ name: i % 2 ? 'refunds' : 'stockpiling' }],
      clusterId: `c-${i % 900}`,
    });
  });
}

async function fresh(p: string): Promise<string> {
  await drop(p);
  return (await ensureIndex(es, { ...base, indexPrefix: p })).alias;
}

async function drop(p: string): Promise<void> {
  const found = await es.indices.get({ index: `${p}-*` }).catch(() => ({}));
  if (Object.keys(found).length) await es.indices.delete({ index: Object.keys(found) });
}

async function timeOurs(docs: AnalyzedDocument[]): Promise<number> {
  const p = `${prefix}-ours`;
  const alias = await fresh(p);
  const t0 = performance.now();
  const result = await indexDocuments(es, { ...base, indexPrefix: p }, docs);
  const seconds = (performance.now() - t0) / 1000;
  await es.indices.refresh({ index: alias });
  const { count: stored } = await es.count({ index: alias });
  if (result.failed.length || stored !== docs.length) throw new Error(`indexDocuments lost documents: ${stored}/${docs.length}, ${result.failed.length} failed`);
  return docs.length / seconds;
}

async function timeBare(sources: PostSource[]): Promise<number> {
  const p = `${prefix}-bare`;
  const alias = await fresh(p);
  const t0 = performance.now();
  const stats = await es.helpers.bulk<PostSource>({ datasource: sources, onDocument: (doc) => ({ index: { _index: alias, _id: doc.docId } }) });
  const seconds = (performance.now() - t0) / 1000;
  await es.indices.refresh({ index: alias });
  const { count: stored } = await es.count({ index: alias });
  if (stats.failed || stored !== sources.length) throw new Error(`helpers.bulk lost documents: ${stored}/${sources.length}`);
  return sources.length / seconds;
}

try {
  process.stderr.write(`generating ${count} documents…\n`);
  const docs = makeDocs(count);
  const sources = docs.map((d) => toPostSource(d, new Date().toISOString()));
  const bytes = sources.reduce((n, s) => n + Buffer.byteLength(JSON.stringify(s)), 0);
  process.stderr.write(`warm-up…\n`);
  await timeOurs(docs.slice(0, 2000));
  await timeBare(sources.slice(0, 2000));
  const ours: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate the order so neither side always runs on a warmer (or more fragmented) node.
    if (r % 2 === 0) {
      ours.push(await timeOurs(docs));
      bare.push(await timeBare(sources));
    } else {
      bare.push(await timeBare(sources));
      ours.push(await timeOurs(docs));
    }
    process.stderr.write(`round ${r + 1}: indexDocuments ${ours.at(-1)!.toFixed(0)} docs/s, helpers.bulk ${bare.at(-1)!.toFixed(0)} docs/s\n`);
  }
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const o = median(ours);
  const b = median(bare);
  const ratio = median(ours.map((x, i) => x / bare[i]!));
  console.log(`documents: ${count} per round (${(bytes / count / 1024).toFixed(1)} KB each), batch ${base.indexBatchSize} docs / ${base.indexBatchBytes} bytes, ${rounds} paired rounds`);
  console.log(`per-round ratios: ${ours.map((x, i) => (x / bare[i]!).toFixed(2)).join(' ')}`);
  console.log(`indexDocuments (index stage):  ${o.toFixed(0)} docs/s`);
  console.log(`client.helpers.bulk (bare):    ${b.toFixed(0)} docs/s`);
  console.log(`ratio (median of per-round ratios): ${ratio.toFixed(2)} (goal ≥ 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
} finally {
  await drop(`${prefix}-ours`);
  await drop(`${prefix}-bare`);
  await es.indices.deleteIndexTemplate({ name: `${prefix}-ours-posts` }).catch(() => undefined);
  await es.indices.deleteIndexTemplate({ name: `${prefix}-bare-posts` }).catch(() => undefined);
  await es.close();
}
