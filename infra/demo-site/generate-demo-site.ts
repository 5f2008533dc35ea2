/**
 * Renders demo-articles.ts into the static demo site (article pages, 4 paginated lists, robots.txt, sitemap.xml,
 * feed.xml). Deterministic: same input, same bytes. `tsx infra/demo-site/generate-demo-site.ts` rewrites ./site.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoArticles, type DemoArticle } from './demo-articles.js';

export const demoSiteDir = fileURLToPath(new URL('./site/', import.meta.url));
const perPage = 12;

interface Rendered {
  id: string;
  article: DemoArticle;
}

const escapeHtml = (s: string): string => s.replace(/&(?![a-z]+;|#\d+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Paragraph text may carry <br> and entities on purpose; only the other markup characters are escaped. */
const paragraphHtml = (p: string): string => escapeHtml(p).replace(/&lt;br&gt;/g, '<br>');
const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Three display formats, so the crawler's Chinese date parsing is exercised by the demo itself. */
function displayDate(at: string, i: number): string {
  const [d = '', t = ''] = at.split(' ');
  const [y, m, day] = d.split('-');
  if (i % 3 === 1) return `${y}年${Number(m)}月${Number(day)}日 ${t}`;
  if (i % 3 === 2) return `发布于 ${y}/${m}/${day} ${t}`;
  return at;
}

const isoAt = (at: string): string => `${at.replace(' ', 'T')}:00+08:00`;

function rfc822(at: string): string {
  const date = new Date(isoAt(at));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const local = new Date(date.getTime() + 8 * 3600_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00 +0800`;
}

const page = (title: string, body: string): string => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} - 微商观察</title>
</head>
<body>
<header><a href="/">微商观察</a> · <a href="/list/1.html">最新文章</a> · <a href="/feed.xml">RSS</a></header>
${body}
<footer>微商观察 演示站点 · 内容为虚构示例</footer>
</body>
</html>
`;

function articlePage({ id, article }: Rendered, i: number): string {
  const paragraphs = article.paragraphs.map((p) => `<p>${paragraphHtml(p)}</p>`).join('\n');
  return page(article.title, `<article id="${id}">
<h1 class="title">${escapeHtml(article.title)}</h1>
<div class="meta">作者：<span class="author">${escapeHtml(article.author)}</span> <span class="pub">${displayDate(article.at, i)}</span></div>
<div class="content">
${paragraphs}
</div>
<div class="share">分享到：<a href="https://weishang-news.invalid/share?u=${id}">微博</a></div>
</article>`);
}

function listPage(items: Rendered[], n: number, pages: number): string {
  const rows = items
    .map(({ id, article }, k) => {
      // Tracking parameters and fragments on some links: the crawler must canonicalize them away.
      const suffix = k % 4 === 1 ? '?utm_source=list&utm_medium=web' : k % 4 === 3 ? '#comments' : '';
      return `<li class="post"><a class="title" href="/articles/${id}.html${suffix}">${escapeHtml(article.title)}</a> <span class="author">${escapeHtml(article.author)}</span> <span class="date">${article.at}</span></li>`;
    })
    .join('\n');
  const extra =
    n === 1
      ? // A draft behind robots.txt and an off-site link: neither may be fetched.
        `\n<li class="post"><a class="title" href="/drafts/d001.html">草稿：招代理文案（未发布）</a></li>\n<li class="post"><a class="title" href="https://weishang-news.invalid/articles/x1.html">外站：微商新闻</a></li>`
      : '';
  const prev = n > 1 ? `<a class="prev" href="/list/${n - 1}.html">上一页</a>` : '';
  const next = n < pages ? `<a class="next" href="/list/${n + 1}.html">下一页</a>` : '';
  return page(`最新文章 第${n}页`, `<h1>最新文章 第${n}页</h1>
<ul class="post-list">
${rows}${extra}
</ul>
<nav class="pager">${prev} ${next}</nav>`);
}

/** Every file of the site, path (relative, forward slashes) → content. */
export function renderDemoSite(): Map<string, string> {
  const rendered: Rendered[] = demoArticles.map((article, i) => ({ id: `a${String(i + 1).padStart(3, '0')}`, article }));
  const newestFirst = [...rendered].reverse();
  const pages = Math.ceil(newestFirst.length / perPage);
  const files = new Map<string, string>();
  rendered.forEach((r, i) => files.set(`articles/${r.id}.html`, articlePage(r, i)));
  for (let n = 1; n <= pages; n++) files.set(`list/${n}.html`, listPage(newestFirst.slice((n - 1) * perPage, n * perPage), n, pages));
  files.set('drafts/d001.html', page('草稿', '<article><h1 class="title">草稿：招代理文案</h1><div class="content"><p>未发布的招代理草稿。</p></div></article>'));
  files.set('index.html', page('首页', '<h1>微商观察</h1><p><a href="/list/1.html">最新文章</a></p>'));
  files.set('robots.txt', 'User-agent: *\nDisallow: /drafts/\n\nSitemap: /sitemap.xml\n');
  const urls = rendered.map((r) => `  <url><loc>{{origin}}/articles/${r.id}.html</loc><lastmod>${isoAt(r.article.at)}</lastmod></url>`);
  files.set('sitemap.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
  const items = newestFirst.slice(0, 20).map(
    (r) => `  <item>
    <title>${escapeXml(r.article.title)}</title>
    <link>{{origin}}/articles/${r.id}.html</link>
    <guid isPermaLink="true">{{origin}}/articles/${r.id}.html</guid>
    <dc:creator>${escapeXml(r.article.author)}</dc:creator>
    <pubDate>${rfc822(r.article.at)}</pubDate>
    <description>${escapeXml(r.article.paragraphs[0] ?? '')}</description>
  </item>`,
  );
  files.set('feed.xml', `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>微商观察</title>
  <link>{{origin}}/</link>
  <description>微商观察 演示站点</description>
${items.join('\n')}
</channel>
</rss>
`);
  return files;
}

export function writeDemoSite(dir: string = demoSiteDir): number {
  rmSync(dir, { recursive: true, force: true });
  const files = renderDemoSite();
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return files.size;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`wrote ${writeDemoSite()} files to ${demoSiteDir}`);
}
