/**
 * `npm run bench:crawl` — pages/s of crawlSource (crawlee HttpCrawler + decoding, extraction, topic filter, seen-set,
 * politeness checks) on a loopback site of list + article pages, next to a plain concurrent fetch() of the very same
 * URLs in the same run, and their ratio. Same concurrency for both; the crawler's rate limit set out of the way.
 */
import { crawlSource, MemorySeenSet, parseSources, type SourceConfig } from '../../crawlers/index.js';
import { serveStaticSite } from '../../infra/demo-site/serve-demo-site.js';
import { demoArticles } from '../../infra/demo-site/demo-articles.js';

const articles = Number(process.argv[2] ?? 600);
const perList = 20;
const concurrency = Number(process.argv[3] ?? 8);
const rounds = 3;

// Article pages reuse the demo texts (cycled) so the extraction work is realistic.
const articleHtml = (i: number): string => {
  const a = demoArticles[i % demoArticles.length];
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${a?.title}</title></head><body><article><h1 class="title">${a?.title} #${i}</h1>` +
    `<div class="meta"><span class="author">${a?.author}</span> <span class="pub">${a?.at}</span></div><div class="content">${a?.paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></article></body></html>`;
};
const lists = Math.ceil(articles / perList);
const listHtml = (n: number): string => {
  const links = Array.from({ length: perList }, (_, k) => (n - 1) * perList + k).filter((i) => i < articles).map((i) => `<li><a class="t" href="/a/${i}.html">x</a></li>`);
  return `<html><body><ul>${links.join('')}</ul>${n < lists ? `<a class="next" href="/list/${n + 1}.html">下一页</a>` : ''}</body></html>`;
};

const site = await serveStaticSite('/nonexistent', {
  handlers: [
    (_req, res, url) => {
      const m = /^\/(list|a)\/(\d+)\.html$/.exec(url.pathname);
      if (!m) return false;
      const body = m[1] === 'list' ? listHtml(Number(m[2])) : articleHtml(Number(m[2]));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      return true;
    },
  ],
});
const urls = [...Array.from({ length: lists }, (_, n) => `${site.baseUrl}/list/${n + 1}.html`), ...Array.from({ length: articles }, (_, i) => `${site.baseUrl}/a/${i}.html`)];

const [source] = parseSources({
  sources: [
    {
      id: 'bench',
      type: 'html',
      schedule: '0 0 * * *',
      topics: ['微商', '代理', '朋友圈', '退款', '囤货', '压货', '传销', '招代理', '微信'],
      startUrls: [`${site.baseUrl}/list/1.html`],
      list: { itemLink: 'a.t', nextPage: 'a.next' },
      detail: { title: 'h1.title', body: '.content', author: '.author', publishedAt: '.pub' },
      limits: { maxPages: urls.length + 10, maxDepth: lists + 1 },
      politeness: { maxConcurrency: concurrency, maxRequestsPerMinute: 1e9 },
    },
  ],
});

async function plainFetch(): Promise<number> {
  let next = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      const res = await fetch(url);
      bytes += (await res.arrayBuffer()).byteLength;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return bytes;
}

async function crawl(): Promise<number> {
  let docs = 0;
  const summary = await crawlSource(source as SourceConfig, { userAgent: 'PulseBench/0.1', authorSalt: 'bench', allowPrivateAddresses: ['127.0.0.1'] }, {
    seenSet: new MemorySeenSet(),
    sink: async (batch) => void (docs += batch.length),
  });
  if (summary.pagesFetched !== urls.length || summary.errors.length) throw new Error(`crawler fetched ${summary.pagesFetched}/${urls.length} pages, errors: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  return docs;
}

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

console.log(`crawl bench: ${urls.length} pages (${lists} lists + ${articles} articles) on ${site.baseUrl}, concurrency ${concurrency}, ${rounds} rounds (best of each)`);
await plainFetch(); // warm-up: JIT, sockets
let bestFetch = Infinity;
let bestCrawl = Infinity;
for (let r = 1; r <= rounds; r++) {
  const f = await time(plainFetch);
  const c = await time(crawl);
  bestFetch = Math.min(bestFetch, f);
  bestCrawl = Math.min(bestCrawl, c);
  console.log(`  round ${r}: plain fetch ${(urls.length / f).toFixed(0)} pages/s, crawler ${(urls.length / c).toFixed(0)} pages/s`);
}
const fetchRate = urls.length / bestFetch;
const crawlRate = urls.length / bestCrawl;
console.log(`\n${'plain concurrent fetch():'.padEnd(34)}${fetchRate.toFixed(0).padStart(6)} pages/s`);
console.log(`${'crawlSource (crawlee HttpCrawler):'.padEnd(34)}${crawlRate.toFixed(0).padStart(6)} pages/s`);
console.log(`${'ratio crawler / plain fetch:'.padEnd(34)}${(crawlRate / fetchRate).toFixed(2).padStart(6)}`);
await site.close();
