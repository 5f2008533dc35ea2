/**
 * Handler of `sitemap` sources: a sitemap index leads to its sitemaps, a urlset to its pages (filtered by
 * `urlPattern`) with `lastmod` as the change marker, and each page is read with `detail` (selectors field by field, the
 * rest automatic). Gzipped sitemaps are
 * inflated first (inflateSitemap), never past the page byte cap.
 */
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { CrawlError } from '../errors.js';
import type { SitemapSource } from '../sources/source-config.js';
import { resolveLink } from '../extract/canonical-url.js';
import { compileUrlPattern, type UrlMatcher } from '../sources/url-pattern.js';
import { defaultHandlerContext } from './html-pages.js';
import { readArticlePage } from './read-article-page.js';
import type { FetchedPage, FollowLink, HandlerContext, PageHandler, PageResult } from './page-handler.js';

/**
 * `.xml.gz` sitemaps usually arrive as application/gzip bytes without Content-Encoding (which got would have undone),
 * so they are recognised by the gzip magic bytes, not by name or header. Inflation stops at `maxBytes` (a gzip bomb
 * of a few KB can expand to gigabytes): PAGE_TOO_LARGE; bytes that are not valid gzip: PARSE_FAILED.
 */
export function inflateSitemap(body: Buffer, url: string, maxBytes: number, sourceId?: string): Buffer {
  if (body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CrawlError('PAGE_TOO_LARGE', `gzipped sitemap inflates past ${maxBytes} bytes: ${url}`, { sourceId, url });
    }
    throw new CrawlError('PARSE_FAILED', `gzipped sitemap could not be inflated (${(error as Error).message}): ${url}`, { sourceId, url }, { cause: error });
  }
}

export function readSitemap(page: FetchedPage, urlPattern: UrlMatcher | undefined): PageResult {
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

export function sitemapHandler(source: SitemapSource, ctx: HandlerContext = defaultHandlerContext): PageHandler {
  // RE2, not RegExp: linear in the URL whatever the pattern (validated when the sources file was loaded).
  const pattern = source.urlPattern ? compileUrlPattern(source.urlPattern) : undefined;
  return (page) => (page.label === 'SITEMAP' ? readSitemap(page, pattern) : readArticlePage(page, source.detail, ctx, source.id));
}
