/**
 * Link discovery on small hand-made list pages: article links come from the list of headlines, not from menus,
 * tags, comments, user pages, ads, logins or hidden blocks; the next page is found by rel=next, by its label, or by
 * its page number.
 */
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { discoverLinks, headlineLength } from '../../../../../crawlers/extract/auto/discover-links.js';
import { siteOf, urlShape } from '../../../../../crawlers/extract/auto/discover-links-url.js';

const page = (body: string, head = ''): cheerio.CheerioAPI => cheerio.load(`<html><head>${head}</head><body>${body}</body></html>`);
const urls = (body: string, pageUrl = 'https://news.example.cn/world/', head = ''): string[] => discoverLinks(page(body, head), pageUrl).articles.map((a) => a.url);

const newsList = `
  <div class="header"><ul class="menu">
    <li><a href="/">首页</a></li><li><a href="/world/">国际</a></li><li><a href="/china/">国内</a></li><li><a href="/money/">财经</a></li>
  </ul><a href="https://passport.example.cn/login?next=/">登录</a></div>
  <ul class="news-list">
    <li><a href="/2019/0703/123456.shtml">外交部就中美经贸磋商答记者问全文发布</a> <a href="/tag/外交/">外交</a> <a href="https://comment.example.cn/123456">跟帖 35</a></li>
    <li><a href="/2019/0703/123457.shtml">暴雨致多地航班延误，机场启动应急预案</a> <a href="/tag/天气/">天气</a></li>
    <li><a href="/2019/0702/123440.shtml">新学期开学在即 多地公布中小学校历</a> <a href="/user/9981">记者小王</a></li>
    <li><a href="https://www.example.cn/baidu.php?url=https%3A%2F%2Fad.example.com%2Fgame%3Fid%3D1">传奇手游开服送豪礼，点击即玩无需下载</a></li>
  </ul>
  <div class="hidden"><ul><li><a href="/2018/0101/1.shtml">一年前的旧闻已经下线不再显示给读者</a></li></ul></div>
  <div class="footer"><a href="/about/">关于我们</a> <a href="/2019/0101/100000.shtml">网站改版说明与意见征集公告全文</a></div>`;

describe('discoverLinks', () => {
  it('takes the headlines of a news list and nothing from menus, tags, comments, users, ads, hidden blocks or the footer', () => {
    expect(urls(newsList)).toEqual([
      'https://news.example.cn/2019/0703/123456.shtml',
      'https://news.example.cn/2019/0703/123457.shtml',
      'https://news.example.cn/2019/0702/123440.shtml',
    ]);
  });

  it('says which rule took each link', () => {
    const { articles } = discoverLinks(page(`${newsList}<h2><a href="/2019/0704/200001.shtml">国务院常务会议部署稳就业十项措施</a></h2>`), 'https://news.example.cn/');
    expect(articles.map((a) => a.rule)).toEqual(['list-item', 'list-item', 'list-item', 'headline']);
    expect(articles[0]?.text).toBe('外交部就中美经贸磋商答记者问全文发布');
  });

  it('keeps a forum board to its threads (short titles too), not to later pages, last-post redirects or boards', () => {
    const board = `<table>${[101, 102, 103, 104]
      .map((id, i) => `<tbody id="normalthread_${id}"><tr>
        <th><a href="forum.php?mod=forumdisplay&fid=9&typeid=1">交流</a> <a class="xst" href="thread-${id}-1-1.html">${i === 0 ? '求助' : `第${id}号帖子讨论版本平衡`}</a>
          <a href="thread-${id}-2-1.html">2</a></th>
        <td class="by"><a href="home.php?mod=space&uid=${id}">玩家${id}</a></td>
        <td class="by"><a href="forum.php?mod=redirect&tid=${id}&goto=lastpost#lastpost">昨天 10:00</a></td></tr></tbody>`)
      .join('')}</table>
      <div class="pg"><a href="forum-9-2.html">2</a><a href="forum-9-3.html">3</a><a class="nxt" href="forum-9-2.html">下一页</a></div>`;
    const found = discoverLinks(page(board, '<base href="https://bbs.example.com/">'), 'https://bbs.example.com/forum-9-1.html');
    expect(found.articles.map((a) => a.url)).toEqual([101, 102, 103, 104].map((id) => `https://bbs.example.com/thread-${id}-1-1.html`));
    expect(found.nextPage).toBe('https://bbs.example.com/forum-9-2.html');
  });

  it('takes slug URLs only when a list of headlines shares their shape', () => {
    const slugs = `<ul>${['rates-rise-again-in-march', 'city-opens-new-metro-line', 'farmers-market-moves-downtown']
      .map((s) => `<li><a href="/stories/${s}">${s.replace(/-/g, ' ')}</a></li>`)
      .join('')}</ul><ul class="promo"><li><a href="https://shop.example.org/deal">Big summer sale today only</a></li><li><a href="/courses/intro">Learn data journalism now</a></li><li><a href="/podcast">Listen to our daily podcast</a></li></ul>`;
    expect(urls(slugs, 'https://example.org/')).toEqual([
      'https://example.org/stories/rates-rise-again-in-march',
      'https://example.org/stories/city-opens-new-metro-line',
      'https://example.org/stories/farmers-market-moves-downtown',
    ]);
  });

  it('reads the usual shapes of Chinese government and portal lists (written after the code, not tuned on)', () => {
    const gov = `<div class="dqwz">当前位置：<a href="../../">首页</a> &gt; <a href="../">政务公开</a> &gt; <a href="./">通知公告</a></div>
      <ul class="list">${['20240305_123456', '20240304_123401', '20240301_123377'].map((id, i) => `<li><a href="./202403/t${id}.html" title="关于规范网络销售行为的通知${i}">关于规范网络销售行为的通知${i}</a><span>2024-03-0${5 - i}</span></li>`).join('')}</ul>
      <div class="page"><a href="index_1.html">下一页</a><a href="index_9.html">尾页</a></div>`;
    const found = discoverLinks(page(gov), 'https://www.example.gov.cn/zwgk/tzgg/');
    expect(found.articles.map((a) => a.url)).toEqual(['20240305_123456', '20240304_123401', '20240301_123377'].map((id) => `https://www.example.gov.cn/zwgk/tzgg/202403/t${id}.html`));
    expect(found.nextPage).toBe('https://www.example.gov.cn/zwgk/tzgg/index_1.html');
    const portal = `<div class="feed">${['iichhsne2381437', 'iichhsne2381001', 'iichhsne2380777'].map((id) => `<div class="feed-card-item"><h2><a href="https://news.example.com.cn/s/2024-03-05/doc-${id}.shtml">多地出台新规整治朋友圈虚假宣传乱象</a></h2><div class="feed-card-a"><a href="https://comment5.news.example.com.cn/comment/skin/default.html?newsid=${id}">评论</a><a href="https://tags.news.example.com.cn/微商">微商</a></div></div>`).join('')}</div>`;
    expect(urls(portal, 'https://news.example.com.cn/china/')).toEqual(['iichhsne2381437', 'iichhsne2381001', 'iichhsne2380777'].map((id) => `https://news.example.com.cn/s/2024-03-05/doc-${id}.shtml`));
  });

  it('does not follow links to other sites or back to the page itself', () => {
    const body = `<ul>${[1, 2, 3].map((i) => `<li><a href="https://other.example.net/2020/0101/${i}00001.html">别的网站上的一条很长的新闻标题${i}</a></li>`).join('')}
      <li><a href="https://news.example.cn/world/">国际新闻频道首页的长长的标题文字</a></li></ul>`;
    expect(urls(body)).toEqual([]);
  });

  it('finds nothing on a page without a list (an article page, a login wall)', () => {
    expect(urls('<div class="login"><form><input name="u"></form><a href="/register">注册新用户</a> <a href="/forgot">忘记密码</a></div>')).toEqual([]);
    expect(discoverLinks(page('<p>没有链接的页面</p>'), 'https://a.example.cn/').nextPage).toBeNull();
  });
});

