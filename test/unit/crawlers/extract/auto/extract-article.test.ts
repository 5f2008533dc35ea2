/**
 * Automatic article extraction on small hand-made pages, one rule at a time: body without furniture, each date form
 * (visible, meta, JSON-LD, WeChat script, relative, time zone), bylines and what is not an author, titles, and the
 * pages that are not articles. The real pages are covered by extract-article-real-pages.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { extractArticle, type ArticleExtraction } from '../../../../../crawlers/extract/auto/extract-article.js';

const now = new Date('2024-03-06T10:00:00+08:00');
const para = [
  '微商代理小王说，去年冬天她囤了三万元的货，到现在还有一半没有卖出去，上级代理却不肯退款。',
  '记者走访了多家代理点，发现类似的情况并不少见，不少人表示被“拉人头”的模式套住，只能继续发展下线。',
  '律师提醒，以发展下线数量计酬的模式可能涉嫌传销，消费者应保留聊天记录和转账凭证，及时维权。',
];

interface PageParts {
  head?: string;
  title?: string;
  meta?: string;
  byline?: string;
  body?: string[];
  after?: string;
}

/** A portal-like page: navigation, headline, a date/source line, the article, share bar, related links, comments, footer. */
function page(p: PageParts = {}): string {
  const nav = ['首页', '新闻', '财经', '科技', '体育', '娱乐', '汽车', '房产'].map((n, i) => `<li><a href="/c${i}/">${n}</a></li>`).join('');
  const related = Array.from({ length: 6 }, (_, i) => `<li><a href="/2024/03/0${i + 1}/n${i}.html">相关新闻标题第${i + 1}条：微商行业观察与分析</a></li>`).join('');
  return `<!doctype html><html><head><title>${p.title ?? '微商囤货难退款 代理维权调查'}_财经频道_示例网</title>${p.head ?? ''}</head><body>
<div class="header"><ul class="nav">${nav}</ul><a href="/login">登录</a></div>
<div class="main"><div class="article">
<h1>${p.title ?? '微商囤货难退款 代理维权调查'}</h1>
<div class="info">${p.meta ?? '2024年03月05日 14:20 来源：示例日报'}</div>
${p.byline ?? ''}
<div class="article-content">${(p.body ?? para).map((t) => `<p>${t}</p>`).join('\n')}
<p class="editor">责任编辑：赵六</p></div>
<div class="share-bar">分享到：<a href="#">微信</a><a href="#">微博</a></div>
${p.after ?? ''}
</div>
<div class="related"><h3>相关阅读</h3><ul>${related}</ul></div>
<div class="comment-list"><div class="comment">网友甲：这种模式早该整治了，我身边也有人被坑，至今没有拿回钱。</div></div>
</div>
<div class="footer">关于我们 | 联系我们 | 版权所有 © 2024 示例网 京ICP备12345678号</div>
</body></html>`;
}

const extract = (html: string, tz = 'Asia/Shanghai'): ArticleExtraction => extractArticle(cheerio.load(html), { url: 'https://news.example.cn/a/1.html', timezone: tz, now });

function article(html: string, tz?: string): Extract<ArticleExtraction, { kind: 'article' }> {
  const r = extract(html, tz);
  if (r.kind !== 'article') throw new Error(`expected an article, got ${r.reason}: ${r.detail}`);
  return r;
}

