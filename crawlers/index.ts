/** Public API of the crawl stage. Everything outside crawlers/ imports from here (or raw-document.ts). */
export { crawlSource, type CrawlOptions, type CrawlDeps } from './crawl-source.js';
export { loadSources, parseSources, sourceUrls } from './sources/load-sources.js';
export { createSourcesCache, type SourcesCache } from './sources/sources-cache.js';
export { MAX_SOURCES_FILE_BYTES } from './sources/sources-file-size.js';
export { SourceConfig, type SourceConfigInput, type HtmlSource, type BrowserSource, type FeedSource, type SitemapSource, type JsonSource } from './sources/source-config.js';
export { type SeenSet, type SeenEntry, MemorySeenSet } from './seen-set.js';
export { type CrawlSummary, type CrawlPageError, type SkipReason, skipReasons } from './crawl-summary.js';
export { CrawlError, crawlErrorCodes, type CrawlErrorCode, isCrawlError } from './errors.js';
export { type CrawlLogger, silentLogger } from './logger.js';
export { RawDocument, type RawDocumentInput } from './raw-document.js';
export { documentId, contentHash, hashAuthor } from './document-ids.js';
export { canonicalUrl } from './extract/canonical-url.js';
export { parseChineseDate, toZonedIso } from './extract/chinese-dates.js';
export { decodeBody } from './extract/decode-body.js';
export { parseAddressAllowance, isInternalAddress } from './politeness/address-guard.js';
export { type HostSlots, type SlotBooking, createMemoryHostSlots } from './politeness/host-slots.js';
export { extractArticle, type ArticleExtraction, type AutoField, type ExtractArticleInput } from './extract/auto/extract-article.js';
export { fetchPages, type FetchPageResult, type FetchPagesOptions } from './fetch/fetch-pages.js';
