/**
 * Handlers of the `html` (and `browser`) source type: a list page gives article links and its next page, by the
 * source's selectors or found automatically (`list` left out or `auto`); an article page gives one draft
 * (read-article-page.ts: selectors field by field, the rest automatic).
 */
import * as cheerio from 'cheerio';
import type { HtmlSource, BrowserSource, ListSelectors } from '../sources/source-config.js';
import { resolveLink } from '../extract/canonical-url.js';
import { discoverLinks } from '../extract/auto/discover-links.js';
import { readArticlePage } from './read-article-page.js';
import type { FetchedPage, FollowLink, HandlerContext, PageHandler, PageResult } from './page-handler.js';
import { silentLogger } from '../logger.js';

/** The context of a handler used outside a crawl run (tests, tools): Asia/Shanghai, the wall clock, no log. */
export const defaultHandlerContext: HandlerContext = { timezone: 'Asia/Shanghai', now: () => new Date(), log: silentLogger };

export function readListPage(page: FetchedPage, list: ListSelectors, ctx: HandlerContext = defaultHandlerContext, sourceId?: string): PageResult {
  const $ = cheerio.load(page.text);
  const follow: FollowLink[] = [];
  const auto = list.itemLink === 'auto' || list.nextPage === 'auto' ? discoverLinks($, page.finalUrl) : undefined;
  if (auto && list.itemLink === 'auto') {
    for (const link of auto.articles) follow.push({ url: link.url, label: 'DETAIL', depth: page.depth });
    // A list page without article links usually means the links are built by JavaScript or shaped unusually.
    if (auto.articles.length === 0) ctx.log.warn({ sourceId, url: page.url }, 'automatic link discovery found no article links on this list page: try type browser, or give list.itemLink');
    else ctx.log.debug({ sourceId, url: page.url, links: auto.articles.length, nextPage: auto.nextPage }, 'automatic link discovery');
  } else {
    $(list.itemLink).each((_, el) => {
      const url = resolveLink($(el).attr('href'), page.finalUrl);
      if (url) follow.push({ url, label: 'DETAIL', depth: page.depth });
    });
  }
  const next = list.nextPage === 'auto' ? (auto?.nextPage ?? null) : list.nextPage ? resolveLink($(list.nextPage).first().attr('href'), page.finalUrl) : null;
  if (next) follow.push({ url: next, label: 'LIST', depth: page.depth + 1 });
  return { items: [], follow };
}

export function htmlHandler(source: HtmlSource | BrowserSource, ctx: HandlerContext = defaultHandlerContext): PageHandler {
  return (page) => (page.label === 'LIST' ? readListPage(page, source.list, ctx, source.id) : readArticlePage(page, source.detail, ctx, source.id));
}
