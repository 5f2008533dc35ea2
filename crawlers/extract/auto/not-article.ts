/**
 * Pages that carry no article: an error page served with status 200, a login wall, a home or list page (link lists,
 * no running text), or a page whose best text block is too short to be an article. Decides from the extracted body
 * and a few page-wide counts; returns the reason with a detail line for the crawl summary.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { linkDensity, type PageText } from './page-text.js';

export type NotArticleReason = 'no-article-body' | 'login-wall' | 'not-found' | 'list-page';

export interface NotArticleVerdict {
  reason: NotArticleReason;
  detail: string;
}

const notFoundText = /(404|页面不存在|页面未找到|找不到(该|此|您要的|你要的)?页面|页面找不到|not found|页面已删除|文章不存在|内容不存在|新闻不存在|已被删除|已删除|无法找到|访问的页面|出错了|error 404)/i;
const loginText = /(请先?登录|登录后(才能|即可|可以)?(查看|阅读|继续|访问)|扫码登录|账号登录|密码登录|sign in to continue|log in to continue|login required)/i;

/** Below this many characters a body is an article only if it has sentence punctuation (a short post or note). */
export const minBodyChars = 40;

/** List items (li, dd, tr, or repeated boxes) inside `root` that are one link with a headline-long text. */
function linkItems(root: Element, page: PageText, $: CheerioAPI): number {
  let n = 0;
  $(root)
    .find('li, dd, tr')
    .each((_, el) => {
      const c = page.counts.get(el);
      if (c && c.links >= 1 && c.linkChars >= 6 && linkDensity(c) > 0.5) n++;
    });
  return n;
}

/** True when `top` (or one of its five nearest ancestors) is one of ≥ 6 same-class siblings that each hold a headline link: an item of a list (a board's thread abstracts), not an article. */
function isListItem(top: Element, $: CheerioAPI): boolean {
  let el: Element | null = top;
  for (let level = 0; el && level < 6; level++) {
    const cls = (el.attribs['class'] ?? '').trim();
    const parent: Element | null = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : null;
    if (cls && parent) {
      const name = el.name;
      const twins = parent.children.filter((n): n is Element => n.type === 'tag' && n.name === name && (n.attribs['class'] ?? '').trim() === cls);
      const linked = twins.filter((t) => $(t).find('a').toArray().some((a) => $(a).text().trim().length >= 6));
      if (linked.length >= 6) return true;
    }
    el = parent;
  }
  return false;
}

export function judgeNotArticle($: CheerioAPI, page: PageText, top: Element | null, body: string): NotArticleVerdict | null {
  const bodyChars = body.replace(/\s/g, '').length;
  const heading = `${$('title').first().text()} ${$('h1').first().text()}`.trim();
  if (bodyChars < 300 && notFoundText.test(heading)) return { reason: 'not-found', detail: `error page: "${heading.slice(0, 60)}"` };
  // Nearly every portal has a login box in its header; only a page whose own text asks for a login is a wall.
  if (bodyChars < 200 && (loginText.test(heading) || loginText.test(body) || (bodyChars < minBodyChars && $('input[type="password"]').length > 0))) {
    return { reason: 'login-wall', detail: `asks for a login; ${bodyChars} characters of text` };
  }
  const rootCounts = page.counts.get($.root().children('html')[0] as Element) ?? page.lines.reduce((a, l) => ({ ...a, chars: a.chars + l.counts.chars, linkChars: a.linkChars + l.counts.linkChars }), { chars: 0, linkChars: 0, punct: 0, links: 0 });
  const pageLd = linkDensity(rootCounts);
  if (top) {
    const items = linkItems(top, page, $);
    const c = page.counts.get(top);
    if (items >= 8 && c && linkDensity(c) > 0.35) return { reason: 'list-page', detail: `${items} link items in the main block, link density ${linkDensity(c).toFixed(2)}` };
    if (bodyChars < 1000 && isListItem(top, $)) return { reason: 'list-page', detail: 'the main text block is one of many same-class items with headline links' };
  }
  if (bodyChars < 150 && pageLd > 0.5) {
    // Short news flashes sit among 30–130 headline links on portals; home and board pages carry more.
    let headlines = 0;
    $('a').each((_, a) => {
      if ($(a).text().trim().length >= 8) headlines++;
    });
    if (headlines >= 70) return { reason: 'list-page', detail: `${bodyChars} characters of running text among ${headlines} headline links (page link density ${pageLd.toFixed(2)})` };
  }
  if (bodyChars < 8 || (bodyChars < minBodyChars && !/[，。；！？!?]/.test(body))) {
    return { reason: 'no-article-body', detail: `longest text block has ${bodyChars} characters` };
  }
  return null;
}