const local = (d: Date | undefined, tz = 'Asia/Shanghai'): string | undefined =>
  d?.toLocaleString('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

describe('extractArticle: body', () => {
  it('keeps the article paragraphs apart and drops navigation, share bar, editor line, related links, comments and footer', () => {
    const r = article(page());
    expect(r.body.value).toBe(para.join('\n\n'));
    expect(r.body.rule).toMatch(/^density:/);
  });

  it('reads <br>-separated text in an old table layout as paragraphs', () => {
    const html = `<html><head><title>旧论坛文章</title></head><body><table><tr><td class="menu"><a href="/">首页</a> <a href="/b">论坛</a></td></tr>
<tr><td><font size="2">${para.join('<br><br>')}</font></td></tr><tr><td>Copyright © 2006 某某论坛 版权所有</td></tr></table></body></html>`;
    expect(article(html).body.value).toBe(para.join('\n\n'));
  });

  it('prefers a known article-body container (WeChat #js_content) and reads it although WeChat hides it until scripts run', () => {
    const html = `<html><head><title>公众号文章</title></head><body><h2 id="activity-name">公众号文章</h2>
<div id="js_content" style="visibility: hidden;">${para.map((t) => `<section><span>${t}</span></section>`).join('')}</div>
<div class="rich_media_tool">阅读 1000 在看 12</div></body></html>`;
    expect(article(html).body.value).toBe(para.join('\n\n'));
  });

  it('takes the opening post of a forum thread, not a longer reply, with its author box', () => {
    const post = (n: number, user: string, text: string) =>
      `<div id="post_${n}"><table id="pid${n}" class="plhin"><tr><td class="pls"><div class="authi"><a href="home.php?mod=space&uid=${n}" class="xw1">${user}</a></div></td>` +
      `<td class="plc"><div class="authi"><em>发表于 2010-5-12 10:${10 + n}</em></div><div class="t_fsz"><table><tr><td class="t_f" id="postmessage_${n}">${text}</td></tr></table></div></td></tr></table></div>`;
    const html = `<html><head><title>囤货退款求助 - 微商版 - 某某论坛</title></head><body><div id="hd"><a href="/">首页</a></div>
<h1 id="thread_subject">囤货退款求助</h1><div id="postlist">${post(1, '楼主小王', para[0] ?? '')}${post(2, '热心网友', para.join('<br>'))}</div></body></html>`;
    const r = article(html);
    expect(r.body.value).toBe(para[0]);
    expect(r.author?.value).toBe('楼主小王');
    expect(local(r.publishedAt?.value)).toBe('2010-05-12 10:11');
  });

  it('does not change the document (callers read their own selectors afterwards)', () => {
    const $ = cheerio.load(page());
    const before = $.html();
    extractArticle($, { url: 'https://x.cn/', timezone: 'Asia/Shanghai', now });
    expect($.html()).toBe(before);
  });

  it('never throws on odd markup', () => {
    const deep = `${'<div>'.repeat(3000)}文字${'</div>'.repeat(3000)}`;
    for (const html of ['', '<<<>>>', '<html><body><p>', deep, '<table><td><p>未闭合<td>单元格']) {
      expect(() => extract(html)).not.toThrow();
    }
  });
});

describe('extractArticle: publication time', () => {
  it.each([
    ['2024年03月05日 14:20 来源：示例日报', '2024-03-05 14:20'],
    ['2024-03-05 14:20:33 来源: 示例日报', '2024-03-05 14:20'],
    ['发布时间：2024/3/5 9:05', '2024-03-05 09:05'],
    ['发布时间：03-0514:20 优质原创作者', '2024-03-05 14:20'],
    ['时间：2024年3月5日 下午2:20', '2024-03-05 14:20'],
    ['2024-03-05 来源：示例日报', '2024-03-05 00:00'],
  ])('reads the date line "%s"', (meta, expected) => {
    const r = article(page({ meta }));
    expect(local(r.publishedAt?.value)).toBe(expected);
    expect(r.publishedAt?.rule).toMatch(/^text/);
    expect(r.publishedAtText).toContain(meta.slice(0, 6));
  });

  it('reads relative times against `now`', () => {
    expect(local(article(page({ meta: '3小时前 来源：示例日报' })).publishedAt?.value)).toBe('2024-03-06 07:00');
    expect(local(article(page({ meta: '昨天 10:20' })).publishedAt?.value)).toBe('2024-03-05 10:20');
  });

  it('takes the visible time over a different meta time, and meta/JSON-LD/script times when nothing is shown', () => {
    const metaTag = '<meta property="article:published_time" content="2024-03-04T08:00:00+08:00">';
    expect(local(article(page({ head: metaTag })).publishedAt?.value)).toBe('2024-03-05 14:20');
    const bare = { meta: '来源：示例日报' };
    const fromMeta = article(page({ ...bare, head: metaTag })).publishedAt;
    expect([local(fromMeta?.value), fromMeta?.rule]).toEqual(['2024-03-04 08:00', 'meta:article:published_time']);
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01T12:30:00+08:00","author":{"@type":"Person","name":"孙七"}}</script>';
    const fromLd = article(page({ ...bare, head: ld }));
    expect([local(fromLd.publishedAt?.value), fromLd.publishedAt?.rule, fromLd.author?.value]).toEqual(['2024-03-01 12:30', 'json-ld', '孙七']);
    const wechat = '<script>var ct = "1562118660"; var nickname = "x";</script>';
    const fromScript = article(page({ ...bare, head: wechat })).publishedAt;
    expect([local(fromScript?.value), fromScript?.rule]).toEqual(['2019-07-03 09:51', 'wechat:ct']);
  });

  it('adds the time of day from meta to a page that shows only the day', () => {
    const head = '<meta name="PubDate" content="2024-03-05 14:20">';
    expect(local(article(page({ meta: '发布日期：2024-03-05', head })).publishedAt?.value)).toBe('2024-03-05 14:20');
  });

  it('reads wall-clock text in the source time zone', () => {
    const r = article(page({ meta: '2024-03-05 14:20 来源：示例日报' }), 'America/New_York');
    expect(r.publishedAt?.value.toISOString()).toBe('2024-03-05T19:20:00.000Z');
  });

  it('falls back to the day in the URL path when the page shows and states no date', () => {
    const r = extractArticle(cheerio.load(page({ meta: '来源：示例日报' })), { url: 'https://news.example.cn/2019-07/03/c_1124.htm', timezone: 'Asia/Shanghai', now });
    expect(r.kind === 'article' && [local(r.publishedAt?.value), r.publishedAt?.rule]).toEqual(['2019-07-03 00:00', 'url']);
  });

  it('ignores "最后更新" times', () => {
    const r = article(page({ meta: '最后更新：2024-03-06 09:00 发布时间：2024-03-05 14:20' }));
    expect(local(r.publishedAt?.value)).toBe('2024-03-05 14:20');
  });
});

describe('extractArticle: author', () => {
  it.each([
    ['<div class="info2">作者：张三</div>', '张三', 'text:作者'],
    ['<p class="byline">本报记者 李四</p>', '李四', 'text:记者'],
    ['<p>文/王五</p>', '王五', 'text:文/'],
  ])('reads the byline %s', (byline, name, rule) => {
    const r = article(page({ byline }));
    expect(r.author).toEqual({ value: name, rule });
  });

  it('reads a byline opening the first paragraph: 新京报讯（记者 陆一夫）', () => {
    const r = article(page({ body: [`新京报讯（记者 陆一夫）${para[0]}`, ...para.slice(1)] }));
    expect(r.author?.value).toBe('陆一夫');
  });

  it('reads a signature closing the last paragraph: …维权。（张巨峰）', () => {
    const r = article(page({ body: [...para.slice(0, 2), `${para[2]}（张巨峰）`] }));
    expect(r.author?.value).toBe('张巨峰');
  });

  it('does not take 来源, 责任编辑, the site name or an organisation from meta as the author', () => {
    const head = '<meta name="author" content="示例网"><meta property="article:author" content="示例日报">';
    const r = article(page({ head, meta: '2024-03-05 14:20 来源：新华社', after: '<p>编辑：钱八</p>' }));
    expect(r.author).toBeUndefined();
  });

  it('takes a person named in meta author', () => {
    expect(article(page({ head: '<meta name="author" content="周九">' })).author).toEqual({ value: '周九', rule: 'meta:author' });
  });
});

describe('extractArticle: title', () => {
  it('takes the heading the <title> contains, without the site suffix', () => {
    expect(article(page()).title).toEqual({ value: '微商囤货难退款 代理维权调查', rule: 'h1' });
  });

  it('falls back to the longest part of the <title>', () => {
    const html = page().replace(/<h1>[^<]*<\/h1>/, '');
    expect(article(html).title).toEqual({ value: '微商囤货难退款 代理维权调查', rule: 'title-tag' });
  });
});

describe('extractArticle: pages that are not articles', () => {
  it('recognises a 404 page served with status 200', () => {
    const html = '<html><head><title>404 页面不存在 - 示例网</title></head><body><div class="nav"><a href="/">首页</a></div><h1>抱歉，您访问的页面不存在</h1><p>请检查网址，或<a href="/">返回首页</a>。</p></body></html>';
    expect(extract(html)).toMatchObject({ kind: 'not-article', reason: 'not-found' });
  });

  it('recognises a login wall', () => {
    const html = '<html><head><title>示例社区</title></head><body><div class="box"><p>该内容需要登录后查看，请先登录。</p><form><input name="u"><input type="password" name="p"><button>登录</button></form></div></body></html>';
    expect(extract(html)).toMatchObject({ kind: 'not-article', reason: 'login-wall' });
  });

  it('recognises a home or list page of headline links', () => {
    const items = Array.from({ length: 80 }, (_, i) => `<li><a href="/2024/03/05/n${i}.html">第${i}条新闻标题：微商行业动态观察</a> <span>03-05</span></li>`).join('');
    const html = `<html><head><title>示例网 - 首页</title></head><body><div class="nav"><a href="/">首页</a></div><ul class="list">${items}</ul></body></html>`;
    expect(extract(html)).toMatchObject({ kind: 'not-article', reason: 'list-page' });
  });

  it('says there is no article body on a page without running text', () => {
    expect(extract('<html><head><title>图片</title></head><body><img src="a.jpg"><p>图片</p></body></html>')).toMatchObject({ kind: 'not-article', reason: 'no-article-body' });
  });
});
