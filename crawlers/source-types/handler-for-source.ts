/** Picks the page handler and the start label of a source's type. */
import type { SourceConfig } from '../sources/source-config.js';
import { htmlHandler } from './html-pages.js';
import { feedHandler } from './feed-pages.js';
import { sitemapHandler } from './sitemap-pages.js';
import { jsonHandler } from './json-pages.js';
import type { HandlerContext, PageHandler, PageLabel } from './page-handler.js';

export function handlerFor(source: SourceConfig, ctx?: HandlerContext): PageHandler {
  switch (source.type) {
    case 'html':
    case 'browser':
      return htmlHandler(source, ctx);
    case 'rss':
    case 'atom':
      return feedHandler(source, ctx);
    case 'sitemap':
      return sitemapHandler(source, ctx);
    case 'json':
      return jsonHandler(source);
  }
}

export function startLabel(source: SourceConfig): PageLabel {
  switch (source.type) {
    case 'html':
    case 'browser':
      return 'LIST';
    case 'rss':
    case 'atom':
      return 'FEED';
    case 'sitemap':
      return 'SITEMAP';
    case 'json':
      return 'API';
  }
}
