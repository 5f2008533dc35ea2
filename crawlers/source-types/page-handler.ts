/**
 * The contract between the crawl loop and a source type: a fetched, decoded page goes in; article drafts and links
 * to follow come out. Handlers are pure (no fetching, no seen-set, no limits); the loop applies those.
 */
import type { CrawlLogger } from '../logger.js';

/** What handlers need from the run: the source's zone and clock (automatic extraction reads dates) and the log. */
export interface HandlerContext {
  timezone: string;
  now: () => Date;
  log: CrawlLogger;
}

/** Why automatic extraction found no article on a page (crawlers/extract/auto/not-article.ts). */
export interface NotArticle {
  reason: 'no-article-body' | 'login-wall' | 'not-found' | 'list-page';
  detail: string;
}

export type PageLabel = 'LIST' | 'DETAIL' | 'FEED' | 'SITEMAP' | 'API';

export interface FetchedPage {
  /** Canonical URL that was requested. */
  url: string;
  /** URL after redirects (links resolve against it). */
  finalUrl: string;
  label: PageLabel;
  /** List/API hops from the start page. */
  depth: number;
  contentType: string;
  text: string;
  /** What the link that led here already knew (e.g. the feed item's title and date). */
  draft?: Partial<ItemDraft> | undefined;
}

/** An article as read from the page, before topic filtering, date parsing and hashing. */
export interface ItemDraft {
  /** Canonical URL of the article. */
  url: string;
  title: string;
  body: string;
  author: string;
  /** Raw date text as found (Chinese relative/absolute, ISO, RFC 822). */
  publishedAtText: string;
  /** Change marker from the listing (lastmod, feed update time) for the seen-set. */
  marker?: string | undefined;
  /** Set when the page holds no article: the draft gives no document and is counted as `notArticle`. */
  notArticle?: NotArticle | undefined;
}

export interface FollowLink {
  url: string;
  label: PageLabel;
  depth: number;
  marker?: string | undefined;
  draft?: Partial<ItemDraft> | undefined;
}

/** Items and links may be produced lazily (generators): the loop stops taking them at the run's document limit. */
export interface PageResult {
  items: Iterable<ItemDraft>;
  follow: Iterable<FollowLink>;
}

export type PageHandler = (page: FetchedPage) => PageResult;

export const nothing = (): PageResult => ({ items: [], follow: [] });
