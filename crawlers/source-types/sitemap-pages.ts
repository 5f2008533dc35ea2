/**
 * Handler of `sitemap` sources: a sitemap index leads to its sitemaps, a urlset to its pages (filtered by
 * `urlPattern`) with `lastmod` as the change marker, and each page is read with `detail`.
 */
import * as cheerio from 'cheerio';
import type { SitemapSource } from '../sources/source-config.js';
import { resolveLink } from '../extract/canonical-url.js';
import { readDetailPage } from './html-pages.js';
import type { FetchedPage, FollowLink, PageHandler, PageResult } from './page-handler.js';

export function readSitemap(page: FetchedPage, urlPattern: RegExp | undefined): PageResult {
  const $ = cheerio.load(page.text, { xml: { xmlMode: true } });
  const follow: FollowLink[] = [];
  $('sitemapindex > sitemap').each((_, node) => {
    const url = resolveLink($(node).children('loc').first().text().trim(), page.finalUrl);
    if (url) follow.push({ url, label: 'SITEMAP', depth: page.depth + 1 });
  });
  $('urlset > url').each((_, node) => {
    const url = resolveLink($(node).children('loc').first().text().trim(), page.finalUrl);
    if (!url || (urlPattern && !urlPattern.test(url))) return;
    const lastmod = $(node).children('lastmod').first().text().trim();
    follow.push({ url, label: 'DETAIL', depth: page.depth, marker: lastmod || undefined });
  });
  return { items: [], follow };
}

export function sitemapHandler(source: SitemapSource): PageHandler {
  const pattern = source.urlPattern ? new RegExp(source.urlPattern) : undefined;
  return (page) => (page.label === 'SITEMAP' ? readSitemap(page, pattern) : readDetailPage(page, source.detail));
}
