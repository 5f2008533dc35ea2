/**
 * Handler of `rss` / `atom` sources: reads RSS 2.0 items and Atom entries (either format whatever the type says),
 * keeps each item as a document, or — with `follow` — fetches its link and reads the article with `detail` (selectors
 * field by field, the rest automatic), falling back to the feed's title/date/summary.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { FeedSource } from '../sources/source-config.js';
import { cleanHtml } from '../extract/clean-text.js';
import { resolveLink } from '../extract/canonical-url.js';
import { defaultHandlerContext } from './html-pages.js';
import { readArticlePage } from './read-article-page.js';
import type { FetchedPage, FollowLink, HandlerContext, ItemDraft, PageHandler, PageResult } from './page-handler.js';

export function readFeed(page: FetchedPage, follow: boolean): PageResult {
  const $ = cheerio.load(page.text, { xml: { xmlMode: true, decodeEntities: true } });
  // Fields are read by walking the item's own elements, not with el.find(selector): compiling eight selectors per
  // item made a 36,000-item feed allocate hundreds of MB of garbage faster than it was collected.
  const textOf = (node: Element | undefined): string => (node ? $(node).text().trim() : '');
  const text = (node: Element, name: string): string => textOf(firstElement(node, name));
  // Drafts are built one at a time as the crawl loop pulls them: a feed of 36,000 items is never held as 36,000
  // drafts, and items past the run's document limit are only counted.
  function* drafts(): Generator<ItemDraft & { marker: string }> {
    for (const node of $('item').toArray()) {
      const guid = firstElement(node, 'guid');
      const link = text(node, 'link') || (guid?.attribs['isPermaLink'] !== 'false' ? textOf(guid) : '');
      const url = resolveLink(link, page.finalUrl);
      if (!url) continue;
      const date = text(node, 'pubDate') || text(node, 'dc:date');
      yield {
        url,
        title: cleanHtml(text(node, 'title')),
        body: cleanHtml(text(node, 'content:encoded') || text(node, 'description')),
        author: text(node, 'dc:creator') || text(node, 'author'),
        publishedAtText: date,
        marker: date,
      };
    }
    for (const node of $('entry').toArray()) {
      const links = $(node).children('link').toArray();
      const href = (links.find((l) => l.attribs['rel'] === 'alternate') ?? links[0])?.attribs['href'];
      const url = resolveLink(href, page.finalUrl);
      if (!url) continue;
      const published = text(node, 'published') || text(node, 'updated');
      yield {
        url,
        title: cleanHtml(text(node, 'title')),
        body: cleanHtml(text(node, 'content') || text(node, 'summary')),
        author: textOf(firstElement(firstElement(node, 'author'), 'name')),
        publishedAtText: published,
        marker: text(node, 'updated') || published,
      };
    }
  }
  if (!follow) return { items: drafts(), follow: [] };
  function* links(): Generator<FollowLink> {
    for (const d of drafts()) yield { url: d.url, label: 'DETAIL', depth: page.depth, marker: d.marker || undefined, draft: d };
  }
  return { items: [], follow: links() };
}

export function feedHandler(source: FeedSource, ctx: HandlerContext = defaultHandlerContext): PageHandler {
  return (page) => (page.label === 'FEED' ? readFeed(page, source.follow) : readArticlePage(page, source.detail, ctx, source.id));
}

/** The first descendant element named `name` (document order, as `find(name).first()`), or undefined. */
function firstElement(root: AnyNode | undefined, name: string): Element | undefined {
  if (!root || !('children' in root)) return undefined;
  for (const child of root.children) {
    if (child.type !== 'tag') continue;
    if (child.name === name) return child;
    const deeper = firstElement(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}
