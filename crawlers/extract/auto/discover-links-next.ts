/**
 * The next-page link of a list page: `rel=next` first, then a link reading 下一页 / 下页 / 下一頁 / 后页 / next / › / »
 * / > (or a link whose class or id says next, as Discuz's `a.nxt`), then a link to the same URL with its page
 * number one higher (page=N+1, forum-9-2.html after forum-9-1.html). Same site only; never the page itself.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { canonicalUrl } from '../canonical-url.js';
import { siteOf, urlShape } from './discover-links-url.js';

export interface NextPageContext {
  /** Canonical URL of the list page. */
  page: string;
  /** Where relative links resolve (the page, or its <base href>). */
  base: string;
  /** Registrable domain of the page. */
  site: string;
  resolveHidden: (el: Element) => boolean;
}

const nextText = /^(下一页|下页|下一頁|后页|後頁|下一篇列表|next(\s+page)?|›|»|>|>>|→)\s*[>›»]*$/i;
const nextClass = /(^|[\s_-])(next|nxt|pagenext|page-next)([\s_-]|$)/i;

const isElement = (node: AnyNode | null): node is Element => node !== null && node.type === 'tag';

/** The numbers in a URL and the text between them: two URLs of one series differ only in numbers. */
const numberSkeleton = (url: string): { skeleton: string; numbers: number[] } => ({
  skeleton: url.replace(/\d+/g, '#'),
  numbers: (url.match(/\d+/g) ?? []).map(Number),
});

export function findNextPage($: CheerioAPI, ctx: NextPageContext): string | null {
  const resolve = (href: string | undefined): string | null => {
    if (!href || href.trim().startsWith('#') || /^javascript:/i.test(href.trim())) return null;
    try {
      const url = new URL(canonicalUrl(href.trim(), ctx.base));
      if (!/^https?:$/.test(url.protocol) || siteOf(url.hostname) !== ctx.site || url.href === ctx.page || urlShape(url) === 'never') return null;
      return url.href;
    } catch {
      return null;
    }
  };
  const visible = (el: Element): boolean => {
    for (let node: AnyNode | null = el; isElement(node); node = node.parent) if (ctx.resolveHidden(node)) return false;
    return true;
  };

  for (const el of $('link[rel~="next"], a[rel~="next"]').toArray() as Element[]) {
    const url = resolve(el.attribs['href']);
    if (url) return url;
  }
  const anchors = ($('a[href]').toArray() as Element[]).filter(visible);
  for (const a of anchors) {
    const text = $(a).text().replace(/\s+/g, ' ').trim();
    const label = `${a.attribs['class'] ?? ''} ${a.attribs['id'] ?? ''}`;
    if (nextText.test(text) || (nextClass.test(label) && text.length <= 8)) {
      const url = resolve(a.attribs['href']);
      if (url) return url;
    }
  }
  // No labelled link: the same URL with one number one higher is the next page of the series.
  const current = numberSkeleton(ctx.page);
  for (const a of anchors) {
    const url = resolve(a.attribs['href']);
    if (!url) continue;
    const candidate = numberSkeleton(url);
    if (candidate.skeleton !== current.skeleton) continue;
    const differing = candidate.numbers.flatMap((n, i) => (n === current.numbers[i] ? [] : [[n, current.numbers[i] ?? 0] as const]));
    if (differing.length === 1 && differing[0]![0] === differing[0]![1] + 1) return url;
  }
  return null;
}