describe('next page', () => {
  const next = (body: string, url: string, head = ''): string | null => discoverLinks(page(body, head), url).nextPage;

  it('prefers rel=next, then a 下一页 / > label, then the page number one higher', () => {
    expect(next('<a href="?page=9">9</a>', 'https://a.example.cn/list?page=1', '<link rel="next" href="/list?page=2">')).toBe('https://a.example.cn/list?page=2');
    expect(next('<div class="pages"><a href="list_3.html">3</a><a href="list_2.html">下一页</a></div>', 'https://a.example.cn/news/list_1.html')).toBe('https://a.example.cn/news/list_2.html');
    expect(next('<a href="/news/p/5">&gt;</a>', 'https://a.example.cn/news/p/4')).toBe('https://a.example.cn/news/p/5');
    expect(next('<a href="/news/index_3.html">3</a><a href="/news/index_2.html">2</a>', 'https://a.example.cn/news/index_1.html')).toBe('https://a.example.cn/news/index_2.html');
  });

  it('ignores carousel arrows, javascript links, hidden pagers and the last-page link', () => {
    expect(next('<a href="#next">下一页</a><a href="javascript:void(0)">></a><div style="display:none"><a href="/list?page=2">下一页</a></div><a href="/list?page=99">尾页</a>', 'https://a.example.cn/list?page=1')).toBeNull();
  });
});

describe('URL shape', () => {
  const shape = (u: string): string => urlShape(new URL(u));
  it('tells article URLs from channels and from links that never lead to an article', () => {
    expect(['https://news.163.com/20/0731/20/FIT0B0MS000181IU.html', 'https://tieba.baidu.com/p/6855735424', 'https://www.example.gov.cn/art/2019/7/3/art_1_123456.html', 'https://bbs.example.com/forum.php?mod=viewthread&tid=34'].map(shape)).toEqual(['detail', 'detail', 'detail', 'detail']);
    expect(['https://news.163.com/', 'https://news.163.com/world/', 'https://news.163.com/keywords/7/8/7f8e56fd/1.html', 'https://bbs.example.com/forum-9-1.html', 'https://tieba.baidu.com/f?kw=abc'].map(shape)).toEqual(['channel', 'channel', 'channel', 'channel', 'channel']);
    expect(['https://reg.163.com/', 'https://comment.tie.163.com/FJ1P0UTC0001899O.html', 'https://live.163.com/room/225056.html', 'https://bbs.example.com/home.php?mod=space&uid=5', 'https://m.example.cn/download/app.apk', 'https://bbs.example.com/thread-187479-2-1.html'].map(shape)).toEqual(['never', 'never', 'never', 'never', 'never', 'never']);
  });

  it('groups hosts by their registrable domain', () => {
    expect(['news.163.com', 'caozhi.news.163.com', 'news.sina.com.cn', 'www.pku.edu.cn', '127.0.0.1'].map(siteOf)).toEqual(['163.com', '163.com', 'sina.com.cn', 'pku.edu.cn', '127.0.0.1']);
  });

  it('measures headlines in characters (CJK) and words (Latin)', () => {
    expect(headlineLength('国内')).toBe(2);
    expect(headlineLength('Bank raises rates')).toBe(6);
  });
});
