/**
 * Handler of `rss` / `atom` sources: reads RSS 2.0 items and Atom entries (either format whatever the type says),
 * keeps each item as a document, or — with `follow` — fetches its link and reads the article with `detail`,
 * falling back to the feed's title/date/summary.
 */
import * as cheerio from 'cheerio';
import type { FeedSource } from '../sources/source-config.js';
import { cleanHtml } from '../extract/clean-text.js';
import { resolveLink } from '../extract/canonical-url.js';
import { readDetailPage } from './html-pages.js';
import type { FetchedPage, FollowLink, ItemDraft, PageHandler, PageResult } from './page-handler.js';

export function readFeed(page: FetchedPage, follow: boolean): PageResult {
  const $ = cheerio.load(page.text, { xml: { xmlMode: true, decodeEntities: true } });
  const text = (el: ReturnType<typeof $>, selector: string): string => el.find(selector).first().text().trim();
  // Drafts are built one at a time as the crawl loop pulls them: a feed of 36,000 items is never held as 36,000
  // drafts, and items past the run's document limit are only counted.
  function* drafts(): Generator<ItemDraft & { marker: string }> {
    for (const node of $('item').toArray()) {
      const el = $(node);
      const link = text(el, 'link') || (el.find('guid').attr('isPermaLink') !== 'false' ? text(el, 'guid') : '');
      const url = resolveLink(link, page.finalUrl);
      if (!url) continue;
      const date = text(el, 'pubDate') || text(el, 'dc\\:date');
      yield {
        url,
        title: cleanHtml(text(el, 'title')),
        body: cleanHtml(text(el, 'content\\:encoded') || text(el, 'description')),
        author: text(el, 'dc\\:creator') || text(el, 'author'),
        publishedAtText: date,
        marker: date,
      };
    }
    for (const node of $('entry').toArray()) {
      const el = $(node);
      const href = el.find('link[rel="alternate"]').attr('href') ?? el.find('link').first().attr('href');
      const url = resolveLink(href, page.finalUrl);
      if (!url) continue;
      const published = text(el, 'published') || text(el, 'updated');
      yield {
        url,
        title: cleanHtml(text(el, 'title')),
        body: cleanHtml(text(el, 'content') || text(el, 'summary')),
        author: text(el, 'author > name'),
        publishedAtText: published,
        marker: text(el, 'updated') || published,
      };
    }
  }
  if (!follow) return { items: drafts(), follow: [] };
  function* links(): Generator<FollowLink> {
    for (const d of drafts()) yield { url: d.url, label: 'DETAIL', depth: page.depth, marker: d.marker || undefined, draft: d };
  }
  return { items: [], follow: links() };
}

export function feedHandler(source: FeedSource): PageHandler {
  return (page) => (page.label === 'FEED' ? readFeed(page, source.follow) : readDetailPage(page, source.detail));
}
