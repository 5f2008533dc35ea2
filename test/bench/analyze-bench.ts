/**
 * `npm run bench:analyze`: documents/s of the full analyze stage (createAnalyzer().analyze: normalize, redact,
 * segment, sentiment, keywords, micro-business step, plus the MinHash signature and LSH band keys the analyze worker
 * computes for the cluster store — everything but the Redis round trip) next to nodejieba's bare `cut` over the same
 * texts, measured in the same run on one core (run it under `taskset -c 0` to pin), and their ratio (goal ≥ 0.5);
 * once per post and once for page-sized documents. Texts are read from ../shared/data at run time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { createAnalyzer, type Analyzer } from '../../analysis/index.js';
import { bands, signature } from '../../analysis/microbiz/index.js';
import { preMicrobizDefaults } from '../../analysis/microbiz-step.js';
import type { RawDocument } from '../../crawlers/raw-document.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/sentiment/', import.meta.url));
// Nine interleaved rounds: with five, the median of a round moved the posts ratio by ±0.02 between runs.
const ROUNDS = 9;

function texts(): string[] {
  const out: string[] = [];
  for (const file of ['dev.tsv', 'weibo_human.tsv']) {
    for (const line of readFileSync(dataDir + file, 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab >= 0) out.push(line.slice(tab + 1));
    }
  }
  return out;
}

function rawDocument(text: string, i: number): RawDocument {
  const id = createHash('sha1').update(`bench\n${i}`).digest('hex');
  return {
    docId: id,
    sourceId: 'bench',
    url: `https://bench.example/${i}`,
    title: '',
    body: text,
    publishedAt: null,
    author: null,
    fetchedAt: '2026-11-26T00:00:00.000Z',
    contentHash: id,
    topics: [],
    sourceType: 'html',
  };
}

function timeIt(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Consecutive texts joined into bodies of about `size` characters: forum threads / article-sized documents. */
function pages(all: readonly string[], size: number): string[] {
  const out: string[] = [];
  let page = '';
  for (const t of all) {
    page = page ? `${page}\n${t}` : t;
    if (page.length >= size) {
      out.push(page);
      page = '';
    }
  }
  if (page) out.push(page);
  return out;
}

function main(): void {
  const analyzer = createAnalyzer(); // loads nodejieba with the shipped dictionary: bare cut uses the same one
  console.log(`analyzer ${analyzer.version}`);
  // The same stage without the micro-business step (no aspects, speaker or MinHash; contacts still redacted), to
  // show where the time goes (same dictionary: allowed).
  const withoutMicrobiz = createAnalyzer({ microbiz: preMicrobizDefaults });
  const posts = texts();
  run(analyzer, withoutMicrobiz, 'posts (one text per document)', posts);
  run(analyzer, withoutMicrobiz, 'pages (texts joined to ~1000 chars)', pages(posts, 1000));
}

function run(analyzer: Analyzer, withoutMicrobiz: Analyzer, label: string, all: string[]): void {
  const docs = all.map(rawDocument);
  const chars = all.reduce((n, t) => n + t.length, 0);
  console.log(`\n${label}: ${docs.length} documents, ${(chars / docs.length).toFixed(0)} chars avg, from ${dataDir}`);
  const now = new Date('2026-11-26T00:00:00Z');
  let sink = 0;
  const cut = (): void => {
    for (const t of all) sink += nodejieba.cut(t).length;
  };
  // What the analyze worker does per document before its Redis call (workers/cluster-assigner.ts).
  const analyze = (): void => {
    for (const d of docs) sink += bands(signature(analyzer.analyze(d, now).tokens)).length;
  };
  const analyzeWithoutMicrobiz = (): void => {
    for (const d of docs) sink += withoutMicrobiz.analyze(d, now).tokens.length;
  };
  cut();
  analyze(); // warm-up: JIT, lazy tables
  analyzeWithoutMicrobiz();
  const cutTimes: number[] = [];
  const analyzeTimes: number[] = [];
  const withoutTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved rounds, so a noisy neighbour on the shared cores hurts all sides alike.
    cutTimes.push(timeIt(cut));
    analyzeTimes.push(timeIt(analyze));
    withoutTimes.push(timeIt(analyzeWithoutMicrobiz));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const cutRate = docs.length / median(cutTimes);
  const analyzeRate = docs.length / median(analyzeTimes);
  console.log(`bare nodejieba.cut      ${cutRate.toFixed(0).padStart(8)} docs/s (median of ${ROUNDS})`);
  console.log(`full analyze + MinHash  ${analyzeRate.toFixed(0).padStart(8)} docs/s (median of ${ROUNDS})`);
  const ratio = analyzeRate / cutRate;
  console.log(`ratio analyze/cut       ${ratio.toFixed(2).padStart(8)}   (goal ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  const without = docs.length / median(withoutTimes);
  console.log(`  for reference: without the micro-business step ${without.toFixed(0)} docs/s, ratio ${(without / cutRate).toFixed(2)}`);
  if (sink < 0) console.log(sink);
}

main();
