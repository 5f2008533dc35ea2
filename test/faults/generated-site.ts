/**
 * A deterministic fixture site of N micro-business articles (same N and seed → same bytes), generated in memory at
 * test time and served on 127.0.0.1 through the project's static server with a handler: robots.txt, list pages of
 * `perList` links each, article pages with a clear author name. An optional fault hook can make any request fail
 * (HTTP 500 or a connection reset). Knows the ground truth the fault tests compare Elasticsearch against.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveStaticSite } from '../../infra/demo-site/serve-demo-site.js';
import { seededRandom } from '../../analysis/sentiment/train/seeded-random.js';

export interface GeneratedArticle {
  path: string;
  title: string;
  author: string;
  publishedAt: string;
  paragraphs: string[];
}

export type FaultKind = 'ok' | 'error500' | 'reset';

export interface GeneratedSiteOptions {
  count: number;
  /** Article links per list page. @default 100 */
  perList?: number;
  seed?: number;
  /** Decides the fate of the n-th request (1-based, robots.txt included). @default always 'ok' */
  fault?: (n: number, path: string) => FaultKind;
  /** Answer article pages this much later (a slow site keeps a crawl running for a while). @default 0 */
  articleDelayMs?: number;
  /** Extra paths answered before the generated ones (bad-input pages, for instance). */
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
}

export interface GeneratedSite {
  baseUrl: string;
  articles: GeneratedArticle[];
  /** URLs of the list pages (a source's startUrls). */
  listUrls: string[];
  /** Canonical URLs the crawler should turn into documents. */
  articleUrls: string[];
  stats: { requests: number; faults: Record<Exclude<FaultKind, 'ok'>, number> };
  close(): Promise<void>;
}


const openings = ['去年被朋友拉进微商群', '做微商代理第三年', '看到朋友圈有人招代理', '上级一直催我囤货', '我在县城做微商', '表姐在朋友圈卖面膜'];
const middles = [
  '说拿货越多折扣越低，我一口气压了两万块的货',
  '每天在朋友圈发九条广告，亲戚都把我屏蔽了',
  '产品质量其实还不错，老客户回购率挺高',
  '申请退款一个月了，客服只会说已登记',
  '团队长说发展下线就能躺赚，听着像传销',
  '靠口碑慢慢做起来，收入比上班多一点',
  '代理费交了三千八，到现在一单都没出',
  '品牌方突然跑路，群里都在讨论怎么维权',
];
const endings = ['想做的人一定要想清楚。', '大家千万别盲目囤货。', '希望监管部门管一管。', '总体来说还算满意。', '退款的事还在等消息。', '以后只接单发货，不再压货。'];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const given = ['小明', '晓红', '建国', '丽娟', '志强', '美玲', '海燕', '国庆', '秀英', '春生'];

export function generateArticles(count: number, seed = 7): GeneratedArticle[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(i + 1).padStart(5, '0');
    const day = 1 + (i % 28);
    const minute = Math.floor(rnd() * 1440);
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    const paragraphs = Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => `${pick(openings)}，${pick(middles)}，${pick(middles)}。${pick(endings)}`);
    out.push({
      path: `/posts/p${id}.html`,
      // The number keeps every title (and so every content hash) distinct.
      title: `微商见闻第${id}篇：${pick(middles).slice(0, 12)}`,
      // A distinctive clear name: the fault tests assert it never reaches Elasticsearch.
      author: `${pick(surnames)}${pick(given)}${id}号`,
      publishedAt: `2026-10-${String(day).padStart(2, '0')} ${hh}:${mm}`,
      paragraphs,
    });
  }
  return out;
}

const page = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${body}\n</body></html>\n`;

export function articleHtml(a: GeneratedArticle): string {
  return page(
    a.title,
    `<article><h1 class="title">${a.title}</h1>\n<div class="meta">作者：<span class="author">${a.author}</span> <span class="pub">${a.publishedAt}</span></div>\n` +
      `<div class="content">\n${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n</div></article>`,
  );
}

function listHtml(items: GeneratedArticle[], n: number): string {
  const rows = items.map((a) => `<li><a class="title" href="${a.path}">${a.title}</a></li>`).join('\n');
  return page(`列表 第${n}页`, `<ul class="post-list">\n${rows}\n</ul>`);
}

export async function serveGeneratedSite(o: GeneratedSiteOptions): Promise<GeneratedSite> {
  const articles = generateArticles(o.count, o.seed);
  const perList = o.perList ?? 100;
  const lists = Math.ceil(articles.length / perList);
  const byPath = new Map(articles.map((a) => [a.path, a]));
  const stats: GeneratedSite['stats'] = { requests: 0, faults: { error500: 0, reset: 0 } };
  // The static server needs a root; everything here is answered by the handler, so an empty folder will do.
  const emptyRoot = mkdtempSync(join(tmpdir(), 'pulse-gen-site-'));
  const send = (res: ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8'): true => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
    return true;
  };
  const site = await serveStaticSite(emptyRoot, {
    handlers: [
      (req, res, url) => {
        const n = ++stats.requests;
        const fate = o.fault?.(n, url.pathname) ?? 'ok';
        if (fate === 'error500') {
          stats.faults.error500++;
          return send(res, 500, 'injected failure', 'text/plain');
        }
        if (fate === 'reset') {
          stats.faults.reset++;
          req.socket.destroy();
          return true;
        }
        if (o.extra?.(req, res, url)) return true;
        if (url.pathname === '/robots.txt') return send(res, 200, 'User-agent: *\nAllow: /\n', 'text/plain; charset=utf-8');
        const list = /^\/list\/(\d+)\.html$/.exec(url.pathname);
        if (list) {
          const k = Number(list[1]);
          if (k < 1 || k > lists) return send(res, 404, 'no such list page', 'text/plain');
          return send(res, 200, listHtml(articles.slice((k - 1) * perList, k * perList), k));
        }
        const article = byPath.get(url.pathname);
        if (article && o.articleDelayMs) {
          setTimeout(() => send(res, 200, articleHtml(article)), o.articleDelayMs).unref();
          return true;
        }
        if (article) return send(res, 200, articleHtml(article));
        return send(res, 404, 'not found', 'text/plain');
      },
    ],
  });
  return {
    baseUrl: site.baseUrl,
    articles,
    listUrls: Array.from({ length: lists }, (_, i) => `${site.baseUrl}/list/${i + 1}.html`),
    articleUrls: articles.map((a) => `${site.baseUrl}${a.path}`),
    stats,
    async close() {
      await site.close();
      rmSync(emptyRoot, { recursive: true, force: true });
    },
  };
}
