/**
 * Handler of `rss` / `atom` sources: reads RSS 2.0 items and Atom entries (either format whatever the type says),
 * keeps each item as a document, or — with `follow` — fetches its link and reads the article with `detail` (selectors
 * field by field, the rest automatic), falling back to the feed's title/date/summary.
 */
import * as cheerio from 'cheerio';
import type { FeedSource } from '../sources/source-config.js';
import { cleanHtml } from '../extract/clean-text.js';
import { resolveLink } from '../extract/canonical-url.js';
import { defaultHandlerContext } from './html-pages.js';
import { readArticlePage } from './read-article-page.js';
import type { FetchedPage, HandlerContext, ItemDraft, PageHandler, PageResult } from './page-handler.js';

export function readFeed(page: FetchedPage, follow: boolean): PageResult {
  const $ = cheerio.load(page.text, { xml: { xmlMode: true, decodeEntities: true } });
  const text = (el: ReturnType<typeof $>, selector: string): string => el.find(selector).first().text().trim();
  const drafts: Array<ItemDraft & { marker: string }> = [];
  $('item').each((_, node) => {
    const el = $(node);
    const link = text(el, 'link') || (el.find('guid').attr('isPermaLink') !== 'false' ? text(el, 'guid') : '');
    const url = resolveLink(link, page.finalUrl);
    if (!url) return;
    const date = text(el, 'pubDate') || text(el, 'dc\\:date');
    drafts.push({
      url,
      title: cleanHtml(text(el, 'title')),
      body: cleanHtml(text(el, 'content\\:encoded') || text(el, 'description')),
      author: text(el, 'dc\\:creator') || text(el, 'author'),
      publishedAtText: date,
      marker: date,
    });
  });
  $('entry').each((_, node) => {
    const el = $(node);
    const href = el.find('link[rel="alternate"]').attr('href') ?? el.find('link').first().attr('href');
    const url = resolveLink(href, page.finalUrl);
    if (!url) return;
    const published = text(el, 'published') || text(el, 'updated');
    drafts.push({
      url,
      title: cleanHtml(text(el, 'title')),
      body: cleanHtml(text(el, 'content') || text(el, 'summary')),
      author: text(el, 'author > name'),
      publishedAtText: published,
      marker: text(el, 'updated') || published,
    });
  });
  if (!follow) return { items: drafts, follow: [] };
  return { items: [], follow: drafts.map((d) => ({ url: d.url, label: 'DETAIL' as const, depth: page.depth, marker: d.marker || undefined, draft: d })) };
}

export function feedHandler(source: FeedSource, ctx: HandlerContext = defaultHandlerContext): PageHandler {
  return (page) => (page.label === 'FEED' ? readFeed(page, source.follow) : readArticlePage(page, source.detail, ctx, source.id));
}
