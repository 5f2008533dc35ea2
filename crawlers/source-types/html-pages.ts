/**
 * Handlers of the `html` (and `browser`) source type: a list page gives article links and its next page; an article
 * page gives one draft read with the detail selectors.
 */
import * as cheerio from 'cheerio';
import type { HtmlSource, BrowserSource, DetailSelectors } from '../sources/source-config.js';
import { extractFields } from '../extract/extract-fields.js';
import { resolveLink } from '../extract/canonical-url.js';
import type { FetchedPage, FollowLink, PageHandler, PageResult } from './page-handler.js';

export function readDetailPage(page: FetchedPage, detail: DetailSelectors): PageResult {
  const $ = cheerio.load(page.text);
  const f = extractFields($, detail);
  const draft = page.draft ?? {};
  return {
    items: [
      {
        url: page.url,
        title: f.title || draft.title || '',
        body: f.body || draft.body || '',
        author: f.author || draft.author || '',
        publishedAtText: f.publishedAtText || draft.publishedAtText || '',
        marker: draft.marker,
      },
    ],
    follow: [],
  };
}

export function readListPage(page: FetchedPage, list: HtmlSource['list']): PageResult {
  const $ = cheerio.load(page.text);
  const follow: FollowLink[] = [];
  $(list.itemLink).each((_, el) => {
    const url = resolveLink($(el).attr('href'), page.finalUrl);
    if (url) follow.push({ url, label: 'DETAIL', depth: page.depth });
  });
  if (list.nextPage) {
    const next = resolveLink($(list.nextPage).first().attr('href'), page.finalUrl);
    if (next) follow.push({ url: next, label: 'LIST', depth: page.depth + 1 });
  }
  return { items: [], follow };
}

export function htmlHandler(source: HtmlSource | BrowserSource): PageHandler {
  return (page) => (page.label === 'LIST' ? readListPage(page, source.list) : readDetailPage(page, source.detail));
}
