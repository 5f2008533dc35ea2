/**
 * `npm run bench:extract`: pages/s of automatic article extraction (cheerio parse + extractArticle) next to
 * Readability.js over jsdom (parse + Readability.parse) on the same 62 shared article pages, in the same run, on one
 * core (run it under `taskset -c 0` to pin), and the ratio (goal ≥ 5). Both sides start from the decoded text of
 * each page; rounds alternate so a noisy neighbour slows both alike. Pages are read from ../shared at run time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { decodeBody } from '../../crawlers/extract/decode-body.js';
import { extractArticle } from '../../crawlers/extract/auto/extract-article.js';

const pagesDir = fileURLToPath(new URL('../../../shared/data/extraction/pages/article/', import.meta.url));
const ROUNDS = 5;

function pageTexts(): string[] {
  const out: string[] = [];
  for (const site of readdirSync(pagesDir).sort()) {
    const dir = `${pagesDir}${site}/`;
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.html')) out.push(decodeBody(readFileSync(dir + f)).text);
  }
  return out;
}

const now = new Date('2021-01-01T00:00:00+08:00');
// jsdom reports CSS it cannot parse on the console; that noise is not part of the measurement.
const quiet = new VirtualConsole();

const ours = (html: string): number => {
  const r = extractArticle(cheerio.load(html), { url: 'https://bench.example/a.html', timezone: 'Asia/Shanghai', now });
  return r.kind === 'article' ? r.body.value.length : 0;
};
const readability = (html: string): number => {
  const dom = new JSDOM(html, { url: 'https://bench.example/a.html', virtualConsole: quiet });
  return new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
};

function pagesPerSecond(texts: string[], run: (html: string) => number): number {
  const started = process.hrtime.bigint();
  let sink = 0;
  for (const t of texts) sink += run(t);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) console.log(sink);
  return texts.length / seconds;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

let texts: string[];
try {
  texts = pageTexts();
} catch {
  console.error(`bench:extract: shared pages not found at ${pagesDir} (the ../shared data folder next to the repository)`);
  process.exit(1);
}
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
console.log(`bench:extract: ${texts.length} pages (${(bytes / 1e6).toFixed(1)} MB of HTML), ${ROUNDS} interleaved rounds, median`);
// Warm-up: JIT and lazy module state on both sides.
pagesPerSecond(texts.slice(0, 10), ours);
pagesPerSecond(texts.slice(0, 10), readability);
const oursRuns: number[] = [];
const peerRuns: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  oursRuns.push(pagesPerSecond(texts, ours));
  peerRuns.push(pagesPerSecond(texts, readability));
}
const a = median(oursRuns);
const b = median(peerRuns);
console.log(`  extractArticle (cheerio)      ${a.toFixed(1).padStart(7)} pages/s`);
console.log(`  Readability.js (jsdom)        ${b.toFixed(1).padStart(7)} pages/s`);
console.log(`  ratio                         ${(a / b).toFixed(2).padStart(7)}×   (goal ≥ 5×)`);
